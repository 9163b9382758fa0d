import { create, bignumberDependencies, type BigNumber } from "mathjs";

import { GradingFormatError } from "./errors";
import type { Expr, FunctionName } from "./expr";
import { LIMITS } from "./limits";
import { formatNumberForMessage, toText } from "./print";
import { Rational } from "./rational";

/** Variable values at one evaluation point. */
export type Environment = Readonly<Record<string, number>>;

const FACTORIALS: number[] = (() => {
  const table = [1];
  for (let n = 1; n <= LIMITS.maxFactorial; n += 1) table.push((table[n - 1] as number) * n);
  return table;
})();

const REAL_FUNCTIONS: Record<Exclude<FunctionName, "log" | "factorial">, (x: number) => number> = {
  sqrt: Math.sqrt,
  cbrt: Math.cbrt,
  exp: Math.exp,
  ln: Math.log,
  log10: Math.log10,
  log2: Math.log2,
  abs: Math.abs,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  sec: (x) => 1 / Math.cos(x),
  csc: (x) => 1 / Math.sin(x),
  cot: (x) => 1 / Math.tan(x),
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
};

function factorialFloat(n: number): number {
  return Number.isInteger(n) && n >= 0 && n <= LIMITS.maxFactorial ? (FACTORIALS[n] as number) : Number.NaN;
}

/**
 * Evaluates in float64. Real-valued only: sqrt and log of negatives, and fractional powers of
 * negative bases, give NaN (mathjs would return complex numbers). Variables missing from `env`
 * give NaN; callers declare every variable the parser accepted.
 */
export function evaluateFloat(expr: Expr, env: Environment): number {
  switch (expr.kind) {
    case "number":
      return expr.value.toNumber();
    case "constant":
      return expr.name === "pi" ? Math.PI : Math.E;
    case "variable":
      return env[expr.name] ?? Number.NaN;
    case "negate":
      return -evaluateFloat(expr.arg, env);
    case "factorial":
      return factorialFloat(evaluateFloat(expr.arg, env));
    case "array":
      return Number.NaN;
    case "call": {
      const x = evaluateFloat(expr.args[0] as Expr, env);
      if (expr.name === "factorial") return factorialFloat(x);
      if (expr.name === "log") return Math.log(x) / Math.log(evaluateFloat(expr.args[1] as Expr, env));
      return REAL_FUNCTIONS[expr.name](x);
    }
    case "binary": {
      const left = evaluateFloat(expr.left, env);
      const right = evaluateFloat(expr.right, env);
      switch (expr.op) {
        case "+":
          return left + right;
        case "-":
          return left - right;
        case "*":
          return left * right;
        case "/":
          return left / right;
        case "^":
          return Math.pow(left, right);
      }
    }
  }
}

/**
 * Evaluates a tree without variables exactly, or returns null when a step is not rational
 * (pi, e, sqrt of a non-square, a fractional power) or too large to keep exact.
 */
export function evaluateExact(expr: Expr): Rational | null {
  switch (expr.kind) {
    case "number":
      return expr.value;
    case "constant":
    case "variable":
    case "array":
      return null;
    case "negate": {
      const arg = evaluateExact(expr.arg);
      return arg === null ? null : arg.neg();
    }
    case "factorial": {
      const arg = evaluateExact(expr.arg);
      if (arg === null || !arg.isInteger() || arg.sign() < 0 || arg.num > BigInt(LIMITS.maxFactorial)) return null;
      let product = 1n;
      for (let k = 2n; k <= arg.num; k += 1n) product *= k;
      return Rational.of(product);
    }
    case "call": {
      const arg = evaluateExact(expr.args[0] as Expr);
      if (arg === null) return null;
      if (expr.name === "abs") return arg.abs();
      if (expr.name === "sqrt") return arg.sqrt();
      return null;
    }
    case "binary": {
      const left = evaluateExact(expr.left);
      if (left === null) return null;
      const right = evaluateExact(expr.right);
      if (right === null) return null;
      const bits = Math.max(left.bitLength(), right.bitLength());
      if (bits > LIMITS.maxExactBits) return null;
      switch (expr.op) {
        case "+":
          return left.add(right);
        case "-":
          return left.sub(right);
        case "*":
          return left.mul(right);
        case "/":
          return right.isZero() ? null : left.div(right);
        case "^":
          return right.isInteger() ? left.powInteger(right.num) : null;
      }
    }
  }
}

