import { expect, test } from "@playwright/test";

import { JOIN_CODE, signInApi, STUDENT2 } from "./support/accounts";

// The server allows 10 failed sign-ins per email within 15 minutes (lib/auth/sign-in-throttle.ts).
const ALLOWED_FAILURES = 10;

test("after ten wrong passwords even the right one is refused with a clear message", async ({ page, request }) => {
  const email = `throttled-${Date.now()}@example.edu`;
  const password = "a-long-password-2";
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Throttled Student");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Course join code").fill(JOIN_CODE);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Your account was created")).toBeVisible();

  for (let attempt = 1; attempt <= ALLOWED_FAILURES; attempt += 1) {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password: `wrong-password-${attempt}`, json: "true" },
      maxRedirects: 0,
    });
    const { url } = (await response.json()) as { url: string };
    expect(url, `failed attempt ${attempt} is an ordinary rejection`).toContain("error=CredentialsSignin");
  }

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Too many failed sign-ins for this email.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Practice by topic" })).toHaveCount(0);

  // The limit is per email: another account on the same client still signs in.
  await signInApi(request, STUDENT2);
});
