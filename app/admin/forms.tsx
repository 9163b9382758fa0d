"use client";

import { useActionState } from "react";

import { IDLE_ACTION_STATE, type ActionState } from "@/lib/http/action-state";

import { createInstructorAction, setRoleAction } from "./actions";

function Status({ state }: { state: ActionState }) {
  return (
    <div role="status" aria-live="polite" className={state.status === "error" ? "notice error" : "notice"}>
      {state.status === "idle" ? null : <p>{state.message}</p>}
    </div>
  );
}

const FIELDS = [
  { name: "name", label: "Name", type: "text", autoComplete: "off" },
  { name: "email", label: "Email", type: "email", autoComplete: "off" },
  { name: "password", label: "Initial password", type: "password", autoComplete: "new-password" },
] as const;

export function CreateInstructorForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(createInstructorAction, IDLE_ACTION_STATE);
  const fields = state.status === "error" ? (state.fields ?? {}) : {};
  const values = state.status === "error" ? (state.values ?? {}) : {};
  return (
    <form action={action} className="card" noValidate>
      <h2>New instructor account</h2>
      <Status state={state} />
      {FIELDS.map((field) => {
        const id = `instructor-${field.name}`;
        const error = fields[field.name]?.[0];
        return (
          <div className="field" key={field.name}>
            <label htmlFor={id}>{field.label}</label>
            <input
              id={id}
              name={field.name}
              type={field.type}
              autoComplete={field.autoComplete}
              defaultValue={field.type === "password" ? "" : values[field.name]}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            />
            {error ? (
              <span id={`${id}-error`} className="field-error">
                {error}
              </span>
            ) : null}
          </div>
        );
      })}
      <button type="submit" className="button" disabled={pending}>
        Create instructor
      </button>
    </form>
  );
}

export function RoleForm({ userId, email, role }: { userId: string; email: string; role: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(setRoleAction, IDLE_ACTION_STATE);
  const id = `role-${userId}`;
  return (
    <form action={action}>
      <input type="hidden" name="userId" value={userId} />
      <label htmlFor={id} className="visually-hidden">
        Role of {email}
      </label>
      <select id={id} name="role" defaultValue={role}>
        <option value="student">student</option>
        <option value="instructor">instructor</option>
        <option value="admin">admin</option>
      </select>{" "}
      <button type="submit" className="button" disabled={pending}>
        Save<span className="visually-hidden"> role of {email}</span>
      </button>
      <Status state={state} />
    </form>
  );
}
