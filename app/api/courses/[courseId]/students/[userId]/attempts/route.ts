import { getStudentAttempts } from "@/lib/analytics/student-attempts";
import { TEACHING_ROLES } from "@/lib/courses/access";
import { defineRoute } from "@/lib/http/route-handler";

// GET /api/courses/<courseId>/students/<userId>/attempts: the student's newest attempts with the variant they saw.
export const GET = defineRoute<{ courseId: string; userId: string }>({ roles: TEACHING_ROLES }, async ({ user, params }) => {
  return Response.json(await getStudentAttempts(user, params.courseId, params.userId));
});
