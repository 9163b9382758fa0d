import { z } from "zod";

import { buildScoresCsv, exportFileName } from "@/lib/analytics/export";
import { TEACHING_ROLES } from "@/lib/courses/access";
import { defineRoute } from "@/lib/http/route-handler";

const querySchema = z.object({
  by: z.enum(["question", "topic"], { message: 'Use by=question or by=topic.' }).default("question"),
});

// GET /api/courses/<courseId>/export/scores?by=question|topic: the gradebook CSV, one row per student.
export const GET = defineRoute<{ courseId: string }>({ roles: TEACHING_ROLES }, async ({ user, params, request }) => {
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { course, csv } = await buildScoresCsv(user, params.courseId, query.by);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8; header=present",
      "content-disposition": `attachment; filename="${exportFileName(course, "scores")}"`,
    },
  });
});
