import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { defineRoute } from "@/lib/http/route-handler";
import { getSubmissionForUser } from "@/lib/practice";

// GET /api/submissions/:submissionId: one of the caller's submissions; another user's is a 404.
export const GET = defineRoute<{ submissionId: string }>({ roles: PRACTICE_ROLES }, async ({ user, params }) => {
  const submission = await getSubmissionForUser({ user, unsafeSubmissionId: params.submissionId });
  return Response.json({ submission });
});
