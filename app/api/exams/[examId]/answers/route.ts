import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { defineRoute } from "@/lib/http/route-handler";
import { saveExamAnswers } from "@/lib/exams";
import { saveAnswersBodySchema } from "@/lib/exams/schemas";

// PUT /api/exams/:examId/answers { itemId, answers }: replaces one item's saved answers while the
// sitting is open (repeating a save stores the same state). 409 conflict once the exam has ended.
export const PUT = defineRoute<{ examId: string }, typeof saveAnswersBodySchema>(
  { roles: PRACTICE_ROLES, body: saveAnswersBodySchema },
  async ({ user, params, body }) => {
    const saved = await saveExamAnswers({ user, unsafeExamId: params.examId, itemId: body.itemId, answers: body.answers });
    return Response.json(saved);
  },
);
