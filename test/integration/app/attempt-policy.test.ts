import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { SessionUser } from "@/lib/auth/session";

// Same setup as practice-service.test.ts: a fresh migrated and seeded SQLite file named by
// DATABASE_URL before any module opens the process-wide handle.
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "attempt-policy-"));
const databaseUrl = `file:${path.join(tempDir, "app.db")}`;
process.env.DATABASE_URL = databaseUrl;

type Practice = typeof import("@/lib/practice");
type DbModule = typeof import("@/lib/db");
let practice: Practice;
let db: DbModule;
let student1: SessionUser;
let student2: SessionUser;

const RNN = "rnn-parameter-count";
/** The try limit the course announces to students; the code's constant must match it. */
const ANNOUNCED_TRIES = 3;

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

/** Starts an RNN variant for `user` and returns its id with the correct total and a wrong one. */
async function startRnn(user: SessionUser): Promise<{ variantId: string; right: string; wrong: string }> {
  const started = await practice.startVariant({ user, questionId: RNN });
  const row = await db.selectVariantForOwner({ unsafeVariantId: started.variantId, userId: user.id });
  const { buildVariant } = await import("@/lib/questions");
  const key = rnnKey(buildVariant({ questionId: row!.questionId, seed: row!.seed }).params);
  return { variantId: started.variantId, right: String(key), wrong: String(key + 1) };
}

let keyCounter = 0;
function submit(user: SessionUser, variantId: string, total: string, idempotencyKey = `policy-key-${(keyCounter += 1)}`) {
  return practice.submitAnswers({ user, unsafeVariantId: variantId, answers: { total }, idempotencyKey });
}

