import { z } from "zod";
import type { PrismaClient } from "./client";
import { DbError, isUniqueViolation, toDbError } from "./errors";
import {
  toCourseRecord,
  toEnrollmentRecord,
  type CourseMembershipRecord,
  type CourseRecord,
  type EnrollmentRecord,
  type EnrollmentRole,
} from "./records";
import { idSchema, parseArguments } from "./validation";

/** Join codes are stored upper-case: letters, digits and single hyphens, 4..32 characters. */
const joinCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]+(-[A-Z0-9]+)*$/, "must contain only letters, digits and single hyphens, e.g. NEURAL-2026")
  .min(4)
  .max(32);

const insertCourseSchema = z.object({
  title: z.string().trim().min(1, "must not be empty").max(200),
  joinCode: joinCodeSchema,
});

const insertEnrollmentSchema = z.object({
  userId: idSchema,
  courseId: idSchema,
  role: z.enum(["student", "instructor"] satisfies EnrollmentRole[]),
});

/** Looks a course up by join code, ignoring case and surrounding spaces; null for unknown or malformed codes. */
export async function selectCourseByJoinCode(
  client: PrismaClient,
  args: { joinCode: string },
): Promise<CourseRecord | null> {
  const joinCode = joinCodeSchema.safeParse(args.joinCode);
  if (!joinCode.success) return null;
  const row = await client.course.findUnique({ where: { joinCode: joinCode.data } });
  return row === null ? null : toCourseRecord(row);
}

/** Inserts a course. Raises DbError "conflict" when the join code is taken. */
export async function insertCourse(client: PrismaClient, args: { title: string; joinCode: string }): Promise<CourseRecord> {
  const input = parseArguments(insertCourseSchema, args, "insertCourse");
  try {
    return toCourseRecord(await client.course.create({ data: input }));
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DbError("conflict", `A course with join code "${input.joinCode}" already exists.`, { cause: error });
    }
    throw toDbError(error, "insertCourse");
  }
}

/**
 * Enrolls a user in a course. Repeating the call with the same role returns
 * the existing enrollment with created=false. A different role raises
 * DbError "conflict": roles never change as a side effect of joining.
 * An unknown user or course raises DbError "not_found".
 */
export async function insertEnrollment(
  client: PrismaClient,
  args: { userId: string; courseId: string; role: EnrollmentRole },
): Promise<{ enrollment: EnrollmentRecord; created: boolean }> {
  const input = parseArguments(insertEnrollmentSchema, args, "insertEnrollment");
  const where = { userId_courseId: { userId: input.userId, courseId: input.courseId } };

  const existing = await client.enrollment.findUnique({ where });
  if (existing !== null) return checkSameRole(existing, input.role);

  try {
    const row = await client.enrollment.create({ data: input });
    return { enrollment: toEnrollmentRecord(row), created: true };
  } catch (error) {
    if (isUniqueViolation(error)) {
      // Another process enrolled the same pair between the lookup and the insert.
      const winner = await client.enrollment.findUnique({ where });
      if (winner !== null) return checkSameRole(winner, input.role);
    }
    throw toDbError(error, "insertEnrollment");
  }
}

function checkSameRole(
  row: Parameters<typeof toEnrollmentRecord>[0],
  role: EnrollmentRole,
): { enrollment: EnrollmentRecord; created: boolean } {
  if (row.role !== role) {
    throw new DbError(
      "conflict",
      `User "${row.userId}" is already enrolled in course "${row.courseId}" as ${row.role}, not ${role}.`,
    );
  }
  return { enrollment: toEnrollmentRecord(row), created: false };
}

/** Courses the user is enrolled in or teaches, oldest enrollment first. */
export async function selectCoursesForUser(
  client: PrismaClient,
  args: { userId: string },
): Promise<CourseMembershipRecord[]> {
  const rows = await client.enrollment.findMany({
    where: { userId: args.userId },
    include: { course: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => ({ ...toCourseRecord(row.course), role: row.role, enrolledAt: row.createdAt }));
}
