import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { SessionUser } from "@/lib/auth/session";

// The services read the process-wide database handle, so DATABASE_URL must name a fresh temporary
// file before any module opens it. The modules are therefore imported in beforeAll.
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "templates-service-"));
const databaseUrl = `file:${path.join(tempDir, "app.db")}`;
process.env.DATABASE_URL = databaseUrl;

type Authoring = typeof import("@/lib/authoring");
type Practice = typeof import("@/lib/practice");
type DbModule = typeof import("@/lib/db");
let authoring: Authoring;
let practice: Practice;
let db: DbModule;
let instructor: SessionUser;
let student: SessionUser;
let outsider: SessionUser;
let courseId: string;

const QUESTION_ID = "tpl-hidden-layer";

/** Returns the source of a one-hidden-layer template; version 2 asks about two outputs instead of one. */
function templateSource(version: 1 | 2): string {
  return JSON.stringify(
    {
      format: 1,
      title: version === 1 ? "Hidden layer count" : "Hidden layer count, two outputs",
      topics: ["feed-forward-counts"],
      difficulty: 1,
      expectedMinutes: 3,
      variables: [
        { name: "p", value: "randint(3, 20)" },
        { name: "K", value: "randint(21, 60)" },
      ],
      prompt: `A network has {{p}} inputs, {{K}} hidden units and ${version === 1 ? "one output" : "two outputs"}.`,
      parts: [
        {
          id: "total",
          label: "Parameters",
          type: "integer",
          answer: version === 1 ? "dense_params([p, K, 1])" : "dense_params([p, K, 2])",
          misconceptions: [{ tag: "no-biases", answer: version === 1 ? "p*K + K" : "p*K + 2*K", message: "Every unit has a bias." }],
        },
      ],
      solution: "In total {{answer_total}}.",
    },
    null,
    2,
  );
}

/** Hand count of the key: (p + 1)K hidden-layer parameters plus (K + 1)M output parameters. */
function handCount(params: unknown, outputs: number): { key: number; noBiases: number } {
  const { p, K } = (params as { values: { p: number; K: number } }).values;
  return { key: (p + 1) * K + (K + 1) * outputs, noBiases: p * K + K * outputs };
}

