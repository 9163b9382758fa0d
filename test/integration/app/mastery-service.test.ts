import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { SessionUser } from "@/lib/auth/session";

// The services read the process-wide database handle, so DATABASE_URL must name a fresh temporary
// file before any module opens it; the modules are imported in beforeAll.
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "mastery-service-"));
const databaseUrl = `file:${path.join(tempDir, "app.db")}`;
process.env.DATABASE_URL = databaseUrl;

type Practice = typeof import("@/lib/practice");
type DbModule = typeof import("@/lib/db");
let practice: Practice;
let db: DbModule;
let ada: SessionUser;
let bob: SessionUser;

const RNN = "rnn-parameter-count";

async function insertStudent(label: string): Promise<SessionUser> {
  const user = await db.insertUser({ email: `${label}@test.example`, name: label, passwordHash: "unused-in-this-test", role: "student" });
  return { id: user.id, email: user.email, name: user.name, role: "student" };
}

/** K(p+1) + K² + M(K+1): simple RNN with one bias vector per layer (Keras convention). */
async function rnnKey(variantId: string, user: SessionUser): Promise<number> {
  const row = await db.selectVariantForOwner({ unsafeVariantId: variantId, userId: user.id });
  const { buildVariant } = await import("@/lib/questions");
  const { p, K, task } = buildVariant({ questionId: row!.questionId, seed: row!.seed }).params as {
    p: number;
    K: number;
    task: { kind: string; classes?: number };
  };
  const M = task.kind === "softmax" ? task.classes! : 1;
  return K * (p + 1) + K * K + M * (K + 1);
}

let wrongId: string;
let rightId: string;

beforeAll(async () => {
  const { migrateDatabase } = await import("@/lib/db/migrate");
  await migrateDatabase({ databaseUrl });
  db = await import("@/lib/db");
  practice = await import("@/lib/practice");
  ada = await insertStudent("ada");
  bob = await insertStudent("bob");

  const started = await practice.startVariant({ user: ada, questionId: RNN });
  const key = await rnnKey(started.variantId, ada);
  const wrong = await practice.submitAnswers({ user: ada, unsafeVariantId: started.variantId, answers: { total: String(key + 1) }, idempotencyKey: "mastery-wrong-1" });
  const right = await practice.submitAnswers({ user: ada, unsafeVariantId: started.variantId, answers: { total: String(key) }, idempotencyKey: "mastery-right-1" });
  wrongId = wrong.submission.id;
  rightId = right.submission.id;
}, 60_000);

afterAll(async () => {
  await db?.getDb().close();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

describe("mastery service", () => {
  it("computes mastery from stored tries", async () => {
    const { mastery, input } = await practice.loadStudentMastery({ user: ada });
    expect(input.attempts.map((attempt) => attempt.tryNumber)).toEqual([1, 2]);
    // Try 1 wrong: 0.25 − 0.35 · 0.25 = 0.1625. Try 2 right, weight 0.5: 0.1625 + 0.175 · 0.8375 = 0.3090625.
    expect(mastery["weight-sharing"].estimate).toBeCloseTo(0.3090625, 12);
    expect(mastery["weight-sharing"].attempts).toBe(2);
    expect(mastery.regularization.estimate).toBe(0.25);
  });

  it("keeps other students apart", async () => {
    const { mastery } = await practice.loadStudentMastery({ user: bob });
    expect(mastery["weight-sharing"].estimate).toBe(0.25);
    expect(mastery["weight-sharing"].attempts).toBe(0);
  });

  it("lists a topic's questions with best scores", async () => {
    const detail = await practice.getTopicDetail({ user: ada, unsafeTopicId: "weight-sharing" });
    const rnn = detail.questions.find((record) => record.question.id === RNN);
    expect(rnn?.gradedAttempts).toBe(2);
    expect(rnn?.variantsAttempted).toBe(1);
    expect(rnn?.bestScore).toBe(1);
    expect(detail.mastery.estimate).toBeCloseTo(0.3090625, 12);
    await expect(practice.getTopicDetail({ user: ada, unsafeTopicId: "rnns" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("practises the other question of the topic", async () => {
    // weight-sharing has two questions; the one answered last is skipped while another exists.
    const started = await practice.startAdaptivePractice({ user: ada, topics: ["weight-sharing"] });
    expect(started.pick.topic).toBe("weight-sharing");
    expect(started.pick.reason).toBe("weakest");
    expect(started.pick.questionId).toBe("keras-summary-table");
    const row = await db.selectVariantForOwner({ unsafeVariantId: started.variantId, userId: ada.id });
    expect(row?.questionId).toBe("keras-summary-table");
    expect(row?.status).toBe("open");
  });

  it("reviews an attempt with its solution", async () => {
    const review = await practice.getAttemptReview({ user: ada, unsafeSubmissionId: wrongId });
    expect(review.tryNumber).toBe(1);
    expect(review.result).toBe("incorrect");
    expect(review.variantStatus).toBe("closed");
    expect(review.view?.promptHtml.length).toBeGreaterThan(0);
    expect(review.solution).not.toBeNull();
    expect((await practice.getAttemptReview({ user: ada, unsafeSubmissionId: rightId })).tryNumber).toBe(2);
    await expect(practice.getAttemptReview({ user: bob, unsafeSubmissionId: wrongId })).rejects.toMatchObject({ code: "not_found" });
  });

  it("filters the review list", async () => {
    const incorrect = await practice.listReviewAttempts({ user: ada, filters: { result: "incorrect" } });
    expect(incorrect.rows.map((row) => row.id)).toEqual([wrongId]);
    const onTopic = await practice.listReviewAttempts({ user: ada, filters: { topic: "weight-sharing" } });
    expect(onTopic.rows.map((row) => row.id)).toEqual([rightId, wrongId]);
    const offTopic = await practice.listReviewAttempts({ user: ada, filters: { topic: "regularization" } });
    expect(offTopic.rows).toEqual([]);
  });
});
