import { z } from "zod";
import type { Prisma } from "@/prisma/generated/client/client";
import type { PrismaClient } from "./client";
import { DbError } from "./errors";
import { SUBMISSION_INCLUDE, toSubmissionRecord, type SubmissionRecord } from "./records";
import { idSchema, parseArguments, parseUnsafeId } from "./validation";
import { MAX_UINT32, questionIdSchema } from "./variants";

// Timed exam sittings. A sitting moves through three states:
//   open:      status in_progress, finishedAt null, now < deadline; answers may be saved.
//   closing:   status in_progress and finishedAt set (the student submitted, or a request saw the
//              deadline pass). Saved answers are frozen; the sitting still needs grading.
//   finished:  status finished, score set, every item linked to its graded submission.
// Saves and the freeze run in transactions that take SQLite's write lock first, so no save can
// land after a freeze.

const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };
const MAX_ITEMS = 50;
const MAX_ANSWER_CHARS = 4_096;

export type ExamStatus = "in_progress" | "finished";

export type ExamItemRecord = {
  id: string;
  position: number;
  variantId: string;
  questionId: string;
  questionVersion: number;
  /** Unsigned 32-bit integer. */
  seed: number;
  variantStatus: "open" | "closed" | "broken";
  /** Part id → raw input, as last saved. */
  savedAnswers: Record<string, string>;
  savedAt: Date | null;
  submission: SubmissionRecord | null;
};

export type ExamAttemptSummaryRecord = {
  id: string;
  userId: string;
  courseId: string | null;
  assessmentId: string | null;
  title: string;
  status: ExamStatus;
  startedAt: Date;
  deadline: Date;
  /** Set when the sitting closes: the submit time, or the deadline for a sitting that ran out. */
  finishedAt: Date | null;
  /** Mean item score 0..1 once finished. */
  score: number | null;
  itemCount: number;
};

export type ExamAttemptRecord = Omit<ExamAttemptSummaryRecord, "itemCount"> & { items: ExamItemRecord[] };

/** Outcome of a save: stored, or rejected because the sitting closed at `closedAt`. */
export type SaveExamAnswersResult =
  | { saved: true; savedAt: Date }
  | { saved: false; reason: "deadline_passed" | "closed"; closedAt: Date };

type TransactionClient = Prisma.TransactionClient;

const answersSchema = z.record(z.string().min(1).max(64), z.string().max(MAX_ANSWER_CHARS));

const insertExamAttemptSchema = z.object({
  userId: idSchema,
  courseId: idSchema.nullable(),
  assessmentId: idSchema.nullable(),
  title: z.string().trim().min(1).max(200),
  startedAt: z.date(),
  deadline: z.date(),
  items: z
    .array(
      z.object({
        questionId: questionIdSchema,
        questionVersion: z.number().int().min(1),
        seed: z.number().int().min(0).max(MAX_UINT32),
      }),
    )
    .min(1, "must contain at least one question")
    .max(MAX_ITEMS),
  /** When set, the sitting is rejected with "limit_reached" if the user already has this many of the assessment. */
  maxAttempts: z.number().int().min(1).optional(),
});

const EXAM_INCLUDE = {
  items: {
    orderBy: { position: "asc" },
    include: {
      variant: { select: { questionId: true, questionVersion: true, seed: true, status: true } },
      submission: { include: SUBMISSION_INCLUDE },
    },
  },
} as const;

type ExamRow = Prisma.ExamAttemptGetPayload<{ include: typeof EXAM_INCLUDE }>;

function toExamAttemptRecord(row: ExamRow): ExamAttemptRecord {
  return {
    id: row.id,
    userId: row.userId,
    courseId: row.courseId,
    assessmentId: row.assessmentId,
    title: row.title,
    status: row.status,
    startedAt: row.startedAt,
    deadline: row.deadline,
    finishedAt: row.finishedAt,
    score: row.score,
    items: row.items.map((item) => ({
      id: item.id,
      position: item.position,
      variantId: item.variantId,
      questionId: item.variant.questionId,
      questionVersion: item.variant.questionVersion,
      seed: Number(item.variant.seed),
      variantStatus: item.variant.status,
      savedAnswers: parseSavedAnswers(item.savedAnswers),
      savedAt: item.savedAt,
      submission: item.submission === null ? null : toSubmissionRecord(item.submission),
    })),
  };
}

function parseSavedAnswers(text: string): Record<string, string> {
  try {
    return answersSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new DbError("internal", "Column ExamItem.savedAnswers contains invalid JSON; the row was edited outside lib/db.", { cause: error });
  }
}

/** Takes SQLite's write lock (as BEGIN IMMEDIATE would) with a no-op UPDATE on the sitting's row. */
async function lockExamAttempt(tx: TransactionClient, examAttemptId: string): Promise<void> {
  await tx.$executeRaw`UPDATE "ExamAttempt" SET "status" = "status" WHERE "id" = ${examAttemptId}`;
}

