import { invalidArgument } from "./errors";
import { checkRng, type Rng } from "./random";
import { checkFiniteArray, checkFiniteNumber, checkFunction, checkInteger, checkNonNegativeNumber, checkObject } from "./validate";

/** A true regression function f. */
export type TruthFunction = (x: number) => number;

/** Returns f(x) = sin(x), the truth of the book's double-descent example (x in radians). */
export function sineTruth(): TruthFunction {
  return Math.sin;
}

/**
 * Returns the square pulse f(x) = height for low ≤ x ≤ high and 0 elsewhere, the truth of the
 * lecture's double-descent example. Defaults: low = −0.5, high = 0.5, height = 1 (a pulse over
 * the middle half of [−1, 1]).
 */
export function squarePulseTruth(options: { low?: number; high?: number; height?: number } = {}): TruthFunction {
  checkObject("options", options);
  const low = checkFiniteNumber("low", options.low ?? -0.5);
  const high = checkFiniteNumber("high", options.high ?? 0.5);
  const height = checkFiniteNumber("height", options.height ?? 1);
  if (!(low < high)) {
    throw invalidArgument("high", high, `a value above low (${low})`, "pass low < high");
  }
  return (x) => (x >= low && x <= high ? height : 0);
}

/** Returns the polynomial f(x) = Σ_i coefficients[i] xⁱ (ascending powers), evaluated by Horner's rule. */
export function polynomialTruth(coefficients: readonly number[]): TruthFunction {
  checkFiniteArray("coefficients", coefficients, 1);
  const copy = coefficients.slice();
  return (x) => {
    let value = 0;
    for (let i = copy.length - 1; i >= 0; i--) value = value * x + (copy[i] as number);
    return value;
  };
}

/**
 * Layout of training inputs on [a, b]:
 * - "uniform": independent U(a, b) draws (consumes the rng), in draw order;
 * - "equally-spaced": a + (b − a) i/(n − 1), i = 0 … n−1 (a single point at the midpoint for n = 1);
 * - "chebyshev": Chebyshev nodes of the first kind mapped to [a, b], ascending, which keep
 *   polynomial designs far better conditioned than equally spaced or random points.
 */
export type PointLayout = "uniform" | "equally-spaced" | "chebyshev";

/** Arguments of {@link simulateRegression}. */
export interface SimulateRegressionArguments {
  truth: TruthFunction;
  n: number;
  xRange: readonly [number, number];
  /** σ of the Gaussian noise, in response units. */
  noiseSd: number;
  rng: Rng;
  /** Default "uniform". */
  layout?: PointLayout;
}

/** Simulated regression data. */
export interface SimulatedRegression {
  x: number[];
  /** y_i = f(x_i) + ε_i. */
  y: number[];
  /** f(x_i), without noise. */
  truth: number[];
}

/** Builds n input points on [a, b] in the given layout (see {@link PointLayout}). */
export function layoutPoints(n: number, xRange: readonly [number, number], layout: PointLayout, rng?: Rng): number[] {
  checkInteger("n", n, 1);
  const [a, b] = checkFiniteArray("xRange", xRange, 2) as readonly [number, number];
  if (xRange.length !== 2 || !(a < b)) {
    throw invalidArgument("xRange", xRange, "[a, b] with a < b", "pass a two-element interval with a < b");
  }
  if (layout === "uniform") {
    const generator = checkRng("rng", rng);
    return Array.from({ length: n }, () => generator.uniform(a, b));
  }
  if (layout === "equally-spaced") {
    if (n === 1) return [(a + b) / 2];
    return Array.from({ length: n }, (_, i) => (i === n - 1 ? b : a + ((b - a) * i) / (n - 1)));
  }
  if (layout === "chebyshev") {
    return Array.from({ length: n }, (_, i) => (a + b) / 2 - ((b - a) / 2) * Math.cos((Math.PI * (i + 0.5)) / n));
  }
  throw invalidArgument("layout", layout, '"uniform", "equally-spaced" or "chebyshev"', "pass one of the documented layouts");
}

/**
 * Simulates y = f(x) + ε with ε ~ N(0, σ²) independent. Draw order: all x (uniform layout only),
 * then all ε, so a fixed seed reproduces the data.
 *
 * @throws NumericsError for invalid arguments or a truth returning a non-finite value.
 */
export function simulateRegression(args: SimulateRegressionArguments): SimulatedRegression {
  checkObject("args", args);
  const { truth, n, xRange, noiseSd, rng } = args;
  checkFunction("truth", truth);
  checkNonNegativeNumber("noiseSd", noiseSd);
  checkRng("rng", rng);
  const x = layoutPoints(n, xRange, args.layout ?? "uniform", rng);
  const truthValues = x.map((value) => {
    const f = truth(value);
    if (typeof f !== "number" || !Number.isFinite(f)) {
      throw invalidArgument("truth", f, `a finite f(x) at x = ${value}`, "make truth return a finite number on xRange");
    }
    return f;
  });
  const y = truthValues.map((f) => f + rng.normal(0, noiseSd));
  return { x, y, truth: truthValues };
}

/** Arguments of {@link simulateAr1}. */
export interface SimulateAr1Arguments {
  /** Series length T ≥ 1. */
  n: number;
  /** φ, the lag-1 coefficient, |φ| < 1 (stationary). */
  phi: number;
  /** σ of the innovations. */
  noiseSd: number;
  /** μ, the stationary mean (default 0). */
  mean?: number;
  rng: Rng;
}

/**
 * Simulates a stationary AR(1) series x_t = μ + φ (x_{t−1} − μ) + ε_t, ε_t ~ N(0, σ²). The first
 * value is drawn from the stationary distribution N(μ, σ²/(1 − φ²)), so no burn-in is needed and
 * the lag-ℓ autocorrelation is φ^ℓ at every t.
 */
export function simulateAr1(args: SimulateAr1Arguments): number[] {
  checkObject("args", args);
  const n = checkInteger("n", args.n, 1);
  const phi = checkFiniteNumber("phi", args.phi);
  if (!(Math.abs(phi) < 1)) {
    throw invalidArgument("phi", phi, "|φ| < 1 for a stationary series", "pass φ between −1 and 1 (exclusive)");
  }
  const sd = checkNonNegativeNumber("noiseSd", args.noiseSd);
  const mean = checkFiniteNumber("mean", args.mean ?? 0);
  const rng = checkRng("rng", args.rng);
  const series = new Array<number>(n);
  series[0] = rng.normal(mean, sd / Math.sqrt(1 - phi * phi));
  for (let t = 1; t < n; t++) series[t] = mean + phi * ((series[t - 1] as number) - mean) + rng.normal(0, sd);
  return series;
}
