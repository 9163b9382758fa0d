import { expect, request as playwrightRequest, test, type Page } from "@playwright/test";

import { rnnParameterCount, signInApi } from "./support/accounts";
import { createAssessmentAsInstructor, INSTRUCTOR, signUpFreshStudent, storedExams } from "./support/exams";

const RNN = "rnn-parameter-count";
const FEED_FORWARD = "feed-forward-parameter-count";
const DEEP = "deep-network-parameter-count";

/** Creates a published assessment as the demo instructor, through the JSON API. */
async function createAssessment(baseURL: string, title: string, questionIds: string[], timeLimitMinutes: number): Promise<string> {
  const instructor = await playwrightRequest.newContext({ baseURL });
  try {
    await signInApi(instructor, INSTRUCTOR);
    return await createAssessmentAsInstructor(instructor, { title, questionIds, timeLimitMinutes });
  } finally {
    await instructor.dispose();
  }
}

async function startAssessment(page: Page, title: string): Promise<string> {
  await page.goto("/exams");
  await page.getByRole("button", { name: `Start ${title}` }).click();
  await expect(page).toHaveURL(/\/exams\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname.split("/").at(-1)!;
}

/** Seconds shown by the countdown (mm:ss or h:mm:ss). */
async function timerSeconds(page: Page): Promise<number> {
  const text = (await page.getByTestId("exam-timer").textContent()) ?? "";
  const parts = text.trim().split(":").map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

test("timer runs out: late save rejected, saved answers graded", async ({ page, context, baseURL }) => {
  // A one-minute assessment is a real instructor setting; the whole test needs a little over a minute.
  test.setTimeout(180_000);
  const title = `One-minute quiz ${Date.now()}`;
  await createAssessment(baseURL!, title, [RNN, FEED_FORWARD], 1);
  const student = await signUpFreshStudent(page, "timeout");
  const examId = await startAssessment(page, title);

  const exam = storedExams.exam(student.email, examId)!;
  expect(exam.items.map((item) => item.questionId)).toEqual([RNN, FEED_FORWARD]);
  const key = rnnParameterCount(exam.items[0]!.params).total;

  await page.getByRole("textbox", { name: /^Question 1, part 1/ }).fill(String(key));
  await expect(page.getByTestId("save-status")).toContainText("Saved at");

  // Answers typed while offline cannot reach the server before the deadline.
  await context.setOffline(true);
  await page.getByRole("textbox", { name: /^Question 2, part 1/ }).fill("123");
  await expect(page.getByTestId("save-status")).toContainText("Not saved — retrying", { timeout: 15_000 });

  await expect(page.getByRole("heading", { name: "Time is up" })).toBeVisible({ timeout: 90_000 });
  await context.setOffline(false);

  const deadline = storedExams.exam(student.email, examId)!.deadline;
  const endedAt = deadline.slice(11, 19);
  await expect(page.getByText(`The exam ended at ${endedAt} UTC; answers saved until then were graded.`).first()).toBeVisible({ timeout: 30_000 });
  await page.getByRole("link", { name: "See your report" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Report: ${title}` })).toBeVisible();

  await expect(page.getByTestId("report-q1-part1")).toContainText(String(key));
  await expect(page.getByTestId("report-q1-part1")).toContainText("Correct (100%)");
  await expect(page.getByTestId("report-q2-part1")).toContainText("Unanswered (0%)");
  await expect(page.getByTestId("report-q2-part1")).not.toContainText("123");

  const graded = storedExams.exam(student.email, examId)!;
  expect(graded.status).toBe("finished");
  expect(graded.finishedAt).toBe(deadline);
  expect(graded.items[0]!.submission?.totalScore).toBe(1);
  expect(graded.items[1]!.savedAnswers).toEqual({});
  expect(graded.items[1]!.submission?.totalScore).toBe(0);
  expect(graded.items[1]!.submission?.parts.every((part) => part.rawInput === "")).toBe(true);
  // Mean of 1 and 0.
  expect(graded.score).toBe(0.5);
  await expect(page.getByTestId("exam-total-score")).toHaveText("Total score: 50%");
});

test("reload resumes answers and countdown", async ({ page }) => {
  const student = await signUpFreshStudent(page, "reload");
  await page.goto("/exams");
  await page.getByLabel("Number of questions").fill("4");
  await page.getByLabel(/Weight sharing and parameter counts/).check();
  await page.getByLabel(/Feed-forward parameter counts/).check();
  await page.getByRole("button", { name: "Start exam" }).click();
  await expect(page).toHaveURL(/\/exams\/[0-9a-f-]{36}$/);
  const examId = new URL(page.url()).pathname.split("/").at(-1)!;

  const first = page.getByRole("textbox", { name: /^Question 1, part 1/ });
  const second = page.getByRole("textbox", { name: /^Question 2, part 1/ });
  await first.fill("111");
  await second.fill("222");
  await expect(page.getByTestId("save-status")).toContainText("Saved at");
  await expect
    .poll(() => storedExams.exam(student.email, examId)!.items.filter((item) => Object.values(item.savedAnswers).length > 0).length)
    .toBe(2);
  const before = await timerSeconds(page);
  expect(before).toBeGreaterThan(0);

  await page.reload();
  await expect(page.getByRole("textbox", { name: /^Question 1, part 1/ })).toHaveValue("111");
  await expect(page.getByRole("textbox", { name: /^Question 2, part 1/ })).toHaveValue("222");
  await expect(page.getByTestId("save-status")).toContainText("Saved at");
  const afterReload = await timerSeconds(page);
  expect(afterReload).toBeLessThanOrEqual(before);
  expect(afterReload).toBeGreaterThan(before - 60);
  await expect.poll(() => timerSeconds(page), { timeout: 5_000 }).toBeLessThan(afterReload);

  await page.getByRole("button", { name: "Submit exam" }).click();
  await page.getByRole("button", { name: "Yes, submit the exam" }).click();
  await expect(page.getByRole("heading", { name: "Exam submitted" })).toBeVisible();
  expect(storedExams.exam(student.email, examId)!.status).toBe("finished");
});

test("report topic scores match stored submissions", async ({ page, baseURL }) => {
  const title = `Counting quiz ${Date.now()}`;
  await createAssessment(baseURL!, title, [RNN, FEED_FORWARD, DEEP], 20);
  const student = await signUpFreshStudent(page, "report");
  const examId = await startAssessment(page, title);
  const exam = storedExams.exam(student.email, examId)!;
  const key = rnnParameterCount(exam.items[0]!.params).total;

  // The practice routes reject the exam's variants, so no feedback or solution leaks during the exam.
  const practiceView = await page.request.get(`/api/variants/${exam.items[0]!.variantId}`);
  expect(practiceView.status()).toBe(409);
  expect(((await practiceView.json()) as { error: { message: string } }).error.message).toBe(
    "This question belongs to a practice exam; answer it on the exam page.",
  );
  const practiceSubmit = await page.request.post(`/api/variants/${exam.items[0]!.variantId}/submissions`, {
    data: { idempotencyKey: `probe-${Date.now()}`, answers: { total: String(key) } },
  });
  expect(practiceSubmit.status()).toBe(409);

  await page.getByRole("textbox", { name: /^Question 1, part 1/ }).fill(String(key));
  await page.getByRole("textbox", { name: /^Question 2, part 1/ }).fill("not a number");
  await expect(page.getByTestId("save-status")).toContainText("Saved at");
  await expect.poll(() => storedExams.exam(student.email, examId)!.items[1]!.savedAnswers).toEqual({ "hidden-layer": "not a number" });
  await page.getByRole("button", { name: "Submit exam" }).click();
  await page.getByRole("button", { name: "Yes, submit the exam" }).click();
  await page.getByRole("link", { name: "See your report" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Report: ${title}` })).toBeVisible();

  // The unreadable answer scores 0 and its format error is shown.
  await expect(page.getByTestId("report-q2-part1")).toContainText("Could not be read (0%)");

  // Expected per-topic means, computed here from the stored submissions.
  const graded = storedExams.exam(student.email, examId)!;
  const sums = new Map<string, { sum: number; count: number }>();
  for (const item of graded.items) {
    expect(item.submission, `item ${item.position} has a submission`).not.toBeNull();
    for (const topic of item.topics) {
      const entry = sums.get(topic) ?? { sum: 0, count: 0 };
      entry.sum += item.submission!.totalScore;
      entry.count += 1;
      sums.set(topic, entry);
    }
  }
  expect(graded.items[0]!.submission!.totalScore).toBe(1);

  const rows = page.locator("tr[data-topic]");
  await expect(rows).toHaveCount(sums.size);
  for (const [topic, { sum, count }] of sums) {
    const row = page.locator(`tr[data-topic="${topic}"]`);
    await expect(row.locator("td").nth(0)).toHaveText(String(count));
    await expect(row.locator("td").nth(1)).toHaveText(`${Math.round((sum / count) * 100)}%`);
  }
  const overall = graded.items.reduce((total, item) => total + item.submission!.totalScore, 0) / graded.items.length;
  await expect(page.getByTestId("exam-total-score")).toHaveText(`Total score: ${Math.round(overall * 100)}%`);

  const weakest = page.getByRole("link", { name: "Practise my weakest topics" });
  const href = (await weakest.getAttribute("href")) ?? "";
  expect(href.startsWith("/practice?topics=")).toBe(true);
  const linked = href.slice("/practice?topics=".length).split(",");
  // weight-sharing scored 100% (the RNN answer was correct), so it is not among the weakest.
  expect(linked).not.toContain("weight-sharing");
  expect(linked.length).toBeGreaterThan(0);
});

test("students get 403 on the instructor side", async ({ page }) => {
  await signUpFreshStudent(page, "forbidden");
  const courseId = storedExams.courseId("NEURAL-2026");
  const response = await page.request.get(`/api/courses/${courseId}/assessments`);
  expect(response.status()).toBe(403);
  const pageResponse = await page.goto(`/instructor/courses/${courseId}/assessments`);
  expect(pageResponse?.status()).toBe(403);
});
