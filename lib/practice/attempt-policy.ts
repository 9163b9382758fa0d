import { readMaxTriesPerVariant } from "@/lib/config/practice";
import { CORRECT_SCORE_THRESHOLD } from "@/lib/grading/score";

/**
 * Graded tries a student has within one variant: PRACTICE_MAX_TRIES, default 3, read once when
 * the server starts. A submission that cannot be read (format error) uses no try. The variant
 * closes after a fully correct try, after the last try, or when the student gives up. Only a
 * closed variant shows its worked solution and keys.
 */
export const MAX_TRIES_PER_VARIANT = readMaxTriesPerVariant();

/** Tries used and left on one variant; `max` is MAX_TRIES_PER_VARIANT. */
export interface TryCount {
  used: number;
  max: number;
  /** Tries the student can still submit; 0 once the variant is closed. */
  remaining: number;
}

/** Why a usable variant no longer takes answers, derived from its stored submissions. */
export type CloseReason = "solved" | "no-tries-left" | "gave-up";

export function tryCount(gradedSubmissions: number, open: boolean): TryCount {
  const remaining = open ? Math.max(0, MAX_TRIES_PER_VARIANT - gradedSubmissions) : 0;
  return { used: gradedSubmissions, max: MAX_TRIES_PER_VARIANT, remaining };
}

export function isFullyCorrect(totalScore: number): boolean {
  return totalScore >= CORRECT_SCORE_THRESHOLD;
}

/**
 * Returns why a closed variant was closed. The variant row stores no reason, so the graded scores
 * decide it. A fully correct one means solved and a full set of tries means none left. Anything
 * else means the student gave up or drew a new variant.
 */
export function closeReason(gradedScores: number[]): CloseReason {
  if (gradedScores.some(isFullyCorrect)) return "solved";
  if (gradedScores.length >= MAX_TRIES_PER_VARIANT) return "no-tries-left";
  return "gave-up";
}

/** The message a student sees for a variant closed for `reason`, ending with what to do next. */
export function closeReasonMessage(reason: CloseReason): string {
  const next = "Start a new variant of the question to practise again.";
  switch (reason) {
    case "solved":
      return `You answered this variant correctly, so it is closed. ${next}`;
    case "no-tries-left":
      return `You have used all ${MAX_TRIES_PER_VARIANT} tries on this variant, so it is closed. ${next}`;
    case "gave-up":
      return `This variant is closed and its solution is shown. ${next}`;
  }
}

// Kept on globalThis because Next.js bundles each route separately, and each bundle would otherwise
// get its own copy of this module and its own lock table.
const LOCKS_KEY = Symbol.for("statlearn-practice.variant-locks");
type GlobalWithLocks = typeof globalThis & { [LOCKS_KEY]?: Map<string, Promise<unknown>> };

function lockTable(): Map<string, Promise<unknown>> {
  const holder = globalThis as GlobalWithLocks;
  holder[LOCKS_KEY] ??= new Map();
  return holder[LOCKS_KEY];
}

/**
 * Runs `task` after every earlier task for the same variant has finished, so that the sequence
 * "count tries, grade, store, close" of one request does not interleave with another's. lib/db
 * serializes single operations on its SQLite connection, but not sequences of them.
 *
 * The lock covers one Node.js process. Across processes, insertSubmission enforces the try limit
 * inside its transaction, so this lock only saves grading work that could not be stored.
 */
export async function withVariantLock<T>(variantId: string, task: () => Promise<T>): Promise<T> {
  const locks = lockTable();
  const previous = locks.get(variantId) ?? Promise.resolve();
  const run = previous.then(task, task);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  locks.set(variantId, settled);
  try {
    return await run;
  } finally {
    // Drop the entry unless a later task has queued behind this one.
    if (locks.get(variantId) === settled) locks.delete(variantId);
  }
}
