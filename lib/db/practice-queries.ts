import { z } from "zod";
import type { Prisma } from "@/prisma/generated/client/client";
import { CORRECT_SCORE_THRESHOLD } from "@/lib/grading/score";
import type { PrismaClient } from "./client";
import { DbError } from "./errors";
import {
  SUBMISSION_INCLUDE,
  toSubmissionRecord,
  toVariantRecord,
  type SubmissionRecord,
  type VariantRecord,
} from "./records";
import { parseArguments, parseUnsafeId } from "./validation";

// Read queries behind the student's mastery, review and progress pages.

/** Default and largest number of graded submissions that selectGradedHistoryForUser returns. */
export const MAX_GRADED_HISTORY = 50_000;

const MAX_ATTEMPT_PAGE_SIZE = 100;

/** Result classes of a submission, as the review list filters them. */
export const SUBMISSION_RESULTS = ["correct", "partly", "incorrect", "not-gradable"] as const;
export type SubmissionResultFilter = (typeof SUBMISSION_RESULTS)[number];

/** One gradable submission in a student's history, reduced to what the mastery model reads. */
export type GradedHistoryRow = {
  submissionId: string;
  variantId: string;
  questionId: string;
  /** 0..1. */
  totalScore: number;
  createdAt: Date;
};

/** A closed variant: from closedAt on, its worked solution was available to the student. */
export type ClosedVariantRow = {
  variantId: string;
  questionId: string;
  closedAt: Date;
};

export type GradedHistory = {
  /** Oldest first; equal times are ordered by submission id, so the order is stable across calls. */
  attempts: GradedHistoryRow[];
  /** The user's closed variants, earliest closedAt first. */
  closedVariants: ClosedVariantRow[];
  /** True when the user has more than `limit` gradable submissions and the newest were left out. */
  truncated: boolean;
};

const historySchema = z.object({
  userId: z.string(),
  limit: z.number().int().min(1).max(MAX_GRADED_HISTORY).default(MAX_GRADED_HISTORY),
});

/**
 * Returns every gradable submission of the user in time order, practice and exam alike, with the
 * user's closed variants. Ungradable submissions (format errors) are left out because they use
 * no try and carry no score. `limit` caps the rows read (default and maximum 50,000).
 */
export async function selectGradedHistoryForUser(
  client: PrismaClient,
  args: { userId: string; limit?: number },
): Promise<GradedHistory> {
  const input = parseArguments(historySchema, args, "selectGradedHistoryForUser");

  const rows = await client.submission.findMany({
    where: { userId: input.userId, gradable: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    select: { id: true, variantId: true, totalScore: true, createdAt: true, variant: { select: { questionId: true } } },
  });
  const variants = await client.variant.findMany({
    where: { userId: input.userId, status: "closed", closedAt: { not: null } },
    orderBy: [{ closedAt: "asc" }, { id: "asc" }],
    select: { id: true, questionId: true, closedAt: true },
  });

  return {
    attempts: rows.slice(0, input.limit).map((row) => ({
      submissionId: row.id,
      variantId: row.variantId,
      questionId: row.variant.questionId,
      totalScore: row.totalScore,
      createdAt: row.createdAt,
    })),
    closedVariants: variants.map((row) => ({ variantId: row.id, questionId: row.questionId, closedAt: row.closedAt as Date })),
    truncated: rows.length > input.limit,
  };
}

const attemptPageSchema = z.object({
  userId: z.string(),
  questionIds: z.array(z.string().min(1).max(200)).max(1_000).optional(),
  result: z.enum(SUBMISSION_RESULTS).optional(),
  limit: z.number().int().min(1).max(MAX_ATTEMPT_PAGE_SIZE),
  cursor: z.string().optional(),
});

function resultWhere(result: SubmissionResultFilter | undefined): Prisma.SubmissionWhereInput {
  switch (result) {
    case undefined:
      return {};
    case "correct":
      return { gradable: true, totalScore: { gte: CORRECT_SCORE_THRESHOLD } };
    case "partly":
      return { gradable: true, totalScore: { gt: 0, lt: CORRECT_SCORE_THRESHOLD } };
    case "incorrect":
      return { gradable: true, totalScore: { lte: 0 } };
    case "not-gradable":
      return { gradable: false };
  }
}

/**
 * Returns one page of the user's submissions, newest first, optionally only on the questions in
 * `questionIds` (an empty list gives an empty page) and only with one result class. "correct"
 * means a total score of at least CORRECT_SCORE_THRESHOLD, "partly" a score strictly between 0
 * and that, "incorrect" a score of 0, all three gradable. `cursor` is the previous page's
 * nextCursor; one that does not name a submission of this user raises DbError "invalid_input".
 */
export async function selectSubmissionPageForUser(
  client: PrismaClient,
  args: {
    userId: string;
    questionIds?: string[];
    result?: SubmissionResultFilter;
    limit: number;
    cursor?: string;
  },
): Promise<{ submissions: SubmissionRecord[]; nextCursor: string | null }> {
  const input = parseArguments(attemptPageSchema, args, "selectSubmissionPageForUser");
  if (input.questionIds !== undefined && input.questionIds.length === 0) return { submissions: [], nextCursor: null };

  let cursorId: string | null = null;
  if (input.cursor !== undefined) {
    cursorId = parseUnsafeId(input.cursor);
    const cursorRow =
      cursorId === null
        ? null
        : await client.submission.findFirst({ where: { id: cursorId, userId: input.userId }, select: { id: true } });
    if (cursorRow === null) {
      throw new DbError(
        "invalid_input",
        "Invalid arguments to selectSubmissionPageForUser: cursor does not name a page of this user's submissions.",
      );
    }
  }

  const rows = await client.submission.findMany({
    where: {
      userId: input.userId,
      ...(input.questionIds === undefined ? {} : { variant: { questionId: { in: input.questionIds } } }),
      ...resultWhere(input.result),
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

/** A submission with its variant and its place among the variant's graded tries. */
export type SubmissionReviewRecord = {
  submission: SubmissionRecord;
  variant: VariantRecord;
  /** 1-based try number among the variant's gradable submissions; null for an ungradable one. */
  tryNumber: number | null;
};

/**
 * Returns one of the user's submissions with its variant, or null when it does not exist, belongs
 * to another user or the id is malformed.
 */
export async function selectSubmissionReviewForOwner(
  client: PrismaClient,
  args: { unsafeSubmissionId: string; userId: string },
): Promise<SubmissionReviewRecord | null> {
  const submissionId = parseUnsafeId(args.unsafeSubmissionId);
  if (submissionId === null) return null;
  const row = await client.submission.findFirst({
    where: { id: submissionId, userId: args.userId },
    include: { ...SUBMISSION_INCLUDE, variant: true },
  });
  if (row === null) return null;

  let tryNumber: number | null = null;
  if (row.gradable) {
    const earlier = await client.submission.count({
      where: {
        variantId: row.variantId,
        gradable: true,
        OR: [{ createdAt: { lt: row.createdAt } }, { createdAt: row.createdAt, id: { lt: row.id } }],
      },
    });
    tryNumber = earlier + 1;
  }

  return { submission: toSubmissionRecord(row), variant: toVariantRecord(row.variant), tryNumber };
}
