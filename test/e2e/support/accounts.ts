import { expect, type APIRequestContext, type Page } from "@playwright/test";

/** Accounts created by the demo seed on a new database. */
export const STUDENT1 = { email: "student1@example.edu", password: "student-demo" } as const;
export const STUDENT2 = { email: "student2@example.edu", password: "student-demo" } as const;
export const JOIN_CODE = "NEURAL-2026";

export const RNN_QUESTION_ID = "rnn-parameter-count";
export const RNN_QUESTION_TITLE = "Parameters of a simple RNN";

/** Signs in through the sign-in form, as a student would. */
export async function signInWithForm(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Practice by topic" })).toBeVisible();
}

/**
 * Signs a request context in with next-auth's credentials flow, exactly as docs/api.md describes
 * it for scripts: fetch a CSRF token (which also sets the CSRF cookie), post it with the
 * credentials, and keep the session cookie that comes back.
 */
export async function signInApi(request: APIRequestContext, account: { email: string; password: string }): Promise<void> {
  const csrfResponse = await request.get("/api/auth/csrf");
  expect(csrfResponse.status()).toBe(200);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };

  const signInResponse = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: account.email, password: account.password, json: "true" },
    maxRedirects: 0,
  });
  expect(signInResponse.status()).toBe(200);
  const { url } = (await signInResponse.json()) as { url: string };
  expect(url, "a failed sign-in returns a URL with an error parameter").not.toContain("error=");

  const sessionResponse = await request.get("/api/auth/session");
  const session = (await sessionResponse.json()) as { user?: { email?: string } };
  expect(session.user?.email).toBe(account.email);
}

/** Computes the RNN parameter-count key from the variant's parameters: K(p+1) + K² + M(K+1), Keras convention. */
export function rnnParameterCount(params: unknown): { total: number; perStepMistake: number; p: number; K: number; L: number; M: number } {
  const { p, K, L, task } = params as { p: number; K: number; L: number; task: { kind: "scalar" } | { kind: "softmax"; classes: number } };
  const M = task.kind === "scalar" ? 1 : task.classes;
  return {
    total: K * (p + 1) + K * K + M * (K + 1),
    // Counting the recurrent layer once per time step, the typical mistake the question detects.
    perStepMistake: L * (K * (p + 1) + K * K) + M * (K + 1),
    p,
    K,
    L,
    M,
  };
}
