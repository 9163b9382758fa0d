import { execFileSync } from "node:child_process";
import path from "node:path";

import { expect, type APIRequestContext, type Page } from "@playwright/test";

import { JOIN_CODE } from "./accounts";

// Helpers of the exam specs: typed reads of the e2e database and a fresh student account.

export interface StoredExamItem {
  id: string;
  variantId: string;
  position: number;
  questionId: string;
  topics: string[];
  params: unknown;
  savedAnswers: Record<string, string>;
  submission: { totalScore: number; gradable: boolean; parts: { partId: string; rawInput: string; score: number | null }[] } | null;
}

export interface StoredExam {
  id: string;
  status: "in_progress" | "finished";
  startedAt: string;
  deadline: string;
  finishedAt: string | null;
  score: number | null;
  items: StoredExamItem[];
}

const ROOT_DIR = path.resolve(__dirname, "..", "..", "..");
const TSX_CLI = path.join(ROOT_DIR, "node_modules", "tsx", "dist", "cli.mjs");
const QUERY_SCRIPT = path.join(__dirname, "exam-db-query.ts");

function query<T>(operation: string, args: Record<string, string>): T {
  const output = execFileSync(process.execPath, [TSX_CLI, QUERY_SCRIPT, operation, JSON.stringify(args)], {
    cwd: ROOT_DIR,
    env: { ...process.env, LOG_LEVEL: "silent" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(output.trim().split("\n").at(-1) ?? "null") as T;
}

export const storedExams = {
  exam: (email: string, examId: string) => query<StoredExam | null>("exam", { email, examId }),
  courseId: (joinCode: string) => query<{ id: string } | null>("course", { joinCode })?.id ?? null,
};

export const INSTRUCTOR = { email: "instructor@example.edu", password: "instructor-demo" } as const;
const NEW_PASSWORD = "exam-spec-password-1";

/** Signs up a new student with the course join code and signs them in; returns the account. */
export async function signUpFreshStudent(page: Page, label: string): Promise<{ email: string; password: string }> {
  const email = `exam-${label}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.edu`;
  await page.goto("/signup");
  await page.getByLabel("Name").fill(`Exam ${label}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(NEW_PASSWORD);
  await page.getByLabel("Course join code").fill(JOIN_CODE);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Your account was created")).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/signin/);
  return { email, password: NEW_PASSWORD };
}

/** Creates a published assessment of the demo course through the instructor API; returns its id. */
export async function createAssessmentAsInstructor(
  request: APIRequestContext,
  body: { title: string; questionIds: string[]; timeLimitMinutes: number },
): Promise<string> {
  const courseId = storedExams.courseId(JOIN_CODE);
  expect(courseId).not.toBeNull();
  const response = await request.post(`/api/courses/${courseId}/assessments`, {
    data: {
      title: body.title,
      questionSpec: body.questionIds.map((questionId) => ({ questionId })),
      timeLimitMinutes: body.timeLimitMinutes,
      opensAt: null,
      closesAt: null,
      maxAttempts: 1,
      published: true,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { assessment: { id: string } }).assessment.id;
}
