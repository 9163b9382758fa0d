import { getParameterBreakdown } from "@/lib/analytics/service";
import { TEACHING_ROLES } from "@/lib/courses/access";
import { defineRoute } from "@/lib/http/route-handler";

// GET /api/courses/<courseId>/analytics/parameters/<questionId>: best scores grouped by variant parameter.
export const GET = defineRoute<{ courseId: string; questionId: string }>({ roles: TEACHING_ROLES }, async ({ user, params }) => {
  return Response.json(await getParameterBreakdown(user, params.courseId, params.questionId));
});
