import { z } from "zod";
import type { Assessment } from "@/prisma/generated/client/client";
import type { Db } from "./handle";
import type { PrismaClient } from "./client";
import { DbError, toDbError } from "./errors";
import { toCourseRecord, type CourseRecord, type EnrollmentRole } from "./records";
import { idSchema, parseArguments, parseUnsafeId } from "./validation";
import { questionIdSchema } from "./variants";

// Instructor-defined practice exams of a course and per-student extra time.

/** One entry of an assessment's question list: a fixed question, or `count` questions drawn from a topic. */
export type AssessmentSpecEntry = { questionId: string } | { topic: string; count: number };

export type AssessmentRecord = {
  id: string;
  courseId: string;
  createdById: string;
  title: string;
  questionSpec: AssessmentSpecEntry[];
  timeLimitMinutes: number;
  opensAt: Date | null;
  closesAt: Date | null;
  maxAttempts: number;
  published: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export type AssessmentExtensionRecord = {
  assessmentId: string;
  userId: string;
  email: string;
  name: string;
  extraMinutes: number;
};

export const assessmentSpecEntrySchema = z.union([
  z.object({ questionId: questionIdSchema }).strict(),
  z.object({ topic: z.string().trim().min(1).max(100), count: z.number().int().min(1).max(20) }).strict(),
]);

const assessmentFieldsSchema = z.object({
  title: z.string().trim().min(1, "must not be empty").max(200),
  questionSpec: z.array(assessmentSpecEntrySchema).min(1, "must contain at least one entry").max(50),
  // One minute up to one week.
  timeLimitMinutes: z.number().int().min(1).max(10_080),
  opensAt: z.date().nullable(),
  closesAt: z.date().nullable(),
  maxAttempts: z.number().int().min(1).max(100),
  published: z.boolean(),
});

const insertAssessmentSchema = assessmentFieldsSchema.extend({ courseId: idSchema, createdById: idSchema });

function toAssessmentRecord(row: Assessment): AssessmentRecord {
  let questionSpec: AssessmentSpecEntry[];
  try {
    questionSpec = z.array(assessmentSpecEntrySchema).parse(JSON.parse(row.questionSpec));
  } catch (error) {
    throw new DbError("internal", `Column Assessment.questionSpec of "${row.id}" is invalid; the row was edited outside lib/db.`, { cause: error });
  }
  return {
    id: row.id,
    courseId: row.courseId,
    createdById: row.createdById,
    title: row.title,
    questionSpec,
    timeLimitMinutes: row.timeLimitMinutes,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    maxAttempts: row.maxAttempts,
    published: row.published,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function checkWindow(fields: { opensAt: Date | null; closesAt: Date | null }, operation: string): void {
  if (fields.opensAt !== null && fields.closesAt !== null && fields.closesAt.getTime() <= fields.opensAt.getTime()) {
    throw new DbError("invalid_input", `Invalid arguments to ${operation}: closesAt must be after opensAt.`);
  }
}

/** Inserts an assessment of a course. */
export async function insertAssessment(
  client: PrismaClient,
  args: z.input<typeof insertAssessmentSchema>,
): Promise<AssessmentRecord> {
  const input = parseArguments(insertAssessmentSchema, args, "insertAssessment");
  checkWindow(input, "insertAssessment");
  try {
    const row = await client.assessment.create({ data: { ...input, questionSpec: JSON.stringify(input.questionSpec) } });
    return toAssessmentRecord(row);
  } catch (error) {
    throw toDbError(error, "insertAssessment");
  }
}

/** Replaces the editable fields of an assessment of `courseId`. Raises DbError "not_found" for an assessment of another course. */
export async function updateAssessment(
  client: PrismaClient,
  args: { assessmentId: string; courseId: string } & z.input<typeof assessmentFieldsSchema>,
): Promise<AssessmentRecord> {
  const { assessmentId, courseId, ...fields } = args;
  const input = parseArguments(assessmentFieldsSchema, fields, "updateAssessment");
  checkWindow(input, "updateAssessment");
  const updated = await client.assessment.updateMany({
    where: { id: assessmentId, courseId },
    data: { ...input, questionSpec: JSON.stringify(input.questionSpec) },
  });
  if (updated.count !== 1) throw new DbError("not_found", `Assessment "${assessmentId}" was not found in course "${courseId}".`);
  return toAssessmentRecord(await client.assessment.findUniqueOrThrow({ where: { id: assessmentId } }));
}

/** Returns the assessment when it exists (and belongs to `courseId` when given); null otherwise, also for malformed ids. */
export async function selectAssessment(
  client: PrismaClient,
  args: { unsafeAssessmentId: string; courseId?: string },
): Promise<AssessmentRecord | null> {
  const id = parseUnsafeId(args.unsafeAssessmentId);
  if (id === null) return null;
  const row = await client.assessment.findFirst({ where: { id, ...(args.courseId === undefined ? {} : { courseId: args.courseId }) } });
  return row === null ? null : toAssessmentRecord(row);
}

/** Lists a course's assessments, newest first; with `publishedOnly`, only the published ones. */
export async function selectAssessmentsForCourse(
  client: PrismaClient,
  args: { courseId: string; publishedOnly?: boolean },
): Promise<AssessmentRecord[]> {
  const rows = await client.assessment.findMany({
    where: { courseId: args.courseId, ...(args.publishedOnly ? { published: true } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(toAssessmentRecord);
}

/** Published assessments of every course in which the user is enrolled as a student, with the course title. */
export async function selectPublishedAssessmentsForStudent(
  client: PrismaClient,
  args: { userId: string },
): Promise<(AssessmentRecord & { courseTitle: string })[]> {
  const rows = await client.assessment.findMany({
    where: { published: true, course: { enrollments: { some: { userId: args.userId, role: "student" } } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { course: { select: { title: true } } },
  });
  return rows.map(({ course, ...row }) => ({ ...toAssessmentRecord(row), courseTitle: course.title }));
}

/** Returns the course and the user's role in it (role null when not enrolled), or null for an unknown or malformed course id. */
export async function selectCourseWithRole(
  client: PrismaClient,
  args: { unsafeCourseId: string; userId: string },
): Promise<{ course: CourseRecord; role: EnrollmentRole | null } | null> {
  const id = parseUnsafeId(args.unsafeCourseId);
  if (id === null) return null;
  const course = await client.course.findUnique({ where: { id } });
  if (course === null) return null;
  const enrollment = await client.enrollment.findUnique({
    where: { userId_courseId: { userId: args.userId, courseId: id } },
    select: { role: true },
  });
  return { course: toCourseRecord(course), role: enrollment?.role ?? null };
}

/**
 * Gives one student of the assessment's course extra minutes (0 removes the extension). Raises
 * DbError "not_found" when the user is not enrolled in the course as a student.
 */
export async function upsertAssessmentExtension(
  client: PrismaClient,
  args: { assessmentId: string; userId: string; extraMinutes: number },
): Promise<AssessmentExtensionRecord | null> {
  const input = parseArguments(
    z.object({ assessmentId: idSchema, userId: idSchema, extraMinutes: z.number().int().min(0).max(10_080) }),
    args,
    "upsertAssessmentExtension",
  );
  const assessment = await client.assessment.findUnique({ where: { id: input.assessmentId }, select: { courseId: true } });
  if (assessment === null) throw new DbError("not_found", `Assessment "${input.assessmentId}" was not found.`);
  const enrollment = await client.enrollment.findUnique({
    where: { userId_courseId: { userId: input.userId, courseId: assessment.courseId } },
    select: { role: true },
  });
  if (enrollment?.role !== "student") {
    throw new DbError("not_found", `User "${input.userId}" is not a student of course "${assessment.courseId}".`);
  }

  const where = { assessmentId_userId: { assessmentId: input.assessmentId, userId: input.userId } };
  if (input.extraMinutes === 0) {
    await client.assessmentExtension.deleteMany({ where: { assessmentId: input.assessmentId, userId: input.userId } });
    return null;
  }
  const row = await client.assessmentExtension.upsert({
    where,
    create: { assessmentId: input.assessmentId, userId: input.userId, extraMinutes: input.extraMinutes },
    update: { extraMinutes: input.extraMinutes },
    include: { user: { select: { email: true, name: true } } },
  });
  return { assessmentId: row.assessmentId, userId: row.userId, email: row.user.email, name: row.user.name, extraMinutes: row.extraMinutes };
}

/** Extra minutes of one student on one assessment; 0 without an extension. */
export async function selectExtraMinutes(client: PrismaClient, args: { assessmentId: string; userId: string }): Promise<number> {
  const row = await client.assessmentExtension.findUnique({
    where: { assessmentId_userId: { assessmentId: args.assessmentId, userId: args.userId } },
    select: { extraMinutes: true },
  });
  return row?.extraMinutes ?? 0;
}

/** Extensions of one assessment, by student e-mail. */
export async function selectExtensionsForAssessment(
  client: PrismaClient,
  args: { assessmentId: string },
): Promise<AssessmentExtensionRecord[]> {
  const rows = await client.assessmentExtension.findMany({
    where: { assessmentId: args.assessmentId },
    include: { user: { select: { email: true, name: true } } },
    orderBy: { user: { email: "asc" } },
  });
  return rows.map((row) => ({ assessmentId: row.assessmentId, userId: row.userId, email: row.user.email, name: row.user.name, extraMinutes: row.extraMinutes }));
}

/** Title of the demo assessment; the seed adds it once per database. */
export const DEMO_ASSESSMENT_TITLE = "Demo quiz: parameter counts";

/**
 * Adds a published demo assessment to the demo course, set by the demo instructor, unless one
 * with the same title exists. Called by the demo seed after the accounts exist.
 */
export async function seedDemoAssessment(db: Db, args: { courseId: string; instructorEmail: string }): Promise<void> {
  const instructor = await db.selectUserByEmail({ email: args.instructorEmail });
  if (instructor === null) return;
  const existing = await db.selectAssessmentsForCourse({ courseId: args.courseId });
  if (existing.some((assessment) => assessment.title === DEMO_ASSESSMENT_TITLE)) return;
  await db.insertAssessment({
    courseId: args.courseId,
    createdById: instructor.id,
    title: DEMO_ASSESSMENT_TITLE,
    // Question ids and topics of the bank in questions/; lib/db does not import the bank, so they are listed here.
    questionSpec: [{ questionId: "rnn-parameter-count" }, { topic: "feed-forward-counts", count: 1 }, { topic: "regularization", count: 1 }],
    timeLimitMinutes: 20,
    opensAt: null,
    closesAt: null,
    maxAttempts: 3,
    published: true,
  });
}
