import { AUTHORING_ROLES, getTemplate, saveDraft, saveDraftBodySchema } from "@/lib/authoring";
import { defineRoute } from "@/lib/http/route-handler";

// GET /api/templates/:templateId: the draft, its status and its problems (line, field, message).
export const GET = defineRoute<{ templateId: string }>({ roles: AUTHORING_ROLES }, async ({ user, params }) =>
  Response.json({ template: await getTemplate(user, params.templateId) }),
);

// PUT /api/templates/:templateId { source }: stores the draft, valid or not, and returns its problems.
export const PUT = defineRoute<{ templateId: string }, typeof saveDraftBodySchema>(
  { roles: AUTHORING_ROLES, body: saveDraftBodySchema, maxBodyBytes: 200_000 },
  async ({ user, params, body }) => Response.json({ template: await saveDraft(user, params.templateId, body.source) }),
);
