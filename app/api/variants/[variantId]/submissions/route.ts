import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { defineRoute } from "@/lib/http/route-handler";
import { submitAnswers } from "@/lib/practice";
import { submitBodySchema } from "@/lib/practice/schemas";

// POST /api/variants/:variantId/submissions { idempotencyKey, answers, timeTakenMs? }:
// grades and stores; 201 for a new submission, 200 with the stored one for a repeated key and the
// same answers, 409 conflict for a repeated key with other answers or variant_closed after the last try.
export const POST = defineRoute<{ variantId: string }, typeof submitBodySchema>(
  { roles: PRACTICE_ROLES, body: submitBodySchema },
  async ({ user, params, body }) => {
    const outcome = await submitAnswers({
      user,
      unsafeVariantId: params.variantId,
      answers: body.answers,
      idempotencyKey: body.idempotencyKey,
      ...(body.timeTakenMs === undefined ? {} : { timeTakenMs: body.timeTakenMs }),
    });
    return Response.json(outcome, { status: outcome.created ? 201 : 200 });
  },
);
