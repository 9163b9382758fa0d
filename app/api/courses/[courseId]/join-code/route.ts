import { TEACHING_ROLES } from "@/lib/courses/access";
import { regenerateJoinCode } from "@/lib/courses/service";
import { defineRoute } from "@/lib/http/route-handler";

// POST /api/courses/<courseId>/join-code: replaces the join code; the old one stops working.
export const POST = defineRoute<{ courseId: string }>({ roles: TEACHING_ROLES }, async ({ user, params }) => {
  return Response.json({ course: await regenerateJoinCode(user, params.courseId) });
});
