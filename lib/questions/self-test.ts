import { checkAnswer, findMisconceptionCollisions, type AnswerKey, type AnswerSpec } from "@/lib/grading";

import type { QuestionDefinition, QuestionPart } from "./definition";
import { keyAsInput } from "./format-key";
import { EDGE_MARGIN, nearMissProbes } from "./near-miss";
import { drawVariant, type Variant } from "./variant";

/** One failed check of one seed; the self-test collects them instead of stopping at the first. */
export interface SelfTestFailure {
  questionId: string;
  seed: number;
  partId?: string;
  check: string;
  message: string;
}

export interface SelfTestReport {
  questionId: string;
  seeds: number;
  passed: number;
  failed: number;
  failures: SelfTestFailure[];
  /** Misconceptions whose value equals the key on some seed (the correct verdict wins there). */
  collisions: { seed: number; partId: string; tag: string }[];
  rejectedDraws: number;
  /** Slowest variant build, in milliseconds. */
  maxBuildMs: number;
  /**
   * The near miss closest to its part's tolerance boundary, as a fraction of the allowed error
   * (null when no part has a probe): the safety margin of the tolerances over all seeds.
   */
  smallestNearMissMargin: { margin: number; seed: number; partId: string; probe: string } | null;
}

/**
 * A wrong answer that no misconception predicts: the key moved by a large relative step. It must
 * score below 1 under any sensible tolerance.
 */
function randomWrongAnswer(spec: AnswerSpec, key: AnswerKey): string | null {
  const shift = (value: number) => (value === 0 ? 1 : value * 1.37 + Math.sign(value) * 1);
  switch (spec.type) {
    case "integer":
      return String((key as number) + 7 + Math.abs(Math.round((key as number) * 0.3)));
    case "number":
      return String(shift(key as number));
    case "vector":
      return keyAsInput(spec, (key as number[]).map(shift));
    case "matrix":
      return keyAsInput(spec, (key as number[][]).map((row) => row.map(shift)));
    case "expression":
      return `(${String(key)})*2+1`;
    case "single-choice": {
      const other = spec.options.find((option) => option.id !== key);
      return other ? other.id : null;
    }
    case "multiple-choice": {
      const chosen = new Set(key as string[]);
      const flipped = spec.options.filter((option) => !chosen.has(option.id)).map((option) => option.id);
      return flipped.length > 0 ? flipped.join(",") : null;
    }
  }
}

/** Turns rendered HTML into the text a reader sees: tags dropped, character references decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&#(\d+);/g, (_match, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_match, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_match, name: string) => NAMED_ENTITIES[name] ?? " ");
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Numbers written in the student's view, as they appear (digit strings with sign and exponent). */
function numberTokens(text: string): Set<string> {
  const tokens = new Set<string>();
  for (const match of text.matchAll(/-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g)) tokens.add(match[0]);
  return tokens;
}

/** Lists the texts of a numeric key that could leak into a page: full precision and common roundings. */
function keyRenderings(value: number): string[] {
  const renderings = new Set<string>([String(value)]);
  // Roundings to fewer than four figures are left out: a prompt's own data (an x value 0.18, a
  // coefficient 1.02) often matches them by coincidence, while a leaked key carries more digits.
  // A rounding such as 0.1800 is kept as written, because dropping its zeros would give 0.18.
  if (!Number.isInteger(value)) {
    for (const digits of [4, 5, 6]) {
      const written = value.toPrecision(digits);
      renderings.add(written);
      const shortest = String(Number(written));
      if (significantDigits(shortest) >= 4) renderings.add(shortest);
    }
  }
  return [...renderings];
}

/** Counts the significant digits of a decimal written without exponent ("0.0123" has 3). */
function significantDigits(text: string): number {
  return text.replace(/^[-+]?0*\.?0*/, "").replace(".", "").length;
}

function checkNoLeak(variant: Variant, part: QuestionPart, failures: SelfTestFailure[]): void {
  if (part.keyShownInPromptBecause) return;
  const numbers: number[] =
    typeof part.key === "number"
      ? [part.key]
      : Array.isArray(part.key) && part.key.every((item) => typeof item === "number")
        ? (part.key as number[])
        : [];
  if (numbers.length === 0) return;

  // The rendered page is a function of these Markdown sources (neither the Markdown renderer nor
  // KaTeX adds digits), so comparing the sources covers everything a reader sees. Digits written
  // as LaTeX superscripts or subscripts (σ^2, ‖β‖_2, P_0) are notation, not data, and are dropped:
  // otherwise every small integer key would collide with them.
  const sources = [
    variant.content.prompt,
    ...variant.content.parts.map((item) => item.label),
    ...variant.content.parts.flatMap((item) =>
      item.spec.type === "single-choice" || item.spec.type === "multiple-choice"
        ? item.spec.options.map((option) => option.text)
        : [],
    ),
    ...(variant.content.figures ?? []).flatMap((figure) => [figure.alt, figure.caption ?? ""]),
  ];
  const visible = sources.map((source) => source.replace(/[\^_](?:\{\s*-?\d+\s*\}|\d)/g, " ")).join("\n");
  const tokens = numberTokens(visible);
  for (const value of numbers) {
    const leaked = keyRenderings(value).find((text) => tokens.has(text));
    if (leaked !== undefined) {
      failures.push({
        questionId: variant.questionId,
        seed: variant.seed,
        partId: part.id,
        check: "no-leak",
        message: `the key ${value} appears in the student's view as "${leaked}"`,
      });
    }
  }
}

