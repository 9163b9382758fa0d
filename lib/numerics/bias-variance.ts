import { invalidArgument } from "./errors";
import { knnPredictUnchecked } from "./knn";
import { polynomialFit, polynomialPredict } from "./polynomial";
import { applyUnitIntervalMap, legendreRow, unitIntervalMap } from "./legendre";
import { minimumNormLeastSquares } from "./minimum-norm";
import { checkRng, type Rng } from "./random";
import { checkFiniteArray, checkFunction, checkInteger, checkNonNegativeNumber, checkObject } from "./validate";

/**
 * Estimator refitted on every simulated training set:
 * - "polynomial": least squares of the given degree ({@link polynomialFit}), degree ≤ n − 1;
 * - "knn": k-nearest-neighbour regression ({@link knnRegressionPredict});
 * - "minimum-norm-legendre": Legendre polynomials P_0 … P_degree of x mapped from `interval`
 *   (default xRange, or [min, max] of a fixed xTrain) onto [−1, 1], fitted by {@link minimumNormLeastSquares} with cut-off `rcond`
 *   (default max(n, p) · ε). Any degree is allowed, so this follows a double-descent curve past
 *   the interpolation threshold degree n − 1.
 */
export type BiasVarianceEstimator =
  | { kind: "polynomial"; degree: number }
  | { kind: "knn"; k: number }
  | { kind: "minimum-norm-legendre"; degree: number; interval?: readonly [number, number]; rcond?: number };

/** Arguments of {@link biasVarianceMonteCarlo}. */
export interface BiasVarianceArguments {
  /** f, the true regression function. Must return a finite number at every x in xRange and every test point. */
  truth: (x: number) => number;
  /** σ, the sd of the Gaussian noise ε in y = f(x) + ε (response units). */
  noiseSd: number;
  /** Training-set size per repetition; with `xTrain` it may be omitted (it must equal its length). */
  n?: number;
  /** [a, b]: training x are drawn independently from U(a, b) in every repetition (random design). */
  xRange?: readonly [number, number];
  /**
   * Training x fixed in every repetition (fixed design): only the noise is redrawn. Give either
   * this or `xRange`, not both.
   */
  xTrain?: readonly number[];
  estimator: BiasVarianceEstimator;
  /** x0 values at which bias and variance are estimated. */
  testPoints: readonly number[];
  /** R, the number of simulated training sets, ≥ 2. */
  repetitions: number;
  rng: Rng;
}

/** Monte Carlo standard errors of the squared-bias and variance estimates. */
export interface BiasVarianceStandardErrors {
  squaredBias: number;
  variance: number;
}

/** Decomposition of the expected test MSE at one test point (or averaged over test points). */
export interface BiasVariancePoint {
  x0: number;
  /** f(x0). */
  truth: number;
  /** f̄(x0) = (1/R) Σ_r f̂_r(x0). */
  meanPrediction: number;
  /** (f̄(x0) − f(x0))². */
  squaredBias: number;
  /** (1/R) Σ_r (f̂_r(x0) − f̄(x0))² (divisor R, so squaredBias + variance = (1/R) Σ_r (f̂_r(x0) − f(x0))² exactly). */
  variance: number;
  /** σ², the irreducible error. */
  noise: number;
  /** squaredBias + variance + noise. */
  expectedTestMse: number;
  standardError: BiasVarianceStandardErrors;
  /** (1/R) Σ_r (y0_r − f̂_r(x0))² with a fresh y0_r = f(x0) + ε_r for every repetition. */
  simulatedTestMse: number;
  /** sd_r((y0_r − f̂_r(x0))²) / √R. */
  simulatedTestMseStandardError: number;
}

/** Result of {@link biasVarianceMonteCarlo}. */
export interface BiasVarianceResult {
  /** One entry per test point, in the order given. */
  points: BiasVariancePoint[];
  /**
   * Every field averaged over the test points (x0 and truth are means too). Standard errors
   * account for the correlation between test points, which share the training sets.
   */
  average: Omit<BiasVariancePoint, "x0" | "truth"> & { x0: number; truth: number };
  repetitions: number;
}

