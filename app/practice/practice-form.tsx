"use client";

import { useActionState } from "react";

import { IDLE_ACTION_STATE, type ActionState } from "@/lib/http/action-state";

import { startPracticeAction } from "./actions";

/** Renders the "Practise my weakest topics" button; `topics` is the validated comma-separated filter, if any. */
export function PracticeForm({ topics }: { topics: string | null }) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(startPracticeAction, IDLE_ACTION_STATE);
  let label = topics === null ? "Practise my weakest topics" : "Practise these topics";
  if (pending) label = "Choosing a question…";

  return (
    <form action={formAction} className="stack">
      {topics === null ? null : <input type="hidden" name="topics" value={topics} />}
      <p className="actions">
        <button type="submit" disabled={pending}>
          {label}
        </button>
      </p>
      <p role="status" className="field-error">
        {state.status === "error" ? state.message : ""}
      </p>
    </form>
  );
}
