import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

import { JOIN_CODE, signInWithForm } from "./support/accounts";
import { stored } from "./support/db";

const INSTRUCTOR = { email: "instructor@example.edu", password: "instructor-demo" } as const;

const TITLE = `RNN count written in the browser ${Date.now()}`;
const QUESTION_ID = `tpl-e2e-rnn-${Date.now()}`;
const MISCONCEPTION_MESSAGE = "You left out the recurrent weights U, a K × K matrix shared by every time step.";

/** A template whose key comes from the numerics function rnn_params. */
const SOURCE = JSON.stringify(
  {
    format: 1,
    title: TITLE,
    topics: ["weight-sharing"],
    difficulty: 1,
    expectedMinutes: 4,
    variables: [
      { name: "p", value: "randint(2, 9)" },
      { name: "K", value: "randint(10, 40)" },
    ],
    prompt: "A simple RNN reads sequences with $p = {{p}}$ features per step. It has $K = {{K}}$ hidden units and one output unit.",
    parts: [
      {
        id: "total",
        label: "Total number of trainable parameters",
        type: "integer",
        answer: "rnn_params(p, K, 1)",
        misconceptions: [{ tag: "rnn-no-recurrent", answer: "K*(p + 1) + (K + 1)", message: MISCONCEPTION_MESSAGE }],
      },
    ],
    solution: "Input weights and bias $K(p+1)$, recurrent weights $K^2$, output $K + 1$: in total {{answer_total}}.",
  },
  null,
  2,
);

/** K(p+1) + K² + (K+1): the Keras parameter count of a simple RNN with one output, computed by hand. */
function rnnCounts(p: number, K: number): { key: number; noRecurrent: number } {
  return { key: K * (p + 1) + K * K + (K + 1), noRecurrent: K * (p + 1) + (K + 1) };
}

/** Reads p and K from a rendered prompt ("p = 5 … K = 17"); KaTeX repeats the text, so the first match counts. */
async function readShape(page: Page, container: ReturnType<Page["locator"]>): Promise<{ p: number; K: number }> {
  const text = (await container.innerText()).replace(/\s+/g, " ");
  const p = /p\s*=\s*(\d+)/.exec(text);
  const K = /K\s*=\s*(\d+)/.exec(text);
  expect(p, `p in "${text}"`).not.toBeNull();
  expect(K, `K in "${text}"`).not.toBeNull();
  return { p: Number(p![1]), K: Number(K![1]) };
}