function checkEstimator(
  estimator: unknown,
  n: number,
  xRange: readonly [number, number],
): (xTrain: number[], yTrain: number[], x: readonly number[]) => number[] {
  checkObject("estimator", estimator);
  const candidate = estimator as BiasVarianceEstimator;
  if (candidate.kind === "minimum-norm-legendre") {
    const degree = checkInteger("estimator.degree", candidate.degree, 0, 10_000);
    const map = unitIntervalMap(candidate.interval ?? xRange, "estimator.interval");
    // Training inputs outside the interval would be clamped onto its ends, so reject that case.
    if (Math.abs(xRange[0] - map.center) > map.halfWidth * (1 + 1e-12) || Math.abs(xRange[1] - map.center) > map.halfWidth * (1 + 1e-12)) {
      throw invalidArgument(
        "estimator.interval",
        candidate.interval,
        `an interval containing every training input [${xRange[0]}, ${xRange[1]}]`,
        "omit estimator.interval or widen it",
      );
    }
    const options = candidate.rcond === undefined ? {} : { rcond: candidate.rcond };
    return (xTrain, yTrain, x) => {
      const design = xTrain.map((value) => legendreRow(applyUnitIntervalMap(value, map), degree));
      const { coefficients } = minimumNormLeastSquares(design, yTrain, options);
      return x.map((value) => {
        const row = legendreRow((value - map.center) / map.halfWidth, degree);
        let sum = 0;
        for (let j = 0; j <= degree; j++) sum += (row[j] as number) * (coefficients[j] as number);
        return sum;
      });
    };
  }
  if (candidate.kind === "polynomial") {
    const degree = checkInteger("estimator.degree", candidate.degree, 0, n - 1);
    return (xTrain, yTrain, x) => polynomialPredict(polynomialFit(xTrain, yTrain, degree), x);
  }
  if (candidate.kind === "knn") {
    const k = checkInteger("estimator.k", candidate.k, 1, n);
    return (xTrain, yTrain, x) => knnPredictUnchecked(xTrain, yTrain, k, x);
  }
  throw invalidArgument(
    "estimator.kind",
    (candidate as { kind?: unknown }).kind,
    '"polynomial", "knn" or "minimum-norm-legendre"',
    'pass e.g. { kind: "polynomial", degree } or { kind: "knn", k }',
  );
}

/** Weights w_j with f̂(testPoints[j]) = Σ_i w_j[i] y_i, for an estimator that is linear in y. */
function linearSmootherWeights(
  xTrain: number[],
  testPoints: readonly number[],
  predict: (xTrain: number[], yTrain: number[], x: readonly number[]) => number[],
): Float64Array[] {
  const n = xTrain.length;
  const weights = testPoints.map(() => new Float64Array(n));
  const unit = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    unit[i] = 1;
    const column = predict(xTrain, unit, testPoints);
    for (let j = 0; j < testPoints.length; j++) (weights[j] as Float64Array)[i] = column[j] as number;
    unit[i] = 0;
  }
  return weights;
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum / values.length;
}

