import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isDbError, type Db, type UserRecord, type VariantRecord } from "@/lib/db";
import { countRows, createTestDatabase, openRawDatabase, type TestDatabase } from "@/test/support/db";
import { buildSubmission, buildUngradableSubmission, insertTestUser, insertTestVariant } from "./helpers";

const execFileAsync = promisify(execFile);
const TSX_CLI = path.resolve("node_modules", "tsx", "dist", "cli.mjs");
const WORKER_SCRIPT = path.resolve("test", "integration", "db", "fixtures", "insert-submission-worker.ts");

let testDatabase: TestDatabase;
let db: Db;
let student: UserRecord;
let variant: VariantRecord;

beforeEach(async () => {
  testDatabase = await createTestDatabase();
  db = testDatabase.db;
  student = await insertTestUser(db, "student");
  variant = await insertTestVariant(db, student.id);
});

afterEach(async () => {
  await testDatabase.cleanup();
});

function progressFor(topic: string) {
  return db.selectTopicProgressForUser({ userId: student.id }).then((rows) => rows.find((row) => row.topic === topic));
}

describe("insertSubmission idempotency", () => {
  it("stores one submission for concurrent posts with one key", async () => {
    const args = buildSubmission(variant);

    const results = await Promise.all([1, 2, 3, 4, 5].map(() => db.insertSubmission(args)));

    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.submission.id)).size).toBe(1);
    expect(countRows(testDatabase.databaseFilePath, "Submission")).toBe(1);
    expect(countRows(testDatabase.databaseFilePath, "SubmissionPart")).toBe(2);
    const progress = await progressFor("rnn");
    expect(progress?.gradedAttempts).toBe(1);
    expect(progress?.attempts).toBe(1);
  });

  it("stores one submission when separate processes race", async () => {
    const args = buildSubmission(variant);
    const startAtMs = Date.now() + 2_500;
    const workerInput = JSON.stringify({ databaseUrl: testDatabase.databaseUrl, startAtMs, submission: args });

    const outputs = await Promise.all(
      [1, 2, 3].map(() =>
        execFileAsync(process.execPath, [TSX_CLI, WORKER_SCRIPT, workerInput], { timeout: 30_000, env: { ...process.env, LOG_LEVEL: "silent" } }),
      ),
    );
    const results = outputs.map((output) => JSON.parse(output.stdout) as { created: boolean; submissionId: string });

    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.submissionId)).size).toBe(1);
    expect(countRows(testDatabase.databaseFilePath, "Submission")).toBe(1);
    expect((await progressFor("rnn"))?.gradedAttempts).toBe(1);
  }, 60_000);

  it("returns the stored submission when a key is reused", async () => {
    const first = await db.insertSubmission(buildSubmission(variant, { idempotencyKey: "retry-key-0001" }));
    // A retry carries the same key; fields that differ are ignored, the stored result wins.
    const retry = await db.insertSubmission(
      buildSubmission(variant, { idempotencyKey: "retry-key-0001", totalScore: 0.5, feedback: "other" }),
    );

    expect(first.created).toBe(true);
    expect(retry.created).toBe(false);
    expect(retry.submission).toEqual(first.submission);
    expect((await progressFor("rnn"))?.gradedAttempts).toBe(1);
  });

  it("rejects a key reused by another user", async () => {
    const other = await insertTestUser(db, "other");
    const otherVariant = await insertTestVariant(db, other.id);
    await db.insertSubmission(buildSubmission(variant, { idempotencyKey: "shared-key-0001" }));

    const error = await db
      .insertSubmission(buildSubmission(otherVariant, { idempotencyKey: "shared-key-0001" }))
      .catch((caught: unknown) => caught);

    expect(isDbError(error, "conflict")).toBe(true);
    expect(countRows(testDatabase.databaseFilePath, "Submission")).toBe(1);
  });

  it("rejects a key reused on another variant", async () => {
    const secondVariant = await insertTestVariant(db, student.id, { seed: 99 });
    await db.insertSubmission(buildSubmission(variant, { idempotencyKey: "variant-key-0001" }));

    const error = await db
      .insertSubmission(buildSubmission(secondVariant, { idempotencyKey: "variant-key-0001" }))
      .catch((caught: unknown) => caught);

    expect(isDbError(error, "conflict")).toBe(true);
  });
});