async function storedRows(user: SessionUser, variantId: string) {
  return (await db.selectSubmissionsForUser({ userId: user.id, variantId, limit: 100 })).submissions;
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

describe("attempt policy", () => {
  it("limits a variant to three tries", () => {
    expect(practice.MAX_TRIES_PER_VARIANT).toBe(ANNOUNCED_TRIES);
  });

  it("counts tries and hides the solution while open", async () => {
    const { variantId, wrong } = await startRnn(student1);
    const fresh = await practice.getVariantForUser({ user: student1, unsafeVariantId: variantId });
    expect(fresh.tries).toEqual({ used: 0, max: 3, remaining: 3 });

    const first = await submit(student1, variantId, wrong);
    expect(first.submission.gradable).toBe(true);
    expect(first.submission.totalScore).toBe(0);
    expect(first.variantStatus).toBe("open");
    expect(first.tries).toEqual({ used: 1, max: 3, remaining: 2 });
    expect(first.solution).toBeNull();
    expect(first.submission.parts[0]?.feedback).toMatch(/^Not correct/);

    const details = await practice.getVariantForUser({ user: student1, unsafeVariantId: variantId });
    expect(details.status).toBe("open");
    expect(details.tries).toEqual({ used: 1, max: 3, remaining: 2 });
    expect(details.solution).toBeNull();
    expect(details.statusMessage).toBeNull();
  });

  it("uses no try for a format error", async () => {
    const { variantId, wrong } = await startRnn(student1);
    for (const input of ["twelve", "", "12 +"]) {
      const outcome = await submit(student1, variantId, input);
      expect(outcome.submission.gradable, `input "${input}"`).toBe(false);
      expect(outcome.tries.used, `input "${input}"`).toBe(0);
      expect(outcome.variantStatus).toBe("open");
      expect(outcome.solution).toBeNull();
    }
    const graded = await submit(student1, variantId, wrong);
    expect(graded.tries).toEqual({ used: 1, max: 3, remaining: 2 });
    expect(await storedRows(student1, variantId)).toHaveLength(4);
  });

  it("closes on a correct try and shows the solution", async () => {
    const { variantId, wrong, right } = await startRnn(student1);
    await submit(student1, variantId, wrong);
    const correct = await submit(student1, variantId, right);
    expect(correct.submission.totalScore).toBe(1);
    expect(correct.variantStatus).toBe("closed");
    expect(correct.tries).toEqual({ used: 2, max: 3, remaining: 0 });
    expect(correct.solution?.answers.map((answer) => answer.partId)).toEqual(["total"]);

    const details = await practice.getVariantForUser({ user: student1, unsafeVariantId: variantId });
    expect(details.status).toBe("closed");
    expect(details.statusMessage).toContain("answered this variant correctly");
    expect(details.solution).not.toBeNull();

    await expect(submit(student1, variantId, right)).rejects.toMatchObject({
      code: "variant_closed",
      message: expect.stringContaining("Start a new variant"),
    });
    expect(await storedRows(student1, variantId)).toHaveLength(2);
  });

  it("closes after the third wrong try", async () => {
    const { variantId, wrong, right } = await startRnn(student2);
    const second = await (async () => {
      await submit(student2, variantId, wrong);
      return submit(student2, variantId, String(Number(wrong) + 1));
    })();
    expect(second.variantStatus).toBe("open");
    expect(second.tries.remaining).toBe(1);
    expect(second.solution).toBeNull();

    const third = await submit(student2, variantId, "1");
    expect(third.submission.totalScore).toBe(0);
    expect(third.variantStatus).toBe("closed");
    expect(third.tries).toEqual({ used: 3, max: 3, remaining: 0 });
    expect(third.solution).not.toBeNull();

    const details = await practice.getVariantForUser({ user: student2, unsafeVariantId: variantId });
    expect(details.status).toBe("closed");
    expect(details.statusMessage).toContain("all 3 tries");

    // Even the right answer and an unreadable one are rejected now, and nothing more is stored.
    await expect(submit(student2, variantId, right)).rejects.toMatchObject({ code: "variant_closed" });
    await expect(submit(student2, variantId, "twelve")).rejects.toMatchObject({ code: "variant_closed" });
    expect(await storedRows(student2, variantId)).toHaveLength(3);
  });

  it("closes on give-up and shows the solution", async () => {
    const { variantId, wrong, right } = await startRnn(student1);
    await submit(student1, variantId, wrong);

    await expect(practice.giveUpVariant({ user: student2, unsafeVariantId: variantId })).rejects.toMatchObject({ code: "not_found" });
    expect((await practice.getVariantForUser({ user: student1, unsafeVariantId: variantId })).status).toBe("open");

    const afterGiveUp = await practice.giveUpVariant({ user: student1, unsafeVariantId: variantId });
    expect(afterGiveUp.status).toBe("closed");
    expect(afterGiveUp.tries).toEqual({ used: 1, max: 3, remaining: 0 });
    expect(afterGiveUp.solution?.answers.map((answer) => answer.partId)).toEqual(["total"]);
    expect(afterGiveUp.statusMessage).toContain("solution is shown");

    await expect(submit(student1, variantId, right)).rejects.toMatchObject({
      code: "variant_closed",
      message: expect.stringContaining("Start a new variant"),
    });

    const again = await practice.giveUpVariant({ user: student1, unsafeVariantId: variantId });
    expect(again.status).toBe("closed");
    expect(again.submissions).toHaveLength(1);
  });

  it("rejects a reused key with changed answers", async () => {
    const { variantId, wrong } = await startRnn(student1);
    const first = await submit(student1, variantId, wrong, "reused-key-0001");
    expect(first.created).toBe(true);

    await expect(submit(student1, variantId, String(Number(wrong) + 5), "reused-key-0001")).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining('"reused-key-0001"'),
      fields: { idempotencyKey: ["Already used with different answers."] },
    });
    // A left-out part counts as empty, which differs from the stored answer too.
    await expect(
      practice.submitAnswers({ user: student1, unsafeVariantId: variantId, answers: {}, idempotencyKey: "reused-key-0001" }),
    ).rejects.toMatchObject({ code: "conflict" });

    const same = await submit(student1, variantId, wrong, "reused-key-0001");
    expect(same.created).toBe(false);
    expect(same.submission).toEqual(first.submission);

    const rows = await storedRows(student1, variantId);
    expect(rows.map((row) => row.parts[0]?.rawInput)).toEqual([wrong]);
  });

  it("replays a key after the variant closed", async () => {
    const { variantId, right } = await startRnn(student1);
    const closing = await submit(student1, variantId, right, "closing-key-0001");
    expect(closing.variantStatus).toBe("closed");

    const replay = await submit(student1, variantId, right, "closing-key-0001");
    expect(replay.created).toBe(false);
    expect(replay.submission).toEqual(closing.submission);
    expect(replay.variantStatus).toBe("closed");
    expect(replay.solution).toEqual(closing.solution);
    expect(replay.display).toBeNull();
    expect(await storedRows(student1, variantId)).toHaveLength(1);
  });

  it("accepts one of two concurrent last tries", async () => {
    const { variantId, wrong } = await startRnn(student2);
    await submit(student2, variantId, wrong);
    await submit(student2, variantId, wrong);

    const results = await Promise.allSettled([submit(student2, variantId, wrong), submit(student2, variantId, "1")]);
    const accepted = results.filter((result) => result.status === "fulfilled");
    const rejected = results.filter((result) => result.status === "rejected");
    expect(accepted).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ code: "variant_closed" });

    expect(await db.countGradedSubmissionsForVariant({ variantId })).toBe(3);
  });

  it("stores three of five concurrent tries", async () => {
    const { variantId, wrong } = await startRnn(student1);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, index) => submit(student1, variantId, String(Number(wrong) + index))),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    expect(await db.countGradedSubmissionsForVariant({ variantId })).toBe(3);
    const row = await db.selectVariantForOwner({ unsafeVariantId: variantId, userId: student1.id });
    expect(row?.status).toBe("closed");
  });

  it("counts the closing try in progress once", async () => {
    const progressOf = async () =>
      (await db.selectTopicProgressForUser({ userId: student2.id })).find((row) => row.topic === "weight-sharing");
    const before = await progressOf();
    const { variantId, wrong, right } = await startRnn(student2);
    await submit(student2, variantId, wrong);
    await submit(student2, variantId, right);
    await expect(submit(student2, variantId, right)).rejects.toMatchObject({ code: "variant_closed" });

    const after = await progressOf();
    expect(after?.gradedAttempts).toBe((before?.gradedAttempts ?? 0) + 2);
    expect(after?.correctAttempts).toBe((before?.correctAttempts ?? 0) + 1);
  });

  it("resumes the open variant and replaces a closed one", async () => {
    // student2 starts from a fresh open variant, so the question page resumes it.
    const { variantId, right } = await startRnn(student2);
    expect((await practice.resumeOrStartVariant({ user: student2, questionId: RNN })).variantId).toBe(variantId);

    await submit(student2, variantId, right);
    const next = await practice.resumeOrStartVariant({ user: student2, questionId: RNN });
    expect(next.variantId).not.toBe(variantId);
    const nextRow = await db.selectVariantForOwner({ unsafeVariantId: next.variantId, userId: student2.id });
    expect(nextRow?.status).toBe("open");
    expect((await practice.resumeOrStartVariant({ user: student2, questionId: RNN })).variantId).toBe(next.variantId);
  });
});
