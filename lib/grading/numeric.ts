import { GradingFormatError } from "./errors";
import { evaluateConstant } from "./evaluate";
import type { Expr } from "./expr";
import { quote } from "./normalize";
import { parseStudentText } from "./parse";
import { formatNumberForMessage, toLatex, toText } from "./print";
import { powerOfTen, Rational } from "./rational";
import {
  asDecimalLiteral,
  countSignificantFigures,
  roundToSignificantFigures,
  type DecimalLiteral,
} from "./significant-figures";
import type { AnswerDisplay, Tolerance } from "./spec";

/** A real number as read from a student (literal kept for significant figures) or from a key. */
export interface NumericValue {
  value: number;
  /** Exact value when every step was rational (decimal literals, + − × ÷, integer powers). */
  exact: Rational | null;
  /** The typed decimal literal, when the answer was one; null for keys and expressions. */
  literal: DecimalLiteral | null;
}

/** Result of comparing one number with a key. */
export type NumericVerdict =
  | { match: true }
  | { match: false; tooFewFigures?: { given: number; required: number } };

/** Figures beyond this are not compared: a float64 key carries about 15–17 significant digits. */
const MAX_COMPARED_FIGURES = 15;

/** Slack for comparisons in float64 (only when an operand is not exact): 4 units in the last place. */
const FLOAT_SLACK_ULPS = 4 * Number.EPSILON;

export function numericFromKey(key: number): NumericValue {
  return { value: key, exact: Rational.fromNumber(key), literal: null };
}

/** Reads one number from an expression tree that has no variables. */
export function numericFromExpr(expr: Expr): NumericValue {
  const { value, exact } = evaluateConstant(expr);
  return { value, exact, literal: asDecimalLiteral(expr) };
}

/** Reads a student's number answer; throws GradingFormatError when it cannot. */
export function readNumber(input: unknown, tolerance: Tolerance): { number: NumericValue; display: AnswerDisplay } {
  const { expr } = parseStudentText(input, { context: "number" });
  const number = numericFromExpr(expr);
  if ("sigFigs" in tolerance && number.literal === null) {
    throw new GradingFormatError(
      "NOT_A_DECIMAL",
      `This question asks for ${tolerance.sigFigs} significant figures, so give a decimal number such as 0.0123 or 1.23e-2, not a fraction or a calculation (you wrote ${quote(toText(expr))}).`,
    );
  }
  return { number, display: numberDisplay(expr, number) };
}

/** Display of a number answer: the expression as read and, when it is not a plain literal, its value. */
export function numberDisplay(expr: Expr, number: NumericValue): AnswerDisplay {
  const text = toText(expr);
  const latex = toLatex(expr);
  if (number.literal !== null) return { text, latex };
  const approximate = formatNumberForMessage(number.value);
  const exactlyShown = number.exact !== null && Rational.fromNumber(Number(approximate)).equals(number.exact);
  return exactlyShown
    ? { text: `${text} = ${approximate}`, latex: `${latex} = ${approximate}` }
    : { text: `${text} ≈ ${approximate}`, latex: `${latex} \\approx ${approximate}` };
}

/**
 * Compares a number with a key under a tolerance.
 * - abs/rel: accepted when |a − k| ≤ abs or |a − k| ≤ rel·|k|, inclusive. Exact rational
 *   arithmetic is used when the answer is exact (any typed decimal), so 1.05 is within 0.05 of 1;
 *   otherwise float64 with a 4-ulp slack. An answer whose nearest double is the key is equal to
 *   it, so "1/3" matches the key 1/3 even with an empty tolerance.
 * - sigFigs n: see compareSignificantFigures.
 */
export function compareNumeric(student: NumericValue, key: number, tolerance: Tolerance): NumericVerdict {
  if ("sigFigs" in tolerance) return compareSignificantFigures(student, key, tolerance.sigFigs);
  return { match: withinAbsRel(student, key, tolerance.abs, tolerance.rel) };
}

function withinAbsRel(student: NumericValue, key: number, abs: number | undefined, rel: number | undefined): boolean {
  if (student.exact !== null) {
    const exactKey = Rational.fromNumber(key);
    const difference = student.exact.sub(exactKey).abs();
    if (difference.isZero()) return true;
    // A key such as 1/3 arrives as the nearest double; an answer that rounds to that same double
    // is indistinguishable from it.
    if (student.exact.toNumber() === key) return true;
    if (abs !== undefined && difference.compare(Rational.fromNumber(abs)) <= 0) return true;
    if (rel !== undefined && difference.compare(Rational.fromNumber(rel).mul(exactKey.abs())) <= 0) return true;
    return false;
  }
  const difference = Math.abs(student.value - key);
  const slack = FLOAT_SLACK_ULPS * Math.max(Math.abs(student.value), Math.abs(key));
  if (difference <= slack) return true;
  if (abs !== undefined && difference <= abs + slack) return true;
  if (rel !== undefined && difference <= rel * Math.abs(key) + slack) return true;
  return false;
}

