import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { defineRoute } from "@/lib/http/route-handler";
import { getVariantCsv } from "@/lib/practice";

// GET /api/variants/:variantId/csv: the variant's data as a CSV download (404 if it has none).
export const GET = defineRoute<{ variantId: string }>({ roles: PRACTICE_ROLES }, async ({ user, params }) => {
  const file = await getVariantCsv({ user, unsafeVariantId: params.variantId });
  const safeName = file.filename.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(file.csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${safeName}"` },
  });
});
