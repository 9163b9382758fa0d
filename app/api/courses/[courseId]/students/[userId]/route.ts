import { TEACHING_ROLES } from "@/lib/courses/access";
import { removeStudent } from "@/lib/courses/service";
import { defineRoute } from "@/lib/http/route-handler";

// DELETE /api/courses/<courseId>/students/<userId>: removes the enrollment; submissions are kept.
export const DELETE = defineRoute<{ courseId: string; userId: string }>({ roles: TEACHING_ROLES }, async ({ user, params }) => {
  await removeStudent(user, params.courseId, params.userId);
  return new Response(null, { status: 204 });
});
