import { z } from "zod";

// Request shapes of the practice API, shared by route handlers and client components.

/** Longest answer accepted per part, in characters; the grader reads far less than this. */
export const MAX_ANSWER_LENGTH = 4_096;

const partIdSchema = z.string().min(1, { message: "Give a part id." }).max(64, { message: "Part ids are at most 64 characters." });

export const startVariantBodySchema = z.object({
  questionId: z.string().trim().min(1, { message: "Give a question id." }).max(128),
});

export const previewBodySchema = z.object({
  partId: partIdSchema,
  input: z.string().max(MAX_ANSWER_LENGTH, { message: `Answers are at most ${MAX_ANSWER_LENGTH} characters.` }),
});

export const submitBodySchema = z.object({
  // Same alphabet and length as lib/db stores; a UUID fits.
  idempotencyKey: z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/, {
    message: "The idempotency key must be 8 to 128 letters, digits or . _ : - (send a new random UUID per submit).",
  }),
  answers: z.record(
    partIdSchema,
    z.string().max(MAX_ANSWER_LENGTH, { message: `Answers are at most ${MAX_ANSWER_LENGTH} characters.` }),
  ),
  /** Milliseconds from showing the variant to the submit click, as measured by the browser. */
  timeTakenMs: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60 * 60 * 1000, { message: "Time taken is at most one week in milliseconds." })
    .optional(),
});

export const attemptsQuerySchema = z.object({
  questionId: z.string().min(1).max(128).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(128).optional(),
});

export type SubmitBody = z.infer<typeof submitBodySchema>;
