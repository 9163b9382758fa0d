import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { defineRoute } from "@/lib/http/route-handler";
import { listAvailableAssessments, listExams, startAssessmentExam, startBankExam } from "@/lib/exams";
import { startExamBodySchema } from "@/lib/exams/schemas";

// GET /api/exams: the caller's sittings (newest first, due ones graded first) and the published
// assessments of their courses.
export const GET = defineRoute({ roles: PRACTICE_ROLES }, async ({ user }) => {
  const [exams, assessments] = [await listExams({ user }), await listAvailableAssessments({ user })];
  return Response.json({ exams, assessments });
});

// POST /api/exams { kind: "bank", questionCount, timeLimitMinutes?, topics? } or
// { kind: "assessment", assessmentId }: starts a sitting; 201 with its id.
export const POST = defineRoute({ roles: PRACTICE_ROLES, body: startExamBodySchema }, async ({ user, body }) => {
  const started =
    body.kind === "assessment"
      ? await startAssessmentExam({ user, unsafeAssessmentId: body.assessmentId })
      : await startBankExam({
          user,
          questionCount: body.questionCount,
          ...(body.timeLimitMinutes === undefined ? {} : { timeLimitMinutes: body.timeLimitMinutes }),
          ...(body.topics === undefined ? {} : { topics: body.topics }),
        });
  return Response.json(started, { status: 201 });
});
