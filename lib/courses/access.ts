import type { SessionUser } from "@/lib/auth/session";
import { isCourseInstructor, selectCourseById, type CourseRecord } from "@/lib/db";
import { AppError } from "@/lib/http/app-error";

/** Roles that may open teaching pages at all; each course still needs requireCourseAccess. */
export const TEACHING_ROLES = ["instructor", "admin"] as const;

/**
 * Returns the course when `user` may manage it: an admin may manage every course, an instructor
 * only the courses they teach. Raises AppError "not_found" for an unknown or malformed id and
 * "forbidden" for students and for instructors of other courses.
 */
export async function requireCourseAccess(user: SessionUser, unsafeCourseId: string): Promise<CourseRecord> {
  if (user.role === "student") {
    throw new AppError("forbidden", "Only the course's instructors and admins can open this.");
  }
  const course = await selectCourseById({ unsafeCourseId });
  if (course === null) throw new AppError("not_found", `Course "${unsafeCourseId}" was not found.`);
  if (user.role === "admin") return course;
  if (!(await isCourseInstructor({ userId: user.id, courseId: course.id }))) {
    throw new AppError("forbidden", `You do not teach the course "${course.title}".`);
  }
  return course;
}
