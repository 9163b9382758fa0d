/**
 * Checks that a question's `build` runs on drawn parameters before accepting the variant. Each
 * check throws `RejectDraw`, so the runtime draws again from the same seeded stream. Three kinds of
 * draws are rejected:
 * - a misconception (or two of them) so close to the key that the grader cannot distinguish them;
 * - a key whose plausible rounding lands on the tolerance boundary, so its verdict hinges on the
 *   last digit;
 * - a key that is written among the prompt's numbers.
 *
 * Questions import this module directly, not through `@/lib/questions`, because the registry
 * imports the questions and the index would form a cycle.
 */
import type { AnswerSpec, Misconception } from "@/lib/grading";

import { QuestionDefinitionError, RejectDraw } from "./errors";
import { nearMissProbes } from "./near-miss";

/** A numeric answer: a number or a vector of numbers. */
export type NumericAnswer = number | readonly number[];

/**
 * Allowed error of a check. A plain number is an absolute error. An object works like a number
 * part's tolerance: the allowed error is the larger of `abs` and `rel` times the magnitude of a
 * reference value.
 */
export type DrawTolerance = number | { abs?: number; rel?: number };

/** Returns the allowed error of `tolerance` at `reference` (the reference only matters for `rel`). */
export function allowedError(tolerance: DrawTolerance, reference: number): number {
  if (typeof tolerance === "number") return tolerance;
  const absolute = tolerance.abs ?? 0;
  if (tolerance.rel === undefined) return absolute;
  return Math.max(absolute, tolerance.rel * Math.abs(reference));
}

const asVector = (value: NumericAnswer): readonly number[] => (typeof value === "number" ? [value] : value);

/**
 * Returns the largest elementwise distance |a_i − b_i|, a scalar counting as a vector of length 1.
 * The elements of `a` are compared, and one missing from `b` gives NaN, which no comparison accepts.
 */
export function maxAbsDifference(a: NumericAnswer, b: NumericAnswer): number {
  const left = asVector(a);
  const right = asVector(b);
  return Math.max(...left.map((value, index) => Math.abs(value - right[index]!)));
}

export interface SeparationOptions {
  tolerance: DrawTolerance;
  /** Two answers must lie more than `factor` allowed errors apart (in some element, for vectors). */
  factor: number;
  /**
   * Magnitude that a relative tolerance is taken of, element by element: `"earlier"` is the value
   * listed first, as if it were the key and the other a student's answer; `"larger"` is the larger
   * magnitude of the two, which treats the pair symmetrically. Default `"earlier"`.
   */
  relativeTo?: "earlier" | "larger";
}

/**
 * Returns true when `b` lies within `factor` allowed errors of `a` in every element, so a grader
 * with that tolerance could accept one for the other.
 */
export function answersClose(a: NumericAnswer, b: NumericAnswer, options: SeparationOptions): boolean {
  const left = asVector(a);
  const right = asVector(b);
  return left.every((value, index) => {
    const other = right[index]!;
    const reference = options.relativeTo === "larger" ? Math.max(Math.abs(value), Math.abs(other)) : value;
    return Math.abs(value - other) <= options.factor * allowedError(options.tolerance, reference);
  });
}

/**
 * Rejects the draw when any two of `values` (the key and the misconception values of part
 * `partId`) are close in the sense of `answersClose`.
 */
export function checkSeparated(partId: string, values: readonly NumericAnswer[], options: SeparationOptions): void {
  for (let i = 0; i < values.length; i += 1) {
    for (let j = i + 1; j < values.length; j += 1) {
      if (answersClose(values[i]!, values[j]!, options)) {
        throw new RejectDraw(`two answers of ${partId} are within ${options.factor} tolerances of each other`);
      }
    }
  }
}

/** Runs `checkSeparated` on a part's key and the values of its misconceptions, key first. */
export function checkMisconceptionsSeparated(
  partId: string,
  key: NumericAnswer,
  misconceptions: readonly Misconception[],
  options: SeparationOptions,
): void {
  const values = misconceptions.map((item) => {
    const value: unknown = item.value;
    if (typeof value === "number") return value;
    if (Array.isArray(value) && value.every((element) => typeof element === "number")) return value as number[];
    throw new QuestionDefinitionError(
      `Part "${partId}": misconception ${item.tag} has a non-numeric value, so no distance to the key exists. ` +
        "Check only number and vector parts.",
    );
  });
  checkSeparated(partId, [key, ...values], options);
}

/** Roundings a student plausibly types: to significant figures or to decimal places. */
export type RoundingRule = { significantFigures: readonly number[] } | { decimals: readonly number[] };

/**
 * Returns `value` rounded by each entry of the rule. Decimal places use `toFixed`, which rounds the
 * exact binary value (1.005 is stored as 1.00499… and becomes 1.00) and rounds ties away from zero.
 */
