import { selectSubmissionsForUser } from "@/lib/db";
import { AppError } from "@/lib/http/app-error";
import { solutionView, toStudentView, variantCsv, type StudentVariantView } from "@/lib/questions";
import type { SessionUser } from "@/lib/auth/session";

import { closedVariantMessage, loadOwnedVariant, rebuildVariant } from "./stored-variant";
import { toSubmissionResult, type SubmissionResult } from "./submission-result";

/** Most submissions read back for one variant; a student rarely makes more than a handful. */
export const SUBMISSIONS_PER_VARIANT_LIMIT = 100;

export interface SolutionView {
  solutionHtml: string;
  answers: { partId: string; answerHtml: string }[];
}

export interface VariantDetails {
  id: string;
  questionId: string;
  status: "open" | "closed" | "broken";
  /** Why the variant takes no more answers, phrased for the student; null while open. */
  statusMessage: string | null;
  createdAt: string;
  /** Null when the variant can no longer be rebuilt (question updated or generator failure). */
  view: StudentVariantView | null;
  /** Newest first. */
  submissions: SubmissionResult[];
  /** Present only once the variant has a graded submission. */
  solution: SolutionView | null;
}

/**
 * Returns one of the user's variants as the student may see it: the prompt without answers, the
 * past submissions on it, and the worked solution only after a graded submission.
 */
export async function getVariantForUser({ user, unsafeVariantId }: { user: SessionUser; unsafeVariantId: string }): Promise<VariantDetails> {
  const row = await loadOwnedVariant({ user, unsafeVariantId });
  const rebuilt = await rebuildVariant(row);

  const { submissions: rows } = await selectSubmissionsForUser({
    userId: user.id,
    variantId: row.id,
    limit: SUBMISSIONS_PER_VARIANT_LIMIT,
  });
  const submissions = rows
    .map(toSubmissionResult)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const hasGraded = submissions.some((submission) => submission.gradable);

  const status = rebuilt.usable ? row.status : rebuilt.status;
  const statusMessage =
    status === "open" ? null : closedVariantMessage(status, rebuilt.usable ? (row.brokenReason ?? null) : rebuilt.reason);

  return {
    id: row.id,
    questionId: row.questionId,
    status,
    statusMessage,
    createdAt: row.createdAt.toISOString(),
    view: rebuilt.usable ? toStudentView(rebuilt.variant) : null,
    submissions,
    solution: rebuilt.usable && hasGraded ? solutionView(rebuilt.variant) : null,
  };
}

/** Returns the CSV of the variant's data for download, or throws not_found if it has none. */
export async function getVariantCsv({ user, unsafeVariantId }: { user: SessionUser; unsafeVariantId: string }): Promise<{ filename: string; csv: string }> {
  const row = await loadOwnedVariant({ user, unsafeVariantId });
  const rebuilt = await rebuildVariant(row);
  if (!rebuilt.usable) throw new AppError("variant_closed", closedVariantMessage(rebuilt.status, rebuilt.reason));
  const file = variantCsv(rebuilt.variant);
  if (file === null) throw new AppError("not_found", `Variant "${unsafeVariantId}" has no data file.`);
  return file;
}
