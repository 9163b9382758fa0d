import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isDbError, type Db, type UserRecord, type VariantRecord } from "@/lib/db";
import { createTestDatabase, openRawDatabase, type TestDatabase } from "@/test/support/db";
import { buildSubmission, buildUngradableSubmission, insertTestUser, insertTestVariant } from "./helpers";

let testDatabase: TestDatabase;
let db: Db;
let ada: UserRecord;
let bob: UserRecord;

beforeEach(async () => {
  testDatabase = await createTestDatabase();
  db = testDatabase.db;
  ada = await insertTestUser(db, "ada");
  bob = await insertTestUser(db, "bob");
});

afterEach(async () => {
  await testDatabase.cleanup();
});

/** Waits past the millisecond clock, so rows stored one after another get distinct createdAt. */
function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 3));
}

async function submit(variant: VariantRecord, totalScore: number): Promise<string> {
  await tick();
  const { submission } = await db.insertSubmission(buildSubmission(variant, { totalScore }));
  return submission.id;
}

async function submitUngradable(variant: VariantRecord): Promise<string> {
  await tick();
  const { submission } = await db.insertSubmission(buildUngradableSubmission(variant));
  return submission.id;
}

describe("selectGradedHistoryForUser", () => {
  it("lists gradable submissions oldest first", async () => {
    const v1 = await insertTestVariant(db, ada.id, { questionId: "rnn-parameter-count", seed: 1 });
    const v2 = await insertTestVariant(db, ada.id, { questionId: "keras-summary-table", seed: 2 });
    const first = await submit(v1, 0);
    await submitUngradable(v1);
    const second = await submit(v2, 0.5);
    const third = await submit(v1, 1);
    await submit(await insertTestVariant(db, bob.id), 1);

    const history = await db.selectGradedHistoryForUser({ userId: ada.id });

    expect(history.attempts.map((row) => row.submissionId)).toEqual([first, second, third]);
    expect(history.attempts.map((row) => row.questionId)).toEqual(["rnn-parameter-count", "keras-summary-table", "rnn-parameter-count"]);
    expect(history.attempts.map((row) => row.totalScore)).toEqual([0, 0.5, 1]);
    expect(history.attempts.map((row) => row.variantId)).toEqual([v1.id, v2.id, v1.id]);
    expect(history.truncated).toBe(false);
  });

  it("matches the stored times", async () => {
    const variant = await insertTestVariant(db, ada.id);
    const id = await submit(variant, 1);

    const history = await db.selectGradedHistoryForUser({ userId: ada.id });

    const raw = openRawDatabase(testDatabase.databaseFilePath);
    try {
      // Prisma's SQLite adapter stores DateTime as ISO 8601 text.
      const stored = raw.prepare(`SELECT createdAt FROM "Submission" WHERE id = ?`).get(id) as { createdAt: string };
      expect(history.attempts[0]?.createdAt.getTime()).toBe(Date.parse(stored.createdAt));
    } finally {
      raw.close();
    }
  });

  it("lists closed variants only", async () => {
    const open = await insertTestVariant(db, ada.id, { seed: 1 });
    const closedFirst = await insertTestVariant(db, ada.id, { seed: 2 });
    const broken = await insertTestVariant(db, ada.id, { seed: 3 });
    const closedSecond = await insertTestVariant(db, ada.id, { questionId: "keras-summary-table", seed: 4 });
    await db.updateVariantStatus({ variantId: closedFirst.id, status: "closed" });
    await db.updateVariantStatus({ variantId: broken.id, status: "broken", reason: "test" });
    await tick();
    await db.updateVariantStatus({ variantId: closedSecond.id, status: "closed" });
    await db.updateVariantStatus({ variantId: (await insertTestVariant(db, bob.id)).id, status: "closed" });

    const history = await db.selectGradedHistoryForUser({ userId: ada.id });

    expect(history.closedVariants.map((row) => row.variantId)).toEqual([closedFirst.id, closedSecond.id]);
    expect(history.closedVariants.map((row) => row.questionId)).toEqual(["rnn-parameter-count", "keras-summary-table"]);
    expect(history.closedVariants.every((row) => row.closedAt instanceof Date)).toBe(true);
    expect(history.closedVariants.map((row) => row.variantId)).not.toContain(open.id);
  });

  it("reports truncation at the limit", async () => {
    const variant = await insertTestVariant(db, ada.id);
    const ids = [await submit(variant, 0), await submit(variant, 0), await submit(variant, 1)];

    const history = await db.selectGradedHistoryForUser({ userId: ada.id, limit: 2 });

    expect(history.attempts.map((row) => row.submissionId)).toEqual(ids.slice(0, 2));
    expect(history.truncated).toBe(true);
  });

  it("rejects a limit above the maximum", async () => {
    const error = await db.selectGradedHistoryForUser({ userId: ada.id, limit: 50_001 }).catch((caught: unknown) => caught);
    expect(isDbError(error, "invalid_input")).toBe(true);
    expect((error as Error).message).toContain("limit");
  });
});