function testPart(variant: Variant, part: QuestionPart, report: SelfTestReport, failures: SelfTestFailure[]): void {
  const fail = (check: string, message: string) =>
    failures.push({ questionId: variant.questionId, seed: variant.seed, partId: part.id, check, message });
  const grade = (input: string) =>
    checkAnswer({ spec: part.spec, key: part.key, input, misconceptions: part.misconceptions, seed: variant.seed });

  const keyInput = keyAsInput(part.spec, part.key);
  const correct = grade(keyInput);
  if (!correct.gradable) fail("key-readable", `the key "${keyInput}" is not readable: ${correct.formatError.message}`);
  else if (correct.score !== 1) fail("key-scores-1", `the key "${keyInput}" scores ${correct.score}`);

  const collisions = new Set(
    findMisconceptionCollisions({ spec: part.spec, key: part.key, misconceptions: part.misconceptions, seed: variant.seed }),
  );
  for (const tag of collisions) report.collisions.push({ seed: variant.seed, partId: part.id, tag });

  for (const misconception of part.misconceptions) {
    if (collisions.has(misconception.tag)) continue;
    const input = keyAsInput(part.spec, misconception.value);
    const result = grade(input);
    if (!result.gradable) {
      fail("misconception-readable", `misconception ${misconception.tag} value "${input}" is not readable`);
    } else if (result.score >= 1) {
      fail("misconception-below-1", `misconception ${misconception.tag} value "${input}" scores ${result.score}`);
    } else if (result.misconceptionTag !== misconception.tag) {
      fail(
        "misconception-feedback",
        `misconception ${misconception.tag} value "${input}" was tagged ${result.misconceptionTag ?? "with no tag"}`,
      );
    }
  }

  const wrong = randomWrongAnswer(part.spec, part.key);
  if (wrong !== null) {
    const result = grade(wrong);
    if (result.gradable && result.score >= 1) fail("wrong-below-1", `the wrong answer "${wrong}" scores ${result.score}`);
  }

  for (const probe of nearMissProbes(part.spec, part.key)) {
    if (probe.margin < EDGE_MARGIN) {
      fail("near-miss-edge", `the near miss "${probe.name}" (${probe.input}) sits on the tolerance boundary`);
      continue;
    }
    const best = report.smallestNearMissMargin;
    if (Number.isFinite(probe.margin) && (best === null || probe.margin < best.margin)) {
      report.smallestNearMissMargin = { margin: probe.margin, seed: variant.seed, partId: part.id, probe: probe.name };
    }
    const result = grade(probe.input);
    const scoredCorrect = result.gradable && result.score >= 1;
    if (!result.gradable) fail("near-miss-readable", `the near miss "${probe.name}" (${probe.input}) is not readable`);
    else if (scoredCorrect !== probe.intendedCorrect) {
      fail(
        "near-miss-verdict",
        `the near miss "${probe.name}" (${probe.input}) scores ${result.score}, but the tolerance makes it ` +
          (probe.intendedCorrect ? "correct" : "wrong"),
      );
    }
  }

  checkNoLeak(variant, part, failures);
}

/**
 * Runs a question over `seeds` consecutive seeds starting at `firstSeed`. For each seed the variant
 * must build twice to the same content, and its key must score 1. Each misconception must get its
 * own feedback and less than 1, a wrong answer must score less than 1, near misses must get the
 * verdict their tolerance intends, and the student's view must not contain a key.
 */
export function selfTestQuestion(
  definition: QuestionDefinition,
  options: { seeds: number; firstSeed?: number },
): SelfTestReport {
  const questionId = definition.meta.id;
  const report: SelfTestReport = {
    questionId,
    seeds: options.seeds,
    passed: 0,
    failed: 0,
    failures: [],
    collisions: [],
    rejectedDraws: 0,
    maxBuildMs: 0,
    smallestNearMissMargin: null,
  };

  for (let index = 0; index < options.seeds; index += 1) {
    const seed = ((options.firstSeed ?? 1) + index) >>> 0;
    const failures: SelfTestFailure[] = [];
    try {
      const started = performance.now();
      const variant = drawVariant(definition, seed);
      report.maxBuildMs = Math.max(report.maxBuildMs, performance.now() - started);
      report.rejectedDraws += variant.rejectedDraws;

      const again = drawVariant(definition, seed);
      if (JSON.stringify(again.content) !== JSON.stringify(variant.content)) {
        failures.push({ questionId, seed, check: "reproducible", message: "two builds of the same seed differ" });
      }
      for (const part of variant.content.parts) testPart(variant, part, report, failures);
    } catch (error) {
      failures.push({ questionId, seed, check: "build", message: (error as Error).message });
    }

    if (failures.length === 0) report.passed += 1;
    else {
      report.failed += 1;
      report.failures.push(...failures);
    }
  }
  return report;
}
