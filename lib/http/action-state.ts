import type { FieldErrors } from "./app-error";

// Client-safe: forms import this file, so it must not import server-only modules.

/** State a form keeps between runs of its server action (React's useActionState). */
export type ActionState =
  | { status: "idle" }
  | { status: "success"; message: string }
  | {
      status: "error";
      message: string;
      fields?: FieldErrors;
      /** Submitted field values except passwords, so the form can refill itself after React resets it. */
      values?: Record<string, string>;
    };

export const IDLE_ACTION_STATE: ActionState = { status: "idle" };
