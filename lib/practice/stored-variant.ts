import { selectVariantForOwner, selectVariantMode, updateVariantStatus } from "@/lib/db";
import { AppError } from "@/lib/http/app-error";
import { logger } from "@/lib/log";
import { QuestionNotFoundError, QuestionVersionMismatchError, VariantGenerationError, type Variant } from "@/lib/questions";
import type { SessionUser } from "@/lib/auth/session";

import { buildQuestionVariant } from "./question-source";

export type VariantRow = NonNullable<Awaited<ReturnType<typeof selectVariantForOwner>>>;

/** A stored variant rebuilt from (question id, version, seed), or why it can no longer be used. */
export type RebuiltVariant =
  | { usable: true; variant: Variant }
  | { usable: false; status: "closed" | "broken"; reason: string };

/** The message of the 409 that every practice route sends for a variant of an exam sitting. */
export const EXAM_VARIANT_MESSAGE = "This question belongs to a practice exam; answer it on the exam page.";

/**
 * Loads a variant that belongs to `user`. Another user's variant and a missing one both give the
 * same 404, so ids cannot be probed for existence. A variant of an exam sitting is a 409 conflict:
 * the practice routes would otherwise show feedback, tries and the solution during the exam.
 */
export async function loadOwnedVariant({ user, unsafeVariantId }: { user: SessionUser; unsafeVariantId: string }): Promise<VariantRow> {
  const row = await selectVariantForOwner({ unsafeVariantId, userId: user.id });
  if (row === null) throw new AppError("not_found", `Variant "${unsafeVariantId}" was not found.`);
  if ((await selectVariantMode({ variantId: row.id })) === "exam") throw new AppError("conflict", EXAM_VARIANT_MESSAGE);
  return row;
}

/** The message a student sees for a variant that can take no more answers. */
export function closedVariantMessage(status: "closed" | "broken", reason: string | null): string {
  const state = status === "broken" ? "could not be generated" : "is closed";
  return `This variant ${state}${reason ? ` (${reason})` : ""}. Start a new variant of the question.`;
}

/**
 * Rebuilds the question behind a stored variant. A question served at a newer version closes the
 * variant and a generator failure marks it broken; both are recorded so the student is offered a
 * fresh variant and instructors can see the broken seed.
 */
export async function rebuildVariant(row: VariantRow): Promise<RebuiltVariant> {
  if (row.status !== "open" && row.status !== "closed") {
    return { usable: false, status: "broken", reason: row.brokenReason ?? "the question failed for this seed" };
  }

  try {
    const variant = await buildQuestionVariant({ questionId: row.questionId, seed: Number(row.seed), version: row.questionVersion });
    return { usable: true, variant };
  } catch (error) {
    if (error instanceof QuestionVersionMismatchError) {
      const reason = `the question was updated to version ${error.servedVersion}`;
      if (row.status === "open") await updateVariantStatus({ variantId: row.id, status: "closed" });
      logger.info({ variantId: row.id, questionId: row.questionId }, "variant closed: question version changed");
      return { usable: false, status: "closed", reason };
    }
    if (error instanceof VariantGenerationError || error instanceof QuestionNotFoundError) {
      const reason = error instanceof QuestionNotFoundError ? "the question was removed" : "the question failed for this seed";
      await updateVariantStatus({ variantId: row.id, status: "broken", reason });
      logger.error({ err: error, variantId: row.id, questionId: row.questionId, seed: Number(row.seed) }, "variant marked broken");
      return { usable: false, status: "broken", reason };
    }
    throw error;
  }
}
