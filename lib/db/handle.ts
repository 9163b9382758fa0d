import type { PrismaClient } from "./client";
import * as assessments from "./assessments";
import * as admin from "./admin";
import * as analytics from "./analytics";
import * as courses from "./courses";
import { DbError, toDbError } from "./errors";
import * as exams from "./exams";
import * as practiceQueries from "./practice-queries";
import * as progress from "./progress";
import * as roster from "./roster";
import * as submissions from "./submissions";
import * as templates from "./templates";
import * as users from "./users";
import * as variants from "./variants";

type Operation<A, R> = (client: PrismaClient, args: A) => Promise<R>;
type BoundOperation<O> = O extends Operation<infer A, infer R> ? (args: A) => Promise<R> : never;

export type Db = {
  selectUserByEmail: BoundOperation<typeof users.selectUserByEmail>;
  selectUserById: BoundOperation<typeof users.selectUserById>;
  insertUser: BoundOperation<typeof users.insertUser>;
  touchUserLastActive: BoundOperation<typeof users.touchUserLastActive>;
  selectCourseByJoinCode: BoundOperation<typeof courses.selectCourseByJoinCode>;
  insertCourse: BoundOperation<typeof courses.insertCourse>;
  insertEnrollment: BoundOperation<typeof courses.insertEnrollment>;
  selectCoursesForUser: BoundOperation<typeof courses.selectCoursesForUser>;
  insertVariant: BoundOperation<typeof variants.insertVariant>;
  selectVariantForOwner: BoundOperation<typeof variants.selectVariantForOwner>;
  selectVariantsForUser: BoundOperation<typeof variants.selectVariantsForUser>;
  updateVariantStatus: BoundOperation<typeof variants.updateVariantStatus>;
  insertSubmission: BoundOperation<typeof submissions.insertSubmission>;
  selectSubmissionsForUser: BoundOperation<typeof submissions.selectSubmissionsForUser>;
  selectSubmissionForOwner: BoundOperation<typeof submissions.selectSubmissionForOwner>;
  countGradedSubmissionsForVariant: BoundOperation<typeof submissions.countGradedSubmissionsForVariant>;
  selectTopicProgressForUser: BoundOperation<typeof progress.selectTopicProgressForUser>;
  // Exam sittings and instructor assessments.
  insertExamAttempt: BoundOperation<typeof exams.insertExamAttempt>;
  selectExamAttemptForOwner: BoundOperation<typeof exams.selectExamAttemptForOwner>;
  selectExamAttemptsForUser: BoundOperation<typeof exams.selectExamAttemptsForUser>;
  countExamAttemptsForAssessment: BoundOperation<typeof exams.countExamAttemptsForAssessment>;
  saveExamItemAnswers: BoundOperation<typeof exams.saveExamItemAnswers>;
  closeExamAttempt: BoundOperation<typeof exams.closeExamAttempt>;
  completeExamAttempt: BoundOperation<typeof exams.completeExamAttempt>;
  selectUnfinishedExamAttemptIds: BoundOperation<typeof exams.selectUnfinishedExamAttemptIds>;
  selectVariantMode: BoundOperation<typeof exams.selectVariantMode>;
  selectExamIdForVariant: BoundOperation<typeof exams.selectExamIdForVariant>;
  insertAssessment: BoundOperation<typeof assessments.insertAssessment>;
  updateAssessment: BoundOperation<typeof assessments.updateAssessment>;
  selectAssessment: BoundOperation<typeof assessments.selectAssessment>;
  selectAssessmentsForCourse: BoundOperation<typeof assessments.selectAssessmentsForCourse>;
  selectPublishedAssessmentsForStudent: BoundOperation<typeof assessments.selectPublishedAssessmentsForStudent>;
  selectCourseWithRole: BoundOperation<typeof assessments.selectCourseWithRole>;
  upsertAssessmentExtension: BoundOperation<typeof assessments.upsertAssessmentExtension>;
  selectExtraMinutes: BoundOperation<typeof assessments.selectExtraMinutes>;
  selectExtensionsForAssessment: BoundOperation<typeof assessments.selectExtensionsForAssessment>;
  insertTemplate: BoundOperation<typeof templates.insertTemplate>;
  selectTemplateById: BoundOperation<typeof templates.selectTemplateById>;
  selectTemplatesForCourses: BoundOperation<typeof templates.selectTemplatesForCourses>;
  updateTemplateDraft: BoundOperation<typeof templates.updateTemplateDraft>;
  insertTemplateVersion: BoundOperation<typeof templates.insertTemplateVersion>;
  selectTemplateVersion: BoundOperation<typeof templates.selectTemplateVersion>;
  selectPublishedTemplatesForUser: BoundOperation<typeof templates.selectPublishedTemplatesForUser>;
  selectGradedHistoryForUser: BoundOperation<typeof practiceQueries.selectGradedHistoryForUser>;
  selectSubmissionPageForUser: BoundOperation<typeof practiceQueries.selectSubmissionPageForUser>;
  selectSubmissionReviewForOwner: BoundOperation<typeof practiceQueries.selectSubmissionReviewForOwner>;
  selectQuestionAggregates: BoundOperation<typeof analytics.selectQuestionAggregates>;
  selectBestScores: BoundOperation<typeof analytics.selectBestScores>;
  selectMisconceptionFigures: BoundOperation<typeof analytics.selectMisconceptionFigures>;
  selectVariantScores: BoundOperation<typeof analytics.selectVariantScores>;
  selectGradedAttempts: BoundOperation<typeof analytics.selectGradedAttempts>;
  selectClosedVariants: BoundOperation<typeof analytics.selectClosedVariants>;
  selectExportParts: BoundOperation<typeof analytics.selectExportParts>;
  countCourseSubmissions: BoundOperation<typeof analytics.countCourseSubmissions>;
  insertTaughtCourse: BoundOperation<typeof roster.insertTaughtCourse>;
  updateCourseJoinCode: BoundOperation<typeof roster.updateCourseJoinCode>;
  selectCourseById: BoundOperation<typeof roster.selectCourseById>;
  isCourseInstructor: BoundOperation<typeof roster.isCourseInstructor>;
  selectCourseSummaries: BoundOperation<typeof roster.selectCourseSummaries>;
  selectRoster: BoundOperation<typeof roster.selectRoster>;
  selectStudentEnrollment: BoundOperation<typeof roster.selectStudentEnrollment>;
  deleteStudentEnrollment: BoundOperation<typeof roster.deleteStudentEnrollment>;
  selectStudentCourseSubmissions: BoundOperation<typeof roster.selectStudentCourseSubmissions>;
  selectUsersPage: BoundOperation<typeof admin.selectUsersPage>;
  updateUserRole: BoundOperation<typeof admin.updateUserRole>;
  /** Location of the data for logs: the SQLite file path, or a PostgreSQL URL without password. */
  databaseLabel: string;
  /** Waits for running operations, then closes the connection. Later calls raise DbError "internal". */
  close(): Promise<void>;
};

