import { expect, test } from "@playwright/test";

import { JOIN_CODE } from "./support/accounts";
import { stored } from "./support/db";

test("sign-up with the course join code creates a student", async ({ page }) => {
  const email = `new-student-${Date.now()}@example.edu`;
  await page.goto("/signup");
  await page.getByLabel("Name").fill("New Student");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-long-password-1");
  await page.getByLabel("Course join code").fill(JOIN_CODE);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByText("Your account was created")).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-long-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Practice by topic" })).toBeVisible();

  const user = stored.user(email);
  expect(user?.role).toBe("student");
  expect(user?.name).toBe("New Student");
});

test("sign-up with an unknown join code shows a field error", async ({ page }) => {
  const email = `rejected-student-${Date.now()}@example.edu`;
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Rejected Student");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-long-password-1");
  await page.getByLabel("Course join code").fill("NO-SUCH-CODE");
  await page.getByRole("button", { name: "Create account" }).click();

  const joinCode = page.getByLabel("Course join code");
  await expect(joinCode).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("No course has this join code. Check it with your instructor.").first()).toBeVisible();
  await expect(page.getByRole("status")).toContainText("No course has this join code");
  // What was typed stays in the form, so only the code needs fixing.
  await expect(page.getByLabel("Email")).toHaveValue(email);
  expect(stored.user(email)).toBeNull();
});
