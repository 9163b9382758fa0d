import type { Rng } from "@/lib/numerics";

/**
 * Draws a non-zero weight with one decimal, uniformly from the tenths in [−max, max]. Small
 * weights of this kind keep a hand-worked forward pass short and never switch a unit off by a zero.
 */
export function drawNonZeroTenth(rng: Rng, max: number): number {
  const tenths = Math.round(max * 10);
  for (;;) {
    const value = rng.integer(-tenths, tenths);
    if (value !== 0) return value / 10;
  }
}
