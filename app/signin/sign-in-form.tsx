"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";

import { signInSchema } from "@/lib/auth/schemas";
import { SIGN_IN_THROTTLED_CODE } from "@/lib/auth/sign-in-throttle";

type Status = { kind: "idle" } | { kind: "pending" } | { kind: "error"; message: string; fields: Record<string, string> };

export function SignInForm({ callbackPath }: { callbackPath: string }) {
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const fieldErrors = status.kind === "error" ? status.fields : {};

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message;
      setStatus({ kind: "error", message: "Check the highlighted fields.", fields });
      return;
    }

    setStatus({ kind: "pending" });
    const result = await signIn("credentials", { ...parsed.data, redirect: false });
    if (result?.error === SIGN_IN_THROTTLED_CODE) {
      setStatus({
        kind: "error",
        message: "Too many failed sign-ins for this email. Wait up to 15 minutes, then try again.",
        fields: {},
      });
      return;
    }
    if (!result || result.error) {
      setStatus({ kind: "error", message: "The email or password is incorrect.", fields: {} });
      return;
    }
    // A full navigation, so the server renders the next page with the new session cookie.
    window.location.assign(callbackPath);
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="card">
      <div aria-live="polite" role="status" className={status.kind === "error" ? "notice error" : "notice"}>
        {status.kind === "error" ? status.message : ""}
      </div>
      <div className="field">
        <label htmlFor="signin-email">Email</label>
        <input
          id="signin-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          aria-invalid={fieldErrors.email ? true : undefined}
          aria-describedby={fieldErrors.email ? "signin-email-error" : undefined}
        />
        {fieldErrors.email ? (
          <p id="signin-email-error" className="field-error">
            {fieldErrors.email}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="signin-password">Password</label>
        <input
          id="signin-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={fieldErrors.password ? true : undefined}
          aria-describedby={fieldErrors.password ? "signin-password-error" : undefined}
        />
        {fieldErrors.password ? (
          <p id="signin-password-error" className="field-error">
            {fieldErrors.password}
          </p>
        ) : null}
      </div>
      <button type="submit" disabled={status.kind === "pending"}>
        {status.kind === "pending" ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
