import {
  countExamAttemptsForAssessment,
  DbError,
  insertAssessment,
  selectAssessment,
  selectAssessmentsForCourse,
  selectExtensionsForAssessment,
  selectExtraMinutes,
  selectPublishedAssessmentsForStudent,
  selectUserByEmail,
  updateAssessment,
  upsertAssessmentExtension,
  type AssessmentExtensionRecord,
  type AssessmentRecord,
} from "@/lib/db";
import { AppError } from "@/lib/http/app-error";
import { logger } from "@/lib/log";
import { listQuestions, listTopics } from "@/lib/questions";
import type { SessionUser } from "@/lib/auth/session";
import { requireCourseAccess } from "@/lib/courses/access";

import { serverNow } from "./clock";
import type { AssessmentInput } from "./assessment-schemas";
import { windowProblem } from "./rules";

export interface TeachingCourse {
  id: string;
  title: string;
}

/**
 * Checks that `user` teaches the course (an instructor enrollment) or is an admin. Anyone else gets
 * forbidden, including students of the course; an unknown course is not_found.
 */
export async function requireTeacher(user: SessionUser, unsafeCourseId: string): Promise<TeachingCourse> {
  // The course access check of every teaching page, so admins and instructors get the same rules here.
  const course = await requireCourseAccess(user, unsafeCourseId);
  return { id: course.id, title: course.title };
}

/** Rejects a question list that names unknown questions or topics, or asks a topic for more questions than it has. */
function checkSpec(input: AssessmentInput): void {
  const questions = listQuestions();
  const ids = new Set(questions.map((question) => question.id));
  const topics = new Set(listTopics().map((topic) => topic.id as string));
  const seen = new Set<string>();
  input.questionSpec.forEach((entry, index) => {
    const field = `questionSpec.${index}`;
    if ("questionId" in entry) {
      if (!ids.has(entry.questionId)) {
        throw new AppError("invalid_input", `Question "${entry.questionId}" is not in the question bank.`, { fields: { [field]: ["Unknown question."] } });
      }
      if (seen.has(entry.questionId)) {
        throw new AppError("invalid_input", `Question "${entry.questionId}" is listed twice; list each question once.`, { fields: { [field]: ["Listed twice."] } });
      }
      seen.add(entry.questionId);
      return;
    }
    if (!topics.has(entry.topic)) {
      throw new AppError("invalid_input", `Unknown topic "${entry.topic}". Choose one of: ${[...topics].join(", ")}.`, { fields: { [field]: ["Unknown topic."] } });
    }
    const available = questions.filter((question) => (question.topics as readonly string[]).includes(entry.topic)).length;
    if (entry.count > available) {
      throw new AppError("invalid_input", `Topic "${entry.topic}" has ${available} questions; ask for at most ${available}.`, {
        fields: { [field]: [`At most ${available}.`] },
      });
    }
  });
  if (input.opensAt !== null && input.closesAt !== null && input.closesAt.getTime() <= input.opensAt.getTime()) {
    throw new AppError("invalid_input", "The closing time must be after the opening time.", { fields: { closesAt: ["Must be after the opening time."] } });
  }
}

export async function listCourseAssessments(args: { user: SessionUser; unsafeCourseId: string }): Promise<{ course: TeachingCourse; assessments: AssessmentRecord[] }> {
  const course = await requireTeacher(args.user, args.unsafeCourseId);
  return { course, assessments: await selectAssessmentsForCourse({ courseId: course.id }) };
}

export async function createAssessment(args: { user: SessionUser; unsafeCourseId: string; input: AssessmentInput }): Promise<AssessmentRecord> {
  const course = await requireTeacher(args.user, args.unsafeCourseId);
  checkSpec(args.input);
  const created = await insertAssessment({ ...args.input, courseId: course.id, createdById: args.user.id });
  logger.info({ userId: args.user.id, courseId: course.id, assessmentId: created.id }, "assessment created");
  return created;
}

