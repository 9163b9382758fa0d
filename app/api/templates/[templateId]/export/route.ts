import { AUTHORING_ROLES, exportTemplate } from "@/lib/authoring";
import { defineRoute } from "@/lib/http/route-handler";

// GET /api/templates/:templateId/export: the draft as a JSON file download.
export const GET = defineRoute<{ templateId: string }>({ roles: AUTHORING_ROLES }, async ({ user, params }) => {
  const file = await exportTemplate(user, params.templateId);
  return new Response(file.source, {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${file.filename}"` },
  });
});
