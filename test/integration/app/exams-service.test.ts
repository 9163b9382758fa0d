import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { SessionUser } from "@/lib/auth/session";
import { openRawDatabase } from "@/test/support/db";

// The exam service reads the process-wide database handle, so DATABASE_URL must name a fresh
// temporary file before any module opens it. The modules are therefore imported in beforeAll.
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "exams-service-"));
const databaseFile = path.join(tempDir, "app.db");
const databaseUrl = `file:${databaseFile}`;
process.env.DATABASE_URL = databaseUrl;

type Exams = typeof import("@/lib/exams");
type Practice = typeof import("@/lib/practice");
type DbModule = typeof import("@/lib/db");
let exams: Exams;
let practice: Practice;
let db: DbModule;
let instructor: SessionUser;
let student1: SessionUser;
let student2: SessionUser;
let courseId: string;

const execFileAsync = promisify(execFile);
const TSX_CLI = path.resolve("node_modules", "tsx", "dist", "cli.mjs");
const WORKER_SCRIPT = path.resolve("test", "integration", "app", "fixtures", "finalize-exam-worker.ts");

const RNN = "rnn-parameter-count";
const FEED_FORWARD = "feed-forward-parameter-count";
const MINUTE = 60_000;

async function sessionUser(email: string): Promise<SessionUser> {
  const user = await db.selectUserByEmail({ email });
  if (user === null) throw new Error(`seeded user ${email} is missing`);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** K(p+1) + K² + M(K+1): simple RNN with one bias vector per layer (Keras convention). */
function rnnKey(params: unknown): number {
  const { p, K, task } = params as { p: number; K: number; task: { kind: string; classes?: number } };
  const M = task.kind === "softmax" ? task.classes! : 1;
  return K * (p + 1) + K * K + M * (K + 1);
}

/** Creates a published assessment of the demo course with fixed questions, as the instructor. */
async function createAssessment(overrides: Partial<{ questionIds: string[]; timeLimitMinutes: number; opensAt: Date | null; closesAt: Date | null; maxAttempts: number; published: boolean }> = {}) {
  return exams.createAssessment({
    user: instructor,
    unsafeCourseId: courseId,
    input: {
      title: `Quiz ${Math.random().toString(36).slice(2, 8)}`,
      questionSpec: (overrides.questionIds ?? [RNN, FEED_FORWARD]).map((questionId) => ({ questionId })),
      timeLimitMinutes: overrides.timeLimitMinutes ?? 30,
      opensAt: overrides.opensAt ?? null,
      closesAt: overrides.closesAt ?? null,
      maxAttempts: overrides.maxAttempts ?? 5,
      published: overrides.published ?? true,
    },
  });
}

async function finishOpenSittings(user: SessionUser): Promise<void> {
  for (const exam of await exams.listExams({ user })) {
    if (exam.status === "in_progress") await exams.submitExam({ user, unsafeExamId: exam.id });
  }
}

function rowCount(sql: string, ...params: unknown[]): number {
  const raw = openRawDatabase(databaseFile);
  try {
    return (raw.prepare(sql).get(...params) as { count: number }).count;
  } finally {
    raw.close();
  }
}

beforeAll(async () => {
  const { migrateDatabase } = await import("@/lib/db/migrate");
  const { seedDemoData } = await import("@/lib/db/seed");
  await migrateDatabase({ databaseUrl });
  db = await import("@/lib/db");
  await seedDemoData(db.getDb());
  exams = await import("@/lib/exams");
  practice = await import("@/lib/practice");
  instructor = await sessionUser("instructor@example.edu");
  student1 = await sessionUser("student1@example.edu");
  student2 = await sessionUser("student2@example.edu");
  const course = await db.selectCourseByJoinCode({ joinCode: "NEURAL-2026" });
  courseId = course!.id;
}, 60_000);

afterAll(async () => {
  await db?.getDb().close();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

describe("bank exams", () => {
  it("assembles distinct exam-mode variants without keys", async () => {
    const { examId } = await exams.startBankExam({ user: student1, questionCount: 5 });
    const state = await exams.getExamForUser({ user: student1, unsafeExamId: examId });
    expect(state.status).toBe("in_progress");
    if (state.status !== "in_progress") return;

    expect(state.items).toHaveLength(5);
    expect(new Set(state.items.map((item) => item.view.questionId)).size).toBe(5);
    const modes = rowCount(`SELECT COUNT(*) AS count FROM "Variant" v JOIN "ExamItem" i ON i."variantId" = v.id WHERE i."examAttemptId" = ? AND v.mode = 'exam'`, examId);
    expect(modes).toBe(5);
    // The default limit is the questions' expected minutes added up.
    const expected = state.items.reduce((sum, item) => sum + item.view.expectedMinutes, 0);
    expect(new Date(state.deadline).getTime() - new Date(state.startedAt).getTime()).toBe(expected * MINUTE);
    // The page gets the student view only: these fields and nothing derived from keys or solutions.
    const viewFields = ["difficulty", "expectedMinutes", "figures", "hasCsv", "parts", "promptHtml", "questionId", "questionVersion", "title", "topics"];
    const partFields = new Set(["answerType", "id", "inputHint", "labelHtml", "options", "placeholder"]);
    for (const item of state.items) {
      expect(Object.keys(item).sort()).toEqual(["itemId", "position", "savedAnswers", "savedAt", "view"]);
      expect(Object.keys(item.view).sort()).toEqual(viewFields);
      for (const part of item.view.parts) {
        expect(Object.keys(part).filter((field) => !partFields.has(field))).toEqual([]);
      }
    }
    await exams.submitExam({ user: student1, unsafeExamId: examId });
  });

  it("rejects a second open sitting", async () => {
    const { examId } = await exams.startBankExam({ user: student2, questionCount: 4 });
    await expect(exams.startBankExam({ user: student2, questionCount: 4 })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining(`/exams/${examId}`),
    });
    await exams.submitExam({ user: student2, unsafeExamId: examId });
  });

  it("rejects unknown topics and oversized requests", async () => {
    await expect(exams.startBankExam({ user: student1, questionCount: 4, topics: ["no-such-topic"] })).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining('"no-such-topic"'),
    });
    // weight-sharing has two questions in the bank.
    await expect(exams.startBankExam({ user: student1, questionCount: 4, topics: ["weight-sharing"] })).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining("Only 2 questions"),
    });
  });
});