export async function getCourseAssessment(args: {
  user: SessionUser;
  unsafeCourseId: string;
  unsafeAssessmentId: string;
}): Promise<{ course: TeachingCourse; assessment: AssessmentRecord; extensions: AssessmentExtensionRecord[] }> {
  const course = await requireTeacher(args.user, args.unsafeCourseId);
  const assessment = await selectAssessment({ unsafeAssessmentId: args.unsafeAssessmentId, courseId: course.id });
  if (assessment === null) throw new AppError("not_found", `Assessment "${args.unsafeAssessmentId}" was not found in this course.`);
  return { course, assessment, extensions: await selectExtensionsForAssessment({ assessmentId: assessment.id }) };
}

export async function editAssessment(args: {
  user: SessionUser;
  unsafeCourseId: string;
  unsafeAssessmentId: string;
  input: AssessmentInput;
}): Promise<AssessmentRecord> {
  const { course, assessment } = await getCourseAssessment(args);
  checkSpec(args.input);
  const updated = await updateAssessment({ ...args.input, assessmentId: assessment.id, courseId: course.id });
  logger.info({ userId: args.user.id, courseId: course.id, assessmentId: assessment.id }, "assessment updated");
  return updated;
}

/** Gives a student of the course extra minutes on the assessment; 0 removes them. */
export async function setExtension(args: {
  user: SessionUser;
  unsafeCourseId: string;
  unsafeAssessmentId: string;
  email: string;
  extraMinutes: number;
}): Promise<AssessmentExtensionRecord | null> {
  const { assessment } = await getCourseAssessment(args);
  const student = await selectUserByEmail({ email: args.email });
  const notStudent = new AppError("invalid_input", `No student of this course has the e-mail address "${args.email}". Check the address.`, {
    fields: { email: ["Not a student of this course."] },
  });
  if (student === null) throw notStudent;
  try {
    const extension = await upsertAssessmentExtension({ assessmentId: assessment.id, userId: student.id, extraMinutes: args.extraMinutes });
    logger.info({ userId: args.user.id, assessmentId: assessment.id, studentId: student.id, extraMinutes: args.extraMinutes }, "assessment extension set");
    return extension;
  } catch (error) {
    if (error instanceof DbError && error.code === "not_found") throw notStudent;
    throw error;
  }
}

export interface AvailableAssessment {
  id: string;
  title: string;
  courseTitle: string;
  timeLimitMinutes: number;
  extraMinutes: number;
  opensAt: string | null;
  closesAt: string | null;
  maxAttempts: number;
  attemptsUsed: number;
  /** Null when the student can start a sitting now; otherwise why not. */
  blockedReason: string | null;
}

/** Published assessments of the student's courses with the sittings left and whether the window is open. */
export async function listAvailableAssessments(args: { user: SessionUser; now?: Date }): Promise<AvailableAssessment[]> {
  const now = args.now ?? serverNow();
  const rows = await selectPublishedAssessmentsForStudent({ userId: args.user.id });
  const result: AvailableAssessment[] = [];
  for (const row of rows) {
    const attemptsUsed = await countExamAttemptsForAssessment({ userId: args.user.id, assessmentId: row.id });
    const extraMinutes = await selectExtraMinutes({ assessmentId: row.id, userId: args.user.id });
    const problem = windowProblem(row, now);
    const blockedReason =
      problem === "not_open"
        ? `Opens at ${row.opensAt!.toISOString()}.`
        : problem === "closed"
          ? "Closed."
          : attemptsUsed >= row.maxAttempts
            ? "No sittings left."
            : null;
    result.push({
      id: row.id,
      title: row.title,
      courseTitle: row.courseTitle,
      timeLimitMinutes: row.timeLimitMinutes,
      extraMinutes,
      opensAt: row.opensAt?.toISOString() ?? null,
      closesAt: row.closesAt?.toISOString() ?? null,
      maxAttempts: row.maxAttempts,
      attemptsUsed,
      blockedReason,
    });
  }
  return result;
}