test("instructor publishes a template and a student practises it", async ({ page, browser }) => {
  test.setTimeout(180_000);

  // Instructor: create, write, preview, test and publish.
  await signInWithForm(page, INSTRUCTOR);
  await page.goto("/instructor/templates");
  await expect(page.getByRole("heading", { level: 1, name: "Question templates" })).toBeVisible();
  await page.getByLabel("Question id").fill(QUESTION_ID);
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page).toHaveURL(/\/instructor\/templates\/[^/]+$/);

  const sourceBox = page.getByLabel(/Template source/);
  await sourceBox.fill(SOURCE.replace("rnn_params(p, K, 1)", "rnn_parameters(p, K, 1)"));
  await page.getByRole("button", { name: "Save draft" }).click();
  const unknownLine = SOURCE.split("\n").findIndex((line) => line.includes("rnn_params")) + 1;
  await expect(page.getByRole("button", { name: `Line ${unknownLine}` })).toBeVisible();
  await expect(page.getByText('the function "rnn_parameters" is unknown')).toBeVisible();

  await sourceBox.fill(SOURCE);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Draft saved. It compiles.")).toBeVisible();

  for (const seed of [3, 4]) {
    await page.getByLabel("Seed", { exact: true }).fill(String(seed));
    await page.getByRole("button", { name: `Preview seed ${seed}` }).click();
    const preview = page.getByLabel(`Preview of seed ${seed}`);
    await expect(preview).toBeVisible();
    const shape = await readShape(page, preview.locator(".prompt").first());
    const counts = rnnCounts(shape.p, shape.K);
    await expect(preview.getByText(`Key (total): ${counts.key}`)).toBeVisible();
    await expect(preview.getByText(`rnn-no-recurrent: ${counts.noRecurrent}`)).toBeVisible();
  }

  const publish = page.getByRole("button", { name: "Publish" });
  await expect(publish).toBeDisabled();
  await page.getByLabel("Seeds to test").fill("100");
  await page.getByRole("button", { name: "Test over 100 seeds" }).click();
  await expect(page.getByText("Test finished: 100 of 100 seeds")).toBeVisible({ timeout: 120_000 });
  await expect(page.locator("progress")).toHaveJSProperty("value", 100);
  await expect(page.getByText("100 passed, 0 failed, 0 degenerate draws, 0 misconception collisions.")).toBeVisible();
  await expect(publish).toBeEnabled();
  await publish.click();
  await expect(page.getByText("Published version 1.")).toBeVisible();
  // The server-rendered heading and status follow the saved source without a reload.
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByText("Status: published v1", { exact: true })).toBeVisible();
  await page.goto("/instructor/templates");
  await expect(page.getByRole("row", { name: new RegExp(TITLE) })).toContainText("published v1");

  // Student: a fresh account in the course answers with the misconception, then correctly.
  const studentContext = await browser.newContext();
  const student = await studentContext.newPage();
  const email = `template-student-${Date.now()}@example.edu`;
  await student.goto("/signup");
  await student.getByLabel("Name").fill("Template Student");
  await student.getByLabel("Email").fill(email);
  await student.getByLabel("Password").fill("a-long-password-1");
  await student.getByLabel("Course join code").fill(JOIN_CODE);
  await student.getByRole("button", { name: "Create account" }).click();
  await expect(student.getByText("Your account was created")).toBeVisible();
  await student.getByLabel("Email").fill(email);
  await student.getByLabel("Password").fill("a-long-password-1");
  await student.getByRole("button", { name: "Sign in" }).click();
  await expect(student.getByRole("heading", { level: 1, name: "Practice by topic" })).toBeVisible();

  await student.getByRole("link", { name: TITLE }).click();
  await expect(student).toHaveURL(/\/variants\/[^/]+$/);
  await expect(student.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  const [variant] = stored.variants(email, QUESTION_ID);
  expect(variant?.questionVersion).toBe(1);

  const shape = await readShape(student, student.locator(".prompt").first());
  const counts = rnnCounts(shape.p, shape.K);
  const answer = student.getByRole("textbox", { name: /Total number of trainable parameters/ });
  const submit = student.getByRole("button", { name: "Submit answers" });
  const form = student.getByRole("form", { name: "Your answers" });

  await answer.fill(String(counts.noRecurrent));
  await submit.click();
  await expect(student.getByRole("heading", { name: "Score: 0%" })).toBeVisible();
  await expect(form.getByText(MISCONCEPTION_MESSAGE)).toBeVisible();
  await expect(student.getByText("rnn-no-recurrent"), "the internal tag is not shown").toHaveCount(0);

  await answer.fill(String(counts.key));
  await submit.click();
  await expect(student.getByRole("heading", { name: "Score: 100%" })).toBeVisible();
  await expect(student.getByRole("heading", { name: "Worked solution" })).toBeVisible();

  const submissions = stored.submissions(email, variant!.id);
  expect(submissions.map((submission) => submission.misconceptionTags).sort()).toEqual([[], ["rnn-no-recurrent"]]);
  await studentContext.close();

  // Instructor: the class analytics show the template question and the misconception answer.
  await page.getByRole("link", { name: "Teaching" }).click();
  await page.getByRole("link", { name: "Statistical Learning: Neural Networks" }).click();
  await page.getByRole("link", { name: "Class analytics" }).click();
  const questionRow = page
    .getByRole("table", { name: /Per-question figures/ })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: TITLE }) });
  // Only this run's student answered the new template: two gradable attempts.
  await expect(questionRow.getByRole("cell").nth(0)).toHaveText("2");
  const misconceptions = page.getByRole("table", { name: TITLE, exact: true });
  const tagRow = misconceptions.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "rnn-no-recurrent" }) });
  await expect(tagRow.getByRole("cell").nth(0)).toHaveText("1");
  await expect(tagRow).toContainText(String(counts.noRecurrent));
});

test("students cannot open the template pages", async ({ page }) => {
  await signInWithForm(page, { email: "student1@example.edu", password: "student-demo" });
  const response = await page.goto("/instructor/templates");
  expect(response?.status()).toBe(403);
  const api = await page.request.get("/api/templates");
  expect(api.status()).toBe(403);
});

/** Fails with the offending rule and elements when the page scrolls sideways or axe finds a WCAG 2 A/AA violation. */
async function expectAccessible(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal overflow of ${what} in CSS pixels`).toBeLessThanOrEqual(0);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`), what).toEqual([]);
}

test("template pages fit 360 px and pass axe", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signInWithForm(page, INSTRUCTOR);
  await page.goto("/instructor/templates");
  await expectAccessible(page, "the template list");

  await page.getByRole("link", { name: "Parameters of a dense network" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Parameters of a dense network" })).toBeVisible();
  // The preview controls are reachable and usable by keyboard.
  await page.getByLabel("Seed", { exact: true }).focus();
  await page.keyboard.press("Tab");
  const previewButton = page.getByRole("button", { name: "Preview seed 1" });
  await expect(previewButton).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Preview of seed 1")).toBeVisible();
  await expectAccessible(page, "the editor with a preview");
});
