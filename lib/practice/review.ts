import {
  DbError,
  SUBMISSION_RESULTS,
  selectSubmissionPageForUser,
  selectSubmissionReviewForOwner,
  type SubmissionResultFilter,
} from "@/lib/db";
import { AppError } from "@/lib/http/app-error";
import { CORRECT_SCORE_THRESHOLD } from "@/lib/grading/score";
import { getQuestionSummary, listQuestions, QuestionNotFoundError, solutionView, toStudentView, type StudentVariantView } from "@/lib/questions";
import type { TopicId } from "@/lib/questions/topics";
import type { SessionUser } from "@/lib/auth/session";

import { MAX_TRIES_PER_VARIANT } from "./attempt-policy";
import { requireTopicId } from "./dashboard";
import type { SolutionView } from "./get-variant";
import { closedVariantMessage, rebuildVariant } from "./stored-variant";
import { toSubmissionResult, type SubmissionResult } from "./submission-result";

/** Rows per page of the review list. */
export const REVIEW_PAGE_SIZE = 25;

export { SUBMISSION_RESULTS, type SubmissionResultFilter };

/** Label of each result class in filters and rows. */
export const RESULT_LABELS: Record<SubmissionResultFilter, string> = {
  correct: "Correct",
  partly: "Partly correct",
  incorrect: "Incorrect",
  "not-gradable": "Not gradable",
};

/** Returns the result class of a stored submission, with the same bounds as the list filter. */
export function resultOf(submission: { gradable: boolean; totalScore: number }): SubmissionResultFilter {
  if (!submission.gradable) return "not-gradable";
  if (submission.totalScore >= CORRECT_SCORE_THRESHOLD) return "correct";
  if (submission.totalScore > 0) return "partly";
  return "incorrect";
}

/** Filters of the review list, validated from query parameters. */
export interface ReviewFilters {
  topic?: TopicId;
  result?: SubmissionResultFilter;
  cursor?: string;
}

/**
 * Validates the review list's query parameters. Raises AppError "invalid_input" naming the value
 * for an unknown topic or result.
 */
export function parseReviewFilters(query: Record<string, string | string[] | undefined>): ReviewFilters {
  const single = (name: string): string | undefined => {
    const value = query[name];
    const text = Array.isArray(value) ? value[0] : value;
    return text === undefined || text.trim() === "" ? undefined : text.trim();
  };

  const filters: ReviewFilters = {};
  const topic = single("topic");
  if (topic !== undefined) {
    try {
      filters.topic = requireTopicId(topic);
    } catch {
      throw new AppError("invalid_input", `Unknown topic "${topic}" in the filter. Choose a topic from the list.`, {
        fields: { topic: [`Unknown topic "${topic}".`] },
      });
    }
  }
  const result = single("result");
  if (result !== undefined) {
    if (!(SUBMISSION_RESULTS as readonly string[]).includes(result)) {
      throw new AppError(
        "invalid_input",
        `Unknown result "${result}" in the filter. Use one of ${SUBMISSION_RESULTS.join(", ")}.`,
        { fields: { result: [`Unknown result "${result}".`] } },
      );
    }
    filters.result = result as SubmissionResultFilter;
  }
  const cursor = single("cursor");
  if (cursor !== undefined) filters.cursor = cursor;
  return filters;
}

function questionTitle(questionId: string): string {
  try {
    return getQuestionSummary(questionId).title;
  } catch (error) {
    // A submission can outlive its question; the review still lists it under its id.
    if (error instanceof QuestionNotFoundError) return questionId;
    throw error;
  }
}

export interface ReviewRow {
  id: string;
  variantId: string;
  questionId: string;
  questionTitle: string;
  createdAt: string;
  result: SubmissionResultFilter;
  gradable: boolean;
  totalScore: number;
  /** Raw input per part, in part order. */
  answers: { partId: string; rawInput: string }[];
}

