import { countGradedSubmissionsForVariant, DbError, insertSubmission, updateVariantStatus, type JsonValue } from "@/lib/db";
import { getServerEnv } from "@/lib/config/env";
import { AppError } from "@/lib/http/app-error";
import { logger } from "@/lib/log";
import { gradeVariant, solutionView, type GradeResult, type Variant } from "@/lib/questions";
import type { SessionUser } from "@/lib/auth/session";

import { closeReason, closeReasonMessage, isFullyCorrect, MAX_TRIES_PER_VARIANT, tryCount, withVariantLock, type TryCount } from "./attempt-policy";
import type { SolutionView } from "./get-variant";
import { variantTopics } from "./question-source";
import { closedVariantMessage, loadOwnedVariant, rebuildVariant, type VariantRow } from "./stored-variant";
import { toSubmissionResult, type SubmissionResult, type SubmissionRow } from "./submission-result";
import { gradedScores, listVariantSubmissionRows } from "./variant-submissions";

export interface SubmitOutcome {
  /** False when the idempotency key was already stored: the stored result is returned unchanged. */
  created: boolean;
  submission: SubmissionResult;
  /** How each part was read, for the "how we read your answer" display; null on a replay. */
  display: Record<string, { text: string; latex: string } | null> | null;
  /** The variant's status after this request: closed after a fully correct or the last try. */
  variantStatus: "open" | "closed";
  /** Graded tries on the variant after this request. */
  tries: TryCount;
  /** The worked solution and keys, present only once the variant is closed. */
  solution: SolutionView | null;
}

interface SubmitArgs {
  user: SessionUser;
  unsafeVariantId: string;
  answers: Record<string, string>;
  idempotencyKey: string;
  timeTakenMs?: number;
}

function summarize(grade: GradeResult, partCount: number): string {
  if (!grade.gradable) {
    const unread = grade.formatErrors.length;
    const noun = partCount === 1 ? "part" : "parts";
    return `${unread} of ${partCount} ${noun} could not be read, so nothing was graded and no try was used. Fix the format and submit again.`;
  }
  const correct = grade.parts.filter((part) => part.correct).length;
  return `${correct} of ${partCount} ${partCount === 1 ? "part" : "parts"} correct; score ${Math.round(grade.totalScore * 100)}%.`;
}

/** True when `answers` has exactly the raw input stored for every part (a left-out part is ""). */
function sameRawInputs(stored: SubmissionRow, answers: Record<string, string>): boolean {
  const storedParts = new Set(stored.parts.map((part) => part.partId));
  if (Object.keys(answers).some((partId) => !storedParts.has(partId))) return false;
  return stored.parts.every((part) => (answers[part.partId] ?? "") === part.rawInput);
}

function keyReusedError(idempotencyKey: string): AppError {
  return new AppError(
    "conflict",
    `Idempotency key "${idempotencyKey}" was already used for a submission with different answers. Send a new key for each new submission.`,
    { fields: { idempotencyKey: ["Already used with different answers."] } },
  );
}

/**
 * Returns the stored submission for a repeated key, or raises conflict when the new answers differ
 * from the stored ones. The solution comes with it only when the variant has closed since.
 */
async function replayOutcome(args: {
  row: VariantRow;
  stored: SubmissionRow;
  answers: Record<string, string>;
  idempotencyKey: string;
  gradedCount: number;
}): Promise<SubmitOutcome> {
  if (!sameRawInputs(args.stored, args.answers)) throw keyReusedError(args.idempotencyKey);

  const open = args.row.status === "open";
  let solution: SolutionView | null = null;
  if (args.row.status === "closed") {
    const rebuilt = await rebuildVariant(args.row);
    solution = rebuilt.usable ? solutionView(rebuilt.variant) : null;
  }
  logger.info(
    { variantId: args.row.id, submissionId: args.stored.id, variantStatus: args.row.status },
    "submission replayed for a repeated idempotency key",
  );
  return {
    created: false,
    submission: toSubmissionResult(args.stored),
    display: null,
    variantStatus: open ? "open" : "closed",
    tries: tryCount(args.gradedCount, open),
    solution,
  };
}

function rejectUnknownParts(variant: Variant, answers: Record<string, string>): void {
  const partIds = new Set(variant.content.parts.map((part) => part.id));
  const unknownParts = Object.keys(answers).filter((partId) => !partIds.has(partId));
  if (unknownParts.length > 0) {
    throw new AppError("invalid_input", `This question has no part "${unknownParts[0]}". Its parts are: ${[...partIds].join(", ")}.`, {
      fields: Object.fromEntries(unknownParts.map((partId) => [`answers.${partId}`, ["No such part."]])),
    });
  }
}

