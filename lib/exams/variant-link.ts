import type { SessionUser } from "@/lib/auth/session";
import { selectExamIdForVariant } from "@/lib/db";

/**
 * Returns the page of the sitting that contains the user's exam variant, or null for a practice
 * variant or another user's variant. Links to a variant (for example from the review list) use
 * it to send an exam question to its exam page, which shows the report once the sitting ended.
 */
export async function examPathForVariant({ user, unsafeVariantId }: { user: SessionUser; unsafeVariantId: string }): Promise<string | null> {
  if (unsafeVariantId.length === 0 || unsafeVariantId.length > 100) return null;
  const examId = await selectExamIdForVariant({ variantId: unsafeVariantId, userId: user.id });
  return examId === null ? null : `/exams/${encodeURIComponent(examId)}`;
}
