// Pure statistics used by the class analytics. No database, no clock.

/** Arithmetic mean; null for an empty list. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Median; the mean of the two middle values for an even count, null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Fewest pairs for which a correlation is reported. */
export const MIN_CORRELATION_PAIRS = 3;

/**
 * Pearson's sample correlation r of paired values. Null when there are fewer than
 * MIN_CORRELATION_PAIRS pairs or either list has zero variance, because r is undefined there.
 */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length) {
    throw new RangeError(`pearson needs paired values, but got ${xs.length} x values and ${ys.length} y values.`);
  }
  const n = xs.length;
  if (n < MIN_CORRELATION_PAIRS) return null;
  const meanX = mean(xs) as number;
  const meanY = mean(ys) as number;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = (xs[i] as number) - meanX;
    const dy = (ys[i] as number) - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // A relative bound, because scores that are all equal can leave rounding noise of about 1e-17.
  const tiny = 1e-12 * n;
  if (sxx <= tiny || syy <= tiny) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}
