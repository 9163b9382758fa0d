"use client";

import { useActionState } from "react";

import { IDLE_ACTION_STATE, type ActionState } from "@/lib/http/action-state";

import { startPracticeAction } from "./actions";

/** The "Practise my weakest topics" button; `topics` is the validated comma-separated filter, if any. */
export function PracticeForm({ topics }: { topics: string | null }) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(startPracticeAction, IDLE_ACTION_STATE);

  return (
    <form action={formAction} className="stack">
      {topics === null ? null : <input type="hidden" name="topics" value={topics} />}
      <p className="actions">
        <button type="submit" disabled={pending}>
          {pending ? "Choosing a question…" : topics === null ? "Practise my weakest topics" : "Practise these topics"}
        </button>
      </p>
      <p role="status" className="field-error">
        {state.status === "error" ? state.message : ""}
      </p>
    </form>
  );
}