async function storeGrade(args: {
  user: SessionUser;
  row: VariantRow;
  variant: Variant;
  grade: GradeResult;
  idempotencyKey: string;
  timeTakenMs: number | undefined;
}): Promise<Awaited<ReturnType<typeof insertSubmission>>> {
  const { row, grade } = args;
  try {
    return await insertSubmission({
      idempotencyKey: args.idempotencyKey,
      variantId: row.id,
      userId: args.user.id,
      topics: variantTopics(args.variant),
      totalScore: grade.totalScore,
      gradable: grade.gradable,
      parts: grade.parts.map((part) => ({
        partId: part.partId,
        rawInput: part.rawInput,
        // The grader returns JSON-serializable parsed values (numbers, arrays, strings).
        parsedValue: part.gradable ? (part.parsed as JsonValue) : null,
        score: part.gradable ? part.score : null,
        feedback: part.gradable ? part.feedback : null,
        misconceptionTag: part.misconceptionTag,
        formatError: part.formatError,
      })),
      feedback: summarize(grade, args.variant.content.parts.length),
      misconceptionTags: grade.misconceptionTags,
      formatErrors: grade.formatErrors,
      timeTakenMs: args.timeTakenMs ?? null,
      questionVersion: row.questionVersion,
      appVersion: getServerEnv().APP_VERSION,
      maxGradedSubmissions: MAX_TRIES_PER_VARIANT,
    });
  } catch (error) {
    // Another server process stored the last try first; the database counted it under its lock.
    if (error instanceof DbError && error.code === "limit_reached") {
      logger.info({ userId: args.user.id, variantId: row.id }, "try rejected: the variant has no tries left");
      await updateVariantStatus({ variantId: row.id, status: "closed" });
      throw new AppError(
        "variant_closed",
        `You have used all ${MAX_TRIES_PER_VARIANT} tries on this variant, so it is closed. Start a new variant to practise again.`,
      );
    }
    // lib/db raises conflict when the key belongs to another variant or user.
    if (error instanceof DbError && error.code === "conflict") {
      throw new AppError(
        "conflict",
        `Idempotency key "${args.idempotencyKey}" was already used for another submission. Send a new key for each new submission.`,
        { fields: { idempotencyKey: ["Already used for another submission."] } },
      );
    }
    throw error;
  }
}

/**
 * Grades answers to one of the user's open variants, stores the submission and applies the try
 * limit (MAX_TRIES_PER_VARIANT): a fully correct try or the last try closes the variant, and only
 * then does the outcome carry the solution. A submission that cannot be read is stored as not
 * gradable, uses no try and changes no progress.
 *
 * A repeated idempotency key with the same answers returns the stored submission, even when the
 * variant has closed since. The same key with different answers is a conflict.
 *
 * Guarantees: withVariantLock runs one request per variant at a time within this process, so a
 * request sees the tries stored before it. Across server processes, insertSubmission counts the
 * graded tries under the variant's database lock and rejects one beyond MAX_TRIES_PER_VARIANT.
 */
export async function submitAnswers(args: SubmitArgs): Promise<SubmitOutcome> {
  const { user, unsafeVariantId } = args;
  const owned = await loadOwnedVariant({ user, unsafeVariantId });
  // The row is read again inside the lock, because a request queued before this one may have closed it.
  return withVariantLock(owned.id, async () => submitLocked(args, await loadOwnedVariant({ user, unsafeVariantId })));
}

async function submitLocked(args: SubmitArgs, row: VariantRow): Promise<SubmitOutcome> {
  const { user, answers, idempotencyKey } = args;

  // A replay is returned before the status check, so a retry of the closing try still succeeds.
  const rows = await listVariantSubmissionRows({ user, variantId: row.id });
  const graded = gradedScores(rows);
  const previous = rows.find((stored) => stored.idempotencyKey === idempotencyKey);
  if (previous !== undefined) {
    return replayOutcome({ row, stored: previous, answers, idempotencyKey, gradedCount: graded.length });
  }

  if (row.status === "closed") throw new AppError("variant_closed", closeReasonMessage(closeReason(graded)));
  if (row.status !== "open") throw new AppError("variant_closed", closedVariantMessage(row.status, row.brokenReason ?? null));
  const rebuilt = await rebuildVariant(row);
  if (!rebuilt.usable) throw new AppError("variant_closed", closedVariantMessage(rebuilt.status, rebuilt.reason));
  const { variant } = rebuilt;
  rejectUnknownParts(variant, answers);

  const usedBefore = await countGradedSubmissionsForVariant({ variantId: row.id });
  if (usedBefore >= MAX_TRIES_PER_VARIANT) {
    // Reached only when an earlier request stored the last try but failed before closing the variant.
    await updateVariantStatus({ variantId: row.id, status: "closed" });
    throw new AppError("variant_closed", closeReasonMessage(closeReason(graded)));
  }

  const grade = gradeVariant({ variant, answers });
  const stored = await storeGrade({ user, row, variant, grade, idempotencyKey, timeTakenMs: args.timeTakenMs });
  if (!stored.created) {
    // Another process stored the same key between the lookup above and the insert.
    const usedNow = await countGradedSubmissionsForVariant({ variantId: row.id });
    return replayOutcome({ row, stored: stored.submission, answers, idempotencyKey, gradedCount: usedNow });
  }

  const submission = toSubmissionResult(stored.submission);
  const usedAfter = grade.gradable ? await countGradedSubmissionsForVariant({ variantId: row.id }) : usedBefore;
  const closes = grade.gradable && (isFullyCorrect(grade.totalScore) || usedAfter >= MAX_TRIES_PER_VARIANT);
  if (closes) await updateVariantStatus({ variantId: row.id, status: "closed" });

  logger.info(
    { userId: user.id, variantId: row.id, submissionId: submission.id, gradable: submission.gradable, triesUsed: usedAfter, closed: closes },
    "submission stored",
  );
  return {
    created: true,
    submission,
    display: Object.fromEntries(grade.parts.map((part) => [part.partId, part.display])),
    variantStatus: closes ? "closed" : "open",
    tries: tryCount(usedAfter, !closes),
    solution: closes ? solutionView(variant) : null,
  };
}