export interface ReviewPage {
  rows: ReviewRow[];
  /** Pass as `cursor` to read the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** Lists the student's submissions, newest first, filtered by topic and result. */
export async function listReviewAttempts({
  user,
  filters,
  limit = REVIEW_PAGE_SIZE,
}: {
  user: SessionUser;
  filters: ReviewFilters;
  limit?: number;
}): Promise<ReviewPage> {
  const questionIds =
    filters.topic === undefined
      ? undefined
      : listQuestions()
          .filter((question) => question.topics.includes(filters.topic as TopicId))
          .map((question) => question.id);

  let page: Awaited<ReturnType<typeof selectSubmissionPageForUser>>;
  try {
    page = await selectSubmissionPageForUser({
      userId: user.id,
      limit,
      ...(questionIds === undefined ? {} : { questionIds }),
      ...(filters.result === undefined ? {} : { result: filters.result }),
      ...(filters.cursor === undefined ? {} : { cursor: filters.cursor }),
    });
  } catch (error) {
    if (error instanceof DbError && error.code === "invalid_input" && filters.cursor !== undefined) {
      throw new AppError("invalid_input", "The cursor does not name a page of your attempts. Start again from the first page.", {
        fields: { cursor: ["Not a page of your attempts."] },
      });
    }
    throw error;
  }

  return {
    rows: page.submissions.map((submission) => ({
      id: submission.id,
      variantId: submission.variantId,
      questionId: submission.variant.questionId,
      questionTitle: questionTitle(submission.variant.questionId),
      createdAt: submission.createdAt.toISOString(),
      result: resultOf(submission),
      gradable: submission.gradable,
      totalScore: submission.totalScore,
      answers: submission.parts.map((part) => ({ partId: part.partId, rawInput: part.rawInput })),
    })),
    nextCursor: page.nextCursor,
  };
}

export interface AttemptReview {
  submission: SubmissionResult;
  result: SubmissionResultFilter;
  questionId: string;
  questionTitle: string;
  variantId: string;
  variantStatus: "open" | "closed" | "broken";
  /** 1-based try among the variant's graded submissions; null for an ungradable one. */
  tryNumber: number | null;
  maxTries: number;
  /** The variant as the student saw it; null when it can no longer be rebuilt. */
  view: StudentVariantView | null;
  /** Student-facing reason that the variant cannot be shown; null when it can. */
  unavailableMessage: string | null;
  /** Worked solution and keys, only once the variant is closed. */
  solution: SolutionView | null;
}

/**
 * Returns one of the student's submissions for review: the variant's prompt and figures, the
 * answer and feedback per part, and the worked solution when the variant is closed (the rule of
 * the variant page). Another user's submission and a missing one are the same 404.
 */
export async function getAttemptReview({ user, unsafeSubmissionId }: { user: SessionUser; unsafeSubmissionId: string }): Promise<AttemptReview> {
  const record = await selectSubmissionReviewForOwner({ unsafeSubmissionId, userId: user.id });
  if (record === null) throw new AppError("not_found", `Attempt "${unsafeSubmissionId}" was not found.`);

  const rebuilt = await rebuildVariant(record.variant);
  const status = rebuilt.usable ? record.variant.status : rebuilt.status;
  return {
    submission: toSubmissionResult(record.submission),
    result: resultOf(record.submission),
    questionId: record.variant.questionId,
    questionTitle: questionTitle(record.variant.questionId),
    variantId: record.variant.id,
    variantStatus: status,
    tryNumber: record.tryNumber,
    maxTries: MAX_TRIES_PER_VARIANT,
    view: rebuilt.usable ? toStudentView(rebuilt.variant) : null,
    unavailableMessage: rebuilt.usable ? null : closedVariantMessage(rebuilt.status, rebuilt.reason),
    solution: rebuilt.usable && status === "closed" ? solutionView(rebuilt.variant) : null,
  };
}
