import { TEACHING_ROLES } from "@/lib/courses/access";
import { createCourse, createCourseSchema, listTeachingCourses } from "@/lib/courses/service";
import { defineRoute } from "@/lib/http/route-handler";

// GET /api/courses: the courses the caller teaches (every course for an admin).
export const GET = defineRoute({ roles: TEACHING_ROLES }, async ({ user }) => {
  return Response.json({ courses: await listTeachingCourses(user) });
});

// POST /api/courses { title }: creates a course taught by the caller, with a generated join code.
export const POST = defineRoute({ roles: TEACHING_ROLES, body: createCourseSchema }, async ({ user, body }) => {
  return Response.json({ course: await createCourse(user, body) }, { status: 201 });
});
