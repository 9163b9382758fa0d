import { checkFiniteArray, checkInteger } from "./validate";
import { invalidArgument } from "./errors";

/**
 * Evaluates the Legendre polynomials P_0 … P_degree at each x by Bonnet's recurrence
 * (j + 1) P_{j+1}(x) = (2j + 1) x P_j(x) − j P_{j−1}(x), with P_0 = 1 and P_1 = x.
 * The columns are the unnormalised polynomials (P_j(1) = 1), as numpy.polynomial.legendre.legvander.
 *
 * @param x - points in [−1, 1] (checked; map other intervals first, e.g. with {@link mapToUnitInterval}).
 * @param degree - highest degree, an integer ≥ 0.
 * @returns n × (degree + 1) design matrix, row i = (P_0(x_i), …, P_degree(x_i)).
 * @throws NumericsError for non-finite x, x outside [−1, 1] or a negative degree.
 */
export function legendreBasis(x: readonly number[], degree: number): number[][] {
  checkFiniteArray("x", x, 1);
  checkInteger("degree", degree, 0);
  x.forEach((value, i) => {
    if (value < -1 || value > 1) {
      throw invalidArgument(`x[${i}]`, value, "a point in [−1, 1]", "map x to [−1, 1] with mapToUnitInterval first");
    }
  });
  return x.map((t) => legendreRow(t, degree));
}

/** Internal: P_0(t) … P_degree(t) without argument checks. */
export function legendreRow(t: number, degree: number): number[] {
  const row = new Array<number>(degree + 1);
  row[0] = 1;
  if (degree >= 1) row[1] = t;
  for (let j = 1; j < degree; j++) {
    row[j + 1] = ((2 * j + 1) * t * (row[j] as number) - j * (row[j - 1] as number)) / (j + 1);
  }
  return row;
}

/** Affine map from [a, b] onto [−1, 1]: t = (x − center) / halfWidth. */
export interface UnitIntervalMap {
  center: number;
  halfWidth: number;
}

/**
 * Maps x from [a, b] to t = (x − (a + b)/2) / ((b − a)/2) in [−1, 1]. Results are clamped to
 * [−1, 1] only to absorb rounding at the ends.
 *
 * @throws NumericsError unless a < b are finite and every x lies in [a, b] (up to a relative
 *   1e-12 of the half-width).
 */
export function mapToUnitInterval(x: readonly number[], interval: readonly [number, number]): number[] {
  const map = unitIntervalMap(interval, "interval");
  checkFiniteArray("x", x);
  x.forEach((value, i) => {
    if (Math.abs(value - map.center) > map.halfWidth * (1 + 1e-12)) {
      throw invalidArgument(`x[${i}]`, value, `a point inside [${interval[0]}, ${interval[1]}]`, "widen the interval or drop the point");
    }
  });
  return x.map((value) => applyUnitIntervalMap(value, map));
}

/** Internal: builds the map for [a, b] after checking a < b. */
export function unitIntervalMap(interval: readonly [number, number], argument: string): UnitIntervalMap {
  const [a, b] = checkFiniteArray(argument, interval, 2);
  if (interval.length !== 2 || !((a as number) < (b as number))) {
    throw invalidArgument(argument, interval, "[a, b] with a < b", "pass a two-element interval with a < b");
  }
  return { center: ((a as number) + (b as number)) / 2, halfWidth: ((b as number) - (a as number)) / 2 };
}

/** Internal: applies the map, clamping to [−1, 1] only to absorb rounding at the ends. */
export function applyUnitIntervalMap(x: number, map: UnitIntervalMap): number {
  const t = (x - map.center) / map.halfWidth;
  return Math.min(1, Math.max(-1, t));
}

/**
 * Returns the power-basis coefficients (ascending) of P_0 … P_degree, so that
 * P_j(t) = Σ_i table[j][i] t^i. Exact for small degrees; rounding grows with degree because
 * the coefficients alternate in sign and grow like 2^j.
 */
export function legendrePowerCoefficients(degree: number): number[][] {
  checkInteger("degree", degree, 0);
  const table: number[][] = [[1]];
  if (degree >= 1) table.push([0, 1]);
  for (let j = 1; j < degree; j++) {
    const pj = table[j] as number[];
    const pPrevious = table[j - 1] as number[];
    const next = new Array<number>(j + 2).fill(0);
    for (let i = 0; i <= j; i++) next[i + 1] = (next[i + 1] as number) + ((2 * j + 1) * (pj[i] as number)) / (j + 1);
    for (let i = 0; i < pPrevious.length; i++) next[i] = (next[i] as number) - (j * (pPrevious[i] as number)) / (j + 1);
    table.push(next);
  }
  return table;
}