describe("selectSubmissionPageForUser", () => {
  let correct: string;
  let partly: string;
  let incorrect: string;
  let ungradable: string;
  let keras: string;

  beforeEach(async () => {
    const rnn = await insertTestVariant(db, ada.id, { questionId: "rnn-parameter-count", seed: 1 });
    const kerasVariant = await insertTestVariant(db, ada.id, { questionId: "keras-summary-table", seed: 2 });
    incorrect = await submit(rnn, 0);
    ungradable = await submitUngradable(rnn);
    partly = await submit(rnn, 0.5);
    correct = await submit(rnn, 1 - 1e-12);
    keras = await submit(kerasVariant, 1);
    await submit(await insertTestVariant(db, bob.id), 1);
  });

  async function ids(args: Partial<Parameters<Db["selectSubmissionPageForUser"]>[0]>): Promise<string[]> {
    const page = await db.selectSubmissionPageForUser({ userId: ada.id, limit: 100, ...args });
    return page.submissions.map((submission) => submission.id);
  }

  it("lists every submission newest first", async () => {
    expect(await ids({})).toEqual([keras, correct, partly, ungradable, incorrect]);
  });

  it("filters by result class", async () => {
    expect(await ids({ result: "correct" })).toEqual([keras, correct]);
    expect(await ids({ result: "partly" })).toEqual([partly]);
    expect(await ids({ result: "incorrect" })).toEqual([incorrect]);
    expect(await ids({ result: "not-gradable" })).toEqual([ungradable]);
  });

  it("filters by question ids", async () => {
    expect(await ids({ questionIds: ["keras-summary-table"] })).toEqual([keras]);
    expect(await ids({ questionIds: ["rnn-parameter-count"], result: "correct" })).toEqual([correct]);
    expect(await ids({ questionIds: [] })).toEqual([]);
  });

  it("pages with a cursor", async () => {
    const first = await db.selectSubmissionPageForUser({ userId: ada.id, limit: 2 });
    expect(first.submissions.map((submission) => submission.id)).toEqual([keras, correct]);
    expect(first.nextCursor).toBe(correct);

    const second = await db.selectSubmissionPageForUser({ userId: ada.id, limit: 2, cursor: first.nextCursor as string });
    expect(second.submissions.map((submission) => submission.id)).toEqual([partly, ungradable]);

    const third = await db.selectSubmissionPageForUser({ userId: ada.id, limit: 2, cursor: second.nextCursor as string });
    expect(third.submissions.map((submission) => submission.id)).toEqual([incorrect]);
    expect(third.nextCursor).toBeNull();
  });

  it("pages within a filter", async () => {
    const first = await db.selectSubmissionPageForUser({ userId: ada.id, limit: 1, result: "correct" });
    expect(first.submissions.map((submission) => submission.id)).toEqual([keras]);
    const second = await db.selectSubmissionPageForUser({ userId: ada.id, limit: 1, result: "correct", cursor: first.nextCursor as string });
    expect(second.submissions.map((submission) => submission.id)).toEqual([correct]);
    expect(second.nextCursor).toBeNull();
  });

  it("rejects another user's cursor", async () => {
    const bobsPage = await db.selectSubmissionPageForUser({ userId: bob.id, limit: 1 });
    const bobsId = bobsPage.submissions[0]?.id as string;

    const error = await db.selectSubmissionPageForUser({ userId: ada.id, limit: 2, cursor: bobsId }).catch((caught: unknown) => caught);
    expect(isDbError(error, "invalid_input")).toBe(true);

    const malformed = await db.selectSubmissionPageForUser({ userId: ada.id, limit: 2, cursor: "x" }).catch((caught: unknown) => caught);
    expect(isDbError(malformed, "invalid_input")).toBe(true);
  });

  it("rejects an unknown result", async () => {
    const error = await db
      .selectSubmissionPageForUser({ userId: ada.id, limit: 2, result: "wrong" as never })
      .catch((caught: unknown) => caught);
    expect(isDbError(error, "invalid_input")).toBe(true);
    expect((error as Error).message).toContain("result");
  });
});

describe("selectSubmissionReviewForOwner", () => {
  it("numbers graded tries", async () => {
    const variant = await insertTestVariant(db, ada.id);
    const first = await submit(variant, 0);
    const unread = await submitUngradable(variant);
    const second = await submit(variant, 0.5);

    const review = await db.selectSubmissionReviewForOwner({ userId: ada.id, unsafeSubmissionId: second });
    expect(review?.tryNumber).toBe(2);
    expect(review?.variant.id).toBe(variant.id);
    expect(review?.variant.seed).toBe(variant.seed);
    expect(review?.submission.totalScore).toBe(0.5);
    expect(review?.submission.parts.map((part) => part.rawInput)).toEqual(["  4*(10+4+1) ", "[1, 2]"]);

    expect((await db.selectSubmissionReviewForOwner({ userId: ada.id, unsafeSubmissionId: first }))?.tryNumber).toBe(1);
    expect((await db.selectSubmissionReviewForOwner({ userId: ada.id, unsafeSubmissionId: unread }))?.tryNumber).toBeNull();
  });

  it("hides other users' submissions", async () => {
    const variant = await insertTestVariant(db, ada.id);
    const id = await submit(variant, 1);

    expect(await db.selectSubmissionReviewForOwner({ userId: bob.id, unsafeSubmissionId: id })).toBeNull();
    expect(await db.selectSubmissionReviewForOwner({ userId: ada.id, unsafeSubmissionId: "not-an-id" })).toBeNull();
  });
});
