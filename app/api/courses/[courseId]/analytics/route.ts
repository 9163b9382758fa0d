import { getClassAnalytics } from "@/lib/analytics/service";
import { TEACHING_ROLES } from "@/lib/courses/access";
import { defineRoute } from "@/lib/http/route-handler";

// GET /api/courses/<courseId>/analytics: per-question figures, mastery heatmap and misconceptions.
export const GET = defineRoute<{ courseId: string }>({ roles: TEACHING_ROLES }, async ({ user, params }) => {
  return Response.json(await getClassAnalytics(user, params.courseId));
});
