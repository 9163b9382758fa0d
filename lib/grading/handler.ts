import type { AnswerDisplay, ParsedAnswer } from "./spec";

/** Verdict of one answer against one key, before misconceptions are consulted. */
export interface Grade {
  /** In [0, 1]. */
  score: number;
  correct: boolean;
  feedback: string;
  /** Built-in diagnosis tag (e.g. sign-error), or null. */
  tag: string | null;
}

/** A student answer as read, with its JSON form and display. */
export interface ReadAnswer<Student> {
  student: Student;
  parsed: ParsedAnswer;
  display: AnswerDisplay;
}

/**
 * Reading and comparison for one answer type. `readKey` throws AnswerSpecError (a question
 * bug); `read` throws GradingFormatError (a student error); `grade` and `matches` never throw
 * for values that those two returned.
 */
export interface AnswerHandler<Student, Key> {
  readKey(key: unknown, path: string): Key;
  read(input: unknown): ReadAnswer<Student>;
  grade(student: Student, key: Key): Grade;
  /** True when the student value would be judged equal to `key` (used for misconceptions). */
  matches(student: Student, key: Key): boolean;
  /** The key as if a student had typed it exactly (used to find misconception collisions). */
  keyAsStudent(key: Key): Student;
}
