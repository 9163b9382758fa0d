export { defineQuestion, questionMetaSchema } from "./definition";
export type { QuestionContent, QuestionDefinition, QuestionFigure, QuestionMeta, QuestionPart } from "./definition";
export {
  QuestionDefinitionError,
  QuestionNotFoundError,
  QuestionVersionMismatchError,
  RejectDraw,
  UnknownPartError,
  VariantGenerationError,
} from "./errors";
export { formatSignificant, formatThousands, keyAsInput, keyAsMarkdown } from "./format-key";
export { gradeVariant, solutionView } from "./grade";
export type { GradeResult, PartGrade } from "./grade";
export { renderMarkdown } from "./markdown";
export { previewPartInput } from "./preview";
export type { PreviewResult } from "./preview";
export { getQuestion, getQuestionSummary, hasQuestion, listQuestions, questionTopics } from "./registry";
export type { QuestionSummary } from "./registry";
export { drawSeed, isValidSeed } from "./seed";
export { toStudentView, variantCsv } from "./student-view";
export type { StudentPartView, StudentVariantView } from "./student-view";
export { listTopics, TOPICS } from "./topics";
export type { TopicId } from "./topics";
export { buildVariant, drawVariant, findPart, MAX_DRAWS } from "./variant";
export type { Variant } from "./variant";
