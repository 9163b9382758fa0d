import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { defineRoute } from "@/lib/http/route-handler";
import { getExamForUser } from "@/lib/exams";

// GET /api/exams/:examId: an unfinished sitting with its questions (no keys), saved answers, deadline
// and the server's clock; or { status: "finished" } once it has ended (it is graded on this read if due).
export const GET = defineRoute<{ examId: string }>({ roles: PRACTICE_ROLES }, async ({ user, params }) => {
  return Response.json({ exam: await getExamForUser({ user, unsafeExamId: params.examId }) });
});
