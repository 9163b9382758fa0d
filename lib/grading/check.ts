import { arrayHandler } from "./array-handler";
import { choiceHandler } from "./choice-handler";
import { AnswerSpecError, GradingFormatError } from "./errors";
import { expressionHandler } from "./expression-handler";
import type { AnswerHandler } from "./handler";
import { integerHandler, numberHandler } from "./number-handlers";
import {
  answerSpecSchema,
  misconceptionSchema,
  type AnswerKey,
  type AnswerSpec,
  type CheckResult,
  type Misconception,
  type PreviewResult,
} from "./spec";

/** Arguments of checkAnswer. */
export interface CheckAnswerArgs {
  spec: AnswerSpec;
  key: AnswerKey;
  /** Raw text typed by the student; for choices the selected id, or ids joined by ",". */
  input: string;
  misconceptions?: readonly Misconception[];
  /** Seeds the evaluation points of expression equivalence, so a replay gives the same verdict. */
  seed?: number;
}

type AnyHandler = AnswerHandler<unknown, unknown>;

/** Validates a spec with its zod schema and the rules zod cannot express; throws AnswerSpecError. */
export function parseAnswerSpec(spec: unknown): AnswerSpec {
  const result = answerSpecSchema.safeParse(spec);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = ["spec", ...(issue?.path ?? []).map(String)].join(".");
    throw new AnswerSpecError(path, issue?.message ?? "invalid answer spec");
  }
  return result.data;
}

function handlerFor(spec: AnswerSpec, seed: number): AnyHandler {
  switch (spec.type) {
    case "integer":
      return integerHandler() as AnyHandler;
    case "number":
      return numberHandler(spec.tolerance) as AnyHandler;
    case "expression":
      return expressionHandler(spec, seed) as AnyHandler;
    case "vector":
    case "matrix":
      return arrayHandler(spec) as AnyHandler;
    case "single-choice":
    case "multiple-choice":
      return choiceHandler(spec) as AnyHandler;
  }
}

function checkSeed(seed: unknown): number {
  if (typeof seed !== "number" || !Number.isSafeInteger(seed)) {
    throw new AnswerSpecError("seed", `the seed must be a safe integer, got ${JSON.stringify(seed)}`);
  }
  return seed;
}

interface ReadMisconception {
  tag: string;
  message: string;
  value: unknown;
}

function readMisconceptions(handler: AnyHandler, misconceptions: unknown): ReadMisconception[] {
  if (!Array.isArray(misconceptions)) throw new AnswerSpecError("misconceptions", "must be an array");
  return misconceptions.map((item, index) => {
    const parsed = misconceptionSchema.safeParse(item);
    if (!parsed.success) {
      throw new AnswerSpecError(`misconceptions[${index}]`, parsed.error.issues[0]?.message ?? "invalid misconception");
    }
    return { tag: parsed.data.tag, message: parsed.data.message, value: handler.readKey(parsed.data.value, `misconceptions[${index}].value`) };
  });
}

/**
 * Checks one answer. Returns a format error (not graded, no attempt used) when the input cannot
 * be read. Throws AnswerSpecError when the spec, key, misconceptions or seed are invalid.
 * When the answer matches the key, the verdict is correct even if a misconception has the same
 * value; otherwise the first misconception (in list order) that matches gives the feedback and tag.
 */
export function checkAnswer(args: CheckAnswerArgs): CheckResult {
  const spec = parseAnswerSpec(args.spec);
  const handler = handlerFor(spec, checkSeed(args.seed ?? 0));
  const key = handler.readKey(args.key, "key");
  const misconceptions = readMisconceptions(handler, args.misconceptions ?? []);

  let answer;
  try {
    answer = handler.read(args.input);
  } catch (error) {
    if (error instanceof GradingFormatError) return { gradable: false, formatError: error.toInfo() };
    throw error;
  }

  const grade = handler.grade(answer.student, key);
  let feedback = grade.feedback;
  let tag = grade.tag;
  if (!grade.correct) {
    const matched = misconceptions.find((misconception) => handler.matches(answer.student, misconception.value));
    if (matched !== undefined) {
      feedback = `Not correct. ${matched.message}`;
      tag = matched.tag;
    }
  }
  return {
    gradable: true,
    score: grade.score,
    correct: grade.correct,
    parsed: answer.parsed,
    display: answer.display,
    feedback,
    misconceptionTag: tag,
  };
}

/** Reads an answer and shows how it was understood, without grading it or using an attempt. */
export function previewInput(args: { spec: AnswerSpec; input: string }): PreviewResult {
  const spec = parseAnswerSpec(args.spec);
  const handler = handlerFor(spec, 0);
  try {
    const answer = handler.read(args.input);
    return { ok: true, display: answer.display, parsed: answer.parsed };
  } catch (error) {
    if (error instanceof GradingFormatError) return { ok: false, formatError: error.toInfo() };
    throw error;
  }
}

/**
 * Returns the tags of misconceptions whose value would be judged equal to the key, so that a
 * question self-test can report them (on a collision the correct verdict wins).
 */
export function findMisconceptionCollisions(args: {
  spec: AnswerSpec;
  key: AnswerKey;
  misconceptions: readonly Misconception[];
  seed?: number;
}): string[] {
  const spec = parseAnswerSpec(args.spec);
  const handler = handlerFor(spec, checkSeed(args.seed ?? 0));
  const key = handler.readKey(args.key, "key");
  return readMisconceptions(handler, args.misconceptions)
    .filter((misconception) => handler.matches(handler.keyAsStudent(misconception.value), key))
    .map((misconception) => misconception.tag);
}
