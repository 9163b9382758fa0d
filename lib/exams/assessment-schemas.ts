import { z } from "zod";

// Request shapes of the instructor assessment API, shared by route handlers and client forms.

const isoDateTime = z.iso.datetime({ offset: true, message: "Give a date and time in ISO 8601 with a time zone, e.g. 2026-12-05T14:00:00Z." });

export const assessmentBodySchema = z.object({
  title: z.string().trim().min(1, { message: "Give a title." }).max(200, { message: "Titles are at most 200 characters." }),
  questionSpec: z
    .array(
      z.union([
        z.object({ questionId: z.string().min(1).max(200) }).strict(),
        z
          .object({
            topic: z.string().min(1).max(100),
            count: z.number().int({ message: "The count must be a whole number." }).min(1, { message: "Draw at least 1 question." }).max(20, { message: "Draw at most 20 questions from a topic." }),
          })
          .strict(),
      ]),
    )
    .min(1, { message: "Choose at least one question or topic pool." })
    .max(50, { message: "At most 50 entries." }),
  timeLimitMinutes: z
    .number({ message: "Give the time limit in whole minutes." })
    .int({ message: "The time limit must be whole minutes." })
    .min(1, { message: "The time limit must be at least 1 minute." })
    .max(10_080, { message: "The time limit must be at most 10080 minutes (one week)." }),
  opensAt: isoDateTime.nullable(),
  closesAt: isoDateTime.nullable(),
  maxAttempts: z.number().int({ message: "Attempts must be a whole number." }).min(1, { message: "Allow at least 1 attempt." }).max(100, { message: "Allow at most 100 attempts." }),
  published: z.boolean(),
});

export const extensionBodySchema = z.object({
  email: z.string().trim().min(3, { message: "Give the student's e-mail address." }).max(320),
  extraMinutes: z
    .number({ message: "Give the extra time in whole minutes." })
    .int({ message: "Extra time must be whole minutes." })
    .min(0, { message: "Extra time cannot be negative; 0 removes the extension." })
    .max(10_080, { message: "Extra time is at most 10080 minutes (one week)." }),
});

export type AssessmentBody = z.infer<typeof assessmentBodySchema>;

/** The body with its times parsed. */
export type AssessmentInput = Omit<AssessmentBody, "opensAt" | "closesAt"> & { opensAt: Date | null; closesAt: Date | null };

export function toAssessmentInput(body: AssessmentBody): AssessmentInput {
  return {
    ...body,
    opensAt: body.opensAt === null ? null : new Date(body.opensAt),
    closesAt: body.closesAt === null ? null : new Date(body.closesAt),
  };
}