async function sessionUser(email: string): Promise<SessionUser> {
  const user = await db.selectUserByEmail({ email });
  if (user === null) throw new Error(`seeded user ${email} is missing`);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** Runs the seed test over seeds 1..100 in two requests and returns the receipts. */
async function testedReceipts(templateId: string, source: string) {
  const receipts = [];
  for (const firstSeed of [1, 51]) {
    const result = await authoring.testDraftBatch(instructor, templateId, { source, firstSeed, seeds: 50 });
    if (!result.ok) throw new Error(`the template does not compile: ${JSON.stringify(result.issues)}`);
    expect(result.report.failed).toBe(0);
    expect(result.report.seeds).toBe(50);
    receipts.push(result.receipt);
  }
  return receipts;
}

async function paramsOf(variantId: string, user: SessionUser): Promise<{ params: unknown; version: number }> {
  const row = await db.selectVariantForOwner({ unsafeVariantId: variantId, userId: user.id });
  const { buildQuestionVariant } = await import("@/lib/practice/question-source");
  const variant = await buildQuestionVariant({ questionId: row!.questionId, seed: row!.seed, version: row!.questionVersion });
  return { params: variant.params, version: row!.questionVersion };
}

beforeAll(async () => {
  const { migrateDatabase } = await import("@/lib/db/migrate");
  const { seedDemoData } = await import("@/lib/db/seed");
  await migrateDatabase({ databaseUrl });
  db = await import("@/lib/db");
  await seedDemoData(db.getDb());
  authoring = await import("@/lib/authoring");
  practice = await import("@/lib/practice");
  instructor = await sessionUser("instructor@example.edu");
  student = await sessionUser("student1@example.edu");
  const outsiderRow = await db.insertUser({ email: "outsider@test.example", name: "Outsider", passwordHash: "unused-in-this-test", role: "student" });
  outsider = { id: outsiderRow.id, email: outsiderRow.email, name: outsiderRow.name, role: "student" };
  courseId = (await authoring.listTeachingCourses(instructor))[0]!.id;
}, 60_000);

afterAll(async () => {
  await db?.getDb().close();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

describe("template publishing and practice", () => {
  let templateId: string;
  let v1VariantId: string;

  it("demo seed publishes one template", async () => {
    const templates = await authoring.listTemplates(instructor);
    expect(templates.map((template) => [template.questionId, template.status])).toContainEqual(["tpl-dense-network-count", "published v1"]);
  });

  it("creates a draft that students cannot see", async () => {
    const created = await authoring.createTemplate(instructor, { courseId, questionId: QUESTION_ID, source: templateSource(1) });
    templateId = created.id;
    expect(created.status).toBe("draft");
    const questions = await practice.listQuestionsForUser({ userId: student.id });
    expect(questions.map((question) => question.id)).not.toContain(QUESTION_ID);
    await expect(practice.startVariant({ user: student, questionId: QUESTION_ID })).rejects.toMatchObject({ code: "not_found" });
  });

  it("rejects an import that does not compile, naming the line", async () => {
    const broken = templateSource(1).replace("dense_params([p, K, 1])", "dense_parameters([p, K, 1])");
    const line = broken.split("\n").findIndex((text) => text.includes("dense_parameters")) + 1;
    await expect(authoring.createTemplate(instructor, { courseId, questionId: "tpl-broken", source: broken })).rejects.toMatchObject({
      code: "invalid_input",
      fields: { source: [expect.stringMatching(new RegExp(`^line ${line}, parts\\[0\\]\\.answer: the function "dense_parameters" is unknown`))] },
    });
  });

  it("refuses to publish untested, edited or tampered sources", async () => {
    const source = templateSource(1);
    const receipts = await testedReceipts(templateId, source);
    await expect(authoring.publishDraft(instructor, templateId, { source: `${source} `, receipts })).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining("changed after it was tested"),
    });
    await expect(authoring.publishDraft(instructor, templateId, { source, receipts: receipts.slice(0, 1) })).rejects.toMatchObject({
      message: expect.stringContaining("at least 100"),
    });
    const forged = receipts.map((receipt) => ({ ...receipt, payload: receipt.payload.replace('"failed":0', '"failed":0 ') }));
    await expect(authoring.publishDraft(instructor, templateId, { source, receipts: forged })).rejects.toMatchObject({
      message: expect.stringContaining("not issued by this server"),
    });
    await expect(authoring.publishDraft(student, templateId, { source, receipts })).rejects.toMatchObject({ code: "not_found" });
  });

  it("publishes version 1 and a student practises it", async () => {
    const source = templateSource(1);
    const published = await authoring.publishDraft(instructor, templateId, { source, receipts: await testedReceipts(templateId, source) });
    expect(published.version).toBe(1);
    expect(published.template.status).toBe("published v1");

    const listed = await practice.listQuestionsForUser({ userId: student.id });
    expect(listed.find((question) => question.id === QUESTION_ID)?.version).toBe("1");
    const dashboard = await practice.getDashboard({ user: student });
    expect(dashboard.find((topic) => topic.id === "feed-forward-counts")?.questions.map((question) => question.id)).toContain(QUESTION_ID);

    const started = await practice.startVariant({ user: student, questionId: QUESTION_ID });
    v1VariantId = started.variantId;
    const { params, version } = await paramsOf(v1VariantId, student);
    expect(version).toBe(1);
    const counts = handCount(params, 1);
    expect(JSON.stringify(started.view)).not.toMatch(new RegExp(`(?<!\\d)${counts.key}(?!\\d)`));

    const wrong = await practice.submitAnswers({ user: student, unsafeVariantId: v1VariantId, answers: { total: String(counts.noBiases) }, idempotencyKey: "tpl-v1-wrong" });
    expect(wrong.submission.totalScore).toBe(0);
    expect(wrong.submission.misconceptionTags).toEqual(["no-biases"]);
  });

  it("shows the template's title and topic in class analytics", async () => {
    const { getClassAnalytics } = await import("@/lib/analytics/service");
    const analytics = await getClassAnalytics(instructor, courseId);
    const row = analytics.questions.find((question) => question.questionId === QUESTION_ID);
    expect(row?.title).toBe("Hidden layer count");
    expect(row?.topics).toEqual(["feed-forward-counts"]);
    const byQuestion = analytics.misconceptionsByQuestion.find((entry) => entry.questionId === QUESTION_ID);
    expect(byQuestion?.title).toBe("Hidden layer count");
    expect(byQuestion?.tags.map((tag) => [tag.tag, tag.count])).toEqual([["no-biases", 1]]);
    const byTopic = analytics.misconceptionsByTopic.find((entry) => entry.topic === "feed-forward-counts");
    expect(byTopic?.tags.filter((tag) => tag.questionId === QUESTION_ID).map((tag) => tag.questionTitle)).toEqual(["Hidden layer count"]);
  });

  it("counts a template answer towards topic mastery", async () => {
    const { mastery } = await practice.loadStudentMastery({ user: student });
    // One first try scoring 0 from the prior 0.25 with learning rate 0.35: 0.25 × (1 − 0.35) = 0.1625.
    expect(mastery["feed-forward-counts"].attempts).toBe(1);
    expect(mastery["feed-forward-counts"].estimate).toBeCloseTo(0.1625, 12);
  });

  it("outsider cannot start the template", async () => {
    await expect(practice.startVariant({ user: outsider, questionId: QUESTION_ID })).rejects.toMatchObject({ code: "not_found" });
  });

  it("publishing version 2 keeps grading the version 1 variant with version 1", async () => {
    const source = templateSource(2);
    const published = await authoring.publishDraft(instructor, templateId, { source, receipts: await testedReceipts(templateId, source) });
    expect(published.version).toBe(2);

    const { params, version } = await paramsOf(v1VariantId, student);
    expect(version).toBe(1);
    const counts = handCount(params, 1);
    const details = await practice.getVariantForUser({ user: student, unsafeVariantId: v1VariantId });
    expect(details.status).toBe("open");
    expect(details.view?.title).toBe("Hidden layer count");
    const right = await practice.submitAnswers({ user: student, unsafeVariantId: v1VariantId, answers: { total: String(counts.key) }, idempotencyKey: "tpl-v1-right" });
    expect(right.submission.totalScore).toBe(1);

    const attempts = await practice.listAttempts({ user: student, questionId: QUESTION_ID });
    expect(attempts.attempts.map((attempt) => attempt.questionTitle)).toEqual(["Hidden layer count", "Hidden layer count"]);

    const next = await practice.startVariant({ user: student, questionId: QUESTION_ID });
    const newer = await paramsOf(next.variantId, student);
    expect(newer.version).toBe(2);
    expect(next.view.title).toBe("Hidden layer count, two outputs");
    const counts2 = handCount(newer.params, 2);
    const graded = await practice.submitAnswers({ user: student, unsafeVariantId: next.variantId, answers: { total: String(counts2.key) }, idempotencyKey: "tpl-v2-right" });
    expect(graded.submission.totalScore).toBe(1);
  });
});