/**
 * Significant-figure rule. The answer must be a typed decimal with at least n significant
 * figures (counted by countSignificantFigures). With m figures given (m ≥ n), it must equal the
 * key rounded to m figures, halves away from zero: every figure written must be right. When
 * trailing zeros make the count ambiguous (1200: 2 to 4), the count closest to n is used.
 * Figures beyond the 15th are not compared. Values without a literal (keys, misconception
 * values) are compared after rounding both to n figures.
 */
export function compareSignificantFigures(student: NumericValue, key: number, required: number): NumericVerdict {
  const exactKey = Rational.fromNumber(key);
  const exactStudent = student.exact ?? Rational.fromNumber(student.value);
  if (student.literal === null) {
    return { match: roundToSignificantFigures(exactStudent, required).equals(roundToSignificantFigures(exactKey, required)) };
  }
  const count = countSignificantFigures(student.literal.mantissa);
  if (count.isZero) return { match: exactKey.isZero() };
  if (count.max < required) return { match: false, tooFewFigures: { given: count.max, required } };
  const figures = Math.min(Math.max(required, count.min), MAX_COMPARED_FIGURES);
  if (exactKey.isZero()) return { match: false };
  const roundedStudent = roundToSignificantFigures(exactStudent, figures);
  return { match: roundedStudent.equals(roundToSignificantFigures(exactKey, figures)) };
}

/** Returns the number multiplied by −1, keeping the literal so that significant figures still count. */
export function negateNumeric(number: NumericValue): NumericValue {
  return {
    value: -number.value,
    exact: number.exact?.neg() ?? null,
    literal: number.literal === null ? null : { ...number.literal, negative: !number.literal.negative, value: number.literal.value.neg() },
  };
}

/** Returns the number multiplied by 10^k, keeping the literal with its exponent shifted. */
export function scaleByPowerOfTen(number: NumericValue, k: number): NumericValue {
  const factor = powerOfTen(k);
  return {
    value: number.value * 10 ** k,
    exact: number.exact?.mul(factor) ?? null,
    literal:
      number.literal === null
        ? null
        : { ...number.literal, exponent: number.literal.exponent + k, value: number.literal.value.mul(factor) },
  };
}

/** Built-in diagnosis of a wrong number: the sign, or a power of ten (units, notation). */
export function diagnoseWrongNumber(
  student: NumericValue,
  key: number,
  tolerance: Tolerance,
): { tag: string; message: string } | null {
  if (key !== 0 && student.value !== 0 && compareNumeric(negateNumeric(student), key, tolerance).match) {
    return { tag: "sign-error", message: "The size is right but the sign is wrong." };
  }
  if (key === 0 || student.value === 0) return null;
  for (const k of [-1, 1, -2, 2, -3, 3, -6, 6, -9, 9]) {
    if (compareNumeric(scaleByPowerOfTen(student, k), key, tolerance).match) {
      return {
        tag: "power-of-ten-error",
        message: "The digits are right but the answer is off by a power of ten. Check units, percentages and scientific notation.",
      };
    }
  }
  return null;
}

/** Reads an integer answer: any expression whose value is a whole number ("42", "2^10", "4.0"). */
export function readInteger(input: unknown): { value: Rational; display: AnswerDisplay } {
  const { expr } = parseStudentText(input, { context: "number" });
  const number = numericFromExpr(expr);
  let value = number.exact;
  if (value === null) {
    // Values computed in float64 (e.g. log(e^3)) count as whole when within 1e-9 relative.
    const rounded = Math.round(number.value);
    if (Math.abs(number.value - rounded) <= 1e-9 * Math.max(1, Math.abs(rounded)) && Number.isSafeInteger(rounded)) {
      value = Rational.fromInteger(rounded);
    }
  }
  if (value === null || !value.isInteger()) {
    throw new GradingFormatError(
      "NOT_INTEGER",
      `${quote(toText(expr))} is not a whole number (its value is ${formatNumberForMessage(number.value)}). This answer must be an integer, e.g. 42.`,
    );
  }
  return { value, display: numberDisplay(expr, number) };
}

export { formatNumberForMessage };
