import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { defineRoute } from "@/lib/http/route-handler";
import { submitExam } from "@/lib/exams";

// POST /api/exams/:examId/submit: ends the sitting and grades the saved answers. Repeating it, or
// calling it after the deadline, returns the same result.
export const POST = defineRoute<{ examId: string }>({ roles: PRACTICE_ROLES }, async ({ user, params }) => {
  return Response.json(await submitExam({ user, unsafeExamId: params.examId }));
});
