import { invalidArgument } from "./errors";
import { checkFiniteArray, checkInteger } from "./validate";

/** Knot placement rule of {@link naturalSplineKnots}. */
export type KnotPlacement = "quantile" | "uniform";

/**
 * Chooses K = df knots for a natural cubic spline with df degrees of freedom (df basis
 * functions, the constant included).
 *
 * - "quantile" (default): knot k (k = 0 … K−1) is the k/(K−1) sample quantile of x with linear
 *   interpolation (numpy.quantile's default method, R's type 7). The boundary knots are min x and
 *   max x; the K − 2 interior knots sit at equally spaced quantiles.
 * - "uniform": K equally spaced knots from `range[0]` to `range[1]` (default [min x, max x]). Use
 *   this for df above the number of distinct x, where quantile knots would coincide.
 *
 * @param df - integer ≥ 2.
 * @throws NumericsError when the knots are not strictly increasing (ties in x, or df larger
 *   than the number of distinct x with quantile placement).
 */
export function naturalSplineKnots(
  x: readonly number[],
  df: number,
  options: { placement?: KnotPlacement; range?: readonly [number, number] } = {},
): number[] {
  checkFiniteArray("x", x, 1);
  checkInteger("df", df, 2);
  const placement = options.placement ?? "quantile";
  const sorted = x.slice().sort((a, b) => a - b);
  let knots: number[];
  if (placement === "quantile") {
    knots = Array.from({ length: df }, (_, k) => {
      const position = (k * (sorted.length - 1)) / (df - 1);
      const below = Math.floor(position);
      const above = Math.min(below + 1, sorted.length - 1);
      const low = sorted[below] as number;
      return low + (position - below) * ((sorted[above] as number) - low);
    });
  } else if (placement === "uniform") {
    const [a, b] = options.range ?? [sorted[0] as number, sorted[sorted.length - 1] as number];
    checkFiniteArray("range", [a, b]);
    knots = Array.from({ length: df }, (_, k) => (k === df - 1 ? b : a + ((b - a) * k) / (df - 1)));
  } else {
    throw invalidArgument("placement", placement, '"quantile" or "uniform"', 'pass placement: "quantile" or "uniform"');
  }
  for (let k = 1; k < knots.length; k++) {
    if (!((knots[k] as number) > (knots[k - 1] as number))) {
      throw invalidArgument(
        "df",
        df,
        `knots that are strictly increasing (knots ${k - 1} and ${k} are both ${knots[k]})`,
        'lower df, or use placement: "uniform" with a range wider than zero',
      );
    }
  }
  return knots;
}

/**
 * Evaluates the natural cubic spline basis with knots ξ_1 < … < ξ_K in the truncated-power form
 * of Hastie, Tibshirani and Friedman, *The Elements of Statistical Learning* (2nd ed.), eq. 5.4–5.5:
 * N_1(x) = 1, N_2(x) = x, N_{k+2}(x) = d_k(x) − d_{K−1}(x) for k = 1 … K−2, where
 * d_k(x) = ((x − ξ_k)³₊ − (x − ξ_K)³₊) / (ξ_K − ξ_k). The span is every cubic spline with these
 * knots that is linear beyond the boundary knots, so least squares with K ≥ n distinct knots at
 * the n data points interpolates them.
 *
 * The columns are not rescaled, so a minimum-norm fit in this basis depends on the units of x.
 * Cancellation in d_k − d_{K−1} beyond ξ_K loses about log10(range / knot spacing) digits.
 *
 * @param x - points to evaluate at (any real values; the basis is linear outside [ξ_1, ξ_K]).
 * @param knots - K ≥ 2 strictly increasing knots, e.g. from {@link naturalSplineKnots}.
 * @returns n × K design matrix.
 */
export function naturalSplineBasis(x: readonly number[], knots: readonly number[]): number[][] {
  checkFiniteArray("x", x);
  checkFiniteArray("knots", knots, 2);
  for (let k = 1; k < knots.length; k++) {
    if (!((knots[k] as number) > (knots[k - 1] as number))) {
      throw invalidArgument(`knots[${k}]`, knots[k], `a knot greater than knots[${k - 1}] = ${knots[k - 1]}`, "sort the knots and remove duplicates");
    }
  }
  const K = knots.length;
  const last = knots[K - 1] as number;
  const cube = (value: number): number => (value > 0 ? value * value * value : 0);
  const d = (k: number, value: number): number => (cube(value - (knots[k] as number)) - cube(value - last)) / (last - (knots[k] as number));
  return x.map((value) => {
    const row = new Array<number>(K);
    row[0] = 1;
    row[1] = value;
    const dLast = d(K - 2, value);
    for (let k = 0; k < K - 2; k++) row[k + 2] = d(k, value) - dLast;
    return row;
  });
}
