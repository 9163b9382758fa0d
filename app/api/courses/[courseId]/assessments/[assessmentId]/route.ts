import { defineRoute } from "@/lib/http/route-handler";
import { editAssessment, getCourseAssessment } from "@/lib/exams";
import { assessmentBodySchema, toAssessmentInput } from "@/lib/exams/assessment-schemas";

type Params = { courseId: string; assessmentId: string };

// GET /api/courses/:courseId/assessments/:assessmentId: the assessment and its extensions.
export const GET = defineRoute<Params>({}, async ({ user, params }) => {
  const found = await getCourseAssessment({ user, unsafeCourseId: params.courseId, unsafeAssessmentId: params.assessmentId });
  return Response.json({ assessment: found.assessment, extensions: found.extensions });
});

// PUT /api/courses/:courseId/assessments/:assessmentId: replaces every editable field (same body as POST).
export const PUT = defineRoute<Params, typeof assessmentBodySchema>({ body: assessmentBodySchema }, async ({ user, params, body }) => {
  const assessment = await editAssessment({
    user,
    unsafeCourseId: params.courseId,
    unsafeAssessmentId: params.assessmentId,
    input: toAssessmentInput(body),
  });
  return Response.json({ assessment });
});