describe("exam data files", () => {
  it("serves a question's CSV during the exam", async () => {
    await finishOpenSittings(student1);
    const assessment = await createAssessment({ questionIds: ["hitters-linear-test-mae", RNN] });
    const { examId } = await exams.startAssessmentExam({ user: student1, unsafeAssessmentId: assessment.id });
    const exam = (await db.selectExamAttemptForOwner({ unsafeExamAttemptId: examId, userId: student1.id }))!;
    const [withData, withoutData] = exam.items;

    const file = await exams.getExamItemCsv({ user: student1, unsafeExamId: examId, itemId: withData!.id });
    expect(file.filename).toMatch(/\.csv$/);
    expect(file.csv.split("\n").length).toBeGreaterThan(2);
    await expect(exams.getExamItemCsv({ user: student1, unsafeExamId: examId, itemId: withoutData!.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(exams.getExamItemCsv({ user: student2, unsafeExamId: examId, itemId: withData!.id })).rejects.toMatchObject({ code: "not_found" });
    await exams.submitExam({ user: student1, unsafeExamId: examId });
  });
});

describe("practice routes and exam variants", () => {
  it("reject an exam variant with 409", async () => {
    const { examId } = await exams.startBankExam({ user: student1, questionCount: 4 });
    const variantId = (await db.selectExamAttemptForOwner({ unsafeExamAttemptId: examId, userId: student1.id }))!.items[0]!.variantId;
    const message = "This question belongs to a practice exam; answer it on the exam page.";
    const calls = [
      () => practice.getVariantForUser({ user: student1, unsafeVariantId: variantId }),
      () => practice.previewAnswer({ user: student1, unsafeVariantId: variantId, partId: "total", input: "1" }),
      () => practice.submitAnswers({ user: student1, unsafeVariantId: variantId, answers: {}, idempotencyKey: "exam-variant-probe" }),
      () => practice.giveUpVariant({ user: student1, unsafeVariantId: variantId }),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: "conflict", message });
    await exams.submitExam({ user: student1, unsafeExamId: examId });
  });

  it("links an exam variant to its sitting for its owner only", async () => {
    const { examId } = await exams.startBankExam({ user: student1, questionCount: 4 });
    const sitting = (await db.selectExamAttemptForOwner({ unsafeExamAttemptId: examId, userId: student1.id }))!;
    const examVariantId = sitting.items[0]!.variantId;
    expect(await exams.examPathForVariant({ user: student1, unsafeVariantId: examVariantId })).toBe(`/exams/${examId}`);
    expect(await exams.examPathForVariant({ user: student2, unsafeVariantId: examVariantId })).toBeNull();
    const practiceVariant = await practice.startVariant({ user: student1, questionId: RNN });
    expect(await exams.examPathForVariant({ user: student1, unsafeVariantId: practiceVariant.variantId })).toBeNull();
    await exams.submitExam({ user: student1, unsafeExamId: examId });
  });

  it("opening a question during its exam starts a practice variant", async () => {
    const { examId } = await exams.startBankExam({ user: student1, questionCount: 4 });
    const sitting = (await db.selectExamAttemptForOwner({ unsafeExamAttemptId: examId, userId: student1.id }))!;
    const examVariantIds = new Set(sitting.items.map((item) => item.variantId));
    const examVariant = await db.selectVariantForOwner({ unsafeVariantId: sitting.items[0]!.variantId, userId: student1.id });
    const { variantId } = await practice.resumeOrStartVariant({ user: student1, questionId: examVariant!.questionId });
    expect(examVariantIds.has(variantId)).toBe(false);
    await expect(practice.getVariantForUser({ user: student1, unsafeVariantId: variantId })).resolves.toBeDefined();
    await exams.submitExam({ user: student1, unsafeExamId: examId });
  });
});

describe("deadline and grading", () => {
  it("rejects a late save and grades the saved answers", async () => {
    await finishOpenSittings(student1);
    const assessment = await createAssessment({ questionIds: [RNN, FEED_FORWARD], timeLimitMinutes: 10 });
    const start = new Date();
    const { examId } = await exams.startAssessmentExam({ user: student1, unsafeAssessmentId: assessment.id, now: start });
    const exam = (await db.selectExamAttemptForOwner({ unsafeExamAttemptId: examId, userId: student1.id }))!;
    const rnnItem = exam.items.find((item) => item.questionId === RNN)!;
    const ffItem = exam.items.find((item) => item.questionId === FEED_FORWARD)!;
    const { buildVariant } = await import("@/lib/questions");
    const key = rnnKey(buildVariant({ questionId: RNN, seed: rnnItem.seed }).params);

    await exams.saveExamAnswers({ user: student1, unsafeExamId: examId, itemId: rnnItem.id, answers: { total: String(key) }, now: new Date(start.getTime() + MINUTE) });
    const deadline = new Date(start.getTime() + 10 * MINUTE);
    const hhmmss = deadline.toISOString().slice(11, 19);
    await expect(
      exams.saveExamAnswers({ user: student1, unsafeExamId: examId, itemId: rnnItem.id, answers: { total: "1" }, now: deadline }),
    ).rejects.toMatchObject({ code: "conflict", message: `The exam ended at ${hhmmss} UTC; answers saved until then were graded.` });

    const report = await exams.getExamReport({ user: student1, unsafeExamId: examId, now: new Date(deadline.getTime() + 1) });
    const rnnReport = report.items.find((item) => item.questionId === RNN)!;
    const ffReport = report.items.find((item) => item.questionId === FEED_FORWARD)!;
    expect(rnnReport.parts[0]!.rawInput).toBe(String(key));
    expect(rnnReport.score).toBe(1);
    expect(ffReport.score).toBe(0);
    expect(ffReport.parts.every((part) => part.unanswered && part.formatError === null)).toBe(true);
    // (1 + 0) / 2
    expect(report.score).toBe(0.5);
    expect(report.finishedAt).toBe(deadline.toISOString());
    expect(ffItem.id).not.toBe(rnnItem.id);
    // Variants close with the sitting.
    const open = rowCount(`SELECT COUNT(*) AS count FROM "Variant" v JOIN "ExamItem" i ON i."variantId" = v.id WHERE i."examAttemptId" = ? AND v.status = 'open'`, examId);
    expect(open).toBe(0);
  });

  it("grades an unreadable answer as 0 with its format error", async () => {
    await finishOpenSittings(student2);
    const assessment = await createAssessment({ questionIds: [RNN] });
    const { examId } = await exams.startAssessmentExam({ user: student2, unsafeAssessmentId: assessment.id });
    const exam = (await db.selectExamAttemptForOwner({ unsafeExamAttemptId: examId, userId: student2.id }))!;
    await exams.saveExamAnswers({ user: student2, unsafeExamId: examId, itemId: exam.items[0]!.id, answers: { total: "twelve" } });
    await exams.submitExam({ user: student2, unsafeExamId: examId });
    const report = await exams.getExamReport({ user: student2, unsafeExamId: examId });
    const part = report.items[0]!.parts[0]!;
    expect(part.score).toBe(0);
    expect(part.unanswered).toBe(false);
    expect(part.formatError?.message.length).toBeGreaterThan(0);
  });

  it("grades once under two concurrent finalize calls", async () => {
    await finishOpenSittings(student2);
    const assessment = await createAssessment({ questionIds: [RNN, FEED_FORWARD] });
    const start = new Date();
    const { examId } = await exams.startAssessmentExam({ user: student2, unsafeAssessmentId: assessment.id, now: start });
    const exam = (await db.selectExamAttemptForOwner({ unsafeExamAttemptId: examId, userId: student2.id }))!;
    await exams.saveExamAnswers({ user: student2, unsafeExamId: examId, itemId: exam.items[0]!.id, answers: { total: "0" }, now: start });
    const progressBefore = await db.selectTopicProgressForUser({ userId: student2.id });

    const late = new Date(start.getTime() + 31 * MINUTE);
    await Promise.all([
      exams.getExamForUser({ user: student2, unsafeExamId: examId, now: late }),
      exams.submitExam({ user: student2, unsafeExamId: examId, now: late }),
      exams.getExamReport({ user: student2, unsafeExamId: examId, now: late }),
    ]);

    const submissions = rowCount(`SELECT COUNT(*) AS count FROM "Submission" s JOIN "ExamItem" i ON i."variantId" = s."variantId" WHERE i."examAttemptId" = ?`, examId);
    expect(submissions).toBe(2);
    const linked = rowCount(`SELECT COUNT(*) AS count FROM "ExamItem" WHERE "examAttemptId" = ? AND "submissionId" IS NOT NULL`, examId);
    expect(linked).toBe(2);

    // rnn-parameter-count counts for weight-sharing; feed-forward-parameter-count for
    // feed-forward-counts and when-deep-learning. Each gets exactly one graded submission more.
    const progressAfter = await db.selectTopicProgressForUser({ userId: student2.id });
    const graded = (rows: typeof progressAfter, topic: string) => rows.find((row) => row.topic === topic)?.gradedAttempts ?? 0;
    for (const topic of ["weight-sharing", "feed-forward-counts", "when-deep-learning"]) {
      expect(graded(progressAfter, topic) - graded(progressBefore, topic), topic).toBe(1);
    }

    // A second completion at the database level changes nothing.
    const again = await db.completeExamAttempt({ examAttemptId: examId, userId: student2.id, score: 1, links: [] });
    expect(again.completed).toBe(false);
    const finished = (await db.selectExamAttemptForOwner({ unsafeExamAttemptId: examId, userId: student2.id }))!;
    expect(finished.status).toBe("finished");
    expect(finished.score).toBe(0);
  });
});

describe("grading across processes", () => {
  it("grades once when three processes submit together", async () => {
    await finishOpenSittings(student2);
    const assessment = await createAssessment({ questionIds: [RNN, FEED_FORWARD] });
    const { examId } = await exams.startAssessmentExam({ user: student2, unsafeAssessmentId: assessment.id });
    const exam = (await db.selectExamAttemptForOwner({ unsafeExamAttemptId: examId, userId: student2.id }))!;
    await exams.saveExamAnswers({ user: student2, unsafeExamId: examId, itemId: exam.items[0]!.id, answers: { total: "0" } });
    const progressBefore = await db.selectTopicProgressForUser({ userId: student2.id });

    // Workers need a few seconds to load; they all start grading at the same instant.
    const startAtMs = Date.now() + 8_000;
    const input = JSON.stringify({ startAtMs, examId, user: { ...student2, role: "student" } });
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        execFileAsync(process.execPath, [TSX_CLI, WORKER_SCRIPT, input], {
          timeout: 60_000,
          env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" },
        }),
      ),
    );
    for (const result of results) expect(JSON.parse(result.stdout)).toEqual({ score: 0 });

    const submissions = rowCount(`SELECT COUNT(*) AS count FROM "Submission" s JOIN "ExamItem" i ON i."variantId" = s."variantId" WHERE i."examAttemptId" = ?`, examId);
    expect(submissions).toBe(2);
    const progressAfter = await db.selectTopicProgressForUser({ userId: student2.id });
    const graded = (rows: typeof progressAfter, topic: string) => rows.find((row) => row.topic === topic)?.gradedAttempts ?? 0;
    for (const topic of ["weight-sharing", "feed-forward-counts", "when-deep-learning"]) {
      expect(graded(progressAfter, topic) - graded(progressBefore, topic), topic).toBe(1);
    }
  }, 90_000);
});

