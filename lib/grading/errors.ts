/**
 * Error kinds of answer checking. A GradingFormatError is the student's: the answer could not
 * be read, so it is not graded and uses no attempt. An AnswerSpecError is the question's: the
 * spec, key or misconception list is invalid, which is a bug for the question author to fix.
 */

/** Stable machine-readable reasons for a format error; the UI may branch on them. */
export type FormatErrorCode =
  | "EMPTY"
  | "NOT_A_STRING"
  | "TOO_LONG"
  | "TOO_DEEP"
  | "TOO_COMPLEX"
  | "INVALID_CHARACTER"
  | "DECIMAL_COMMA"
  | "THOUSANDS_SEPARATOR"
  | "DIGIT_GROUPING_SPACE"
  | "AMBIGUOUS_E"
  | "RADIX_LITERAL"
  | "SYNTAX"
  | "MISSING_OPERATOR"
  | "UNKNOWN_VARIABLE"
  | "UNKNOWN_FUNCTION"
  | "FUNCTION_WITHOUT_BRACKETS"
  | "WRONG_ARGUMENT_COUNT"
  | "NOT_ALLOWED"
  | "ARRAY_NOT_ALLOWED"
  | "VARIABLE_NOT_ALLOWED"
  | "DIVISION_BY_ZERO"
  | "NOT_REAL"
  | "OUT_OF_RANGE"
  | "TOO_LARGE"
  | "NOT_INTEGER"
  | "NOT_A_DECIMAL"
  | "WRONG_SHAPE"
  | "UNKNOWN_OPTION"
  | "NO_SELECTION"
  | "UNDEFINED_EVERYWHERE";

/** JSON form of a format error as returned in a CheckResult. */
export interface FormatErrorInfo {
  code: FormatErrorCode;
  /** Plain-English message naming the offending text and the fix. */
  message: string;
  /** Optional example of an accepted way to write the answer. */
  hint?: string;
}

/** The student's answer could not be read; it is not graded. */
export class GradingFormatError extends Error {
  override readonly name = "GradingFormatError";
  readonly code: FormatErrorCode;
  readonly hint: string | undefined;

  constructor(code: FormatErrorCode, message: string, hint?: string) {
    super(message);
    this.code = code;
    this.hint = hint;
  }

  toInfo(): FormatErrorInfo {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }
}

/** The answer spec, key or misconception list is invalid (a question bug, not a student error). */
export class AnswerSpecError extends Error {
  override readonly name = "AnswerSpecError";
  /** Dotted path of the offending field, e.g. "key[2]" or "spec.variables[0].min". */
  readonly path: string;

  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.path = path;
  }
}
