import { expect, test, type Page } from "@playwright/test";

import { RNN_QUESTION_TITLE, rnnParameterCount, signInWithForm, STUDENT1, STUDENT2 } from "./support/accounts";
import { stored } from "./support/db";

/** Opens the RNN question, then draws a new variant so the flow starts with no tries used. */
async function openFreshRnnVariant(page: Page): Promise<string> {
  await page.getByRole("link", { name: RNN_QUESTION_TITLE }).click();
  await expect(page).toHaveURL(/\/variants\/[^/]+$/);
  const resumedId = new URL(page.url()).pathname.split("/").at(-1)!;
  // The question page resumes an open variant that earlier specs may have answered already.
  await page.getByRole("button", { name: "New variant" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/variants/${resumedId}$`));
  await expect(page.getByRole("heading", { level: 1, name: RNN_QUESTION_TITLE })).toBeVisible();
  await expect(page.getByText("Try 1 of 3")).toBeVisible();
  return new URL(page.url()).pathname.split("/").at(-1)!;
}

test("wrong answer gives feedback only; right answer closes and shows the solution", async ({ page }) => {
  const progressBefore = stored.progress(STUDENT1.email).find((row) => row.topic === "weight-sharing");

  await page.goto("/");
  await expect(page, "a page without a session redirects to sign-in").toHaveURL(/\/signin\?callbackUrl=/);
  await signInWithForm(page, STUDENT1);
  const variantId = await openFreshRnnVariant(page);

  const variant = stored.variant(STUDENT1.email, variantId);
  expect(variant?.status).toBe("open");
  const counts = rnnParameterCount(variant!.params);

  const answer = page.getByRole("textbox", { name: /Total number of trainable parameters/ });
  const submit = page.getByRole("button", { name: "Submit answers" });
  const solutionHeading = page.getByRole("heading", { name: "Worked solution" });
  // The form contains the result of the latest submission; the history below repeats the feedback.
  const form = page.getByRole("form", { name: "Your answers" });

  // Wrong: the recurrent layer counted once per time step.
  await answer.fill(String(counts.perStepMistake));
  await expect(page.getByText("We read your answer as")).toBeVisible();
  await submit.click();
  await expect(page.getByRole("heading", { name: "Score: 0%" })).toBeVisible();
  await expect(form.getByText("You counted the recurrent layer's weights once per time step")).toBeVisible();
  await expect(page.getByText("rnn-weights-per-time-step"), "the internal tag is not shown").toHaveCount(0);
  await expect(page.getByText("Try 2 of 3")).toBeVisible();
  await expect(page.getByText("2 tries left")).toBeVisible();
  await expect(solutionHeading).toHaveCount(0);
  expect(stored.variant(STUDENT1.email, variantId)?.status).toBe("open");

  await answer.fill(String(counts.total));
  await submit.click();
  await expect(page.getByRole("heading", { name: "Score: 100%" })).toBeVisible();
  await expect(solutionHeading).toBeVisible();
  await expect(page.getByText("You answered this variant correctly")).toBeVisible();
  await expect(submit).toBeDisabled();
  expect(stored.variant(STUDENT1.email, variantId)?.status).toBe("closed");

  await page.getByRole("link", { name: "Review" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your attempts" })).toBeVisible();
  // Other specs also submit as student1, so only the attempts that link to this variant count.
  const attempts = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: RNN_QUESTION_TITLE }) })
    .filter({ has: page.locator(`a[href="/variants/${variantId}"]`) });
  await expect(attempts).toHaveCount(2);
  await expect(attempts.nth(0)).toContainText("100%");
  await expect(attempts.nth(0)).toContainText(String(counts.total));
  await expect(attempts.nth(1)).toContainText("0%");
  await expect(attempts.nth(1)).toContainText(String(counts.perStepMistake));

  const rows = stored.submissions(STUDENT1.email, variantId);
  expect(rows).toHaveLength(2);
  const [newest, oldest] = rows;
  expect(oldest!.gradable).toBe(true);
  expect(oldest!.totalScore).toBe(0);
  expect(oldest!.parts[0]!.rawInput).toBe(String(counts.perStepMistake));
  expect(oldest!.misconceptionTags, "the tag stays in the database for analytics").toEqual(["rnn-weights-per-time-step"]);
  expect(newest!.gradable).toBe(true);
  expect(newest!.totalScore).toBe(1);
  expect(newest!.parts[0]!.rawInput).toBe(String(counts.total));

  const progressAfter = stored.progress(STUDENT1.email).find((row) => row.topic === "weight-sharing");
  expect(progressAfter?.gradedAttempts).toBe((progressBefore?.gradedAttempts ?? 0) + 2);
  expect(progressAfter?.correctAttempts).toBe((progressBefore?.correctAttempts ?? 0) + 1);
});

test("format error is shown once and cleared by editing", async ({ page }) => {
  await signInWithForm(page, STUDENT2);
  const variantId = await openFreshRnnVariant(page);

  const answer = page.getByRole("textbox", { name: /Total number of trainable parameters/ });
  await answer.fill("twelve");
  await expect(answer).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByRole("heading", { name: "Not graded" })).toBeVisible();

  // The part's message appears once, at the field; the result box only has the summary line.
  const form = page.getByRole("form", { name: "Your answers" });
  await expect(form.locator(".field-error")).toHaveCount(1);
  await expect(page.getByText("no try was used")).toBeVisible();
  await expect(page.getByText("Try 1 of 3")).toBeVisible();

  await answer.fill("12*(3+1)");
  await expect(page.getByText("We read your answer as")).toBeVisible();
  await expect(form.locator(".field-error")).toHaveCount(0);
  await expect(answer).not.toHaveAttribute("aria-invalid", "true");

  const rows = stored.submissions(STUDENT2.email, variantId);
  expect(rows).toHaveLength(1);
  expect(rows[0]!.gradable).toBe(false);
});

test("student gives up after confirming and sees the solution", async ({ page }) => {
  await signInWithForm(page, STUDENT2);
  const variantId = await openFreshRnnVariant(page);
  const counts = rnnParameterCount(stored.variant(STUDENT2.email, variantId)!.params);

  const answer = page.getByRole("textbox", { name: /Total number of trainable parameters/ });
  await answer.fill(String(counts.total + 1));
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByRole("heading", { name: "Score: 0%" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Worked solution" })).toHaveCount(0);

  // Cancelling the confirmation keeps the variant open.
  await page.getByRole("button", { name: "Show solution" }).click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("heading", { name: "Worked solution" })).toHaveCount(0);
  expect(stored.variant(STUDENT2.email, variantId)?.status).toBe("open");

  await page.getByRole("button", { name: "Show solution" }).click();
  await expect(page.getByText("Showing the solution closes this variant")).toBeVisible();
  await page.getByRole("button", { name: "Yes, show the solution" }).click();
  await expect(page.getByRole("heading", { name: "Worked solution" })).toBeVisible();
  await expect(page.getByText("solution is shown")).toBeVisible();
  await expect(page.getByRole("button", { name: "Submit answers" })).toBeDisabled();
  expect(stored.variant(STUDENT2.email, variantId)?.status).toBe("closed");

  // The question page now draws a new variant instead of reopening the closed one.
  await page.goto("/");
  await page.getByRole("link", { name: RNN_QUESTION_TITLE }).click();
  await expect(page).toHaveURL(/\/variants\/[^/]+$/);
  expect(new URL(page.url()).pathname.split("/").at(-1)).not.toBe(variantId);
  await expect(page.getByText("Try 1 of 3")).toBeVisible();
});
