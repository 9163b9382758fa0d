import { AUTHORING_ROLES, publishBodySchema, publishDraft } from "@/lib/authoring";
import { defineRoute } from "@/lib/http/route-handler";

// POST /api/templates/:templateId/publish { source, receipts }: publishes the tested source as the next version (201).
export const POST = defineRoute<{ templateId: string }, typeof publishBodySchema>(
  { roles: AUTHORING_ROLES, body: publishBodySchema, maxBodyBytes: 2_000_000 },
  async ({ user, params, body }) => Response.json(await publishDraft(user, params.templateId, body), { status: 201 }),
);