/**
 * Stores a new sitting with one exam-mode variant per item, all in one transaction. With
 * `maxAttempts`, the user's earlier sittings of the assessment are counted under the write lock,
 * so two concurrent starts cannot both pass the limit.
 */
export async function insertExamAttempt(
  client: PrismaClient,
  args: z.input<typeof insertExamAttemptSchema>,
): Promise<ExamAttemptRecord> {
  const input = parseArguments(insertExamAttemptSchema, args, "insertExamAttempt");
  if (input.deadline.getTime() <= input.startedAt.getTime()) {
    throw new DbError("invalid_input", "Invalid arguments to insertExamAttempt: deadline must be after startedAt.");
  }

  return client.$transaction(async (tx) => {
    // A write first, so the count below and the inserts run under SQLite's write lock.
    await tx.$executeRaw`UPDATE "User" SET "id" = "id" WHERE "id" = ${input.userId}`;

    if (input.maxAttempts !== undefined && input.assessmentId !== null) {
      const earlier = await tx.examAttempt.count({ where: { userId: input.userId, assessmentId: input.assessmentId } });
      if (earlier >= input.maxAttempts) {
        throw new DbError("limit_reached", `User "${input.userId}" already has ${earlier} sittings of assessment "${input.assessmentId}".`);
      }
    }

    const attempt = await tx.examAttempt.create({
      data: {
        userId: input.userId,
        courseId: input.courseId,
        assessmentId: input.assessmentId,
        title: input.title,
        startedAt: input.startedAt,
        deadline: input.deadline,
      },
    });
    for (const [position, item] of input.items.entries()) {
      const variant = await tx.variant.create({
        data: {
          userId: input.userId,
          questionId: item.questionId,
          questionVersion: item.questionVersion,
          seed: BigInt(item.seed),
          courseId: input.courseId,
          mode: "exam",
        },
      });
      await tx.examItem.create({ data: { examAttemptId: attempt.id, position, variantId: variant.id } });
    }

    const row = await tx.examAttempt.findUniqueOrThrow({ where: { id: attempt.id }, include: EXAM_INCLUDE });
    return toExamAttemptRecord(row);
  }, TRANSACTION_OPTIONS);
}

/** Returns the sitting with its items when it belongs to `userId`; null otherwise (also for malformed ids). */
export async function selectExamAttemptForOwner(
  client: PrismaClient,
  args: { unsafeExamAttemptId: string; userId: string },
): Promise<ExamAttemptRecord | null> {
  const id = parseUnsafeId(args.unsafeExamAttemptId);
  if (id === null) return null;
  const row = await client.examAttempt.findFirst({ where: { id, userId: args.userId }, include: EXAM_INCLUDE });
  return row === null ? null : toExamAttemptRecord(row);
}

/** Lists the user's sittings, newest first, at most `limit` (1..200). */
export async function selectExamAttemptsForUser(
  client: PrismaClient,
  args: { userId: string; limit?: number },
): Promise<ExamAttemptSummaryRecord[]> {
  const limit = parseArguments(z.number().int().min(1).max(200).default(50), args.limit, "selectExamAttemptsForUser");
  const rows = await client.examAttempt.findMany({
    where: { userId: args.userId },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: limit,
    include: { _count: { select: { items: true } } },
  });
  return rows.map(({ _count, ...row }) => ({
    id: row.id,
    userId: row.userId,
    courseId: row.courseId,
    assessmentId: row.assessmentId,
    title: row.title,
    status: row.status,
    startedAt: row.startedAt,
    deadline: row.deadline,
    finishedAt: row.finishedAt,
    score: row.score,
    itemCount: _count.items,
  }));
}

/** Counts the user's sittings of one assessment, finished or not. */
export async function countExamAttemptsForAssessment(
  client: PrismaClient,
  args: { userId: string; assessmentId: string },
): Promise<number> {
  return client.examAttempt.count({ where: { userId: args.userId, assessmentId: args.assessmentId } });
}

/**
 * Overwrites one item's saved answers while the sitting is open at `now`. A save at or after the
 * deadline, or after the sitting closed, changes nothing and reports when the sitting closed.
 * Raises DbError "not_found" for an item that is not in the user's sitting.
 */
