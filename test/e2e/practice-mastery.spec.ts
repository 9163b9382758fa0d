import { expect, test, type Page } from "@playwright/test";

import { RNN_QUESTION_TITLE, rnnParameterCount } from "./support/accounts";
import { stored } from "./support/db";
import { signUpFreshStudent, variantIdFromUrl } from "./support/fresh-student";

const TOPIC_ID = "weight-sharing";
const TOPIC_TITLE = "Weight sharing and parameter counts";

/** Answers the open RNN variant on the page correctly, computing the key from its stored parameters. */
async function answerRnnCorrectly(page: Page, email: string): Promise<string> {
  await expect(page.getByRole("heading", { level: 1, name: RNN_QUESTION_TITLE })).toBeVisible();
  const variantId = variantIdFromUrl(page);
  const variant = stored.variant(email, variantId);
  expect(variant?.status).toBe("open");
  const { total } = rnnParameterCount(variant!.params);

  await page.getByRole("textbox", { name: /Total number of trainable parameters/ }).fill(String(total));
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByRole("heading", { name: "Score: 100%" })).toBeVisible();
  return variantId;
}

test("practise until a topic's mastery rises", async ({ page }) => {
  const { email } = await signUpFreshStudent(page, "mastery");
  const dashboardMastery = page.getByTestId(`mastery-${TOPIC_ID}`);
  // A new student starts every topic at the prior, 25%.
  await expect(dashboardMastery).toHaveText("25%");

  await page.goto(`/topics/${TOPIC_ID}`);
  await expect(page.getByRole("heading", { level: 1, name: TOPIC_TITLE })).toBeVisible();
  await expect(page.getByTestId(`mastery-${TOPIC_ID}`)).toHaveText("25%");
  const rnnRow = page.getByRole("row", { name: new RegExp(RNN_QUESTION_TITLE) });
  await expect(rnnRow.getByRole("cell").last()).toHaveText("none yet");

  await rnnRow.getByRole("link", { name: RNN_QUESTION_TITLE }).click();
  await answerRnnCorrectly(page, email);

  // One clean correct first try: 0.25 + 0.35 · (1 − 0.25) = 0.5125, shown as 51%.
  await page.goto(`/topics/${TOPIC_ID}`);
  await expect(page.getByTestId(`mastery-${TOPIC_ID}`)).toHaveText("51%");
  await expect(rnnRow.getByRole("cell").nth(1)).toHaveText("1");
  await expect(rnnRow.getByRole("cell").last()).toHaveText("100%");

  // A second variant, solved on its first try after the first variant closed and showed its
  // solution, counts with the after-solution weight 0.2: 0.5125 + 0.07 · (1 − 0.5125) = 0.546625,
  // shown as 55%.
  await rnnRow.getByRole("link", { name: RNN_QUESTION_TITLE }).click();
  await answerRnnCorrectly(page, email);
  await page.goto("/");
  await expect(dashboardMastery).toHaveText("55%");

  const rows = stored.submissions(email);
  expect(rows).toHaveLength(2);
  expect(rows.every((row) => row.gradable && row.totalScore === 1)).toBe(true);
});

test("adaptive practice names its reason", async ({ page }) => {
  await signUpFreshStudent(page, "adaptive");

  await page.goto(`/practice?topics=${TOPIC_ID}`);
  await expect(page.getByText(`Only these topics: ${TOPIC_TITLE}`)).toBeVisible();
  await page.getByRole("button", { name: "Practise these topics" }).click();
  await expect(page).toHaveURL(/\/variants\/[^/?]+\?reason=weakest&topic=weight-sharing$/);
  const notice = page.getByRole("status").filter({ hasText: "Chosen for you" });
  await expect(notice).toContainText(`Chosen for you from ${TOPIC_TITLE}: weakest topic`);

  await page.goto("/practice");
  await page.getByRole("button", { name: "Practise my weakest topics" }).click();
  await expect(page).toHaveURL(/\/variants\/[^/?]+\?reason=weakest&topic=/);
});

test("unknown topics get a clear error", async ({ page }) => {
  await signUpFreshStudent(page, "badtopic");

  await page.goto("/practice?topics=weight-sharing,no-such-topic");
  await expect(page.locator(".notice.error[role=alert]")).toContainText('Unknown topic "no-such-topic"');
  await expect(page.getByRole("button", { name: /Practise/ })).toHaveCount(0);

  await page.goto("/topics/no-such-topic");
  await expect(page.getByRole("heading", { level: 1, name: "Topic not found" })).toBeVisible();
});
