import { defineRoute } from "@/lib/http/route-handler";
import { setExtension } from "@/lib/exams";
import { extensionBodySchema } from "@/lib/exams/assessment-schemas";

// PUT /api/courses/:courseId/assessments/:assessmentId/extensions { email, extraMinutes }: sets one
// student's extra minutes (0 removes them). Sittings started afterwards get the longer deadline.
export const PUT = defineRoute<{ courseId: string; assessmentId: string }, typeof extensionBodySchema>(
  { body: extensionBodySchema },
  async ({ user, params, body }) => {
    const extension = await setExtension({
      user,
      unsafeCourseId: params.courseId,
      unsafeAssessmentId: params.assessmentId,
      email: body.email,
      extraMinutes: body.extraMinutes,
    });
    return Response.json({ extension });
  },
);
