import { expect, test } from "@playwright/test";

import { RNN_QUESTION_TITLE, signInWithForm, STUDENT2 } from "./support/accounts";

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
