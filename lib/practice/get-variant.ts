import { AppError } from "@/lib/http/app-error";
import { solutionView, variantCsv, type StudentVariantView } from "@/lib/questions";
import type { SessionUser } from "@/lib/auth/session";

import { closeReason, closeReasonMessage, tryCount, type TryCount } from "./attempt-policy";
import { studentViewOf } from "./question-source";
import { closedVariantMessage, loadOwnedVariant, rebuildVariant } from "./stored-variant";
import { toSubmissionResult, type SubmissionResult } from "./submission-result";
import { gradedScores, listVariantSubmissionRows } from "./variant-submissions";

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
  /** Graded tries used and left; `remaining` is 0 unless the variant is open. */
  tries: TryCount;
  /** Present only once the variant is closed (solved, out of tries, or given up) and can be rebuilt. */
  solution: SolutionView | null;
}

/**
 * Returns one of the user's variants as the student may see it: the prompt without answers, the
 * past submissions on it, the tries used, and the worked solution only once the variant is closed.
 */
export async function getVariantForUser({ user, unsafeVariantId }: { user: SessionUser; unsafeVariantId: string }): Promise<VariantDetails> {
  const row = await loadOwnedVariant({ user, unsafeVariantId });
  const rebuilt = await rebuildVariant(row);

  const rows = await listVariantSubmissionRows({ user, variantId: row.id });
  const submissions = rows
    .map(toSubmissionResult)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const graded = gradedScores(rows);

  const status = rebuilt.usable ? row.status : rebuilt.status;
  let statusMessage: string | null = null;
  if (!rebuilt.usable) statusMessage = closedVariantMessage(rebuilt.status, rebuilt.reason);
  else if (status === "closed") statusMessage = closeReasonMessage(closeReason(graded));

  return {
    id: row.id,
    questionId: row.questionId,
    status,
    statusMessage,
    createdAt: row.createdAt.toISOString(),
    view: rebuilt.usable ? studentViewOf(rebuilt.variant) : null,
    submissions,
    tries: tryCount(graded.length, status === "open"),
    solution: rebuilt.usable && status === "closed" ? solutionView(rebuilt.variant) : null,
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
