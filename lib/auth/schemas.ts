import { z } from "zod";

// Shared by the browser forms and the server so both report the same field errors.

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ message: "Enter a valid email address." })),
  password: z.string().min(1, { message: "Enter your password." }).max(200),
});

export const signUpSchema = z.object({
  name: z.string().trim().min(1, { message: "Enter your name." }).max(100, { message: "Use at most 100 characters." }),
  email: z.string().trim().toLowerCase().pipe(z.email({ message: "Enter a valid email address." })),
  // bcrypt reads only the first 72 bytes of a password, so longer ones are rejected, not truncated.
  password: z
    .string()
    .min(10, { message: "Use at least 10 characters." })
    .refine((value) => new TextEncoder().encode(value).length <= 72, {
      message: "Use at most 72 bytes (72 plain letters and digits; accented letters and symbols count double or more).",
    }),
  joinCode: z
    .string()
    .trim()
    .toUpperCase()
    .min(1, { message: "Enter the join code your instructor gave you." })
    .max(64, { message: "Join codes are at most 64 characters long." }),
});

export type SignUpInput = z.infer<typeof signUpSchema>;
