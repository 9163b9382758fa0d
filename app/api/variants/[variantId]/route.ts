import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { defineRoute } from "@/lib/http/route-handler";
import { getVariantForUser } from "@/lib/practice";

// GET /api/variants/:variantId: the caller's variant, its submissions, its tries, and the solution once closed.
export const GET = defineRoute<{ variantId: string }>({ roles: PRACTICE_ROLES }, async ({ user, params }) => {
  const details = await getVariantForUser({ user, unsafeVariantId: params.variantId });
  const { view, submissions, solution, ...meta } = details;
  return Response.json({ variant: { ...meta, ...view }, submissions, solution });
});
