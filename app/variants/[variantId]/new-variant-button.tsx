"use client";

import { useActionState } from "react";

import { IDLE_ACTION_STATE, type ActionState } from "@/lib/http/action-state";

import { newVariantAction } from "./actions";

export function NewVariantButton({ variantId, emphasis }: { variantId: string; emphasis: boolean }) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(newVariantAction, IDLE_ACTION_STATE);

  return (
    <form action={formAction} className="actions">
      <input type="hidden" name="variantId" value={variantId} />
      <button type="submit" className={emphasis ? undefined : "secondary"} disabled={pending}>
        {pending ? "Drawing a new variant…" : "New variant"}
      </button>
      <span aria-live="polite" className="field-error">
        {state.status === "error" ? state.message : ""}
      </span>
    </form>
  );
}