describe("assessments", () => {
  it("applies a student's extension", async () => {
    await finishOpenSittings(student1);
    const assessment = await createAssessment({ timeLimitMinutes: 30 });
    await exams.setExtension({ user: instructor, unsafeCourseId: courseId, unsafeAssessmentId: assessment.id, email: "student1@example.edu", extraMinutes: 15 });
    const start = new Date();
    const { examId } = await exams.startAssessmentExam({ user: student1, unsafeAssessmentId: assessment.id, now: start });
    const exam = (await db.selectExamAttemptForOwner({ unsafeExamAttemptId: examId, userId: student1.id }))!;
    // 30 + 15 minutes.
    expect(exam.deadline.getTime() - start.getTime()).toBe(45 * MINUTE);
    await exams.submitExam({ user: student1, unsafeExamId: examId });
  });

  it("caps the extended deadline at closesAt", async () => {
    await finishOpenSittings(student1);
    const start = new Date();
    const closesAt = new Date(start.getTime() + 40 * MINUTE);
    const assessment = await createAssessment({ timeLimitMinutes: 30, closesAt });
    await exams.setExtension({ user: instructor, unsafeCourseId: courseId, unsafeAssessmentId: assessment.id, email: "student1@example.edu", extraMinutes: 15 });
    const { examId } = await exams.startAssessmentExam({ user: student1, unsafeAssessmentId: assessment.id, now: start });
    const exam = (await db.selectExamAttemptForOwner({ unsafeExamAttemptId: examId, userId: student1.id }))!;
    expect(exam.deadline.toISOString()).toBe(closesAt.toISOString());
    await exams.submitExam({ user: student1, unsafeExamId: examId });
  });

  it("enforces the opening window", async () => {
    await finishOpenSittings(student1);
    const now = new Date();
    const future = await createAssessment({ opensAt: new Date(now.getTime() + 60 * MINUTE) });
    await expect(exams.startAssessmentExam({ user: student1, unsafeAssessmentId: future.id, now })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("opens at"),
    });
    const past = await createAssessment({ opensAt: new Date(now.getTime() - 120 * MINUTE), closesAt: new Date(now.getTime() - 60 * MINUTE) });
    await expect(exams.startAssessmentExam({ user: student1, unsafeAssessmentId: past.id, now })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("closed at"),
    });
  });

  it("enforces the sittings allowed", async () => {
    await finishOpenSittings(student1);
    const assessment = await createAssessment({ maxAttempts: 1 });
    const { examId } = await exams.startAssessmentExam({ user: student1, unsafeAssessmentId: assessment.id });
    await exams.submitExam({ user: student1, unsafeExamId: examId });
    await expect(exams.startAssessmentExam({ user: student1, unsafeAssessmentId: assessment.id })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("used all 1 sitting"),
    });
  });

  it("hides drafts from students", async () => {
    const draft = await createAssessment({ published: false });
    await expect(exams.startAssessmentExam({ user: student1, unsafeAssessmentId: draft.id })).rejects.toMatchObject({ code: "not_found" });
    const listed = await exams.listAvailableAssessments({ user: student1 });
    expect(listed.map((entry) => entry.id)).not.toContain(draft.id);
  });

  it("forbids students the instructor side", async () => {
    await expect(exams.listCourseAssessments({ user: student1, unsafeCourseId: courseId })).rejects.toMatchObject({ code: "forbidden" });
    const assessment = await createAssessment();
    await expect(
      exams.setExtension({ user: student1, unsafeCourseId: courseId, unsafeAssessmentId: assessment.id, email: "student1@example.edu", extraMinutes: 60 }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      exams.createAssessment({
        user: student2,
        unsafeCourseId: courseId,
        input: { title: "x", questionSpec: [{ questionId: RNN }], timeLimitMinutes: 5, opensAt: null, closesAt: null, maxAttempts: 1, published: true },
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const listed = await exams.listCourseAssessments({ user: instructor, unsafeCourseId: courseId });
    expect(listed.assessments.map((entry) => entry.id)).toContain(assessment.id);
  });

  it("lets an admin manage any course", async () => {
    const row = await db.insertUser({ email: "exam-admin@test.example", name: "Exam Admin", passwordHash: "unused-in-this-test", role: "admin" });
    const admin: SessionUser = { id: row.id, email: row.email, name: row.name, role: "admin" };
    const assessment = await createAssessment();
    const listed = await exams.listCourseAssessments({ user: admin, unsafeCourseId: courseId });
    expect(listed.assessments.map((entry) => entry.id)).toContain(assessment.id);
    await expect(exams.listCourseAssessments({ user: admin, unsafeCourseId: "no-such-course" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("rejects an extension for a non-student", async () => {
    const assessment = await createAssessment();
    await expect(
      exams.setExtension({ user: instructor, unsafeCourseId: courseId, unsafeAssessmentId: assessment.id, email: "nobody@example.edu", extraMinutes: 5 }),
    ).rejects.toMatchObject({ code: "invalid_input", message: expect.stringContaining('"nobody@example.edu"') });
  });
});