describe("insertSubmission storage", () => {
  it("stores one row per part in order", async () => {
    const args = buildSubmission(variant, {
      misconceptionTags: ["forgot-bias"],
      totalScore: 0.5,
    });
    args.parts[1] = { ...args.parts[1]!, score: 0, misconceptionTag: "forgot-bias", feedback: "Count the bias." };

    const { submission } = await db.insertSubmission(args);

    expect(submission.parts.map((part) => part.partId)).toEqual(["a", "b"]);
    expect(submission.parts[0]?.parsedValue).toBe(60);
    expect(submission.parts[1]?.parsedValue).toEqual([1, 2]);
    expect(submission.parts[1]?.misconceptionTag).toBe("forgot-bias");
    expect(submission.misconceptionTags).toEqual(["forgot-bias"]);
    expect(submission.variant).toEqual({ questionId: "rnn-parameter-count", seed: 12345 });

    const raw = openRawDatabase(testDatabase.databaseFilePath);
    try {
      const tagCounts = raw
        .prepare('SELECT "misconceptionTag" AS tag, COUNT(*) AS count FROM "SubmissionPart" GROUP BY "misconceptionTag" ORDER BY tag')
        .all();
      expect(tagCounts).toEqual([
        { tag: null, count: 1 },
        { tag: "forgot-bias", count: 1 },
      ]);
    } finally {
      raw.close();
    }
  });

  it("stores ungradable submissions without progress", async () => {
    const { submission, created } = await db.insertSubmission(buildUngradableSubmission(variant));

    expect(created).toBe(true);
    expect(submission.gradable).toBe(false);
    expect(submission.formatErrors).toEqual([
      { partId: "a", code: "comma_decimal", message: 'Read "1,5" as ambiguous.', hint: "Use a point: 1.5" },
    ]);
    expect(submission.parts[0]?.formatError?.code).toBe("comma_decimal");
    expect(await db.selectTopicProgressForUser({ userId: student.id })).toEqual([]);
    expect(await db.countGradedSubmissionsForVariant({ variantId: variant.id })).toBe(0);
  });

  it("counts progress per topic and variant", async () => {
    const secondVariant = await insertTestVariant(db, student.id, { seed: 7 });

    await db.insertSubmission(buildUngradableSubmission(variant));
    await db.insertSubmission(buildSubmission(variant, { totalScore: 0.25 }));
    await db.insertSubmission(buildSubmission(variant, { totalScore: 1 }));
    await db.insertSubmission(buildSubmission(secondVariant, { totalScore: 0.5, topics: ["rnn"] }));

    const progress = await db.selectTopicProgressForUser({ userId: student.id });
    expect(progress.map((row) => row.topic)).toEqual(["parameter-counting", "rnn"]);
    const rnn = progress.find((row) => row.topic === "rnn");
    // Gradable submissions on rnn: 0.25 and 1 (first variant), 0.5 (second variant).
    expect(rnn?.attempts).toBe(2);
    expect(rnn?.gradedAttempts).toBe(3);
    expect(rnn?.correctAttempts).toBe(1);
    expect(rnn?.scoreSum).toBeCloseTo(1.75, 12);
    const counting = progress.find((row) => row.topic === "parameter-counting");
    expect(counting?.attempts).toBe(1);
    expect(counting?.gradedAttempts).toBe(2);
    expect(counting?.scoreSum).toBeCloseTo(1.25, 12);
    expect(await db.countGradedSubmissionsForVariant({ variantId: variant.id })).toBe(2);
  });

  it("rejects another user's variant", async () => {
    const other = await insertTestUser(db, "other");

    const error = await db
      .insertSubmission(buildSubmission(variant, { userId: other.id }))
      .catch((caught: unknown) => caught);

    expect(isDbError(error, "not_found")).toBe(true);
    expect(countRows(testDatabase.databaseFilePath, "Submission")).toBe(0);
  });

  it.each([
    ["score above 1", { totalScore: 1.5 }],
    ["NaN score", { totalScore: Number.NaN }],
    ["ungradable with a score", { gradable: false, totalScore: 0.5 }],
    ["short idempotency key", { idempotencyKey: "abc" }],
    ["no parts", { parts: [] }],
    ["negative time", { timeTakenMs: -1 }],
  ])("rejects %s", async (_label, overrides) => {
    const error = await db.insertSubmission(buildSubmission(variant, overrides)).catch((caught: unknown) => caught);

    expect(isDbError(error, "invalid_input")).toBe(true);
    expect(countRows(testDatabase.databaseFilePath, "Submission")).toBe(0);
  });

  it("rejects duplicate part ids", async () => {
    const args = buildSubmission(variant);
    args.parts[1] = { ...args.parts[1]!, partId: "a" };

    const error = await db.insertSubmission(args).catch((caught: unknown) => caught);

    expect(isDbError(error, "invalid_input")).toBe(true);
  });
});

