/** Largest seed plus one: seeds are unsigned 32-bit integers. */
export const SEED_LIMIT = 2 ** 32;

/**
 * Draws a variant seed from the platform's cryptographic generator. Seeds are made on the server
 * only; a seed chosen by a client would let a student pick an easy variant or replay a known one.
 */
export function drawSeed(): number {
  const buffer = new Uint32Array(1);
  globalThis.crypto.getRandomValues(buffer);
  return buffer[0]!;
}

export function isValidSeed(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) < SEED_LIMIT;
}
