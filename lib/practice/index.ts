// The practice service: the only layer that pages and route handlers call for practice data.
export { MAX_TRIES_PER_VARIANT } from "./attempt-policy";
export type { CloseReason, TryCount } from "./attempt-policy";
export { getDashboard } from "./dashboard";
export { listQuestionsForUser } from "./question-source";
export type { TopicOverview } from "./dashboard";
export { getVariantCsv, getVariantForUser } from "./get-variant";
export type { SolutionView, VariantDetails } from "./get-variant";
export { giveUpVariant } from "./give-up";
export { getSubmissionForUser, listAttempts } from "./list-attempts";
export type { AttemptPage, AttemptSummary } from "./list-attempts";
export { previewAnswer } from "./preview-answer";
export { replaceVariant, resumeOrStartVariant, startVariant } from "./start-variant";
export type { StartedVariant } from "./start-variant";
export { submitAnswers } from "./submit-answers";
export type { SubmitOutcome } from "./submit-answers";
export type { PartResult, SubmissionResult } from "./submission-result";
