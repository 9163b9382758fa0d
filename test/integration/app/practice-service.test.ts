import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { SessionUser } from "@/lib/auth/session";

// The practice service reads the process-wide database handle, so DATABASE_URL must name a fresh
// temporary file before any module opens it. The modules are therefore imported in beforeAll.
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "practice-service-"));
const databaseUrl = `file:${path.join(tempDir, "app.db")}`;
process.env.DATABASE_URL = databaseUrl;

type Practice = typeof import("@/lib/practice");
type DbModule = typeof import("@/lib/db");
let practice: Practice;
let db: DbModule;
let student1: SessionUser;
let student2: SessionUser;

const RNN = "rnn-parameter-count";

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

async function keyOf(variantId: string, user: SessionUser): Promise<number> {
  const row = await db.selectVariantForOwner({ unsafeVariantId: variantId, userId: user.id });
  const { buildVariant } = await import("@/lib/questions");
  return rnnKey(buildVariant({ questionId: row!.questionId, seed: row!.seed }).params);
}

beforeAll(async () => {
  const { migrateDatabase } = await import("@/lib/db/migrate");
  const { seedDemoData } = await import("@/lib/db/seed");
  await migrateDatabase({ databaseUrl });
  db = await import("@/lib/db");
  await seedDemoData(db.getDb());
  practice = await import("@/lib/practice");
  student1 = await sessionUser("student1@example.edu");
  student2 = await sessionUser("student2@example.edu");
}, 60_000);

afterAll(async () => {
  await db?.getDb().close();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

describe("practice service", () => {
  it("starts a variant whose view carries no key", async () => {
    const started = await practice.startVariant({ user: student1, questionId: RNN });
    const key = await keyOf(started.variantId, student1);
    expect(started.view.parts.map((part) => part.id)).toEqual(["total"]);
    expect(JSON.stringify(started.view)).not.toMatch(new RegExp(`(?<![\\w.])${key}(?!\\w)`));
  });

  it("rejects an unknown question with not_found", async () => {
    await expect(practice.startVariant({ user: student1, questionId: "no-such-question" })).rejects.toMatchObject({
      code: "not_found",
      message: expect.stringContaining('"no-such-question"'),
    });
  });

  it("hides another user's variant as not_found", async () => {
    const started = await practice.startVariant({ user: student1, questionId: RNN });
    await expect(practice.getVariantForUser({ user: student2, unsafeVariantId: started.variantId })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      practice.submitAnswers({ user: student2, unsafeVariantId: started.variantId, answers: { total: "1" }, idempotencyKey: "other-user-key" }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("grades, stores, replays a key and unlocks the solution", async () => {
    const started = await practice.startVariant({ user: student1, questionId: RNN });
    const key = await keyOf(started.variantId, student1);

    const before = await practice.getVariantForUser({ user: student1, unsafeVariantId: started.variantId });
    expect(before.solution).toBeNull();

    const first = await practice.submitAnswers({
      user: student1,
      unsafeVariantId: started.variantId,
      answers: { total: String(key) },
      idempotencyKey: "correct-answer-key-1",
      timeTakenMs: 1234,
    });
    expect(first.created).toBe(true);
    expect(first.submission.gradable).toBe(true);
    expect(first.submission.totalScore).toBe(1);
    expect(first.solution).not.toBeNull();

    const replay = await practice.submitAnswers({
      user: student1,
      unsafeVariantId: started.variantId,
      answers: { total: String(key) },
      idempotencyKey: "correct-answer-key-1",
    });
    expect(replay.created).toBe(false);
    expect(replay.submission).toEqual(first.submission);

    const after = await practice.getVariantForUser({ user: student1, unsafeVariantId: started.variantId });
    expect(after.submissions.map((submission) => submission.id)).toEqual([first.submission.id]);
    expect(after.solution?.answers.map((answer) => answer.partId)).toEqual(["total"]);
  });

  it("stores an unreadable answer as not gradable without progress", async () => {
    const progressBefore = await db.selectTopicProgressForUser({ userId: student2.id });
    const started = await practice.startVariant({ user: student2, questionId: RNN });
    const outcome = await practice.submitAnswers({
      user: student2,
      unsafeVariantId: started.variantId,
      answers: { total: "twelve" },
      idempotencyKey: "unreadable-answer-1",
    });
    expect(outcome.submission.gradable).toBe(false);
    expect(outcome.submission.parts[0]?.formatError).not.toBeNull();
    expect(outcome.solution).toBeNull();
    expect(await db.selectTopicProgressForUser({ userId: student2.id })).toEqual(progressBefore);
  });

  it("rejects an answer to an unknown part with the field name", async () => {
    const started = await practice.startVariant({ user: student1, questionId: RNN });
    await expect(
      practice.submitAnswers({ user: student1, unsafeVariantId: started.variantId, answers: { nope: "1" }, idempotencyKey: "unknown-part-1" }),
    ).rejects.toMatchObject({ code: "invalid_input", fields: { "answers.nope": ["No such part."] } });
  });

  it("closes the old variant on replace and refuses answers to it", async () => {
    const started = await practice.startVariant({ user: student1, questionId: RNN });
    const replaced = await practice.replaceVariant({ user: student1, unsafeVariantId: started.variantId });
    expect(replaced.variantId).not.toBe(started.variantId);

    await expect(
      practice.submitAnswers({ user: student1, unsafeVariantId: started.variantId, answers: { total: "1" }, idempotencyKey: "closed-variant-1" }),
    ).rejects.toMatchObject({ code: "variant_closed", message: expect.stringContaining("Start a new variant") });

    const resumed = await practice.resumeOrStartVariant({ user: student1, questionId: RNN });
    expect(resumed.variantId).toBe(replaced.variantId);
  });

  it("lists attempts newest first with the question title", async () => {
    const page = await practice.listAttempts({ user: student1, limit: 2 });
    expect(page.attempts.length).toBeGreaterThan(0);
    expect(page.attempts[0]?.questionTitle).toBe("Parameters of a simple RNN");
    const times = page.attempts.map((attempt) => attempt.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });
});