export async function saveExamItemAnswers(
  client: PrismaClient,
  args: { examAttemptId: string; userId: string; itemId: string; answers: Record<string, string>; now: Date },
): Promise<SaveExamAnswersResult> {
  const answers = parseArguments(answersSchema, args.answers, "saveExamItemAnswers");
  return client.$transaction(async (tx) => {
    await lockExamAttempt(tx, args.examAttemptId);
    const attempt = await tx.examAttempt.findFirst({
      where: { id: args.examAttemptId, userId: args.userId },
      select: { status: true, deadline: true, finishedAt: true },
    });
    if (attempt === null) throw new DbError("not_found", `Exam sitting "${args.examAttemptId}" was not found for user "${args.userId}".`);

    if (attempt.finishedAt !== null || attempt.status === "finished") {
      return { saved: false, reason: "closed", closedAt: attempt.finishedAt ?? attempt.deadline };
    }
    if (args.now.getTime() >= attempt.deadline.getTime()) {
      return { saved: false, reason: "deadline_passed", closedAt: attempt.deadline };
    }

    const updated = await tx.examItem.updateMany({
      where: { id: args.itemId, examAttemptId: args.examAttemptId },
      data: { savedAnswers: JSON.stringify(answers), savedAt: args.now },
    });
    if (updated.count !== 1) throw new DbError("not_found", `Exam item "${args.itemId}" is not part of sitting "${args.examAttemptId}".`);
    return { saved: true, savedAt: args.now };
  }, TRANSACTION_OPTIONS);
}

/**
 * Closes an open sitting to further saves: finishedAt becomes `now`, or the deadline when that
 * came first. Returns the sitting's finishedAt afterwards; a sitting closed before keeps its time.
 * Raises DbError "not_found" for another user's sitting.
 */
export async function closeExamAttempt(
  client: PrismaClient,
  args: { examAttemptId: string; userId: string; now: Date },
): Promise<{ finishedAt: Date; closedNow: boolean }> {
  return client.$transaction(async (tx) => {
    await lockExamAttempt(tx, args.examAttemptId);
    const attempt = await tx.examAttempt.findFirst({
      where: { id: args.examAttemptId, userId: args.userId },
      select: { deadline: true, finishedAt: true },
    });
    if (attempt === null) throw new DbError("not_found", `Exam sitting "${args.examAttemptId}" was not found for user "${args.userId}".`);
    if (attempt.finishedAt !== null) return { finishedAt: attempt.finishedAt, closedNow: false };

    const finishedAt = new Date(Math.min(args.now.getTime(), attempt.deadline.getTime()));
    // Conditional on finishedAt still being null, so a concurrent close cannot move the time.
    const updated = await tx.examAttempt.updateMany({
      where: { id: args.examAttemptId, finishedAt: null },
      data: { finishedAt },
    });
    return { finishedAt, closedNow: updated.count === 1 };
  }, TRANSACTION_OPTIONS);
}

/**
 * Marks a closed sitting finished with its score, links each item to its graded submission and
 * closes the items' variants, in one transaction. The status change is conditional
 * (in_progress → finished), so when two requests race only one applies it; the other gets
 * `completed: false` and changes nothing.
 */
export async function completeExamAttempt(
  client: PrismaClient,
  args: { examAttemptId: string; userId: string; score: number; links: { itemId: string; submissionId: string }[] },
): Promise<{ completed: boolean }> {
  const score = parseArguments(z.number().min(0).max(1), args.score, "completeExamAttempt");
  return client.$transaction(async (tx) => {
    const updated = await tx.examAttempt.updateMany({
      where: { id: args.examAttemptId, userId: args.userId, status: "in_progress", finishedAt: { not: null } },
      data: { status: "finished", score },
    });
    if (updated.count !== 1) return { completed: false };

    const attempt = await tx.examAttempt.findUniqueOrThrow({ where: { id: args.examAttemptId }, select: { finishedAt: true } });
    for (const link of args.links) {
      await tx.examItem.updateMany({
        where: { id: link.itemId, examAttemptId: args.examAttemptId },
        data: { submissionId: link.submissionId },
      });
    }
    const items = await tx.examItem.findMany({ where: { examAttemptId: args.examAttemptId }, select: { variantId: true } });
    await tx.variant.updateMany({
      where: { id: { in: items.map((item) => item.variantId) }, status: "open" },
      data: { status: "closed", closedAt: attempt.finishedAt },
    });
    return { completed: true };
  }, TRANSACTION_OPTIONS);
}

/** Ids of the user's sittings that are still in progress, oldest first. */
export async function selectUnfinishedExamAttemptIds(client: PrismaClient, args: { userId: string }): Promise<string[]> {
  const rows = await client.examAttempt.findMany({
    where: { userId: args.userId, status: "in_progress" },
    orderBy: { startedAt: "asc" },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/** Returns the variant's mode, or null when the variant does not exist. The practice routes reject exam variants. */
export async function selectVariantMode(client: PrismaClient, args: { variantId: string }): Promise<"practice" | "exam" | null> {
  const row = await client.variant.findUnique({ where: { id: args.variantId }, select: { mode: true } });
  return row?.mode ?? null;
}

/** Returns the sitting that contains an exam variant of `userId`, or null for another user's or a practice variant. */
export async function selectExamIdForVariant(client: PrismaClient, args: { variantId: string; userId: string }): Promise<string | null> {
  const row = await client.examItem.findFirst({
    where: { variantId: args.variantId, examAttempt: { userId: args.userId } },
    select: { examAttemptId: true },
  });
  return row?.examAttemptId ?? null;
}
