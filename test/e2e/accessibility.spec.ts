import { expect, test, type Page } from "@playwright/test";

import { RNN_QUESTION_TITLE, signInWithForm, STUDENT2 } from "./support/accounts";

const BIAS_VARIANCE_QUESTION_ID = "bias-variance-simulation";

test.use({ viewport: { width: 320, height: 640 } });

test("skip link is the first tab stop", async ({ page }) => {
  await page.goto("/signin");
  await page.keyboard.press("Tab");
  const skipLink = page.getByRole("link", { name: "Skip to main content" });
  await expect(skipLink).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("question page fits a 320 px screen", async ({ page }) => {
  await signInWithForm(page, STUDENT2);
  await page.getByRole("link", { name: RNN_QUESTION_TITLE }).click();
  await expect(page.getByRole("heading", { level: 1, name: RNN_QUESTION_TITLE })).toBeVisible();

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "horizontal overflow in CSS pixels").toBeLessThanOrEqual(0);

  // The answer box is reachable by keyboard and has a visible focus outline.
  const answer = page.getByRole("textbox", { name: /Total number of trainable parameters/ });
  await answer.focus();
  const outline = await answer.evaluate((element) => getComputedStyle(element).outlineStyle);
  expect(outline).not.toBe("none");
});

/** Page overflow in CSS pixels and the innermost elements that stick out, so a failure names its cause. */
async function horizontalOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .filter((element) => ![...element.children].some((child) => child.getBoundingClientRect().right > width + 0.5))
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")} right=${Math.round(element.getBoundingClientRect().right)}`);
    return { overflow: document.documentElement.scrollWidth - width, culprits };
  });
}

test.describe("at 360 px", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("bias-variance question and its solution fit the screen", async ({ page }) => {
    await signInWithForm(page, STUDENT2);
    await page.goto(`/questions/${BIAS_VARIANCE_QUESTION_ID}`);
    await expect(page).toHaveURL(/\/variants\/[^/]+$/);
    await expect(page.getByRole("heading", { level: 2, name: "Question" })).toBeVisible();
    // The prompt's table of training inputs is the widest element of this question.
    await expect(page.locator(".prompt table").first()).toBeVisible();

    const question = await horizontalOverflow(page);
    expect(question.overflow, `horizontal overflow of the question page; widest: ${question.culprits.join(", ")}`).toBeLessThanOrEqual(0);

    // A cell with a number (the first is the row label) keeps it on one line, not one digit per line.
    const cell = page.locator(".prompt td").nth(1);
    const cellLines = await cell.evaluate((element) => {
      const lineHeight = Number.parseFloat(getComputedStyle(element).lineHeight);
      const paddingBlock = Number.parseFloat(getComputedStyle(element).paddingTop) + Number.parseFloat(getComputedStyle(element).paddingBottom);
      return Math.round((element.getBoundingClientRect().height - paddingBlock) / lineHeight);
    });
    expect(cellLines, "lines of text in the first table cell").toBe(1);

    await page.getByRole("button", { name: "Show solution" }).click();
    await page.getByRole("button", { name: "Yes, show the solution" }).click();
    await expect(page.getByRole("heading", { name: "Worked solution" })).toBeVisible();

    const solution = await horizontalOverflow(page);
    expect(solution.overflow, `horizontal overflow with the solution shown; widest: ${solution.culprits.join(", ")}`).toBeLessThanOrEqual(0);
  });
});