/**
 * Binds the repository functions to a client that is being opened. With
 * `serialize`, operations run one at a time in call order. Errors that are
 * not DbErrors are converted with toDbError, naming the operation.
 */
export function createDbHandle(options: {
  opening: Promise<PrismaClient>;
  serialize: boolean;
  databaseLabel: string;
}): Db {
  const { opening } = options;
  // A failed open is reported to every caller. This only keeps Node from
  // flagging the rejection as unhandled before the first call.
  opening.catch(() => undefined);

  const runExclusive = options.serialize ? createSerialQueue() : <T>(task: () => Promise<T>) => task();
  let closed = false;

  function bind<A, R>(operation: Operation<A, R>, name: string): (args: A) => Promise<R> {
    return (args: A) =>
      runExclusive(async () => {
        if (closed) throw new DbError("internal", `${name} was called after the database handle was closed.`);
        const client = await opening.catch((error: unknown) => {
          throw new DbError("internal", `Opening the database "${options.databaseLabel}" failed.`, { cause: error });
        });
        try {
          return await operation(client, args);
        } catch (error) {
          throw toDbError(error, name);
        }
      });
  }

  return {
    selectUserByEmail: bind(users.selectUserByEmail, "selectUserByEmail"),
    selectUserById: bind(users.selectUserById, "selectUserById"),
    insertUser: bind(users.insertUser, "insertUser"),
    touchUserLastActive: bind(users.touchUserLastActive, "touchUserLastActive"),
    selectCourseByJoinCode: bind(courses.selectCourseByJoinCode, "selectCourseByJoinCode"),
    insertCourse: bind(courses.insertCourse, "insertCourse"),
    insertEnrollment: bind(courses.insertEnrollment, "insertEnrollment"),
    selectCoursesForUser: bind(courses.selectCoursesForUser, "selectCoursesForUser"),
    insertVariant: bind(variants.insertVariant, "insertVariant"),
    selectVariantForOwner: bind(variants.selectVariantForOwner, "selectVariantForOwner"),
    selectVariantsForUser: bind(variants.selectVariantsForUser, "selectVariantsForUser"),
    updateVariantStatus: bind(variants.updateVariantStatus, "updateVariantStatus"),
    insertSubmission: bind(submissions.insertSubmission, "insertSubmission"),
    selectSubmissionsForUser: bind(submissions.selectSubmissionsForUser, "selectSubmissionsForUser"),
    selectSubmissionForOwner: bind(submissions.selectSubmissionForOwner, "selectSubmissionForOwner"),
    countGradedSubmissionsForVariant: bind(
      submissions.countGradedSubmissionsForVariant,
      "countGradedSubmissionsForVariant",
    ),
    selectTopicProgressForUser: bind(progress.selectTopicProgressForUser, "selectTopicProgressForUser"),
    insertExamAttempt: bind(exams.insertExamAttempt, "insertExamAttempt"),
    selectExamAttemptForOwner: bind(exams.selectExamAttemptForOwner, "selectExamAttemptForOwner"),
    selectExamAttemptsForUser: bind(exams.selectExamAttemptsForUser, "selectExamAttemptsForUser"),
    countExamAttemptsForAssessment: bind(exams.countExamAttemptsForAssessment, "countExamAttemptsForAssessment"),
    saveExamItemAnswers: bind(exams.saveExamItemAnswers, "saveExamItemAnswers"),
    closeExamAttempt: bind(exams.closeExamAttempt, "closeExamAttempt"),
    completeExamAttempt: bind(exams.completeExamAttempt, "completeExamAttempt"),
    selectUnfinishedExamAttemptIds: bind(exams.selectUnfinishedExamAttemptIds, "selectUnfinishedExamAttemptIds"),
    selectVariantMode: bind(exams.selectVariantMode, "selectVariantMode"),
    selectExamIdForVariant: bind(exams.selectExamIdForVariant, "selectExamIdForVariant"),
    insertAssessment: bind(assessments.insertAssessment, "insertAssessment"),
    updateAssessment: bind(assessments.updateAssessment, "updateAssessment"),
    selectAssessment: bind(assessments.selectAssessment, "selectAssessment"),
    selectAssessmentsForCourse: bind(assessments.selectAssessmentsForCourse, "selectAssessmentsForCourse"),
    selectPublishedAssessmentsForStudent: bind(assessments.selectPublishedAssessmentsForStudent, "selectPublishedAssessmentsForStudent"),
    selectCourseWithRole: bind(assessments.selectCourseWithRole, "selectCourseWithRole"),
    upsertAssessmentExtension: bind(assessments.upsertAssessmentExtension, "upsertAssessmentExtension"),
    selectExtraMinutes: bind(assessments.selectExtraMinutes, "selectExtraMinutes"),
    selectExtensionsForAssessment: bind(assessments.selectExtensionsForAssessment, "selectExtensionsForAssessment"),
    insertTemplate: bind(templates.insertTemplate, "insertTemplate"),
    selectTemplateById: bind(templates.selectTemplateById, "selectTemplateById"),
    selectTemplatesForCourses: bind(templates.selectTemplatesForCourses, "selectTemplatesForCourses"),
    updateTemplateDraft: bind(templates.updateTemplateDraft, "updateTemplateDraft"),
    insertTemplateVersion: bind(templates.insertTemplateVersion, "insertTemplateVersion"),
    selectTemplateVersion: bind(templates.selectTemplateVersion, "selectTemplateVersion"),
    selectPublishedTemplatesForUser: bind(templates.selectPublishedTemplatesForUser, "selectPublishedTemplatesForUser"),
    selectGradedHistoryForUser: bind(practiceQueries.selectGradedHistoryForUser, "selectGradedHistoryForUser"),
    selectSubmissionPageForUser: bind(practiceQueries.selectSubmissionPageForUser, "selectSubmissionPageForUser"),
    selectSubmissionReviewForOwner: bind(practiceQueries.selectSubmissionReviewForOwner, "selectSubmissionReviewForOwner"),
    selectQuestionAggregates: bind(analytics.selectQuestionAggregates, "selectQuestionAggregates"),
    selectBestScores: bind(analytics.selectBestScores, "selectBestScores"),
    selectMisconceptionFigures: bind(analytics.selectMisconceptionFigures, "selectMisconceptionFigures"),
    selectVariantScores: bind(analytics.selectVariantScores, "selectVariantScores"),
    selectGradedAttempts: bind(analytics.selectGradedAttempts, "selectGradedAttempts"),
    selectClosedVariants: bind(analytics.selectClosedVariants, "selectClosedVariants"),
    selectExportParts: bind(analytics.selectExportParts, "selectExportParts"),
    countCourseSubmissions: bind(analytics.countCourseSubmissions, "countCourseSubmissions"),
    insertTaughtCourse: bind(roster.insertTaughtCourse, "insertTaughtCourse"),
    updateCourseJoinCode: bind(roster.updateCourseJoinCode, "updateCourseJoinCode"),
    selectCourseById: bind(roster.selectCourseById, "selectCourseById"),
    isCourseInstructor: bind(roster.isCourseInstructor, "isCourseInstructor"),
    selectCourseSummaries: bind(roster.selectCourseSummaries, "selectCourseSummaries"),
    selectRoster: bind(roster.selectRoster, "selectRoster"),
    selectStudentEnrollment: bind(roster.selectStudentEnrollment, "selectStudentEnrollment"),
    deleteStudentEnrollment: bind(roster.deleteStudentEnrollment, "deleteStudentEnrollment"),
    selectStudentCourseSubmissions: bind(roster.selectStudentCourseSubmissions, "selectStudentCourseSubmissions"),
    selectUsersPage: bind(admin.selectUsersPage, "selectUsersPage"),
    updateUserRole: bind(admin.updateUserRole, "updateUserRole"),
    databaseLabel: options.databaseLabel,
    close: () =>
      runExclusive(async () => {
        if (closed) return;
        closed = true;
        const client = await opening.catch(() => null);
        await client?.$disconnect();
      }),
  };
}

/** Runs tasks one after another in call order; a failed task does not stop later ones. */
function createSerialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const result = tail.then(task);
    tail = result.catch(() => undefined);
    return result;
  };
}

