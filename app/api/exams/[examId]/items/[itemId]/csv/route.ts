import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { defineRoute } from "@/lib/http/route-handler";
import { getExamItemCsv } from "@/lib/exams";

// GET /api/exams/:examId/items/:itemId/csv: the data of one question of the caller's sitting as a
// CSV download (404 if it has none). The data carries no answer, so it is served during the exam.
export const GET = defineRoute<{ examId: string; itemId: string }>({ roles: PRACTICE_ROLES }, async ({ user, params }) => {
  const file = await getExamItemCsv({ user, unsafeExamId: params.examId, itemId: params.itemId });
  const safeName = file.filename.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(file.csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${safeName}"` },
  });
});
