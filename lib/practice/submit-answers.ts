import { countGradedSubmissionsForVariant, DbError, insertSubmission, type JsonValue } from "@/lib/db";
import { getServerEnv } from "@/lib/config/env";
import { AppError } from "@/lib/http/app-error";
import { logger } from "@/lib/log";
import { gradeVariant, questionTopics, solutionView, type GradeResult } from "@/lib/questions";
import type { SessionUser } from "@/lib/auth/session";

import type { SolutionView } from "./get-variant";
import { closedVariantMessage, loadOwnedVariant, rebuildVariant } from "./stored-variant";
import { toSubmissionResult, type SubmissionResult } from "./submission-result";

export interface SubmitOutcome {
  /** False when the idempotency key was already stored: the stored result is returned unchanged. */
  created: boolean;
  submission: SubmissionResult;
  /** How each part was read, for the "how we read your answer" display; null on a replay. */
  display: Record<string, { text: string; latex: string } | null> | null;
  /** The worked solution, once this or an earlier submission on the variant was graded. */
  solution: SolutionView | null;
}

function summarize(grade: GradeResult, partCount: number): string {
  if (!grade.gradable) {
    const unread = grade.formatErrors.length;
    return `Not graded: ${unread} of ${partCount} ${partCount === 1 ? "part" : "parts"} could not be read. Fix the format and submit again; this did not use an attempt.`;
  }
  const correct = grade.parts.filter((part) => part.correct).length;
  return `${correct} of ${partCount} ${partCount === 1 ? "part" : "parts"} correct; score ${Math.round(grade.totalScore * 100)}%.`;
}

/**
 * Grades answers to one of the user's open variants and stores the submission. The idempotency key
 * makes a retried request safe: the same key returns the stored submission instead of a second
 * one. An answer that cannot be read is stored as not gradable and changes no progress.
 */
export async function submitAnswers({
  user,
  unsafeVariantId,
  answers,
  idempotencyKey,
  timeTakenMs,
}: {
  user: SessionUser;
  unsafeVariantId: string;
  answers: Record<string, string>;
  idempotencyKey: string;
  timeTakenMs?: number;
}): Promise<SubmitOutcome> {
  const row = await loadOwnedVariant({ user, unsafeVariantId });
  if (row.status !== "open") {
    throw new AppError("variant_closed", closedVariantMessage(row.status, row.brokenReason ?? null));
  }
  const rebuilt = await rebuildVariant(row);
  if (!rebuilt.usable) throw new AppError("variant_closed", closedVariantMessage(rebuilt.status, rebuilt.reason));
  const { variant } = rebuilt;

  const partIds = new Set(variant.content.parts.map((part) => part.id));
  const unknownParts = Object.keys(answers).filter((partId) => !partIds.has(partId));
  if (unknownParts.length > 0) {
    throw new AppError("invalid_input", `This question has no part "${unknownParts[0]}". Its parts are: ${[...partIds].join(", ")}.`, {
      fields: Object.fromEntries(unknownParts.map((partId) => [`answers.${partId}`, ["No such part."]])),
    });
  }

  const grade = gradeVariant({ variant, answers });
  let stored: Awaited<ReturnType<typeof insertSubmission>>;
  try {
    stored = await insertSubmission({
      idempotencyKey,
      variantId: row.id,
      userId: user.id,
      topics: questionTopics(row.questionId),
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
      feedback: summarize(grade, variant.content.parts.length),
      misconceptionTags: grade.misconceptionTags,
      formatErrors: grade.formatErrors,
      timeTakenMs: timeTakenMs ?? null,
      questionVersion: row.questionVersion,
      appVersion: getServerEnv().APP_VERSION,
    });
  } catch (error) {
    if (error instanceof DbError && error.code === "conflict") {
      throw new AppError(
        "conflict",
        "This idempotency key was already used for another submission. Send a new key for each new submission.",
        { fields: { idempotencyKey: ["Already used for another submission."] } },
      );
    }
    throw error;
  }

  const submission = toSubmissionResult(stored.submission);
  logger.info(
    { userId: user.id, variantId: row.id, submissionId: submission.id, created: stored.created, gradable: submission.gradable },
    stored.created ? "submission stored" : "submission replayed for a repeated idempotency key",
  );

  // A replay after a graded answer, or an ungradable submission after an earlier graded one, still
  // shows the solution: the student has seen the verdict on this variant either way.
  const gradedBefore = submission.gradable || (await countGradedSubmissionsForVariant({ variantId: row.id })) > 0;
  return {
    created: stored.created,
    submission,
    display: stored.created ? Object.fromEntries(grade.parts.map((part) => [part.partId, part.display])) : null,
    solution: gradedBefore ? solutionView(variant) : null,
  };
}
