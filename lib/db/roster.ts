import { z } from "zod";
import type { PrismaClient } from "./client";
import { DbError, isUniqueViolation, toDbError } from "./errors";
import { toCourseRecord, type CourseRecord } from "./records";
import { idSchema, parseArguments, parseUnsafeId } from "./validation";

// Courses as instructors manage them: creation with the first instructor, join codes, the roster
// of enrolled students and their removal.

const joinCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]+(-[A-Z0-9]+)*$/, "must contain only letters, digits and single hyphens, e.g. NEURAL-2026")
  .min(4)
  .max(32);

/** A course with its number of enrolled students. */
export type CourseSummaryRecord = CourseRecord & { studentCount: number };

const insertTaughtCourseSchema = z.object({
  title: z.string().trim().min(1, "must not be empty").max(200),
  joinCode: joinCodeSchema,
  instructorId: idSchema,
});

/**
 * Inserts a course and the instructor enrollment of its creator in one transaction. Raises
 * DbError "conflict" when the join code is taken and "not_found" when the instructor does not exist.
 */
export async function insertTaughtCourse(
  client: PrismaClient,
  args: { title: string; joinCode: string; instructorId: string },
): Promise<CourseRecord> {
  const input = parseArguments(insertTaughtCourseSchema, args, "insertTaughtCourse");
  try {
    return await client.$transaction(async (tx) => {
      const instructor = await tx.user.findUnique({ where: { id: input.instructorId }, select: { id: true } });
      if (instructor === null) throw new DbError("not_found", `User "${input.instructorId}" was not found.`);
      const course = await tx.course.create({ data: { title: input.title, joinCode: input.joinCode } });
      await tx.enrollment.create({ data: { userId: input.instructorId, courseId: course.id, role: "instructor" } });
      return toCourseRecord(course);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DbError("conflict", `A course with join code "${input.joinCode}" already exists.`, { cause: error });
    }
    throw toDbError(error, "insertTaughtCourse");
  }
}

/** Replaces a course's join code. Raises DbError "conflict" when it is taken and "not_found" for an unknown course. */
export async function updateCourseJoinCode(
  client: PrismaClient,
  args: { courseId: string; joinCode: string },
): Promise<CourseRecord> {
  const input = parseArguments(z.object({ courseId: idSchema, joinCode: joinCodeSchema }), args, "updateCourseJoinCode");
  try {
    const result = await client.course.updateMany({ where: { id: input.courseId }, data: { joinCode: input.joinCode } });
    if (result.count === 0) throw new DbError("not_found", `Course "${input.courseId}" was not found.`);
    const row = await client.course.findUniqueOrThrow({ where: { id: input.courseId } });
    return toCourseRecord(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DbError("conflict", `A course with join code "${input.joinCode}" already exists.`, { cause: error });
    }
    throw toDbError(error, "updateCourseJoinCode");
  }
}

/** Looks a course up by id; null for an unknown or malformed id. */
export async function selectCourseById(client: PrismaClient, args: { unsafeCourseId: string }): Promise<CourseRecord | null> {
  const courseId = parseUnsafeId(args.unsafeCourseId);
  if (courseId === null) return null;
  const row = await client.course.findUnique({ where: { id: courseId } });
  return row === null ? null : toCourseRecord(row);
}

/** True when the user has an instructor enrollment in the course. */
export async function isCourseInstructor(client: PrismaClient, args: { userId: string; courseId: string }): Promise<boolean> {
  const userId = parseUnsafeId(args.userId);
  const courseId = parseUnsafeId(args.courseId);
  if (userId === null || courseId === null) return false;
  const row = await client.enrollment.findUnique({
    where: { userId_courseId: { userId, courseId } },
    select: { role: true },
  });
  return row?.role === "instructor";
}

/** Courses that the user teaches, or every course when `all` is true (admins), newest first. */
export async function selectCourseSummaries(
  client: PrismaClient,
  args: { instructorId: string } | { all: true },
): Promise<CourseSummaryRecord[]> {
  const where = "all" in args ? {} : { enrollments: { some: { userId: args.instructorId, role: "instructor" as const } } };
  const rows = await client.course.findMany({
    where,
    include: { _count: { select: { enrollments: { where: { role: "student" } } } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map((row) => ({ ...toCourseRecord(row), studentCount: row._count.enrollments }));
}

/** One enrolled student with their activity in the course. */
export type RosterEntryRecord = {
  userId: string;
  email: string;
  name: string;
  enrolledAt: Date;
  /** Latest of the user's last sign-in activity and their latest submission in the course; null if neither. */
  lastActiveAt: Date | null;
  /** Gradable submissions to variants of the course or of no course. */
  attempts: number;
  /** Mean totalScore over those submissions, 0..1; null without any. */
  meanScore: number | null;
};

/** Students enrolled in the course, by name then email, with their attempt counts and mean score. */
export async function selectRoster(client: PrismaClient, args: { courseId: string }): Promise<RosterEntryRecord[]> {
  const { courseId } = parseArguments(z.object({ courseId: idSchema }), args, "selectRoster");
  const rows = await client.$queryRaw<Record<string, unknown>[]>`
    SELECT u.id AS userId, u.email AS email, u.name AS name, e.createdAt AS enrolledAt,
           u.lastActiveAt AS lastActiveAt, a.attempts AS attempts, a.meanScore AS meanScore,
           a.lastSubmittedAt AS lastSubmittedAt
    FROM Enrollment e
    JOIN User u ON u.id = e.userId
    LEFT JOIN (
      SELECT s.userId AS userId, COUNT(*) AS attempts, AVG(s.totalScore) AS meanScore,
             MAX(s.createdAt) AS lastSubmittedAt
      FROM Submission s JOIN Variant v ON v.id = s.variantId
      WHERE (v.courseId = ${courseId} OR v.courseId IS NULL) AND s.gradable = 1
      GROUP BY s.userId
    ) a ON a.userId = u.id
    WHERE e.courseId = ${courseId} AND e.role = 'student'
    ORDER BY u.name, u.email`;
  return rows.map((row) => {
    const dates = [row.lastActiveAt, row.lastSubmittedAt]
      .filter((value) => value !== null && value !== undefined)
      .map((value) => new Date(String(value instanceof Date ? value.toISOString() : value)));
    const lastActiveAt = dates.length === 0 ? null : new Date(Math.max(...dates.map((date) => date.getTime())));
    const attempts = row.attempts === null || row.attempts === undefined ? 0 : Number(row.attempts);
    return {
      userId: String(row.userId),
      email: String(row.email),
      name: String(row.name),
      enrolledAt: new Date(String(row.enrolledAt instanceof Date ? row.enrolledAt.toISOString() : row.enrolledAt)),
      lastActiveAt,
      attempts,
      meanScore: attempts === 0 ? null : Number(row.meanScore),
    };
  });
}

/** A student's enrollment in the course, or null when the user is not enrolled there as a student. */
export async function selectStudentEnrollment(
  client: PrismaClient,
  args: { courseId: string; unsafeUserId: string },
): Promise<{ userId: string; email: string; name: string; enrolledAt: Date } | null> {
  const userId = parseUnsafeId(args.unsafeUserId);
  const courseId = parseUnsafeId(args.courseId);
  if (userId === null || courseId === null) return null;
  const row = await client.enrollment.findUnique({
    where: { userId_courseId: { userId, courseId } },
    include: { user: { select: { email: true, name: true } } },
  });
  if (row === null || row.role !== "student") return null;
  return { userId, email: row.user.email, name: row.user.name, enrolledAt: row.createdAt };
}

/**
 * Removes a student's enrollment from the course. Their variants and submissions stay, so the
 * removal loses no work and re-enrolling brings it back into the figures. Returns false when the
 * user is not enrolled as a student (never removes an instructor enrollment).
 */
export async function deleteStudentEnrollment(
  client: PrismaClient,
  args: { courseId: string; unsafeUserId: string },
): Promise<boolean> {
  const userId = parseUnsafeId(args.unsafeUserId);
  const courseId = parseUnsafeId(args.courseId);
  if (userId === null || courseId === null) return false;
  const result = await client.enrollment.deleteMany({ where: { userId, courseId, role: "student" } });
  return result.count > 0;
}

/**
 * A student's submissions to variants of the course or of no course (the analytics scope in
 * analytics.ts), newest first, with parts and the variant.
 */
export async function selectStudentCourseSubmissions(
  client: PrismaClient,
  args: { courseId: string; userId: string; limit: number },
) {
  const input = parseArguments(
    z.object({ courseId: idSchema, userId: idSchema, limit: z.number().int().min(1).max(500) }),
    args,
    "selectStudentCourseSubmissions",
  );
  const rows = await client.submission.findMany({
    where: { userId: input.userId, variant: { OR: [{ courseId: input.courseId }, { courseId: null }] } },
    include: {
      parts: { orderBy: { position: "asc" } },
      variant: { select: { id: true, questionId: true, questionVersion: true, seed: true, status: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit,
  });
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    totalScore: row.totalScore,
    gradable: row.gradable,
    feedback: row.feedback,
    timeTakenMs: row.timeTakenMs,
    variant: {
      id: row.variant.id,
      questionId: row.variant.questionId,
      questionVersion: row.variant.questionVersion,
      seed: Number(row.variant.seed),
      status: row.variant.status,
    },
    parts: row.parts.map((part) => ({
      partId: part.partId,
      rawInput: part.rawInput,
      score: part.score,
      feedback: part.feedback,
      misconceptionTag: part.misconceptionTag,
    })),
  }));
}

export type StudentCourseSubmission = Awaited<ReturnType<typeof selectStudentCourseSubmissions>>[number];
