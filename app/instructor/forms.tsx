"use client";

import { useActionState, useState } from "react";

import { IDLE_ACTION_STATE, type ActionState } from "@/lib/http/action-state";

import { createCourseAction, regenerateJoinCodeAction, removeStudentAction } from "./actions";

function Status({ state }: { state: ActionState }) {
  return (
    <div role="status" aria-live="polite" className={state.status === "error" ? "notice error" : "notice"}>
      {state.status === "idle" ? null : <p>{state.message}</p>}
      {state.status === "error" && state.fields
        ? Object.entries(state.fields).map(([field, messages]) => <p key={field} className="field-error">{messages[0]}</p>)
        : null}
    </div>
  );
}

export function CreateCourseForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(createCourseAction, IDLE_ACTION_STATE);
  return (
    <form action={action} className="card" noValidate>
      <h2>New course</h2>
      <Status state={state} />
      <div className="field">
        <label htmlFor="course-title">Course title</label>
        <input id="course-title" name="title" type="text" required maxLength={200} defaultValue={state.status === "error" ? state.values?.title : ""} />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Creating…" : "Create course"}
      </button>
    </form>
  );
}

export function RegenerateJoinCodeForm({ courseId }: { courseId: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(regenerateJoinCodeAction, IDLE_ACTION_STATE);
  return (
    <form action={action}>
      <input type="hidden" name="courseId" value={courseId} />
      <button type="submit" className="button" disabled={pending}>
        New join code
      </button>
      <Status state={state} />
    </form>
  );
}

/** Two steps: "Remove" reveals a confirmation button, so one stray click removes nobody. */
export function RemoveStudentForm({ courseId, userId, name }: { courseId: string; userId: string; name: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(removeStudentAction, IDLE_ACTION_STATE);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="link-button" onClick={() => setConfirming(true)}>
        Remove<span className="visually-hidden"> {name}</span>
      </button>
    );
  }
  return (
    <form action={action}>
      <input type="hidden" name="courseId" value={courseId} />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="confirm" value="yes" />
      <p>Remove {name} from this course? Their submissions are kept.</p>
      <button type="submit" className="button" disabled={pending}>
        Confirm removal<span className="visually-hidden"> of {name}</span>
      </button>{" "}
      <button type="button" className="link-button" onClick={() => setConfirming(false)}>
        Cancel
      </button>
      <Status state={state} />
    </form>
  );
}
