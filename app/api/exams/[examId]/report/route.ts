import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { defineRoute } from "@/lib/http/route-handler";
import { getExamReport } from "@/lib/exams";

// GET /api/exams/:examId/report: score, per-topic scores, answers, feedback and solutions of an
// ended sitting; 409 while it is still running.
export const GET = defineRoute<{ examId: string }>({ roles: PRACTICE_ROLES }, async ({ user, params }) => {
  return Response.json({ report: await getExamReport({ user, unsafeExamId: params.examId }) });
});
