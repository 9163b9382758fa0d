"use client";

import { useActionState } from "react";

import { IDLE_ACTION_STATE, type ActionState } from "@/lib/http/action-state";

import { signUpAction } from "./actions";

interface FieldSpec {
  name: "name" | "email" | "password" | "joinCode";
  label: string;
  type: "text" | "email" | "password";
  autoComplete: string;
  hint?: string;
}

const FIELDS: FieldSpec[] = [
  { name: "name", label: "Name", type: "text", autoComplete: "name" },
  { name: "email", label: "Email", type: "email", autoComplete: "email" },
  { name: "password", label: "Password", type: "password", autoComplete: "new-password", hint: "At least 10 characters." },
  { name: "joinCode", label: "Course join code", type: "text", autoComplete: "off", hint: "For example NEURAL-2026." },
];

export function SignUpForm() {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(signUpAction, IDLE_ACTION_STATE);
  const fields = state.status === "error" ? (state.fields ?? {}) : {};
  const values = state.status === "error" ? (state.values ?? {}) : {};

  return (
    <form action={formAction} noValidate className="card">
      <div aria-live="polite" role="status" className={state.status === "error" ? "notice error" : "notice"}>
        {state.status === "error" ? (
          <>
            <p>{state.message}</p>
            {Object.keys(fields).length > 0 ? (
              <ul>
                {FIELDS.filter((field) => fields[field.name]).map((field) => (
                  <li key={field.name}>
                    {field.label}: {fields[field.name]?.[0]}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : null}
      </div>

      {FIELDS.map((field) => {
        const id = `signup-${field.name}`;
        const error = fields[field.name]?.[0];
        const describedBy = [field.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
        return (
          <div className="field" key={field.name}>
            <label htmlFor={id}>{field.label}</label>
            {field.hint ? (
              <span id={`${id}-hint`} className="hint">
                {field.hint}
              </span>
            ) : null}
            <input
              id={id}
              name={field.name}
              type={field.type}
              autoComplete={field.autoComplete}
              required
              // The form resets after each action; the server returns what was typed (never the password).
              defaultValue={field.type === "password" ? undefined : values[field.name]}
              key={`${field.name}-${values[field.name] ?? ""}`}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy || undefined}
            />
            {error ? (
              <p id={`${id}-error`} className="field-error">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}

      <button type="submit" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </button>
    </form>
  );
}
