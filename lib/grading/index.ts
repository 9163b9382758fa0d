/**
 * Answer checking: reads what a student typed, compares it with the key, explains what it
 * understood and names the typical mistake behind a wrong answer. See docs/grading.md.
 */
export {
  answerKeySchema,
  answerSpecSchema,
  misconceptionSchema,
  toleranceSchema,
  type AnswerDisplay,
  type AnswerKey,
  type AnswerSpec,
  type ChoiceOption,
  type CheckResult,
  type ExpressionVariable,
  type FormatErrorResult,
  type Invariance,
  type Misconception,
  type ParsedAnswer,
  type PreviewResult,
  type Tolerance,
} from "./spec";
export { checkAnswer, findMisconceptionCollisions, parseAnswerSpec, previewInput, type CheckAnswerArgs } from "./check";
export { assertDistinctOptions, multipleChoiceScore, shuffleOptions } from "./choice-handler";
export { AnswerSpecError, GradingFormatError, type FormatErrorCode, type FormatErrorInfo } from "./errors";
export { LIMITS as GRADING_LIMITS } from "./limits";
export { CORRECT_SCORE_THRESHOLD } from "./score";
export { countSignificantFigures, type SignificantFigureCount } from "./significant-figures";
