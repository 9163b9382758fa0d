import { AUTHORING_ROLES, previewBodySchema, previewDraft } from "@/lib/authoring";
import { defineRoute } from "@/lib/http/route-handler";

// POST /api/templates/:templateId/preview { source, seed }: the variant of one seed with its keys and misconception values.
export const POST = defineRoute<{ templateId: string }, typeof previewBodySchema>(
  { roles: AUTHORING_ROLES, body: previewBodySchema, maxBodyBytes: 200_000 },
  async ({ user, params, body }) => Response.json({ preview: await previewDraft(user, params.templateId, body.source, body.seed) }),
);
