// The exam service: timed sittings (assembled from the bank or from an instructor's assessment),
// their grading and reports, and the instructor side of assessments. Pages and route handlers
// call only this module for exam data.
export {
  createAssessment,
  editAssessment,
  getCourseAssessment,
  listAvailableAssessments,
  listCourseAssessments,
  requireTeacher,
  setExtension,
} from "./assessments";
export type { AvailableAssessment, TeachingCourse } from "./assessments";
export { getExamReport } from "./report";
export type { ExamReport, ReportItem, ReportPart } from "./report";
export { examEndedMessage, finalizeIfDue, getExamItemCsv, getExamForUser, listExams, saveExamAnswers, startAssessmentExam, startBankExam, submitExam } from "./sittings";
export type { ExamItemView, ExamSittingView, ExamState, ExamSummary } from "./sittings";
export { examPathForVariant } from "./variant-link";
