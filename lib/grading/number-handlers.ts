import { AnswerSpecError } from "./errors";
import type { AnswerHandler, Grade } from "./handler";
import {
  compareNumeric,
  diagnoseWrongNumber,
  negateNumeric,
  numericFromKey,
  readInteger,
  readNumber,
  type NumericValue,
} from "./numeric";
import { Rational } from "./rational";
import type { Tolerance } from "./spec";

export function integerHandler(): AnswerHandler<Rational, Rational> {
  return {
    readKey(key, path) {
      if (typeof key !== "number" || !Number.isSafeInteger(key)) {
        throw new AnswerSpecError(path, `an integer answer needs a safe integer key, got ${JSON.stringify(key)}`);
      }
      return Rational.fromInteger(key);
    },
    read(input) {
      const { value, display } = readInteger(input);
      return { student: value, parsed: value.toNumber(), display };
    },
    grade(student, key): Grade {
      if (student.equals(key)) return { score: 1, correct: true, feedback: "Correct.", tag: null };
      if (!key.isZero() && student.neg().equals(key)) {
        return { score: 0, correct: false, feedback: "Not correct. The size is right but the sign is wrong.", tag: "sign-error" };
      }
      return { score: 0, correct: false, feedback: "Not correct.", tag: null };
    },
    matches: (student, key) => student.equals(key),
    keyAsStudent: (key) => key,
  };
}

export function numberHandler(tolerance: Tolerance): AnswerHandler<NumericValue, number> {
  return {
    readKey(key, path) {
      if (typeof key !== "number" || !Number.isFinite(key)) {
        throw new AnswerSpecError(path, `a number answer needs a finite number key, got ${JSON.stringify(key)}`);
      }
      return key;
    },
    read(input) {
      const { number, display } = readNumber(input, tolerance);
      return { student: number, parsed: number.value, display };
    },
    grade(student, key): Grade {
      return gradeNumber(student, key, tolerance);
    },
    matches: (student, key) => compareNumeric(student, key, tolerance).match,
    keyAsStudent: numericFromKey,
  };
}

/** Grades one number, with feedback that never states the key. */
export function gradeNumber(student: NumericValue, key: number, tolerance: Tolerance): Grade {
  const verdict = compareNumeric(student, key, tolerance);
  if (verdict.match) {
    return { score: 1, correct: true, feedback: "Correct.", tag: null };
  }
  if (verdict.tooFewFigures !== undefined) {
    const { given, required } = verdict.tooFewFigures;
    return {
      score: 0,
      correct: false,
      feedback: `Not correct: the answer has ${given} significant figure${given === 1 ? "" : "s"}, and this question asks for ${required}.`,
      tag: "too-few-significant-figures",
    };
  }
  const diagnosis = diagnoseWrongNumber(student, key, tolerance);
  if (diagnosis !== null) return { score: 0, correct: false, feedback: `Not correct. ${diagnosis.message}`, tag: diagnosis.tag };
  return { score: 0, correct: false, feedback: "Not correct.", tag: null };
}

export { negateNumeric };
