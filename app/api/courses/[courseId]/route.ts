import { TEACHING_ROLES } from "@/lib/courses/access";
import { getRoster } from "@/lib/courses/service";
import { defineRoute } from "@/lib/http/route-handler";

// GET /api/courses/<courseId>: the course and its roster with mastery per topic.
export const GET = defineRoute<{ courseId: string }>({ roles: TEACHING_ROLES }, async ({ user, params }) => {
  return Response.json(await getRoster(user, params.courseId));
});
