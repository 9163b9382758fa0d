import { readFileSync } from "node:fs";
import { expect } from "vitest";

/** Reads a JSON fixture from test/unit/numerics/fixtures (written by the Python script beside it). */
export function loadFixture<T>(fileName: string): T {
  const url = new URL(`./fixtures/${fileName}`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as T;
}

/**
 * Asserts |actual − expected| ≤ tolerance · scale element-wise, where scale is max |expected|
 * (at least 1e-300) for a relative tolerance and 1 for an absolute one.
 */
export function expectAllClose(
  actual: readonly number[],
  expected: readonly number[],
  tolerance: { relative?: number; absolute?: number },
  label: string,
): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  const scale = Math.max(1e-300, ...expected.map((value) => Math.abs(value)));
  const bound = (tolerance.absolute ?? 0) + (tolerance.relative ?? 0) * scale;
  let worst = 0;
  let worstIndex = -1;
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs((actual[i] as number) - (expected[i] as number));
    if (!(error <= worst)) {
      worst = error;
      worstIndex = i;
    }
  }
  expect(worst, `${label}: max abs error ${worst} at index ${worstIndex} exceeds ${bound}`).toBeLessThanOrEqual(bound);
}

/** Flattens a matrix given as rows. */
export function flatten(rows: readonly (readonly number[])[]): number[] {
  return rows.flatMap((row) => [...row]);
}