describe("selectSubmissionsForUser", () => {
  it("pages newest first without gaps or repeats", async () => {
    const stored: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const { submission } = await db.insertSubmission(buildSubmission(variant));
      stored.push(submission.id);
    }

    const seen: string[] = [];
    let cursor: string | undefined;
    const pageSizes: number[] = [];
    for (let page = 0; page < 5; page += 1) {
      const result = await db.selectSubmissionsForUser({ userId: student.id, limit: 2, cursor });
      pageSizes.push(result.submissions.length);
      seen.push(...result.submissions.map((submission) => submission.id));
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }

    expect(pageSizes).toEqual([2, 2, 1]);
    expect(seen).toEqual([...stored].reverse());
  });

  it("filters by question and variant", async () => {
    const otherQuestion = await insertTestVariant(db, student.id, { questionId: "ridge-shrinkage" });
    await db.insertSubmission(buildSubmission(variant));
    const { submission: ridge } = await db.insertSubmission(buildSubmission(otherQuestion));

    const byQuestion = await db.selectSubmissionsForUser({ userId: student.id, questionId: "ridge-shrinkage", limit: 10 });
    const byVariant = await db.selectSubmissionsForUser({ userId: student.id, variantId: otherQuestion.id, limit: 10 });

    expect(byQuestion.submissions.map((submission) => submission.id)).toEqual([ridge.id]);
    expect(byVariant.submissions.map((submission) => submission.id)).toEqual([ridge.id]);
  });
});

describe("insertSubmission try limit", () => {
  it("rejects a graded submission beyond the limit", async () => {
    const limit = { maxGradedSubmissions: 2 };
    await db.insertSubmission(buildSubmission(variant, limit));
    await db.insertSubmission(buildSubmission(variant, limit));

    const error = await db.insertSubmission(buildSubmission(variant, limit)).catch((caught: unknown) => caught);

    expect(isDbError(error, "limit_reached")).toBe(true);
    expect(countRows(testDatabase.databaseFilePath, "Submission")).toBe(2);
    expect((await progressFor("rnn"))?.gradedAttempts).toBe(2);
  });

  it("still stores an ungradable submission at the limit", async () => {
    await db.insertSubmission(buildSubmission(variant, { maxGradedSubmissions: 1 }));

    const ungradable = await db.insertSubmission({ ...buildUngradableSubmission(variant), maxGradedSubmissions: 1 });

    expect(ungradable.created).toBe(true);
    expect(countRows(testDatabase.databaseFilePath, "Submission")).toBe(2);
  });

  it("accepts one last try when processes race", async () => {
    const startAtMs = Date.now() + 2_500;
    const runs = await Promise.allSettled(
      [1, 2, 3].map(() => {
        const submission = buildSubmission(variant, { maxGradedSubmissions: 1 });
        const workerInput = JSON.stringify({ databaseUrl: testDatabase.databaseUrl, startAtMs, submission });
        return execFileAsync(process.execPath, [TSX_CLI, WORKER_SCRIPT, workerInput], {
          timeout: 30_000,
          env: { ...process.env, LOG_LEVEL: "silent" },
        });
      }),
    );

    const stored = runs.filter((run) => run.status === "fulfilled");
    const rejected = runs.filter((run) => run.status === "rejected");
    expect(stored).toHaveLength(1);
    expect(rejected).toHaveLength(2);
    for (const run of rejected) expect(String((run.reason as { stderr?: string }).stderr)).toContain("maximum allowed");
    expect(countRows(testDatabase.databaseFilePath, "Submission")).toBe(1);
  }, 60_000);
});
