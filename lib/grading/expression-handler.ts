import { createRng } from "@/lib/numerics";

import { AnswerSpecError, GradingFormatError } from "./errors";
import { checkConstantSteps, evaluateBig, evaluateFloat, type Environment } from "./evaluate";
import { isConstantExpr, type Expr } from "./expr";
import type { AnswerHandler, Grade } from "./handler";
import { LIMITS } from "./limits";
import { quote } from "./normalize";
import { parseStudentText } from "./parse";
import { rationalFunctionsEqual, toRationalFunction } from "./polynomial";
import { formatNumberForMessage, toLatex, toText } from "./print";
import type { AnswerSpec, ExpressionVariable } from "./spec";

type ExpressionSpec = Extract<AnswerSpec, { type: "expression" }>;

/** Default relative tolerance of the numeric equivalence test. */
export const DEFAULT_EXPRESSION_REL_TOL = 1e-9;
/** Points at which the key must be defined for a numeric verdict. */
const TARGET_POINTS = 12;
/** Candidate points drawn at most, so that a key with singularities still gets enough points. */
const MAX_CANDIDATE_POINTS = 60;
/** Minimum usable points when the key is undefined on much of the domain. */
const MIN_POINTS = 4;
/** Near misses below this relative difference are re-evaluated with 50-digit decimals. */
const RECHECK_REL_DIFFERENCE = 1e-3;
/** Decimal re-evaluation costs up to ~100 µs per node (exp, pow), so it is skipped for larger trees. */
const MAX_RECHECK_NODES = 300;
/** Differences below this fraction of the key's largest magnitude count as equal (cancellation noise). */
const ABS_NOISE_FRACTION = 1e-12;
/** Names a variable may not take, because they are constants or functions. */
const RESERVED = new Set(["pi", "e", "i", "j", "inf", "infinity", "Infinity", "NaN"]);

interface ParsedExpression {
  expr: Expr;
}

export function expressionHandler(spec: ExpressionSpec, seed: number): AnswerHandler<ParsedExpression, ParsedExpression> {
  checkVariables(spec.variables);
  const names = spec.variables.map((variable) => variable.name);
  const relTol = spec.relTol ?? DEFAULT_EXPRESSION_REL_TOL;
  const candidates = candidatePoints(spec.variables, seed);

  const parse = (input: unknown): Expr => {
    const { expr } = parseStudentText(input, { context: "expression", variables: names });
    checkConstantSubtrees(expr);
    return expr;
  };

  const compare = (student: Expr, key: Expr): Comparison => compareExpressions(student, key, candidates, relTol, spec.relTol !== undefined);

  return {
    readKey(key, path) {
      if (typeof key !== "string" && typeof key !== "number") {
        throw new AnswerSpecError(path, `an expression key is text such as "2*x + 1", got ${JSON.stringify(key)}`);
      }
      try {
        return { expr: parse(String(key)) };
      } catch (error) {
        if (error instanceof GradingFormatError) throw new AnswerSpecError(path, `the key "${String(key)}" cannot be read: ${error.message}`);
        throw error;
      }
    },
    read(input) {
      const expr = parse(input);
      checkDefinedSomewhere(expr, candidates, spec.variables);
      return { student: { expr }, parsed: toText(expr), display: { text: toText(expr), latex: toLatex(expr) } };
    },
    grade(student, key): Grade {
      const comparison = compare(student.expr, key.expr);
      if (comparison.equal) return { score: 1, correct: true, feedback: "Correct.", tag: null };
      return { score: 0, correct: false, feedback: `Not correct. ${comparison.reason}`, tag: null };
    },
    matches: (student, key) => compare(student.expr, key.expr).equal,
    keyAsStudent: (key) => key,
  };
}

