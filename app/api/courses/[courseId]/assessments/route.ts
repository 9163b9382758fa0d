import { defineRoute } from "@/lib/http/route-handler";
import { createAssessment, listCourseAssessments } from "@/lib/exams";
import { assessmentBodySchema, toAssessmentInput } from "@/lib/exams/assessment-schemas";

// Instructors of the course (and admins) only; anyone else gets 403.

// GET /api/courses/:courseId/assessments: every assessment of the course, published or not.
export const GET = defineRoute<{ courseId: string }>({}, async ({ user, params }) => {
  const { course, assessments } = await listCourseAssessments({ user, unsafeCourseId: params.courseId });
  return Response.json({ course, assessments });
});

// POST /api/courses/:courseId/assessments { title, questionSpec, timeLimitMinutes, opensAt, closesAt, maxAttempts, published }: 201.
export const POST = defineRoute<{ courseId: string }, typeof assessmentBodySchema>(
  { body: assessmentBodySchema },
  async ({ user, params, body }) => {
    const assessment = await createAssessment({ user, unsafeCourseId: params.courseId, input: toAssessmentInput(body) });
    return Response.json({ assessment }, { status: 201 });
  },
);
