import { z } from "zod";
import type { Prisma } from "@/prisma/generated/client/client";
import type { PrismaClient } from "./client";
import { DbError, isUniqueViolation, toDbError } from "./errors";
import {
  SUBMISSION_INCLUDE,
  toSubmissionRecord,
  type FormatErrorRecord,
  type JsonValue,
  type SubmissionRecord,
  type SubmissionRow,
} from "./records";
import { idSchema, parseArguments, parseUnsafeId } from "./validation";
import { CORRECT_SCORE_THRESHOLD } from "@/lib/grading/score";

export { CORRECT_SCORE_THRESHOLD };

const DEFAULT_SUBMISSION_PAGE_SIZE = 20;
const MAX_SUBMISSION_PAGE_SIZE = 100;

// maxWait bounds the wait for a connection (on SQLite, for the operations of
// this process queued before this one); timeout bounds the transaction's run time.
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

const scoreSchema = z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1");

const formatErrorSchema = z.object({
  partId: z.string().min(1).max(200).optional(),
  code: z.string().min(1).max(100),
  message: z.string().max(2_000),
  hint: z.string().max(2_000).optional(),
});

const submissionPartSchema = z.object({
  partId: z.string().min(1, "must not be empty").max(200),
  rawInput: z.string().max(10_000),
  parsedValue: z.json().nullish(),
  score: scoreSchema.nullable(),
  feedback: z.string().max(20_000).nullable(),
  misconceptionTag: z.string().min(1).max(200).nullable(),
  formatError: formatErrorSchema.nullable(),
});

const insertSubmissionSchema = z
  .object({
    idempotencyKey: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{8,128}$/, "must be 8..128 characters from letters, digits and . _ : -"),
    variantId: idSchema,
    userId: idSchema,
    topics: z.array(z.string().trim().min(1).max(100)).max(50),
    totalScore: scoreSchema,
    gradable: z.boolean(),
    parts: z.array(submissionPartSchema).min(1, "must contain at least one part").max(100),
    feedback: z.string().max(50_000),
    misconceptionTags: z.array(z.string().min(1).max(200)).max(100),
    formatErrors: z.array(formatErrorSchema).max(100),
    timeTakenMs: z.number().int().min(0).max(2_147_483_647).nullable(),
    questionVersion: z.number().int().min(1),
    appVersion: z.string().min(1).max(200),
    /** Most graded submissions the variant may hold; a gradable one beyond it is rejected. */
    maxGradedSubmissions: z.number().int().min(1).optional(),
  })
  .superRefine((value, context) => {
    const seen = new Set<string>();
    value.parts.forEach((part, index) => {
      if (seen.has(part.partId)) {
        context.addIssue({ code: "custom", path: ["parts", index, "partId"], message: `duplicate part id "${part.partId}"` });
      }
      seen.add(part.partId);
    });
    if (!value.gradable && value.totalScore !== 0) {
      context.addIssue({ code: "custom", path: ["totalScore"], message: "must be 0 when gradable is false" });
    }
  });

export type InsertSubmissionPart = {
  partId: string;
  rawInput: string;
  parsedValue: JsonValue | null;
  score: number | null;
  feedback: string | null;
  misconceptionTag: string | null;
  formatError: FormatErrorRecord | null;
};

export type InsertSubmissionArgs = {
  idempotencyKey: string;
  variantId: string;
  userId: string;
  /** Topics of the question; each gets its progress counters updated once. */
  topics: string[];
  totalScore: number;
  gradable: boolean;
  parts: InsertSubmissionPart[];
  feedback: string;
  misconceptionTags: string[];
  formatErrors: FormatErrorRecord[];
  timeTakenMs: number | null;
  questionVersion: number;
  appVersion: string;
  /**
   * Most graded submissions the variant may hold (the try limit). When the
   * variant already has this many, a gradable submission raises DbError
   * "limit_reached" and nothing is stored; ungradable ones are always stored.
   */
  maxGradedSubmissions?: number;
};

type TransactionClient = Prisma.TransactionClient;

/**
 * Stores a submission with its parts and, when it is new and gradable, adds
 * it to the user's progress for each topic, all in one transaction.
 *
 * Idempotency: a second call with the same key, user and variant (also when
 * concurrent, also from another process) changes nothing and returns the
 * stored submission with created=false. The same key with another user or
 * variant raises DbError "conflict". A variant that does not exist or belongs
 * to another user raises DbError "not_found". A gradable submission beyond
 * `maxGradedSubmissions` raises DbError "limit_reached". The variant's status is not
 * checked here, because whether a closed variant takes submissions is the
 * caller's rule.
 */
