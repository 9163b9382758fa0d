import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

import { signInWithForm } from "./support/accounts";
import { INSTRUCTOR, signUpFreshStudent, storedExams } from "./support/exams";

test.use({ viewport: { width: 360, height: 740 } });

async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const violations = results.violations.map(
    (violation) => `${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
  expect(violations, `axe violations on ${what}`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal overflow of ${what} in CSS pixels`).toBeLessThanOrEqual(0);
}

test("instructor sets an assessment; extension applies", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const studentContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const studentPage = await studentContext.newPage();
  const student = await signUpFreshStudent(studentPage, "extension");
  const courseId = storedExams.courseId("NEURAL-2026");

  await signInWithForm(page, INSTRUCTOR);
  await page.goto(`/instructor/courses/${courseId}/assessments`);
  await expect(page.getByRole("heading", { level: 1, name: /^Assessments: / })).toBeVisible();
  await expectAccessible(page, "the assessment list");

  const title = `Form quiz ${Date.now()}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Time limit in minutes").fill("15");
  await page.getByLabel(/^Parameters of a simple RNN/).check();
  await page.getByLabel(/^Regularization \(up to/).fill("1");
  await page.getByLabel(/^Published/).check();
  await page.getByRole("button", { name: "Create assessment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expectAccessible(page, "the assessment editor");

  await page.getByLabel("Student e-mail").fill(student.email);
  await page.getByLabel(/^Extra minutes/).fill("7");
  await page.getByRole("button", { name: "Set extra time" }).click();
  await expect(page.getByText(`${student.email} gets 7 extra minutes.`)).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: student.email })).toContainText("7 extra minutes");

  await studentPage.goto("/exams");
  const card = studentPage.getByRole("listitem").filter({ has: studentPage.getByRole("heading", { name: title }) });
  await expect(card).toContainText("Time limit 15 min plus 7 min extra for you");
  await expectAccessible(studentPage, "the exam list");
  await card.getByRole("button", { name: `Start ${title}` }).click();
  await expect(studentPage).toHaveURL(/\/exams\/[0-9a-f-]{36}$/);
  const examId = new URL(studentPage.url()).pathname.split("/").at(-1)!;

  const exam = storedExams.exam(student.email, examId)!;
  // 15 minutes plus 7 extra.
  expect(new Date(exam.deadline).getTime() - new Date(exam.startedAt).getTime()).toBe(22 * 60_000);
  expect(exam.items.map((item) => item.questionId)[0]).toBe("rnn-parameter-count");
  expect(exam.items).toHaveLength(2);
  expect(exam.items[1]!.topics).toContain("regularization");
  await expectAccessible(studentPage, "the exam page");

  // The timer shows about 22 minutes.
  const timer = (await studentPage.getByTestId("exam-timer").textContent()) ?? "";
  const [minutes] = timer.split(":").map(Number);
  expect(minutes).toBeGreaterThanOrEqual(21);
  expect(minutes).toBeLessThanOrEqual(22);

  // Keyboard only: reach "Submit exam", confirm, and land on the report link.
  await studentPage.getByRole("button", { name: "Submit exam" }).focus();
  await studentPage.keyboard.press("Enter");
  await expect(studentPage.getByRole("button", { name: "Yes, submit the exam" })).toBeFocused();
  await studentPage.keyboard.press("Enter");
  await expect(studentPage.getByRole("heading", { name: "Exam submitted" })).toBeFocused();
  // The countdown gives way to "Ended" once the exam is over.
  await expect(studentPage.getByTestId("exam-timer")).toHaveCount(0);
  await expect(studentPage.getByTestId("exam-ended")).toHaveText("Ended");
  await studentPage.getByRole("link", { name: "See your report" }).click();
  await expect(studentPage.getByRole("heading", { level: 1, name: `Report: ${title}` })).toBeVisible();
  await expectAccessible(studentPage, "the report");
  await studentContext.close();
});
