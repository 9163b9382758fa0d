import { AUTHORING_ROLES, createTemplate, createTemplateBodySchema, listTemplates } from "@/lib/authoring";
import { defineRoute } from "@/lib/http/route-handler";

// GET /api/templates: the templates of the caller's courses with their status.
export const GET = defineRoute({ roles: AUTHORING_ROLES }, async ({ user }) => Response.json({ templates: await listTemplates(user) }));

// POST /api/templates { courseId, questionId, source? }: creates a template (201); an imported source must compile.
export const POST = defineRoute({ roles: AUTHORING_ROLES, body: createTemplateBodySchema, maxBodyBytes: 200_000 }, async ({ user, body }) =>
  Response.json({ template: await createTemplate(user, body) }, { status: 201 }),
);
