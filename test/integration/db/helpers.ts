import { randomUUID } from "node:crypto";
import type { Db, InsertSubmissionArgs, UserRecord, VariantRecord } from "@/lib/db";

/** Stored in passwordHash by tests that never sign in; not a bcrypt hash. */
export const UNUSED_PASSWORD_HASH = "unused-in-this-test";

export async function insertTestUser(db: Db, label: string): Promise<UserRecord> {
  return db.insertUser({
    email: `${label}@test.example`,
    name: `Test ${label}`,
    passwordHash: UNUSED_PASSWORD_HASH,
    role: "student",
  });
}

export async function insertTestVariant(
  db: Db,
  userId: string,
  overrides: Partial<{ questionId: string; questionVersion: number; seed: number }> = {},
): Promise<VariantRecord> {
  return db.insertVariant({
    userId,
    questionId: overrides.questionId ?? "rnn-parameter-count",
    questionVersion: overrides.questionVersion ?? 1,
    seed: overrides.seed ?? 12345,
  });
}

/** Builds a fully graded two-part submission; tests override single fields. */
export function buildSubmission(
  variant: VariantRecord,
  overrides: Partial<InsertSubmissionArgs> = {},
): InsertSubmissionArgs {
  return {
    idempotencyKey: randomUUID(),
    variantId: variant.id,
    userId: variant.userId,
    topics: ["rnn", "parameter-counting"],
    totalScore: 1,
    gradable: true,
    parts: [
      {
        partId: "a",
        rawInput: "  4*(10+4+1) ",
        parsedValue: 60,
        score: 1,
        feedback: "Correct.",
        misconceptionTag: null,
        formatError: null,
      },
      {
        partId: "b",
        rawInput: "[1, 2]",
        parsedValue: [1, 2],
        score: 1,
        feedback: "Correct.",
        misconceptionTag: null,
        formatError: null,
      },
    ],
    feedback: "2 of 2 parts correct.",
    misconceptionTags: [],
    formatErrors: [],
    timeTakenMs: 42_000,
    questionVersion: variant.questionVersion,
    appVersion: "0.1.0-test",
    ...overrides,
  };
}

/** Builds the same submission, ungradable because part "a" could not be read. */
export function buildUngradableSubmission(
  variant: VariantRecord,
  overrides: Partial<InsertSubmissionArgs> = {},
): InsertSubmissionArgs {
  const formatError = { code: "comma_decimal", message: 'Read "1,5" as ambiguous.', hint: "Use a point: 1.5" };
  return buildSubmission(variant, {
    totalScore: 0,
    gradable: false,
    parts: [
      {
        partId: "a",
        rawInput: "1,5",
        parsedValue: null,
        score: null,
        feedback: null,
        misconceptionTag: null,
        formatError,
      },
    ],
    feedback: "Not graded.",
    formatErrors: [{ partId: "a", ...formatError }],
    ...overrides,
  });
}