/** Value of a constant student answer, exact when possible. */
export interface ConstantValue {
  value: number;
  exact: Rational | null;
}

/**
 * Evaluates a tree without variables for a student answer, naming the first step that fails:
 * division by zero, a non-real result, an overflow, or a factorial beyond 170!.
 */
export function evaluateConstant(expr: Expr): ConstantValue {
  checkConstantSteps(expr);
  const exact = evaluateExact(expr);
  if (exact !== null) {
    const value = exact.toNumber();
    if (!Number.isFinite(value)) throw tooLarge(expr);
    return { value, exact };
  }
  const value = evaluateFloat(expr, {});
  if (!Number.isFinite(value)) throw tooLarge(expr);
  return { value, exact: null };
}

function tooLarge(expr: Expr): GradingFormatError {
  return new GradingFormatError(
    "OUT_OF_RANGE",
    `The value of ${shorten(toText(expr))} is too large to compute (beyond about 1.8e308). Check the exponent.`,
  );
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/**
 * Walks a constant tree bottom-up in float64 and throws at the first step whose result is not
 * a finite real number. Factorial and exponent sizes are checked before computing.
 */
export function checkConstantSteps(expr: Expr): number {
  switch (expr.kind) {
    case "number":
    case "constant":
    case "variable":
    case "array":
      return evaluateFloat(expr, {});
    case "negate":
      return -checkConstantSteps(expr.arg);
    case "factorial": {
      const n = checkConstantSteps(expr.arg);
      return checkedFactorial(n, expr);
    }
    case "call": {
      const values = expr.args.map(checkConstantSteps);
      const x = values[0] as number;
      if (expr.name === "factorial") return checkedFactorial(x, expr);
      const result = evaluateFloat(expr, {});
      if (Number.isNaN(result)) {
        throw new GradingFormatError(
          "NOT_REAL",
          `${shorten(toText(expr))} is not a real number (the argument ${formatNumberForMessage(x)} is outside the domain of ${expr.name}). Answers are real numbers.`,
        );
      }
      if (!Number.isFinite(result)) {
        throw new GradingFormatError("DIVISION_BY_ZERO", `${shorten(toText(expr))} is infinite. Check the argument of ${expr.name}.`);
      }
      return result;
    }
    case "binary": {
      const left = checkConstantSteps(expr.left);
      const right = checkConstantSteps(expr.right);
      if (expr.op === "/" && right === 0) {
        throw new GradingFormatError("DIVISION_BY_ZERO", `${shorten(toText(expr))} divides by zero. Check the denominator.`);
      }
      const result = evaluateFloat(expr, {});
      if (Number.isNaN(result)) {
        throw new GradingFormatError(
          "NOT_REAL",
          expr.op === "^"
            ? `${shorten(toText(expr))} is not a real number: a negative number to a fractional power. Answers are real numbers.`
            : `${shorten(toText(expr))} is undefined.`,
        );
      }
      if (!Number.isFinite(result)) {
        if (expr.op === "^" && left === 0 && right < 0) {
          throw new GradingFormatError("DIVISION_BY_ZERO", `${shorten(toText(expr))} divides by zero (0 to a negative power).`);
        }
        throw tooLarge(expr);
      }
      return result;
    }
  }
}

function checkedFactorial(n: number, expr: Expr): number {
  if (!Number.isInteger(n) || n < 0) {
    throw new GradingFormatError("NOT_ALLOWED", `${shorten(toText(expr))}: the factorial is defined here only for whole numbers 0, 1, 2, ...`);
  }
  if (n > LIMITS.maxFactorial) {
    throw new GradingFormatError("TOO_LARGE", `The factorial of ${formatNumberForMessage(n)} is too large; the largest accepted is ${LIMITS.maxFactorial}!.`);
  }
  return factorialFloat(n);
}

/** Decimal (50 significant digits) for re-checking points where float64 cancellation may mislead. */
const bigMath = createBigMath();
const toBig = (value: number | string): BigNumber => bigMath.bignumber(value);
const NOT_A_NUMBER = (): BigNumber => toBig(Number.NaN);

function createBigMath() {
  if (bignumberDependencies === undefined) throw new Error("mathjs bignumberDependencies is missing; check the mathjs version");
  return create({ bignumberDependencies }, { precision: 50 });
}

/**
 * Evaluates with 50-digit decimals; returns null for a non-real or infinite result. Slower than
 * evaluateFloat by about two orders of magnitude, so it is used only to re-check near misses.
 */
export function evaluateBig(expr: Expr, env: Environment): number | null {
  try {
    const result = big(expr, env);
    return result.isFinite() ? result.toNumber() : null;
  } catch {
    // decimal.js throws on invalid arguments (e.g. a non-integer factorial); treat as undefined.
    return null;
  }
}

function big(expr: Expr, env: Environment): BigNumber {
  switch (expr.kind) {
    case "number":
      return toBig(expr.value.num.toString()).div(toBig(expr.value.den.toString()));
    case "constant":
      return expr.name === "pi" ? toBig(-1).acos() : toBig(1).exp();
    case "variable":
      return toBig(env[expr.name] ?? Number.NaN);
    case "negate":
      return big(expr.arg, env).neg();
    case "array":
      return NOT_A_NUMBER();
    case "factorial":
      return toBig(factorialFloat(big(expr.arg, env).toNumber()));
    case "call": {
      const x = big(expr.args[0] as Expr, env);
      switch (expr.name) {
        case "sqrt":
          return x.isNegative() && !x.isZero() ? NOT_A_NUMBER() : x.sqrt();
        case "cbrt":
          return x.cbrt();
        case "exp":
          return x.exp();
        case "ln":
          return x.isPositive() && !x.isZero() ? x.ln() : NOT_A_NUMBER();
        case "log":
          return x.ln().div(big(expr.args[1] as Expr, env).ln());
        case "log10":
          return x.isPositive() && !x.isZero() ? x.log(toBig(10)) : NOT_A_NUMBER();
        case "log2":
          return x.isPositive() && !x.isZero() ? x.log(toBig(2)) : NOT_A_NUMBER();
        case "abs":
          return x.abs();
        case "sin":
          return x.sin();
        case "cos":
          return x.cos();
        case "tan":
          return x.tan();
        case "sec":
          return toBig(1).div(x.cos());
        case "csc":
          return toBig(1).div(x.sin());
        case "cot":
          return toBig(1).div(x.tan());
        case "asin":
          return x.asin();
        case "acos":
          return x.acos();
        case "atan":
          return x.atan();
        case "sinh":
          return x.sinh();
        case "cosh":
          return x.cosh();
        case "tanh":
          return x.tanh();
        case "factorial":
          return toBig(factorialFloat(x.toNumber()));
      }
      return NOT_A_NUMBER();
    }
    case "binary": {
      const left = big(expr.left, env);
      const right = big(expr.right, env);
      switch (expr.op) {
        case "+":
          return left.plus(right);
        case "-":
          return left.minus(right);
        case "*":
          return left.times(right);
        case "/":
          return left.div(right);
        case "^":
          // decimal.js returns NaN for a negative base with a non-integer exponent, as evaluateFloat does.
          return left.pow(right);
      }
    }
  }
}
