import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

import { RNN_QUESTION_ID, RNN_QUESTION_TITLE, rnnParameterCount, signInWithForm, STUDENT2 } from "./support/accounts";
import { stored } from "./support/db";
import { signUpFreshStudent } from "./support/fresh-student";

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

/** Runs axe on the page and returns its serious and critical violations, each with the first offending nodes. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.slice(0, 3).map((node) => node.target.join(" ")).join(" | ")}`);
}

test("axe check reports an unlabelled field", async ({ page }) => {
  // A page with a known serious violation, so a broken axe setup cannot pass the checks below.
  await page.setContent('<html lang="en"><head><title>t</title></head><body><main><input type="text"></main></body></html>');
  const violations = await seriousViolations(page);
  expect(violations.some((violation) => violation.startsWith("label "))).toBe(true);
});

test.describe("axe at 360 px", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("main pages have no serious violations", async ({ page }) => {
    test.setTimeout(180_000);

    await page.goto("/signin");
    expect(await seriousViolations(page), "sign-in page").toEqual([]);

    const { email } = await signUpFreshStudent(page, "axe");
    expect(await seriousViolations(page), "dashboard").toEqual([]);

    await page.goto("/topics");
    await expect(page.getByRole("heading", { level: 1, name: "Topics" })).toBeVisible();
    expect(await seriousViolations(page), "topic list").toEqual([]);

    await page.goto("/topics/weight-sharing");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await seriousViolations(page), "topic page").toEqual([]);

    // The RNN question's prompt contains KaTeX math.
    await page.goto(`/questions/${RNN_QUESTION_ID}`);
    await expect(page.getByRole("heading", { level: 1, name: RNN_QUESTION_TITLE })).toBeVisible();
    await expect(page.locator(".prompt .katex").first()).toBeVisible();
    const variantId = new URL(page.url()).pathname.split("/").at(-1)!;
    const { total } = rnnParameterCount(stored.variant(email, variantId)!.params);
    await page.getByRole("textbox", { name: /Total number of trainable parameters/ }).fill(String(total + 1));
    await page.getByRole("button", { name: "Submit answers" }).click();
    await expect(page.getByRole("heading", { name: "Score: 0%" })).toBeVisible();
    expect(await seriousViolations(page), "variant page with feedback").toEqual([]);

    await page.goto("/attempts");
    await expect(page.getByRole("heading", { level: 1, name: "Your attempts" })).toBeVisible();
    expect(await seriousViolations(page), "review list").toEqual([]);

    await page.getByRole("link", { name: /Review this attempt/ }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: /^Review:/ })).toBeVisible();
    expect(await seriousViolations(page), "review detail").toEqual([]);

    await page.goto("/practice");
    expect(await seriousViolations(page), "practice page").toEqual([]);

    await page.goto("/progress");
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
    expect(await seriousViolations(page), "progress page").toEqual([]);
    const overflow = await horizontalOverflow(page);
    expect(overflow.overflow, `horizontal overflow of the progress page; widest: ${overflow.culprits.join(", ")}`).toBeLessThanOrEqual(0);
  });

  test("practice flow works by keyboard", async ({ page }) => {
    await signUpFreshStudent(page, "keyboard");
    await page.goto("/topics/weight-sharing");

    // Tab to "Practise this topic" and follow it, then start practice with Enter.
    const practiseLink = page.getByRole("link", { name: "Practise this topic" });
    for (let step = 0; step < 40 && !(await practiseLink.evaluate((element) => element === document.activeElement)); step += 1) {
      await page.keyboard.press("Tab");
    }
    await expect(practiseLink).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/practice\?topics=weight-sharing$/);

    const start = page.getByRole("button", { name: "Practise these topics" });
    for (let step = 0; step < 40 && !(await start.evaluate((element) => element === document.activeElement)); step += 1) {
      await page.keyboard.press("Tab");
    }
    await expect(start).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/variants\/[^/?]+\?reason=weakest&topic=weight-sharing$/);
  });
});