/** Sample variance with divisor m − 1. */
function sampleVariance(values: ArrayLike<number>): number {
  const m = mean(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += ((values[i] as number) - m) ** 2;
  return sum / (values.length - 1);
}

/**
 * Estimates squared bias, variance and expected test MSE of an estimator by simulation.
 *
 * Each of R repetitions draws n training points x_i ~ U(a, b), y_i = f(x_i) + ε_i with
 * ε_i ~ N(0, σ²), refits the estimator, predicts f̂_r(x0) at every test point and draws a fresh
 * test response y0_r = f(x0) + ε for each x0. Uniform draws are distinct with probability 1, so
 * a polynomial of degree ≤ n − 1 has a unique least-squares fit in every repetition. With
 * `xTrain` (a fixed design) the inputs stay the same and only the noise is redrawn, so a
 * polynomial fit then needs more distinct inputs than its degree.
 *
 * Standard errors (Monte Carlo error of the estimates over repetitions, s² the sample variance
 * of f̂_r(x0) with divisor R − 1):
 * - variance: sd of d_r = (f̂_r(x0) − f̄)² over r, divided by √R;
 * - squared bias b̂² with b̂ = f̄ − f(x0): delta method plus the second-order term,
 *   √(4 b̂² s²/R + 2 s⁴/R²), the exact sd of b̂² when f̄ is normal, which stays positive at b = 0.
 * For the average over test points, the variance term uses the per-repetition average of d_r,
 * and the squared-bias term uses the covariance C of the predictions across test points:
 * √(gᵀCg/R + 2‖C‖²_F/(J²R²)) with g_j = 2 b̂_j / J.
 *
 * @throws NumericsError for invalid arguments (non-finite values, n < 1, degree ≥ n, k > n,
 *   repetitions < 2, a < b violated, empty testPoints) or when truth returns a non-finite value.
 */
export function biasVarianceMonteCarlo(args: BiasVarianceArguments): BiasVarianceResult {
  checkObject("args", args);
  const { truth, noiseSd, xRange, xTrain: fixedX, estimator, testPoints, repetitions, rng } = args;
  checkFunction("truth", truth);
  checkNonNegativeNumber("noiseSd", noiseSd);
  if ((xRange === undefined) === (fixedX === undefined)) {
    throw invalidArgument("xRange", xRange, "exactly one of xRange and xTrain", "pass xRange for a random design or xTrain for a fixed one");
  }
  let a = 0;
  let b = 0;
  if (fixedX !== undefined) {
    checkFiniteArray("xTrain", fixedX, 1);
    if (args.n !== undefined && args.n !== fixedX.length) {
      throw invalidArgument("n", args.n, `xTrain.length = ${fixedX.length}`, "omit n or make it equal to the number of fixed inputs");
    }
  } else {
    [a, b] = checkFiniteArray("xRange", xRange, 2) as readonly [number, number];
    if (xRange!.length !== 2 || !(a < b)) {
      throw invalidArgument("xRange", xRange, "[a, b] with a < b", "pass a two-element interval with a < b");
    }
  }
  const n = checkInteger("n", args.n ?? fixedX!.length, 1);
  const span: readonly [number, number] = fixedX === undefined ? [a, b] : [Math.min(...fixedX), Math.max(...fixedX)];
  const predict = checkEstimator(estimator, n, span);
  checkFiniteArray("testPoints", testPoints, 1);
  checkInteger("repetitions", repetitions, 2);
  checkRng("rng", rng);

  const evaluateTruth = (x: number): number => {
    const value = truth(x);
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw invalidArgument("truth", value, `a finite f(x) at x = ${x}`, "make truth return a finite number on xRange and at every test point");
    }
    return value;
  };
  const truthAtTest = testPoints.map(evaluateTruth);
  const J = testPoints.length;
  const R = repetitions;
  const predictions = Array.from({ length: J }, () => new Float64Array(R));
  const squaredErrors = Array.from({ length: J }, () => new Float64Array(R));

  const xTrain = fixedX ? [...fixedX] : new Array<number>(n);
  const yTrain = new Array<number>(n);
  // Every estimator kind is linear in y for given inputs (least squares and minimum-norm fits are
  // linear maps of y, k-NN an average), so with a fixed design the weights of
  // f̂(x0) = Σ_i w_i y_i are computed once (one fit per unit response) instead of once per repetition.
  const fixedWeights = fixedX ? linearSmootherWeights(xTrain, testPoints, predict) : null;
  const fixedTruth = fixedX ? xTrain.map(evaluateTruth) : null;
  const fitted = new Array<number>(J);
  for (let r = 0; r < R; r++) {
    if (fixedWeights && fixedTruth) {
      for (let i = 0; i < n; i++) yTrain[i] = (fixedTruth[i] as number) + rng.normal(0, noiseSd);
      for (let j = 0; j < J; j++) {
        const weights = fixedWeights[j] as Float64Array;
        let sum = 0;
        for (let i = 0; i < n; i++) sum += (weights[i] as number) * (yTrain[i] as number);
        fitted[j] = sum;
      }
    } else {
      for (let i = 0; i < n; i++) xTrain[i] = rng.uniform(a, b);
      for (let i = 0; i < n; i++) yTrain[i] = evaluateTruth(xTrain[i] as number) + rng.normal(0, noiseSd);
      const predicted = predict(xTrain, yTrain, testPoints);
      for (let j = 0; j < J; j++) fitted[j] = predicted[j] as number;
    }
    for (let j = 0; j < J; j++) {
      const y0 = (truthAtTest[j] as number) + rng.normal(0, noiseSd);
      const prediction = fitted[j] as number;
      (predictions[j] as Float64Array)[r] = prediction;
      (squaredErrors[j] as Float64Array)[r] = (y0 - prediction) ** 2;
    }
  }

  const noise = noiseSd * noiseSd;
  const means = predictions.map(mean);
  const biases = means.map((m, j) => m - (truthAtTest[j] as number));
  const deviationsSquared = predictions.map((column, j) => column.map((value) => (value - (means[j] as number)) ** 2));

  const points: BiasVariancePoint[] = testPoints.map((x0, j) => {
    const column = predictions[j] as Float64Array;
    const bias = biases[j] as number;
    const s2 = sampleVariance(column);
    const d = deviationsSquared[j] as Float64Array;
    const variance = mean(d);
    const squaredBias = bias * bias;
    const errors = squaredErrors[j] as Float64Array;
    return {
      x0,
      truth: truthAtTest[j] as number,
      meanPrediction: means[j] as number,
      squaredBias,
      variance,
      noise,
      expectedTestMse: squaredBias + variance + noise,
      standardError: {
        squaredBias: Math.sqrt((4 * squaredBias * s2) / R + (2 * s2 * s2) / (R * R)),
        variance: Math.sqrt(sampleVariance(d) / R),
      },
      simulatedTestMse: mean(errors),
      simulatedTestMseStandardError: Math.sqrt(sampleVariance(errors) / R),
    };
  });

  return { points, average: averageOverPoints(points, predictions, biases, deviationsSquared, squaredErrors), repetitions: R };
}