export function roundingsOf(value: number, rule: RoundingRule): number[] {
  if ("significantFigures" in rule) return rule.significantFigures.map((digits) => Number(value.toPrecision(digits)));
  return rule.decimals.map((decimals) => Number(value.toFixed(decimals)));
}

export interface RoundingEdgeOptions {
  /** The part's tolerance; a relative one is taken of each value's own magnitude. */
  tolerance: DrawTolerance;
  roundings: RoundingRule;
  /**
   * Share of the allowed error within which a rounding's error counts as on the boundary: 0.1
   * rejects a rounding whose error lies between 0.9 and 1.1 allowed errors.
   */
  edgeShare: number;
}

/**
 * Rejects the draw when some value of part `partId`, rounded by the rule, misses the value by
 * almost exactly the allowed error. Such a rounded answer would be accepted or rejected on the
 * strength of the last floating-point digit.
 */
export function checkRoundingEdges(partId: string, values: readonly number[], options: RoundingEdgeOptions): void {
  for (const value of values) {
    const allowed = allowedError(options.tolerance, value);
    for (const rounded of roundingsOf(value, options.roundings)) {
      if (Math.abs(Math.abs(rounded - value) - allowed) < options.edgeShare * allowed) {
        throw new RejectDraw(`the key of ${partId} rounded to ${rounded} lies on the tolerance boundary`);
      }
    }
  }
}

/**
 * Rejects the draw when a near miss of the self-test lies closer than `minMargin` allowed errors
 * to the part's tolerance boundary. The near misses are those of `nearMissProbes` (for a number:
 * the key rounded to 1–3 significant figures and the key with its sign flipped). Unlike
 * `checkRoundingEdges`, this check reads the tolerance from the answer spec.
 */
export function checkNearMissMargins(partId: string, spec: AnswerSpec, key: number, minMargin: number): void {
  const probe = nearMissProbes(spec, key).find((item) => item.margin < minMargin);
  if (probe !== undefined) throw new RejectDraw(`the key of ${partId} sits on a rounding edge (${probe.name})`);
}

/**
 * Returns the numbers written in a text, each with and without its minus sign: KaTeX renders a
 * minus apart from its digits, so the page shows the unsigned digits. A text with an apostrophe
 * also yields "39", because the HTML renderer escapes the apostrophe as `&#39;`.
 *
 * With `exponents: false`, "1e5" reads as the two numbers 1 and 5 instead of one.
 */
export function numberTokens(text: string, options: { exponents?: boolean } = {}): Set<string> {
  const pattern = options.exponents === false ? /-?\d+(?:\.\d+)?/g : /-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g;
  const tokens = new Set<string>();
  for (const match of text.matchAll(pattern)) {
    tokens.add(match[0]);
    tokens.add(match[0].replace(/^-/, ""));
  }
  if (text.includes("'")) tokens.add("39");
  return tokens;
}

/**
 * Rule for renderings with fewer than two significant characters ("0.5", "-2", "100"), which often
 * match a prompt's own data by coincidence. With `"never"` every rendering is compared. With
 * `"roundings"` short roundings are skipped, but the full-precision text is always compared. With
 * `"always"` every short rendering is skipped, the full-precision text included.
 */
export type ShortRenderingRule = "never" | "roundings" | "always";

export interface LeakCheckOptions {
  /** Significant figures of the roundings compared besides the full-precision text. Default 3–6. */
  significantFigures?: readonly number[];
  /** Default `"never"`. */
  skipShort?: ShortRenderingRule;
  /** Passed to `numberTokens`. Default true. */
  exponents?: boolean;
}

const DEFAULT_LEAK_FIGURES = [3, 4, 5, 6] as const;

const isShort = (text: string) => text.replace(/[-.0]/g, "").length < 2;

/**
 * Returns the texts under which `value` could appear in a prompt: its full-precision text and,
 * unless it is an integer, its roundings to the given significant figures. An integer key is never
 * typed rounded, so it is compared as written.
 */
export function keyRenderings(value: number, options: LeakCheckOptions = {}): string[] {
  const skipShort = options.skipShort ?? "never";
  const exact = String(value);
  const renderings = new Set<string>(skipShort === "always" && isShort(exact) ? [] : [exact]);
  if (Number.isInteger(value)) return [...renderings];

  for (const digits of options.significantFigures ?? DEFAULT_LEAK_FIGURES) {
    const rounded = String(Number(value.toPrecision(digits)));
    if (skipShort === "never" || !isShort(rounded)) renderings.add(rounded);
  }
  return [...renderings];
}

/** Rejects the draw when some value of part `partId` is written in `text` (see `keyRenderings`). */
export function checkKeysNotShown(partId: string, values: readonly number[], text: string, options: LeakCheckOptions = {}): void {
  const tokens = numberTokens(text, { exponents: options.exponents });
  for (const value of values) {
    const leaked = keyRenderings(value, options).find((rendering) => tokens.has(rendering));
    if (leaked !== undefined) throw new RejectDraw(`the key of ${partId} appears in the prompt as "${leaked}"`);
  }
}
