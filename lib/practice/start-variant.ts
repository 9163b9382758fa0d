import { insertVariant, selectVariantsForUser, updateVariantStatus } from "@/lib/db";
import { AppError } from "@/lib/http/app-error";
import { logger } from "@/lib/log";
import { drawSeed, QuestionNotFoundError, VariantGenerationError, type StudentVariantView } from "@/lib/questions";
import type { SessionUser } from "@/lib/auth/session";

import { buildQuestionVariant, resolveServedQuestion, studentViewOf, type ServedQuestion } from "./question-source";
import { loadOwnedVariant } from "./stored-variant";

/** Fresh seeds tried before giving up; each failed seed is stored as a broken variant for instructors. */
const MAX_SEED_ATTEMPTS = 3;

export interface StartedVariant {
  variantId: string;
  view: StudentVariantView;
}

async function requireQuestion(user: SessionUser, questionId: string): Promise<ServedQuestion> {
  try {
    return await resolveServedQuestion({ userId: user.id, questionId });
  } catch (error) {
    if (error instanceof QuestionNotFoundError) {
      throw new AppError("not_found", `Question "${questionId}" was not found. GET /api/questions lists the available ids.`);
    }
    throw error;
  }
}

/**
 * Draws a new variant of a question for `user` with a server-side seed and stores it with the
 * question version it was drawn at.
 */
export async function startVariant({
  user,
  questionId,
  courseId,
}: {
  user: SessionUser;
  questionId: string;
  courseId?: string;
}): Promise<StartedVariant> {
  const served = await requireQuestion(user, questionId);
  const questionVersion = Number.parseInt(served.meta.version, 10);
  // A template variant belongs to the template's course, so course pages can find it.
  const variantCourseId = courseId ?? served.courseId ?? undefined;

  for (let attempt = 1; attempt <= MAX_SEED_ATTEMPTS; attempt += 1) {
    const seed = drawSeed();
    try {
      const variant = await buildQuestionVariant({ questionId, seed, version: questionVersion });
      const row = await insertVariant({
        userId: user.id,
        questionId,
        questionVersion,
        seed,
        ...(variantCourseId === undefined ? {} : { courseId: variantCourseId }),
      });
      logger.info({ userId: user.id, questionId, variantId: row.id }, "variant started");
      return { variantId: row.id, view: studentViewOf(variant) };
    } catch (error) {
      if (!(error instanceof VariantGenerationError)) throw error;
      // Keep the failing seed as a broken variant so instructors can reproduce it.
      const broken = await insertVariant({
        userId: user.id,
        questionId,
        questionVersion,
        seed,
        ...(variantCourseId === undefined ? {} : { courseId: variantCourseId }),
      });
      await updateVariantStatus({ variantId: broken.id, status: "broken", reason: error.message });
      logger.error({ err: error, userId: user.id, questionId, seed, variantId: broken.id, attempt }, "variant generation failed");
    }
  }

  throw new AppError("internal", `Question "${questionId}" failed to generate ${MAX_SEED_ATTEMPTS} variants in a row.`);
}

/**
 * Returns the user's newest variant of a question when it is still open and drawn at the served
 * version. Otherwise (closed, broken, outdated or none) it starts a new one. The question page uses
 * it, so a reload resumes the variant in progress and a finished variant is followed by new numbers.
 */
export async function resumeOrStartVariant({ user, questionId }: { user: SessionUser; questionId: string }): Promise<{ variantId: string }> {
  const served = await requireQuestion(user, questionId);
  const servedVersion = Number.parseInt(served.meta.version, 10);

  // selectVariantsForUser lists newest first. Exam variants belong to their exam page, never resumed here.
  const [newest] = await selectVariantsForUser({ userId: user.id, questionId, mode: "practice", limit: 1 });
  if (newest !== undefined && newest.status === "open" && newest.questionVersion === servedVersion) {
    return { variantId: newest.id };
  }

  const started = await startVariant({ user, questionId });
  return { variantId: started.variantId };
}

/**
 * Closes the user's variant (if still open) and starts a new variant of the same question: the
 * "New variant" button.
 */
export async function replaceVariant({ user, unsafeVariantId }: { user: SessionUser; unsafeVariantId: string }): Promise<StartedVariant> {
  const row = await loadOwnedVariant({ user, unsafeVariantId });
  if (row.status === "open") {
    await updateVariantStatus({ variantId: row.id, status: "closed" });
  }
  return startVariant({ user, questionId: row.questionId, ...(row.courseId ? { courseId: row.courseId } : {}) });
}