function averageOverPoints(
  points: readonly BiasVariancePoint[],
  predictions: readonly Float64Array[],
  biases: readonly number[],
  deviationsSquared: readonly Float64Array[],
  squaredErrors: readonly Float64Array[],
): BiasVarianceResult["average"] {
  const J = points.length;
  const R = (predictions[0] as Float64Array).length;
  const averageField = (pick: (p: BiasVariancePoint) => number): number => points.reduce((sum, p) => sum + pick(p), 0) / J;

  const perRepetitionDeviation = new Float64Array(R);
  const perRepetitionError = new Float64Array(R);
  const gradientProjection = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    let d = 0;
    let e = 0;
    let g = 0;
    for (let j = 0; j < J; j++) {
      d += (deviationsSquared[j] as Float64Array)[r] as number;
      e += (squaredErrors[j] as Float64Array)[r] as number;
      g += ((2 * (biases[j] as number)) / J) * ((predictions[j] as Float64Array)[r] as number);
    }
    perRepetitionDeviation[r] = d / J;
    perRepetitionError[r] = e / J;
    gradientProjection[r] = g;
  }

  // ‖C‖²_F for the covariance of predictions across test points (divisor R − 1).
  const centred = predictions.map((column) => {
    const m = mean(column);
    return column.map((value) => value - m);
  });
  let frobeniusSquared = 0;
  for (let j = 0; j < J; j++) {
    for (let k = j; k < J; k++) {
      let c = 0;
      const cj = centred[j] as Float64Array;
      const ck = centred[k] as Float64Array;
      for (let r = 0; r < R; r++) c += (cj[r] as number) * (ck[r] as number);
      c /= R - 1;
      frobeniusSquared += (j === k ? 1 : 2) * c * c;
    }
  }

  const squaredBias = averageField((p) => p.squaredBias);
  const variance = averageField((p) => p.variance);
  const noise = averageField((p) => p.noise);
  return {
    x0: averageField((p) => p.x0),
    truth: averageField((p) => p.truth),
    meanPrediction: averageField((p) => p.meanPrediction),
    squaredBias,
    variance,
    noise,
    expectedTestMse: squaredBias + variance + noise,
    standardError: {
      squaredBias: Math.sqrt(sampleVariance(gradientProjection) / R + (2 * frobeniusSquared) / (J * J * R * R)),
      variance: Math.sqrt(sampleVariance(perRepetitionDeviation) / R),
    },
    simulatedTestMse: mean(perRepetitionError),
    simulatedTestMseStandardError: Math.sqrt(sampleVariance(perRepetitionError) / R),
  };
}
