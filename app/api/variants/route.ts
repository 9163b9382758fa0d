import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { defineRoute } from "@/lib/http/route-handler";
import { startVariant } from "@/lib/practice";
import { startVariantBodySchema } from "@/lib/practice/schemas";

// POST /api/variants { questionId }: draws a new variant; 201 with the student view (no answers).
export const POST = defineRoute({ roles: PRACTICE_ROLES, body: startVariantBodySchema }, async ({ user, body }) => {
  const started = await startVariant({ user, questionId: body.questionId });
  return Response.json({ variant: { id: started.variantId, status: "open", ...started.view } }, { status: 201 });
});
