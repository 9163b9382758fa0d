import { getServerEnv } from "@/lib/config/env";
import { resolveSqliteLocation } from "@/lib/config/database-url";
import { logger } from "@/lib/log";
import { openPrismaClient } from "./client";
import { createDbHandle, type Db } from "./handle";

// The only module that talks to Prisma. Every function takes one object
// argument and names the acting user explicitly; ids that come from a request
// are named unsafe… and checked before use.

export { DB_ERROR_CODES, DbError, isDbError, type DbErrorCode } from "./errors";
export type { Db } from "./handle";
export type { AssessmentExtensionRecord, AssessmentRecord, AssessmentSpecEntry } from "./assessments";
export type { ExamAttemptRecord, ExamAttemptSummaryRecord, ExamItemRecord, SaveExamAnswersResult } from "./exams";
export { CORRECT_SCORE_THRESHOLD, type InsertSubmissionArgs, type InsertSubmissionPart } from "./submissions";
export { MAX_UINT32 } from "./variants";
export { templateQuestionIdSchema, type TemplateRecord, type TemplateVersionRecord } from "./templates";
export { MAX_GRADED_HISTORY, SUBMISSION_RESULTS } from "./practice-queries";
export type {
  ClosedVariantRow,
  GradedHistory,
  GradedHistoryRow,
  SubmissionResultFilter,
  SubmissionReviewRecord,
} from "./practice-queries";
export type { AdminUserRecord } from "./admin";
export type {
  BestScoreRow,
  ClassClosedVariantRow,
  ExportPartRow,
  GradedAttemptRow,
  MisconceptionCountRow,
  MisconceptionExampleRow,
  QuestionAggregateRow,
  VariantScoreRow,
} from "./analytics";
export type { CourseSummaryRecord, RosterEntryRecord, StudentCourseSubmission } from "./roster";
export type {
  CourseMembershipRecord,
  CourseRecord,
  EnrollmentRecord,
  EnrollmentRole,
  FormatErrorRecord,
  JsonValue,
  SubmissionPartRecord,
  SubmissionRecord,
  TopicProgressRecord,
  UserRecord,
  UserRole,
  VariantRecord,
  VariantStatus,
} from "./records";

/**
 * Opens a database handle on one SQLite connection. Operations run one at a
 * time, because the better-sqlite3 adapter has a single connection: a query
 * issued while another operation's transaction is open would run inside that
 * transaction and be rolled back with it.
 */
export function createDb(options: { databaseUrl: string }): Db {
  const location = resolveSqliteLocation(options.databaseUrl, process.cwd());
  return createDbHandle({
    opening: openPrismaClient({ databaseUrl: location.url }).then((opened) => opened.client),
    serialize: true,
    databaseLabel: location.filePath,
  });
}

// Kept on globalThis so that Next.js hot reloads, which re-evaluate this
// module, reuse the open connection instead of opening another one.
const GLOBAL_DB_KEY = Symbol.for("statlearn-practice.db");
type GlobalWithDb = typeof globalThis & { [GLOBAL_DB_KEY]?: Db };

/** Returns the process-wide handle on DATABASE_URL, opened on first use. It does not apply migrations. */
export function getDb(): Db {
  const holder = globalThis as GlobalWithDb;
  let db = holder[GLOBAL_DB_KEY];
  if (db === undefined) {
    const env = getServerEnv();
    db = createDb({ databaseUrl: env.DATABASE_URL });
    holder[GLOBAL_DB_KEY] = db;
    logger.info({ database: db.databaseLabel }, "opened SQLite database");
  }
  return db;
}

