import { z } from "zod";

import { ConfigError, type EnvironmentSource } from "./env";

/** Graded tries per practice variant when PRACTICE_MAX_TRIES is unset. */
export const DEFAULT_MAX_TRIES_PER_VARIANT = 3;

/** Largest accepted PRACTICE_MAX_TRIES; more tries would make the worked solution a formality. */
export const MAX_CONFIGURABLE_TRIES = 10;

const maxTriesSchema = z.coerce
  .number({ error: "must be a whole number" })
  .int("must be a whole number")
  .min(1, `must be between 1 and ${MAX_CONFIGURABLE_TRIES}`)
  .max(MAX_CONFIGURABLE_TRIES, `must be between 1 and ${MAX_CONFIGURABLE_TRIES}`);

/**
 * Reads PRACTICE_MAX_TRIES, the graded tries a student has on one practice variant. Unset or
 * empty gives the default of 3. Raises ConfigError naming the value for anything but a whole
 * number from 1 to 10.
 */
export function readMaxTriesPerVariant(source: EnvironmentSource = process.env): number {
  const raw = source.PRACTICE_MAX_TRIES;
  if (raw === undefined || raw.trim() === "") return DEFAULT_MAX_TRIES_PER_VARIANT;
  const parsed = maxTriesSchema.safeParse(raw.trim());
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? "is invalid";
    throw new ConfigError(
      `Invalid environment configuration: PRACTICE_MAX_TRIES="${raw}" ${reason}; unset it for the default of ${DEFAULT_MAX_TRIES_PER_VARIANT}.`,
    );
  }
  return parsed.data;
}
