import { z } from "zod";

import { MAX_EXAM_QUESTIONS, MAX_PRACTICE_LIMIT_MINUTES, MIN_EXAM_QUESTIONS } from "./rules";

// Request shapes of the exam API, shared by route handlers and client components.

/** Longest answer accepted per part, in characters, as in practice. */
export const MAX_EXAM_ANSWER_LENGTH = 4_096;

export const startExamBodySchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("assessment"),
      assessmentId: z.string().min(1, { message: "Give an assessment id." }).max(128),
    })
    .strict(),
  z
    .object({
      kind: z.literal("bank"),
      questionCount: z
        .number({ message: "Give the number of questions as a whole number." })
        .int({ message: "The number of questions must be a whole number." })
        .min(MIN_EXAM_QUESTIONS, { message: `Choose at least ${MIN_EXAM_QUESTIONS} questions.` })
        .max(MAX_EXAM_QUESTIONS, { message: `Choose at most ${MAX_EXAM_QUESTIONS} questions.` }),
      /** Omitted: the sum of the chosen questions' expected minutes, rounded up. */
      timeLimitMinutes: z
        .number({ message: "Give the time limit in whole minutes." })
        .int({ message: "The time limit must be whole minutes." })
        .min(1, { message: "The time limit must be at least 1 minute." })
        .max(MAX_PRACTICE_LIMIT_MINUTES, { message: `The time limit must be at most ${MAX_PRACTICE_LIMIT_MINUTES} minutes.` })
        .optional(),
      topics: z.array(z.string().min(1).max(100)).max(50).optional(),
    })
    .strict(),
]);

export const saveAnswersBodySchema = z.object({
  itemId: z.string().min(1, { message: "Give the item id." }).max(128),
  answers: z.record(
    z.string().min(1).max(64),
    z.string().max(MAX_EXAM_ANSWER_LENGTH, { message: `Answers are at most ${MAX_EXAM_ANSWER_LENGTH} characters.` }),
  ),
});

export type StartExamBody = z.infer<typeof startExamBodySchema>;
