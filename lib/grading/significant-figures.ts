import type { Expr } from "./expr";
import { decimalExponent, powerOfTen, Rational, roundHalfAwayFromZero } from "./rational";

/**
 * Significant figures of a typed decimal number.
 *
 * Counting rule (the one taught in school science and used by STACK and WeBWorK):
 * - leading zeros never count: 0.00120 has 3;
 * - zeros after the decimal point at the end count: 1.50 has 3, 100.0 has 4;
 * - trailing zeros of a number written without a decimal point are ambiguous: 1200 has 2 to 4,
 *   and any count in that range is accepted; "1200." (with a point) has 4;
 * - in scientific notation only the mantissa counts: 1.00e3 has 3, 1e3 has 1;
 * - zero (0, 0.0, 0.00) is accepted for any requested number of figures.
 */
export interface SignificantFigureCount {
  min: number;
  /** Infinity for zero. */
  max: number;
  /** Digits after the point in the written mantissa. */
  decimalPlaces: number;
  isZero: boolean;
}

/** A number literal split into mantissa text and power of ten, e.g. "1.50e-3" or "1.5*10^-3". */
export interface DecimalLiteral {
  negative: boolean;
  mantissa: string;
  exponent: number;
  value: Rational;
}

/** Counts significant figures of a mantissa such as "0.00120", "1200" or "1200.". */
export function countSignificantFigures(mantissa: string): SignificantFigureCount {
  const match = /^(\d*)(?:(\.)(\d*))?$/.exec(mantissa.replace(/^[+-]/, ""));
  if (!match) throw new RangeError(`countSignificantFigures: "${mantissa}" is not a plain decimal`);
  const integerDigits = match[1] ?? "";
  const hasPoint = match[2] === ".";
  const fractionDigits = match[3] ?? "";
  const digits = integerDigits + fractionDigits;
  const firstNonZero = digits.search(/[1-9]/);
  if (firstNonZero < 0) return { min: 1, max: Number.POSITIVE_INFINITY, decimalPlaces: fractionDigits.length, isZero: true };
  const significant = digits.slice(firstNonZero);
  if (hasPoint) {
    return { min: significant.length, max: significant.length, decimalPlaces: fractionDigits.length, isZero: false };
  }
  const withoutTrailingZeros = significant.replace(/0+$/, "");
  return { min: withoutTrailingZeros.length, max: significant.length, decimalPlaces: 0, isZero: false };
}

/**
 * Reads a student answer tree as a single decimal literal: "1.50", "-2.5e3", "1.5*10^-3",
 * "1.5×10^(-3)". Returns null for anything else (fractions, sums, functions), whose
 * significant figures are undefined.
 */
export function asDecimalLiteral(expr: Expr): DecimalLiteral | null {
  let negative = false;
  let node = expr;
  if (node.kind === "negate") {
    negative = true;
    node = node.arg;
  }
  if (node.kind === "number") {
    const match = /^(\d*\.?\d*)(?:[eE]([+-]?\d+))?$/.exec(node.text);
    if (!match) return null;
    return { negative, mantissa: match[1] ?? "", exponent: Number(match[2] ?? "0"), value: negative ? node.value.neg() : node.value };
  }
  if (node.kind === "binary" && node.op === "*" && node.left.kind === "number" && /^\d*\.?\d*$/.test(node.left.text)) {
    const power = node.right;
    if (power.kind !== "binary" || power.op !== "^" || power.left.kind !== "number" || power.left.text !== "10") return null;
    let exponentNode = power.right;
    let exponentSign = 1;
    if (exponentNode.kind === "negate") {
      exponentSign = -1;
      exponentNode = exponentNode.arg;
    }
    if (exponentNode.kind !== "number" || !/^\d+$/.test(exponentNode.text)) return null;
    const exponent = exponentSign * Number(exponentNode.text);
    if (Math.abs(exponent) > 400) return null;
    const value = node.left.value.mul(powerOfTen(exponent));
    return { negative, mantissa: node.left.text, exponent, value: negative ? value.neg() : value };
  }
  return null;
}

/** Rounds to `figures` significant figures, halves away from zero (0.04985 → 0.0499 at 3). */
export function roundToSignificantFigures(value: Rational, figures: number): Rational {
  if (value.isZero()) return value;
  const exponent = decimalExponent(value.abs());
  const scale = powerOfTen(figures - 1 - exponent);
  return Rational.of(roundHalfAwayFromZero(value.mul(scale))).div(scale);
}

/** Formats with exactly `figures` significant figures in plain or e-notation, e.g. "0.0499". */
export function formatSignificantFigures(value: Rational, figures: number): string {
  if (value.isZero()) return figures > 1 ? `0.${"0".repeat(figures - 1)}` : "0";
  const rounded = roundToSignificantFigures(value, figures);
  const exponent = decimalExponent(rounded.abs());
  const digits = roundHalfAwayFromZero(rounded.abs().mul(powerOfTen(figures - 1 - exponent))).toString();
  const sign = rounded.sign() < 0 ? "-" : "";
  if (exponent >= figures || exponent < -6) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}e${exponent}`;
  }
  if (exponent >= 0) {
    const integerPart = digits.slice(0, exponent + 1);
    const fractionPart = digits.slice(exponent + 1);
    return `${sign}${integerPart}${fractionPart.length > 0 ? `.${fractionPart}` : figures === exponent + 1 && /0$/.test(integerPart) ? "." : ""}`;
  }
  return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
}