export async function insertSubmission(
  client: PrismaClient,
  args: InsertSubmissionArgs,
): Promise<{ submission: SubmissionRecord; created: boolean }> {
  const input = parseArguments(insertSubmissionSchema, args, "insertSubmission");

  try {
    return await client.$transaction(async (tx) => {
      await lockVariantForWrite(tx, input.variantId);

      const existing = await tx.submission.findUnique({
        where: { idempotencyKey: input.idempotencyKey },
        include: SUBMISSION_INCLUDE,
      });
      if (existing !== null) return replayStoredSubmission(existing, input);

      const variant = await tx.variant.findUnique({ where: { id: input.variantId }, select: { userId: true } });
      if (variant === null || variant.userId !== input.userId) {
        throw new DbError("not_found", `Variant "${input.variantId}" was not found for user "${input.userId}".`);
      }

      const earlierGradableCount = input.gradable
        ? await tx.submission.count({ where: { variantId: input.variantId, gradable: true } })
        : 0;
      // Counted under the variant lock, so two processes cannot both store the last allowed try.
      if (input.maxGradedSubmissions !== undefined && earlierGradableCount >= input.maxGradedSubmissions) {
        throw new DbError(
          "limit_reached",
          `Variant "${input.variantId}" already has ${earlierGradableCount} graded submissions, the maximum allowed.`,
        );
      }

      const now = new Date();
      const row = await tx.submission.create({
        data: {
          idempotencyKey: input.idempotencyKey,
          variantId: input.variantId,
          userId: input.userId,
          totalScore: input.totalScore,
          gradable: input.gradable,
          formatErrors: JSON.stringify(input.formatErrors),
          feedback: input.feedback,
          misconceptionTags: JSON.stringify(input.misconceptionTags),
          timeTakenMs: input.timeTakenMs,
          questionVersion: input.questionVersion,
          appVersion: input.appVersion,
          createdAt: now,
          parts: {
            create: input.parts.map((part, position) => ({
              position,
              partId: part.partId,
              rawInput: part.rawInput,
              parsedValue: part.parsedValue === null || part.parsedValue === undefined ? null : JSON.stringify(part.parsedValue),
              score: part.score,
              feedback: part.feedback,
              misconceptionTag: part.misconceptionTag,
              formatError: part.formatError === null ? null : JSON.stringify(part.formatError),
            })),
          },
        },
        include: SUBMISSION_INCLUDE,
      });

      if (input.gradable) {
        await addToTopicProgress(tx, {
          userId: input.userId,
          topics: [...new Set(input.topics)],
          totalScore: input.totalScore,
          firstGradableForVariant: earlierGradableCount === 0,
          at: now,
        });
      }
      return { submission: toSubmissionRecord(row), created: true };
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    if (isUniqueViolation(error)) {
      // Another connection committed the same key after the lookup above.
      // The variant lock prevents that among lib/db callers with the same
      // variant, but a writer that skips the lock (another program, or the
      // same key on another variant) can still cause it.
      const winner = await client.submission.findUnique({
        where: { idempotencyKey: input.idempotencyKey },
        include: SUBMISSION_INCLUDE,
      });
      if (winner !== null) return replayStoredSubmission(winner, input);
    }
    throw toDbError(error, "insertSubmission");
  }
}

/**
 * Serializes submissions to one variant with a no-op UPDATE as the
 * transaction's first statement. On SQLite it takes the database write lock,
 * as BEGIN IMMEDIATE would (Prisma issues a plain BEGIN). Without it, a
 * transaction that reads first and then writes fails with SQLITE_BUSY when
 * another process committed in between, and the busy timeout does not help.
 * On PostgreSQL it locks the variant's row until commit, so a concurrent
 * submission reads this one's idempotency key and attempt count.
 */
async function lockVariantForWrite(tx: TransactionClient, variantId: string): Promise<void> {
  await tx.$executeRaw`UPDATE "Variant" SET "status" = "status" WHERE "id" = ${variantId}`;
}

function replayStoredSubmission(
  stored: SubmissionRow,
  input: { idempotencyKey: string; userId: string; variantId: string },
): { submission: SubmissionRecord; created: boolean } {
  if (stored.userId !== input.userId || stored.variantId !== input.variantId) {
    throw new DbError(
      "conflict",
      `Idempotency key "${input.idempotencyKey}" was already used for another submission; send a new key.`,
    );
  }
  return { submission: toSubmissionRecord(stored), created: false };
}

async function addToTopicProgress(
  tx: TransactionClient,
  update: { userId: string; topics: string[]; totalScore: number; firstGradableForVariant: boolean; at: Date },
): Promise<void> {
  const attemptIncrement = update.firstGradableForVariant ? 1 : 0;
  const correctIncrement = update.totalScore >= CORRECT_SCORE_THRESHOLD ? 1 : 0;

  for (const topic of update.topics) {
    await tx.topicProgress.upsert({
      where: { userId_topic: { userId: update.userId, topic } },
      create: {
        userId: update.userId,
        topic,
        attempts: attemptIncrement,
        gradedAttempts: 1,
        correctAttempts: correctIncrement,
        scoreSum: update.totalScore,
        lastAttemptAt: update.at,
      },
      update: {
        attempts: { increment: attemptIncrement },
        gradedAttempts: { increment: 1 },
        correctAttempts: { increment: correctIncrement },
        scoreSum: { increment: update.totalScore },
        lastAttemptAt: update.at,
      },
    });
  }
}

const selectSubmissionsSchema = z.object({
  userId: z.string(),
  questionId: z.string().min(1).max(200).optional(),
  variantId: z.string().max(100).optional(),
  limit: z.number().int().min(1).max(MAX_SUBMISSION_PAGE_SIZE).default(DEFAULT_SUBMISSION_PAGE_SIZE),
  cursor: z.string().optional(),
});

/**
 * Returns one page of the user's submissions, newest first, with parts and the
 * variant's questionId and seed, optionally only for one question or one
 * variant (another user's variant id yields an empty page). `cursor` is the
 * nextCursor of the previous page. It comes from the request, so a cursor
 * that is malformed or names another user's submission raises DbError
 * "invalid_input". `limit` is 1..100.
 */
export async function selectSubmissionsForUser(
  client: PrismaClient,
  args: { userId: string; questionId?: string; variantId?: string; limit: number; cursor?: string },
): Promise<{ submissions: SubmissionRecord[]; nextCursor: string | null }> {
  const input = parseArguments(selectSubmissionsSchema, args, "selectSubmissionsForUser");
  const variantFilter = input.variantId === undefined ? undefined : parseUnsafeId(input.variantId);
  if (variantFilter === null) return { submissions: [], nextCursor: null };

  let cursorId: string | null = null;
  if (input.cursor !== undefined) {
    cursorId = parseUnsafeId(input.cursor);
    const cursorRow =
      cursorId === null
        ? null
        : await client.submission.findFirst({ where: { id: cursorId, userId: input.userId }, select: { id: true } });
    if (cursorRow === null) {
      throw new DbError("invalid_input", "Invalid arguments to selectSubmissionsForUser: cursor does not name a page of this user's submissions.");
    }
  }

  const rows = await client.submission.findMany({
    where: {
      userId: input.userId,
      ...(input.questionId === undefined ? {} : { variant: { questionId: input.questionId } }),
      ...(variantFilter === undefined ? {} : { variantId: variantFilter }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    // The extra row, when present, means another page exists.
    take: input.limit + 1,
    ...(cursorId === null ? {} : { cursor: { id: cursorId }, skip: 1 }),
    include: SUBMISSION_INCLUDE,
  });

  const page = rows.slice(0, input.limit);
  const nextCursor = rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null;
  return { submissions: page.map(toSubmissionRecord), nextCursor };
}

/** Returns the submission when it exists and belongs to `userId`, otherwise null (also for malformed ids). */
export async function selectSubmissionForOwner(
  client: PrismaClient,
  args: { unsafeSubmissionId: string; userId: string },
): Promise<SubmissionRecord | null> {
  const submissionId = parseUnsafeId(args.unsafeSubmissionId);
  if (submissionId === null) return null;
  const row = await client.submission.findFirst({
    where: { id: submissionId, userId: args.userId },
    include: SUBMISSION_INCLUDE,
  });
  return row === null ? null : toSubmissionRecord(row);
}

/** Counts the gradable submissions stored for the variant (ungradable ones use no attempt). */
export async function countGradedSubmissionsForVariant(
  client: PrismaClient,
  args: { variantId: string },
): Promise<number> {
  return client.submission.count({ where: { variantId: args.variantId, gradable: true } });
}
