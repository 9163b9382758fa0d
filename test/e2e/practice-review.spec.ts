import { expect, test, type Page } from "@playwright/test";

import { RNN_QUESTION_ID, RNN_QUESTION_TITLE, rnnParameterCount } from "./support/accounts";
import { stored, type StoredSubmission } from "./support/db";
import { signUpFreshStudent, variantIdFromUrl } from "./support/fresh-student";

/** Checks that the review page shows exactly the stored parts: raw input, score and feedback. */
async function expectReviewMatches(page: Page, row: StoredSubmission): Promise<void> {
  await page.goto(`/attempts/${row.id}`);
  await expect(page.getByRole("heading", { level: 1, name: `Review: ${RNN_QUESTION_TITLE}` })).toBeVisible();
  const parts = page.locator("[data-part-id]");
  await expect(parts).toHaveCount(row.parts.length);
  for (const [index, part] of row.parts.entries()) {
    const card = parts.nth(index);
    await expect(card, `part ${index + 1} is listed in stored order`).toHaveAttribute("data-part-id", part.partId);
    await expect(card.getByTestId("raw-input")).toHaveText(part.rawInput);
    await expect(card.getByTestId("part-score")).toHaveText(part.score === null ? "not graded" : `${Math.round(part.score * 100)}%`);
    if (part.feedback === null) await expect(card.getByTestId("part-feedback")).toHaveCount(0);
    else await expect(card.getByTestId("part-feedback")).toHaveText(part.feedback);
  }
  const result = row.gradable ? `score ${Math.round(row.totalScore * 100)}%` : "could not be read";
  await expect(page.getByTestId("review-result")).toContainText(result);
}

test("the review shows what the database holds", async ({ page }) => {
  const { email } = await signUpFreshStudent(page, "review");
  await page.goto(`/questions/${RNN_QUESTION_ID}`);
  await expect(page.getByRole("heading", { level: 1, name: RNN_QUESTION_TITLE })).toBeVisible();
  const variantId = variantIdFromUrl(page);
  const counts = rnnParameterCount(stored.variant(email, variantId)!.params);
  const answer = page.getByRole("textbox", { name: /Total number of trainable parameters/ });
  const submit = page.getByRole("button", { name: "Submit answers" });

  await answer.fill("twelve");
  await submit.click();
  await expect(page.getByRole("heading", { name: "Not graded" })).toBeVisible();
  await answer.fill(String(counts.perStepMistake));
  await submit.click();
  await expect(page.getByRole("heading", { name: "Score: 0%" })).toBeVisible();

  // While the variant is open, the review shows the answer and feedback but no solution.
  const [wrong, unread] = stored.submissions(email);
  expect(wrong?.gradable).toBe(true);
  expect(unread?.gradable).toBe(false);
  await expectReviewMatches(page, wrong!);
  await expect(page.getByText("You counted the recurrent layer's weights once per time step")).toBeVisible();
  await expect(page.locator("dd", { hasText: /^1 of 3$/ }), "the wrong answer used try 1").toBeVisible();
  await expect(page.getByRole("heading", { name: "Worked solution" })).toHaveCount(0);
  await expect(page.getByText(String(counts.total), { exact: true })).toHaveCount(0);
  await expectReviewMatches(page, unread!);

  await page.goto(`/variants/${variantId}`);
  await answer.fill(String(counts.total));
  await submit.click();
  await expect(page.getByRole("heading", { name: "Score: 100%" })).toBeVisible();

  const rows = stored.submissions(email);
  expect(rows).toHaveLength(3);
  const correct = rows[0]!;
  await expectReviewMatches(page, correct);
  // The variant is closed now, so every attempt's review shows the worked solution.
  await expect(page.getByRole("heading", { name: "Worked solution" })).toBeVisible();
  await expectReviewMatches(page, wrong!);
  await expect(page.getByRole("heading", { name: "Worked solution" })).toBeVisible();

  // The list has one row per stored submission, newest first, and the filters narrow it.
  await page.goto("/attempts");
  const listed = page.locator("[data-submission-id]");
  await expect(listed).toHaveCount(3);
  expect(await listed.evaluateAll((items) => items.map((item) => item.getAttribute("data-submission-id")))).toEqual(rows.map((row) => row.id));

  await page.getByLabel("Result").selectOption("incorrect");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/result=incorrect/);
  await expect(listed).toHaveCount(1);
  await expect(listed.first()).toHaveAttribute("data-submission-id", wrong!.id);

  await page.goto("/attempts?result=not-gradable");
  await expect(listed).toHaveCount(1);
  await expect(listed.first()).toHaveAttribute("data-submission-id", unread!.id);

  await page.goto("/attempts?topic=regularization");
  await expect(listed).toHaveCount(0);
  await expect(page.getByText("No attempts match these filters.")).toBeVisible();

  await page.goto("/attempts?topic=weight-sharing&result=correct");
  await expect(listed).toHaveCount(1);
  await listed.first().getByRole("link", { name: /Review this attempt/ }).click();
  await expect(page).toHaveURL(new RegExp(`/attempts/${correct.id}$`));

  await page.goto("/attempts?result=wrong");
  await expect(page.locator(".notice.error[role=alert]")).toContainText('Unknown result "wrong"');
});
