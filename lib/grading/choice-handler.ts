import { AnswerSpecError, GradingFormatError } from "./errors";
import type { AnswerHandler, Grade } from "./handler";
import { LIMITS } from "./limits";
import type { AnswerSpec, ChoiceOption } from "./spec";
import type { Rng } from "@/lib/numerics";

type ChoiceSpec = Extract<AnswerSpec, { type: "single-choice" | "multiple-choice" }>;

/**
 * Throws AnswerSpecError when two options have the same id, or the same text after trimming,
 * collapsing whitespace and ignoring case (students could not tell them apart).
 */
export function assertDistinctOptions(options: readonly ChoiceOption[], path = "spec.options"): void {
  const ids = new Map<string, number>();
  const texts = new Map<string, number>();
  options.forEach((option, index) => {
    const previousId = ids.get(option.id);
    if (previousId !== undefined) {
      throw new AnswerSpecError(`${path}[${index}].id`, `duplicate option id "${option.id}" (also option ${previousId})`);
    }
    ids.set(option.id, index);
    const normalized = option.text.trim().replace(/\s+/g, " ").toLowerCase();
    const previousText = texts.get(normalized);
    if (previousText !== undefined) {
      throw new AnswerSpecError(`${path}[${index}].text`, `duplicate option text "${option.text}" (also option ${previousText})`);
    }
    texts.set(normalized, index);
  });
}

/** Returns the options in a per-variant random order (a new array; the input is not changed). */
export function shuffleOptions<T extends ChoiceOption>(options: readonly T[], rng: Rng): T[] {
  return rng.shuffle(options);
}

/**
 * Multiple-choice score: max(0, (right picks − wrong picks) / number of correct options).
 * Correct only with every correct option and no other; an empty selection is a format error
 * (every key has at least one correct option, so this reveals nothing).
 */
export function multipleChoiceScore(selected: readonly string[], correct: readonly string[]): number {
  const correctSet = new Set(correct);
  let right = 0;
  let wrong = 0;
  for (const id of new Set(selected)) {
    if (correctSet.has(id)) right += 1;
    else wrong += 1;
  }
  return Math.max(0, (right - wrong) / correctSet.size);
}

export function choiceHandler(spec: ChoiceSpec): AnswerHandler<string[], string[]> {
  assertDistinctOptions(spec.options);
  const byId = new Map(spec.options.map((option) => [option.id, option]));
  const single = spec.type === "single-choice";

  const checkIds = (ids: readonly unknown[], path: string): string[] =>
    ids.map((id, index) => {
      if (typeof id !== "string" || !byId.has(id)) {
        throw new AnswerSpecError(`${path}${single ? "" : `[${index}]`}`, `unknown option id ${JSON.stringify(id)}`);
      }
      return id;
    });

  return {
    readKey(key, path) {
      if (single) {
        if (typeof key !== "string") throw new AnswerSpecError(path, `a single-choice key is one option id, got ${JSON.stringify(key)}`);
        return checkIds([key], path);
      }
      if (!Array.isArray(key) || key.length === 0) {
        throw new AnswerSpecError(path, "a multiple-choice key is a non-empty array of option ids");
      }
      const ids = checkIds(key, path);
      if (new Set(ids).size !== ids.length) throw new AnswerSpecError(path, "a multiple-choice key lists an option id twice");
      return ids;
    },
    read(input) {
      if (typeof input !== "string") throw new GradingFormatError("NOT_A_STRING", "The answer must be text.");
      if (input.length > LIMITS.maxOptions * 66) {
        throw new GradingFormatError("TOO_LONG", "The selection is longer than any valid list of options.");
      }
      const ids = input
        .split(",")
        .map((id) => id.trim())
        .filter((id) => id.length > 0);
      if (ids.length === 0) {
        throw new GradingFormatError("NO_SELECTION", single ? "Select one option." : "Select at least one option.");
      }
      const unique = [...new Set(ids)];
      const unknown = unique.find((id) => !byId.has(id));
      if (unknown !== undefined) {
        throw new GradingFormatError("UNKNOWN_OPTION", `"${unknown.slice(0, 64)}" is not one of the options. Reload the question and select again.`);
      }
      if (single && unique.length > 1) throw new GradingFormatError("NOT_ALLOWED", "Select only one option.");
      // Sorted in option order, so the parsed value does not depend on click order.
      const order = spec.options.map((option) => option.id);
      unique.sort((a, b) => order.indexOf(a) - order.indexOf(b));
      const texts = unique.map((id) => byId.get(id)?.text ?? id);
      return {
        student: unique,
        parsed: single ? (unique[0] as string) : unique,
        display: { text: texts.join("; "), latex: `\\text{${unique.length} option${unique.length === 1 ? "" : "s"} selected}` },
      };
    },
    grade(student, key): Grade {
      const score = multipleChoiceScore(student, key);
      const correct = score === 1;
      if (correct) return { score, correct, feedback: "Correct.", tag: null };
      if (single) return { score: 0, correct: false, feedback: "Not correct.", tag: null };
      return {
        score,
        correct,
        feedback:
          score > 0
            ? "Partly correct: some selected options are right, but the selection is not complete or includes wrong options."
            : "Not correct.",
        tag: null,
      };
    },
    matches: (student, key) => multipleChoiceScore(student, key) === 1 && student.length === key.length,
    keyAsStudent: (key) => key,
  };
}
