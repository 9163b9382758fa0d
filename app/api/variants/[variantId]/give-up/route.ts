import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { defineRoute } from "@/lib/http/route-handler";
import { giveUpVariant } from "@/lib/practice";

// POST /api/variants/:variantId/give-up: closes the variant and returns it with its worked solution.
export const POST = defineRoute<{ variantId: string }>({ roles: PRACTICE_ROLES }, async ({ user, params }) => {
  const details = await giveUpVariant({ user, unsafeVariantId: params.variantId });
  const { view, submissions, solution, ...meta } = details;
  return Response.json({ variant: { ...meta, ...view }, submissions, solution });
});
