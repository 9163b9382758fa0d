import { notFound, redirect } from "next/navigation";

import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/http/app-error";
import { resumeOrStartVariant } from "@/lib/practice";

// Opens the student's current variant of a question, drawing one if there is none, then shows it.
export default async function QuestionPage({ params }: { params: Promise<{ questionId: string }> }) {
  const { questionId } = await params;
  const user = await requirePageUser({ roles: PRACTICE_ROLES, returnTo: `/questions/${encodeURIComponent(questionId)}` });

  let variantId: string;
  try {
    ({ variantId } = await resumeOrStartVariant({ user, questionId }));
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
  redirect(`/variants/${variantId}`);
}