function checkVariables(variables: readonly ExpressionVariable[]): void {
  const seen = new Set<string>();
  variables.forEach((variable, index) => {
    const path = `spec.variables[${index}]`;
    if (seen.has(variable.name)) throw new AnswerSpecError(`${path}.name`, `variable "${variable.name}" is declared twice`);
    seen.add(variable.name);
    if (RESERVED.has(variable.name) || /^(sqrt|cbrt|exp|ln|log|log10|log2|abs|sin|cos|tan|sec|csc|cot|asin|acos|atan|sinh|cosh|tanh|factorial)$/.test(variable.name)) {
      throw new AnswerSpecError(`${path}.name`, `"${variable.name}" is a constant or function name and cannot be a variable`);
    }
    if (!(variable.min < variable.max)) throw new AnswerSpecError(path, `min (${variable.min}) must be less than max (${variable.max})`);
    if (variable.integer === true && Math.ceil(variable.min) > Math.floor(variable.max)) {
      throw new AnswerSpecError(path, `the integer domain [${variable.min}, ${variable.max}] contains no integer`);
    }
  });
}

/** Rejects constant parts that are not finite reals, e.g. 1/0 or sqrt(-2), naming them. */
function checkConstantSubtrees(expr: Expr): void {
  if (isConstantExpr(expr)) {
    checkConstantSteps(expr);
    return;
  }
  switch (expr.kind) {
    case "negate":
    case "factorial":
      checkConstantSubtrees(expr.arg);
      return;
    case "binary":
      checkConstantSubtrees(expr.left);
      checkConstantSubtrees(expr.right);
      return;
    case "call":
    case "array":
      (expr.kind === "call" ? expr.args : expr.items).forEach(checkConstantSubtrees);
      return;
    default:
      return;
  }
}

/**
 * Evaluation points, seeded so that a replay gives the same verdict. Integer variables with few
 * values are enumerated instead of sampled, so that every value is tried.
 */
function candidatePoints(variables: readonly ExpressionVariable[], seed: number): Environment[] {
  const combinations = variables.reduce(
    (count, variable) => count * (variable.integer === true ? Math.floor(variable.max) - Math.ceil(variable.min) + 1 : Number.POSITIVE_INFINITY),
    1,
  );
  if (combinations <= MAX_CANDIDATE_POINTS) {
    let points: Record<string, number>[] = [{}];
    for (const variable of variables) {
      const next: Record<string, number>[] = [];
      for (let value = Math.ceil(variable.min); value <= Math.floor(variable.max); value += 1) {
        for (const point of points) next.push({ ...point, [variable.name]: value });
      }
      points = next;
    }
    return points;
  }
  const rng = createRng(((seed % 2 ** 32) + 2 ** 32) % 2 ** 32).fork("expression-points");
  const points: Environment[] = [];
  for (let index = 0; index < MAX_CANDIDATE_POINTS; index += 1) {
    const point: Record<string, number> = {};
    for (const variable of variables) {
      point[variable.name] = variable.integer === true
        ? rng.integer(Math.ceil(variable.min), Math.floor(variable.max))
        : rng.uniform(variable.min, variable.max);
    }
    points.push(point);
  }
  return points;
}

function describePoint(point: Environment): string {
  const entries = Object.entries(point);
  return entries.length === 0 ? "" : entries.map(([name, value]) => `${name} = ${formatNumberForMessage(value)}`).join(", ");
}

/** Throws a format error when the student expression is not a real number at any candidate point. */
function checkDefinedSomewhere(expr: Expr, candidates: readonly Environment[], variables: readonly ExpressionVariable[]): void {
  if (variables.length === 0) return;
  if (candidates.some((point) => Number.isFinite(evaluateFloat(expr, point)))) return;
  const domain = variables.map((variable) => `${variable.name} from ${variable.min} to ${variable.max}`).join(", ");
  throw new GradingFormatError(
    "UNDEFINED_EVERYWHERE",
    `${quote(toText(expr))} is not a real number anywhere it was evaluated (${domain}), e.g. at ${describePoint(candidates[0] ?? {})}. Check logarithms and square roots of negative values, and divisions by zero.`,
  );
}

interface Comparison {
  equal: boolean;
  reason: string;
}

function close(a: number, b: number, relTol: number, absNoise: number): boolean {
  const difference = Math.abs(a - b);
  return difference <= relTol * Math.max(Math.abs(a), Math.abs(b)) || difference <= absNoise;
}

