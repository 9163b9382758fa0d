import { expect } from "vitest";

import { checkAnswer, previewInput, type AnswerKey, type AnswerSpec, type CheckResult, type Misconception } from "@/lib/grading";

/** Checks an answer and fails the test with the format error when it was not gradable. */
export function grade(spec: AnswerSpec, key: AnswerKey, input: string, misconceptions: Misconception[] = [], seed = 0): Extract<CheckResult, { gradable: true }> {
  const result = checkAnswer({ spec, key, input, misconceptions, seed });
  if (!result.gradable) throw new Error(`expected "${input}" to be gradable, got ${result.formatError.code}: ${result.formatError.message}`);
  return result;
}

/** Checks an answer and returns its format error, failing when it was gradable. */
export function formatError(spec: AnswerSpec, key: AnswerKey, input: string) {
  const result = checkAnswer({ spec, key, input });
  if (result.gradable) throw new Error(`expected "${input}" to be a format error, got score ${result.score}`);
  return result.formatError;
}

/** Value the preview read from a number-type input. */
export function previewValue(input: string): number {
  const result = previewInput({ spec: { type: "number", tolerance: { abs: 0 } }, input });
  if (!result.ok) throw new Error(`expected "${input}" to be read, got ${result.formatError.code}: ${result.formatError.message}`);
  expect(typeof result.parsed).toBe("number");
  return result.parsed as number;
}

export const exact: AnswerSpec = { type: "number", tolerance: {} };
export const integer: AnswerSpec = { type: "integer" };