export const selectUserByEmail: Db["selectUserByEmail"] = (args) => getDb().selectUserByEmail(args);
export const selectUserById: Db["selectUserById"] = (args) => getDb().selectUserById(args);
export const insertUser: Db["insertUser"] = (args) => getDb().insertUser(args);
export const touchUserLastActive: Db["touchUserLastActive"] = (args) => getDb().touchUserLastActive(args);
export const selectCourseByJoinCode: Db["selectCourseByJoinCode"] = (args) => getDb().selectCourseByJoinCode(args);
export const insertCourse: Db["insertCourse"] = (args) => getDb().insertCourse(args);
export const insertEnrollment: Db["insertEnrollment"] = (args) => getDb().insertEnrollment(args);
export const selectCoursesForUser: Db["selectCoursesForUser"] = (args) => getDb().selectCoursesForUser(args);
export const insertVariant: Db["insertVariant"] = (args) => getDb().insertVariant(args);
export const selectVariantForOwner: Db["selectVariantForOwner"] = (args) => getDb().selectVariantForOwner(args);
export const selectVariantsForUser: Db["selectVariantsForUser"] = (args) => getDb().selectVariantsForUser(args);
export const updateVariantStatus: Db["updateVariantStatus"] = (args) => getDb().updateVariantStatus(args);
export const insertSubmission: Db["insertSubmission"] = (args) => getDb().insertSubmission(args);
export const selectSubmissionsForUser: Db["selectSubmissionsForUser"] = (args) =>
  getDb().selectSubmissionsForUser(args);
export const selectSubmissionForOwner: Db["selectSubmissionForOwner"] = (args) =>
  getDb().selectSubmissionForOwner(args);
export const countGradedSubmissionsForVariant: Db["countGradedSubmissionsForVariant"] = (args) =>
  getDb().countGradedSubmissionsForVariant(args);
export const selectTopicProgressForUser: Db["selectTopicProgressForUser"] = (args) =>
  getDb().selectTopicProgressForUser(args);

// Exam sittings and instructor assessments.
export const insertExamAttempt: Db["insertExamAttempt"] = (args) => getDb().insertExamAttempt(args);
export const selectExamAttemptForOwner: Db["selectExamAttemptForOwner"] = (args) => getDb().selectExamAttemptForOwner(args);
export const selectExamAttemptsForUser: Db["selectExamAttemptsForUser"] = (args) => getDb().selectExamAttemptsForUser(args);
export const countExamAttemptsForAssessment: Db["countExamAttemptsForAssessment"] = (args) => getDb().countExamAttemptsForAssessment(args);
export const saveExamItemAnswers: Db["saveExamItemAnswers"] = (args) => getDb().saveExamItemAnswers(args);
export const closeExamAttempt: Db["closeExamAttempt"] = (args) => getDb().closeExamAttempt(args);
export const completeExamAttempt: Db["completeExamAttempt"] = (args) => getDb().completeExamAttempt(args);
export const selectUnfinishedExamAttemptIds: Db["selectUnfinishedExamAttemptIds"] = (args) => getDb().selectUnfinishedExamAttemptIds(args);
export const selectVariantMode: Db["selectVariantMode"] = (args) => getDb().selectVariantMode(args);
export const selectExamIdForVariant: Db["selectExamIdForVariant"] = (args) => getDb().selectExamIdForVariant(args);
export const insertAssessment: Db["insertAssessment"] = (args) => getDb().insertAssessment(args);
export const updateAssessment: Db["updateAssessment"] = (args) => getDb().updateAssessment(args);
export const selectAssessment: Db["selectAssessment"] = (args) => getDb().selectAssessment(args);
export const selectAssessmentsForCourse: Db["selectAssessmentsForCourse"] = (args) => getDb().selectAssessmentsForCourse(args);
export const selectPublishedAssessmentsForStudent: Db["selectPublishedAssessmentsForStudent"] = (args) => getDb().selectPublishedAssessmentsForStudent(args);
export const selectCourseWithRole: Db["selectCourseWithRole"] = (args) => getDb().selectCourseWithRole(args);
export const upsertAssessmentExtension: Db["upsertAssessmentExtension"] = (args) => getDb().upsertAssessmentExtension(args);
export const selectExtraMinutes: Db["selectExtraMinutes"] = (args) => getDb().selectExtraMinutes(args);
export const selectExtensionsForAssessment: Db["selectExtensionsForAssessment"] = (args) => getDb().selectExtensionsForAssessment(args);
export const insertTemplate: Db["insertTemplate"] = (args) => getDb().insertTemplate(args);
export const selectTemplateById: Db["selectTemplateById"] = (args) => getDb().selectTemplateById(args);
export const selectTemplatesForCourses: Db["selectTemplatesForCourses"] = (args) => getDb().selectTemplatesForCourses(args);
export const updateTemplateDraft: Db["updateTemplateDraft"] = (args) => getDb().updateTemplateDraft(args);
export const insertTemplateVersion: Db["insertTemplateVersion"] = (args) => getDb().insertTemplateVersion(args);
export const selectTemplateVersion: Db["selectTemplateVersion"] = (args) => getDb().selectTemplateVersion(args);
export const selectPublishedTemplatesForUser: Db["selectPublishedTemplatesForUser"] = (args) =>
  getDb().selectPublishedTemplatesForUser(args);
