import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { defineRoute } from "@/lib/http/route-handler";
import { previewAnswer } from "@/lib/practice";
import { previewBodySchema } from "@/lib/practice/schemas";

// POST /api/variants/:variantId/preview { partId, input }: how the input is read; grades nothing.
export const POST = defineRoute<{ variantId: string }, typeof previewBodySchema>(
  { roles: PRACTICE_ROLES, body: previewBodySchema },
  async ({ user, params, body }) => {
    const preview = await previewAnswer({ user, unsafeVariantId: params.variantId, partId: body.partId, input: body.input });
    return Response.json({ preview });
  },
);
