import { randomInt } from "node:crypto";

import { z } from "zod";

import type { SessionUser } from "@/lib/auth/session";
import {
  DbError,
  deleteStudentEnrollment,
  insertTaughtCourse,
  selectCourseSummaries,
  selectGradedAttempts,
  selectClosedVariants,
  selectRoster,
  updateCourseJoinCode,
  type CourseRecord,
  type CourseSummaryRecord,
  type RosterEntryRecord,
} from "@/lib/db";
import { computeClassMastery } from "@/lib/analytics/class-mastery";
import { refreshTemplateLabels } from "@/lib/analytics/questions";
import { pageStudents, type StudentListQuery, type StudentPage } from "@/lib/analytics/student-pages";
import { AppError } from "@/lib/http/app-error";
import { logger } from "@/lib/log";
import { TOPICS, type TopicId } from "@/lib/questions";

import { requireCourseAccess, TEACHING_ROLES } from "./access";

export const createCourseSchema = z.object({
  title: z.string().trim().min(1, "Enter a course title.").max(200, "Use at most 200 characters."),
});

/** Letters and digits of a generated code's random half; no 0/O or 1/I, which students mistype. */
const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const RANDOM_CODE_LENGTH = 6;
/** Attempts at drawing an unused code before giving up; a collision needs ~10⁹ codes to be likely. */
const CODE_ATTEMPTS = 5;

/** Generates a join code such as "STATLEARN-7KQ2XM": up to 10 letters of the title, a hyphen, 6 random characters. */
export function generateJoinCode(title: string): string {
  const prefix = title
    .normalize("NFKD")
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")
    .slice(0, 10);
  let random = "";
  for (let i = 0; i < RANDOM_CODE_LENGTH; i += 1) random += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return prefix.length >= 2 ? `${prefix}-${random}` : `COURSE-${random}`;
}

function requireTeachingRole(user: SessionUser): void {
  if (!(TEACHING_ROLES as readonly string[]).includes(user.role)) {
    throw new AppError("forbidden", "Only instructors and admins can manage courses.");
  }
}

/** Creates a course taught by `user` with a new unique join code. */
export async function createCourse(user: SessionUser, input: { title: string }): Promise<CourseRecord> {
  requireTeachingRole(user);
  const { title } = createCourseSchema.parse(input);
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt += 1) {
    try {
      const course = await insertTaughtCourse({ title, joinCode: generateJoinCode(title), instructorId: user.id });
      logger.info({ userId: user.id, courseId: course.id }, "course created");
      return course;
    } catch (error) {
      if (!(error instanceof DbError && error.code === "conflict")) throw error;
    }
  }
  throw new AppError("conflict", "Could not find an unused join code. Try again.");
}

/** Replaces the course's join code with a new one; the old code stops working at once. */
export async function regenerateJoinCode(user: SessionUser, unsafeCourseId: string): Promise<CourseRecord> {
  const course = await requireCourseAccess(user, unsafeCourseId);
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt += 1) {
    try {
      const updated = await updateCourseJoinCode({ courseId: course.id, joinCode: generateJoinCode(course.title) });
      logger.info({ userId: user.id, courseId: course.id }, "join code regenerated");
      return updated;
    } catch (error) {
      if (!(error instanceof DbError && error.code === "conflict")) throw error;
    }
  }
  throw new AppError("conflict", "Could not find an unused join code. Try again.");
}

/** Lists the courses `user` teaches, or every course for an admin. */
export async function listTeachingCourses(user: SessionUser): Promise<CourseSummaryRecord[]> {
  requireTeachingRole(user);
  return selectCourseSummaries(user.role === "admin" ? { all: true } : { instructorId: user.id });
}

/** One roster row: the enrolled student, their activity and their mastery per topic. */
export interface RosterEntry extends RosterEntryRecord {
  mastery: { topic: TopicId; estimate: number; attempts: number; mastered: boolean }[];
  /** Topics with estimate ≥ the mastery threshold. */
  masteredTopics: number;
}

/** The course and its enrolled students, with attempt counts, mean score and mastery per topic. */
export async function getRoster(user: SessionUser, unsafeCourseId: string): Promise<{ course: CourseRecord; students: RosterEntry[] }> {
  const { course, students, withMastery } = await loadRoster(user, unsafeCourseId);
  return { course, students: students.map(withMastery) };
}

/**
 * One page of the roster, sorted by name, then email (ignoring letter case), and filtered by
 * `query.search` on name or email. Mastery is still computed for the whole class, so each row's figures match `getRoster`.
 */
export async function getRosterPage(
  user: SessionUser,
  unsafeCourseId: string,
  query: StudentListQuery,
  pageSize?: number,
): Promise<{ course: CourseRecord; page: StudentPage<RosterEntry> }> {
  const { course, students, withMastery } = await loadRoster(user, unsafeCourseId);
  const { rows, ...position } = pageStudents(students, query, pageSize);
  return { course, page: { ...position, rows: rows.map(withMastery) } };
}

/** Reads the roster and the class mastery model; `withMastery` completes one roster row. */
async function loadRoster(
  user: SessionUser,
  unsafeCourseId: string,
): Promise<{ course: CourseRecord; students: RosterEntryRecord[]; withMastery: (student: RosterEntryRecord) => RosterEntry }> {
  const course = await requireCourseAccess(user, unsafeCourseId);
  await refreshTemplateLabels();
  const students = await selectRoster({ courseId: course.id });
  const attempts = await selectGradedAttempts({ courseId: course.id });
  const closedVariants = await selectClosedVariants({ courseId: course.id });
  const mastery = computeClassMastery({ attempts, closedVariants, userIds: students.map((student) => student.userId) });
  const masteryByUser = new Map(mastery.map((entry) => [entry.userId, entry.estimates]));

  const withMastery = (student: RosterEntryRecord): RosterEntry => {
    const estimates = masteryByUser.get(student.userId);
    const list = TOPICS.map((topic) => ({ topic: topic.id, ...(estimates?.[topic.id] ?? { estimate: 0, attempts: 0, mastered: false }) }));
    return { ...student, mastery: list, masteredTopics: list.filter((entry) => entry.mastered).length };
  };
  return { course, students, withMastery };
}

/** Removes a student from the course. Their submissions are kept. Raises "not_found" when they are not enrolled. */
export async function removeStudent(user: SessionUser, unsafeCourseId: string, unsafeUserId: string): Promise<void> {
  const course = await requireCourseAccess(user, unsafeCourseId);
  const removed = await deleteStudentEnrollment({ courseId: course.id, unsafeUserId });
  if (!removed) throw new AppError("not_found", `No student "${unsafeUserId}" is enrolled in "${course.title}".`);
  logger.info({ userId: user.id, courseId: course.id, removedUserId: unsafeUserId }, "student removed from course");
}