export const selectGradedHistoryForUser: Db["selectGradedHistoryForUser"] = (args) =>
  getDb().selectGradedHistoryForUser(args);
export const selectSubmissionPageForUser: Db["selectSubmissionPageForUser"] = (args) =>
  getDb().selectSubmissionPageForUser(args);
export const selectSubmissionReviewForOwner: Db["selectSubmissionReviewForOwner"] = (args) =>
  getDb().selectSubmissionReviewForOwner(args);
// Courses, rosters, class analytics and user administration.
export const selectQuestionAggregates: Db["selectQuestionAggregates"] = (args) => getDb().selectQuestionAggregates(args);
export const selectBestScores: Db["selectBestScores"] = (args) => getDb().selectBestScores(args);
export const selectMisconceptionFigures: Db["selectMisconceptionFigures"] = (args) => getDb().selectMisconceptionFigures(args);
export const selectVariantScores: Db["selectVariantScores"] = (args) => getDb().selectVariantScores(args);
export const selectGradedAttempts: Db["selectGradedAttempts"] = (args) => getDb().selectGradedAttempts(args);
export const selectClosedVariants: Db["selectClosedVariants"] = (args) => getDb().selectClosedVariants(args);
export const selectExportParts: Db["selectExportParts"] = (args) => getDb().selectExportParts(args);
export const countCourseSubmissions: Db["countCourseSubmissions"] = (args) => getDb().countCourseSubmissions(args);
export const insertTaughtCourse: Db["insertTaughtCourse"] = (args) => getDb().insertTaughtCourse(args);
export const updateCourseJoinCode: Db["updateCourseJoinCode"] = (args) => getDb().updateCourseJoinCode(args);
export const selectCourseById: Db["selectCourseById"] = (args) => getDb().selectCourseById(args);
export const isCourseInstructor: Db["isCourseInstructor"] = (args) => getDb().isCourseInstructor(args);
export const selectCourseSummaries: Db["selectCourseSummaries"] = (args) => getDb().selectCourseSummaries(args);
export const selectRoster: Db["selectRoster"] = (args) => getDb().selectRoster(args);
export const selectStudentEnrollment: Db["selectStudentEnrollment"] = (args) => getDb().selectStudentEnrollment(args);
export const deleteStudentEnrollment: Db["deleteStudentEnrollment"] = (args) => getDb().deleteStudentEnrollment(args);
export const selectStudentCourseSubmissions: Db["selectStudentCourseSubmissions"] = (args) => getDb().selectStudentCourseSubmissions(args);
export const selectUsersPage: Db["selectUsersPage"] = (args) => getDb().selectUsersPage(args);
export const updateUserRole: Db["updateUserRole"] = (args) => getDb().updateUserRole(args);
