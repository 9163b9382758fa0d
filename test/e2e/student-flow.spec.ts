import { expect, test } from "@playwright/test";

import { RNN_QUESTION_TITLE, rnnParameterCount, signInWithForm, STUDENT1 } from "./support/accounts";
import { stored } from "./support/db";

test("student answers wrongly, then correctly, and sees both attempts", async ({ page }) => {
  const progressBefore = stored.progress(STUDENT1.email).find((row) => row.topic === "weight-sharing");

  await page.goto("/");
  await expect(page, "a page without a session redirects to sign-in").toHaveURL(/\/signin\?callbackUrl=/);
  await signInWithForm(page, STUDENT1);

  await page.getByRole("link", { name: RNN_QUESTION_TITLE }).click();
  await expect(page).toHaveURL(/\/variants\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: RNN_QUESTION_TITLE })).toBeVisible();
  const variantId = new URL(page.url()).pathname.split("/").at(-1)!;

  const variant = stored.variant(STUDENT1.email, variantId);
  expect(variant?.status).toBe("open");
  const counts = rnnParameterCount(variant!.params);
  // The page resumes student1's open variant, which other specs may already have answered.
  const earlier = stored.submissions(STUDENT1.email, variantId).length;

  const answer = page.getByRole("textbox", { name: /Total number of trainable parameters/ });
  const submit = page.getByRole("button", { name: "Submit answers" });

  // Wrong: the recurrent layer counted once per time step.
  await answer.fill(String(counts.perStepMistake));
  await expect(page.getByText("We read your answer as")).toBeVisible();
  await submit.click();
  await expect(page.getByRole("heading", { name: "Score: 0%" })).toBeVisible();
  await expect(page.getByText("Common mistake: rnn-weights-per-time-step")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Worked solution" })).toBeVisible();

  await answer.fill(String(counts.total));
  await submit.click();
  await expect(page.getByRole("heading", { name: "Score: 100%" })).toBeVisible();

  await page.getByRole("link", { name: "Attempts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your attempts" })).toBeVisible();
  // Other specs also submit as student1, so only the attempts that link to this variant count.
  const attempts = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: RNN_QUESTION_TITLE }) })
    .filter({ has: page.locator(`a[href="/variants/${variantId}"]`) });
  await expect(attempts).toHaveCount(earlier + 2);
  await expect(attempts.nth(0)).toContainText("100%");
  await expect(attempts.nth(0)).toContainText(String(counts.total));
  await expect(attempts.nth(1)).toContainText("0%");
  await expect(attempts.nth(1)).toContainText(String(counts.perStepMistake));

  const rows = stored.submissions(STUDENT1.email, variantId);
  expect(rows).toHaveLength(earlier + 2);
  const [newest, oldest] = rows;
  expect(oldest!.gradable).toBe(true);
  expect(oldest!.totalScore).toBe(0);
  expect(oldest!.parts[0]!.rawInput).toBe(String(counts.perStepMistake));
  expect(oldest!.misconceptionTags).toEqual(["rnn-weights-per-time-step"]);
  expect(newest!.gradable).toBe(true);
  expect(newest!.totalScore).toBe(1);
  expect(newest!.parts[0]!.rawInput).toBe(String(counts.total));

  const progressAfter = stored.progress(STUDENT1.email).find((row) => row.topic === "weight-sharing");
  expect(progressAfter?.gradedAttempts).toBe((progressBefore?.gradedAttempts ?? 0) + 2);
  expect(progressAfter?.correctAttempts).toBe((progressBefore?.correctAttempts ?? 0) + 1);
});
