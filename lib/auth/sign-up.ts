import { DbError, insertEnrollment, insertUser, selectCourseByJoinCode } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/http/app-error";
import { logger } from "@/lib/log";

import type { SignUpInput } from "./schemas";

/**
 * Creates a student account and enrolls it in the course that owns the join code. An unknown code
 * or a taken email comes back as a field error for the form.
 */
export async function signUpStudent(input: SignUpInput): Promise<{ userId: string; courseId: string }> {
  const course = await selectCourseByJoinCode({ joinCode: input.joinCode });
  if (course === null) {
    throw new AppError("invalid_input", "No course has this join code.", {
      fields: { joinCode: ["No course has this join code. Check it with your instructor."] },
    });
  }

  const passwordHash = await hashPassword(input.password);
  let userId: string;
  try {
    const user = await insertUser({ email: input.email, name: input.name, passwordHash, role: "student" });
    userId = user.id;
  } catch (error) {
    if (error instanceof DbError && error.code === "conflict") {
      throw new AppError("conflict", "An account with this email already exists.", {
        fields: { email: ["An account with this email already exists. Sign in instead."] },
      });
    }
    throw error;
  }

  // NOTE: user and enrollment are two writes; a failure between them leaves an account without a
  // course, which the student can still sign in to.
  await insertEnrollment({ userId, courseId: course.id, role: "student" });
  logger.info({ userId, courseId: course.id }, "student signed up");
  return { userId, courseId: course.id };
}