/**
 * Decides whether two expressions are equivalent.
 * 1. When both are rational functions with rational coefficients, compare exactly. An exact
 *    "equal" is final, and so is an exact "different" unless the spec set relTol.
 * 2. Otherwise evaluate both at up to 12 seeded points where the key is a finite real number
 *    (points where it is not, such as singularities, are skipped). Each point must agree within
 *    relTol; a near miss is re-evaluated with 50-digit decimals before it counts as a difference.
 */
function compareExpressions(student: Expr, key: Expr, candidates: readonly Environment[], relTol: number, relTolSet: boolean): Comparison {
  const deadline = performance.now() + LIMITS.timeBudgetMs;
  const studentForm = toRationalFunction(student, deadline);
  const keyForm = studentForm === null ? null : toRationalFunction(key, deadline);
  if (studentForm !== null && keyForm !== null) {
    const equal = rationalFunctionsEqual(studentForm, keyForm, deadline);
    if (equal === true) return { equal: true, reason: "" };
    if (equal === false && !relTolSet) {
      return { equal: false, reason: numericDifferenceReason(student, key, candidates) ?? "The expression is not equivalent to the expected one." };
    }
  }

  const keyValues: { point: Environment; value: number }[] = [];
  for (const point of candidates) {
    if (keyValues.length >= TARGET_POINTS) break;
    const value = evaluateFloat(key, point);
    if (Number.isFinite(value)) keyValues.push({ point, value });
  }
  if (keyValues.length < Math.min(MIN_POINTS, candidates.length)) {
    throw new AnswerSpecError("key", `the key is a finite real number at only ${keyValues.length} of ${candidates.length} sample points; narrow the variable domains`);
  }
  const scale = keyValues.reduce((largest, { value }) => Math.max(largest, Math.abs(value)), 0);
  const absNoise = ABS_NOISE_FRACTION * scale;
  const recheckAffordable = countNodes(student) + countNodes(key) <= MAX_RECHECK_NODES;

  for (const { point, value } of keyValues) {
    const studentValue = evaluateFloat(student, point);
    if (!Number.isFinite(studentValue)) {
      return { equal: false, reason: `The expression is undefined at ${describePoint(point)}, where the expected one is defined.` };
    }
    if (close(studentValue, value, relTol, absNoise)) continue;
    const relativeDifference = Math.abs(studentValue - value) / Math.max(Math.abs(studentValue), Math.abs(value));
    if (relativeDifference < RECHECK_REL_DIFFERENCE && recheckAffordable) {
      const studentBig = evaluateBig(student, point);
      const keyBig = evaluateBig(key, point);
      if (studentBig !== null && keyBig !== null && close(studentBig, keyBig, relTol, absNoise)) continue;
    }
    return { equal: false, reason: `The expression differs from the expected one, for example at ${describePoint(point) || "every point"}.` };
  }
  return { equal: true, reason: "" };
}

/** Returns feedback naming a point where two exactly-different expressions differ, or null. */
function numericDifferenceReason(student: Expr, key: Expr, candidates: readonly Environment[]): string | null {
  for (const point of candidates.slice(0, TARGET_POINTS)) {
    const a = evaluateFloat(student, point);
    const b = evaluateFloat(key, point);
    if (Number.isFinite(b) && a !== b) {
      return `The expression differs from the expected one${Object.keys(point).length > 0 ? `, for example at ${describePoint(point)}` : ""}.`;
    }
  }
  return null;
}

function countNodes(expr: Expr): number {
  switch (expr.kind) {
    case "negate":
    case "factorial":
      return 1 + countNodes(expr.arg);
    case "binary":
      return 1 + countNodes(expr.left) + countNodes(expr.right);
    case "call":
      return 1 + expr.args.reduce((total, arg) => total + countNodes(arg), 0);
    case "array":
      return 1 + expr.items.reduce((total, item) => total + countNodes(item), 0);
    default:
      return 1;
  }
}
