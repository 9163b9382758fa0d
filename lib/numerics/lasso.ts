import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { invalidArgument } from "./errors";
import { checkDesign, columnScaling, type LinearFit } from "./linear-models";
import { checkRng, kFolds, type IndexSplit, type Rng } from "./random";
import { checkFiniteArray, checkInteger, checkObject, checkPositiveNumber } from "./validate";

/** Options of {@link lassoFit} and {@link lassoPath}. */
export interface LassoOptions {
  /**
   * Standardize each column to mean 0 and sd 1 with divisor n before penalizing (default true,
   * as glmnet's standardize = TRUE). Coefficients are always returned on the original scale.
   */
  standardize?: boolean;
  /**
   * Convergence threshold for when no exact active-set solution passes the optimality checks:
   * coordinate descent then runs until a full sweep changes no coefficient by more than
   * tolerance · sd(y), on the scale the penalty acts on. Default 1e-13.
   */
  tolerance?: number;
  /** Upper bound on coordinate sweeps per λ (default 1,000,000); reaching it throws NumericsError. */
  maxSweeps?: number;
}

/** A lasso fit at one λ, on the original scale of X. */
export interface LassoFit extends LinearFit {
  lambda: number;
  /** Number of coefficients β_1 … β_p that are exactly non-zero (the intercept is not counted). */
  nonzeroCount: number;
  /** Coordinate sweeps used (full and active-set sweeps together). */
  sweeps: number;
}

/** Arguments of {@link lassoPath}. */
export interface LassoPathOptions extends LassoOptions {
  /** Decreasing λ values to fit. Default: {@link lassoLambdaPath} with nLambda and lambdaMinRatio. */
  lambdas?: readonly number[];
  /** Number of λ values when `lambdas` is not given (default 100). */
  nLambda?: number;
  /** λ_min / λ_max when `lambdas` is not given (default 1e-4 if n > p, else 1e-2, as glmnet). */
  lambdaMinRatio?: number;
}

/** Internal: a centred (and optionally scaled) copy of X in column-major order. */
interface PreparedDesign {
  n: number;
  p: number;
  /** Column j occupies columns[j · n … j · n + n − 1]. */
  columns: Float64Array;
  means: number[];
  /** Divisors applied to the centred columns (sd with divisor n, or 1 when not standardizing). */
  scales: number[];
  /** (1/n) ‖z_j‖² per column (1 when standardized, 0 for a constant column). */
  columnVariances: number[];
  yMean: number;
  /** y − ȳ. */
  yCentred: Float64Array;
  ySd: number;
  /** G = ZᵀZ / n, p × p row-major. */
  gram: Float64Array;
  /** c = Zᵀ(y − ȳ) / n. */
  correlations: Float64Array;
}

function prepareDesign(X: readonly (readonly number[])[], y: readonly number[], standardize: boolean): PreparedDesign {
  const n = X.length;
  const p = (X[0] as readonly number[]).length;
  const { means, sds } = columnScaling(X);
  const scales = sds.map((sd) => (standardize && sd > 0 ? sd : 1));
  const columns = new Float64Array(n * p);
  const columnVariances = new Array<number>(p).fill(0);
  for (let j = 0; j < p; j++) {
    let sumSquares = 0;
    for (let i = 0; i < n; i++) {
      const value = (((X[i] as readonly number[])[j] as number) - (means[j] as number)) / (scales[j] as number);
      columns[j * n + i] = value;
      sumSquares += value * value;
    }
    // A constant column is all zeros after centring and never enters the model.
    columnVariances[j] = (sds[j] as number) > 0 ? sumSquares / n : 0;
  }
  let yMean = 0;
  for (const value of y) yMean += value;
  yMean /= n;
  const yCentred = Float64Array.from(y, (value) => value - yMean);
  let ySumSquares = 0;
  for (const value of yCentred) ySumSquares += value * value;
  const gram = new Float64Array(p * p);
  const correlations = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let dot = 0;
    for (let i = 0; i < n; i++) dot += (columns[j * n + i] as number) * (yCentred[i] as number);
    correlations[j] = dot / n;
    for (let k = j; k < p; k++) {
      let product = 0;
      for (let i = 0; i < n; i++) product += (columns[j * n + i] as number) * (columns[k * n + i] as number);
      gram[j * p + k] = product / n;
      gram[k * p + j] = product / n;
    }
  }
  return { n, p, columns, means, scales, columnVariances, yMean, yCentred, ySd: Math.sqrt(ySumSquares / n), gram, correlations };
}

function resolveOptions(options: LassoOptions): Required<LassoOptions> {
  checkObject("options", options);
  const standardize = options.standardize ?? true;
  if (typeof standardize !== "boolean") {
    throw invalidArgument("standardize", standardize, "true or false", "pass a boolean");
  }
  return {
    standardize,
    tolerance: checkPositiveNumber("tolerance", options.tolerance ?? 1e-13),
    maxSweeps: checkInteger("maxSweeps", options.maxSweeps ?? 1_000_000, 1),
  };
}

/**
 * Soft-thresholding S(value, λ) = sign(value) · max(|value| − λ, 0), with margins below
 * ZERO_MARGIN · λ treated as 0. The gradient carries rounding error of about that size, so
 * without the slack a coefficient at λ = λ_max can come out as ±1e-17 instead of exactly 0.
 */
function softThreshold(value: number, threshold: number): number {
  const slack = threshold * ZERO_MARGIN;
  if (value > threshold + slack) return value - threshold;
  if (value < -threshold - slack) return value + threshold;
  return 0;
}

const ZERO_MARGIN = 1e-12;

/**
 * Coordinate-descent state at one λ in "covariance" form (glmnet's type.gaussian =
 * "covariance"): gradient_j = c_j − Σ_k G_jk β_k with G = ZᵀZ/n and c = Zᵀy_c/n, so one
 * coordinate update costs O(p) instead of O(n).
 */
interface DescentState {
  /** β on the scale the penalty acts on. */
  beta: Float64Array;
  /** c − Gβ, kept up to date with beta. */
  gradient: Float64Array;
}

function resetGradient(design: PreparedDesign, state: DescentState): void {
  const { p, gram, correlations } = design;
  for (let j = 0; j < p; j++) {
    let sum = correlations[j] as number;
    for (let k = 0; k < p; k++) sum -= (gram[j * p + k] as number) * (state.beta[k] as number);
    state.gradient[j] = sum;
  }
}

/** Result of {@link polishActiveSet}: "optimal" when the exact solution was kept, otherwise the failed check. */
type PolishOutcome = "optimal" | "no-active-set" | "singular" | "sign-change" | "inactive-violation";

/** Active-set sweeps between two attempts of {@link polishActiveSet}. */
const POLISH_INTERVAL = 10;

/**
 * Runs cyclic coordinate descent in place from the warm start in `state`, alternating full
 * sweeps with sweeps over the non-zero coefficients (glmnet's active-set strategy). After every
 * full sweep and every POLISH_INTERVAL active-set sweeps it tries {@link polishActiveSet}; it
 * stops as soon as a polish passes the optimality checks, or when a full sweep changes no
 * coefficient by more than `threshold` (then with one last polish attempt). Returns the sweeps used.
 */
function coordinateDescent(design: PreparedDesign, lambda: number, state: DescentState, threshold: number, maxSweeps: number): number {
  const { p, gram, columnVariances } = design;
  const { beta, gradient } = state;
  let sweeps = 0;

  const sweep = (activeOnly: boolean): number => {
    sweeps += 1;
    if (sweeps > maxSweeps) {
      throw invalidArgument("maxSweeps", maxSweeps, `enough sweeps for coordinate descent to converge at λ = ${lambda}`, "raise maxSweeps or tolerance");
    }
    let maxChange = 0;
    for (let j = 0; j < p; j++) {
      const variance = columnVariances[j] as number;
      const old = beta[j] as number;
      if (variance === 0 || (activeOnly && old === 0)) continue;
      const updated = softThreshold((gradient[j] as number) + variance * old, lambda) / variance;
      const delta = updated - old;
      if (delta === 0) continue;
      beta[j] = updated;
      for (let k = 0; k < p; k++) gradient[k] = (gradient[k] as number) - (gram[k * p + j] as number) * delta;
      const change = Math.abs(delta) * Math.sqrt(variance);
      if (change > maxChange) maxChange = change;
    }
    return maxChange;
  };

  for (;;) {
    if (sweep(false) <= threshold) {
      polishActiveSet(design, lambda, state);
      return sweeps;
    }
    if (polishActiveSet(design, lambda, state) === "optimal") return sweeps;
    let activeSweeps = 0;
    while (sweep(true) > threshold) {
      activeSweeps += 1;
      if (activeSweeps % POLISH_INTERVAL !== 0) continue;
      const outcome = polishActiveSet(design, lambda, state);
      if (outcome === "optimal") return sweeps;
      // A variable outside the active set violates its KKT condition: only a full sweep can add it.
      if (outcome === "inactive-violation") break;
    }
  }
}

/**
 * Replaces the active coefficients by the exact solution of the KKT equations on the current
 * active set and signs, G_AA β_A = c_A − λ s_A (Cholesky from ml-matrix), and keeps it only
 * if it satisfies every optimality condition: unchanged signs and |gradient_j| ≤ λ (within a
 * 1e-9 relative rounding allowance) off the active set. A solution passing these checks is the
 * lasso minimizer, so coordinate descent's slow final convergence is skipped. Returns whether
 * the polished solution was kept ("optimal") or which check failed.
 */
function polishActiveSet(design: PreparedDesign, lambda: number, state: DescentState): PolishOutcome {
  const { p, gram, correlations } = design;
  const active: number[] = [];
  for (let j = 0; j < p; j++) if (state.beta[j] !== 0) active.push(j);
  if (active.length === 0) return "no-active-set";

  const system = new Matrix(active.length, active.length);
  const rightHandSide = new Matrix(active.length, 1);
  active.forEach((j, a) => {
    active.forEach((k, b) => system.set(a, b, gram[j * p + k] as number));
    rightHandSide.set(a, 0, (correlations[j] as number) - lambda * Math.sign(state.beta[j] as number));
  });
  const cholesky = new CholeskyDecomposition(system);
  if (!cholesky.isPositiveDefinite()) return "singular";
  const solution = cholesky.solve(rightHandSide).getColumn(0);
  if (solution.some((value, a) => !(Math.sign(value) === Math.sign(state.beta[active[a] as number] as number)))) return "sign-change";

  const candidate: DescentState = { beta: new Float64Array(p), gradient: new Float64Array(p) };
  active.forEach((j, a) => (candidate.beta[j] = solution[a] as number));
  resetGradient(design, candidate);
  for (let j = 0; j < p; j++) {
    if (candidate.beta[j] === 0 && design.columnVariances[j] !== 0 && Math.abs(candidate.gradient[j] as number) > lambda * (1 + 1e-9)) {
      return "inactive-violation";
    }
  }
  state.beta.set(candidate.beta);
  state.gradient.set(candidate.gradient);
  return "optimal";
}

/** Solves at one λ from the warm start in `state` (updated in place). Returns the sweeps used. */
function solveAtLambda(design: PreparedDesign, lambda: number, state: DescentState, options: Required<LassoOptions>): number {
  const scale = design.ySd > 0 ? design.ySd : 1;
  return coordinateDescent(design, lambda, state, options.tolerance * scale, options.maxSweeps);
}

function newState(design: PreparedDesign): DescentState {
  return { beta: new Float64Array(design.p), gradient: Float64Array.from(design.correlations) };
}

function toOriginalScale(design: PreparedDesign, beta: Float64Array, lambda: number, sweeps: number): LassoFit {
  const coefficients = Array.from(beta, (value, j) => value / (design.scales[j] as number));
  let intercept = design.yMean;
  let nonzeroCount = 0;
  coefficients.forEach((value, j) => {
    intercept -= (design.means[j] as number) * value;
    if (value !== 0) nonzeroCount += 1;
  });
  return { intercept, coefficients, lambda, nonzeroCount, sweeps };
}

function lambdaMaxOf(design: PreparedDesign): number {
  let max = 0;
  for (let j = 0; j < design.p; j++) {
    if (design.columnVariances[j] !== 0) max = Math.max(max, Math.abs(design.correlations[j] as number));
  }
  return max;
}

/**
 * Returns λ_max = max_j |z_jᵀ(y − ȳ)| / n, the smallest λ at which every lasso coefficient is 0
 * (z_j the centred, by default standardized, columns).
 */
export function lassoLambdaMax(X: readonly (readonly number[])[], y: readonly number[], options: Pick<LassoOptions, "standardize"> = {}): number {
  checkDesign(X, y, 2);
  const { standardize } = resolveOptions(options);
  return lambdaMaxOf(prepareDesign(X, y, standardize));
}

/**
 * Returns glmnet's default λ grid: nLambda values log-spaced from λ_max down to
 * lambdaMinRatio · λ_max, λ_k = exp(log λ_max + k (log λ_min − log λ_max)/(nLambda − 1)).
 *
 * @throws NumericsError when y is constant (λ_max = 0), or for invalid nLambda (≥ 2) or
 *   lambdaMinRatio (in (0, 1)).
 */
export function lassoLambdaPath(
  X: readonly (readonly number[])[],
  y: readonly number[],
  options: Pick<LassoPathOptions, "standardize" | "nLambda" | "lambdaMinRatio"> = {},
): number[] {
  const { n, p } = checkDesign(X, y, 2);
  const { standardize } = resolveOptions(options);
  const nLambda = checkInteger("nLambda", options.nLambda ?? 100, 2);
  const ratio = checkPositiveNumber("lambdaMinRatio", options.lambdaMinRatio ?? (n > p ? 1e-4 : 1e-2));
  if (ratio >= 1) {
    throw invalidArgument("lambdaMinRatio", ratio, "a ratio in (0, 1)", "pass e.g. 1e-4");
  }
  const lambdaMax = lambdaMaxOf(prepareDesign(X, y, standardize));
  if (lambdaMax === 0) {
    throw invalidArgument("y", y, "a response correlated with at least one column (λ_max > 0)", "check y is not constant and X has a non-constant column");
  }
  const logMax = Math.log(lambdaMax);
  const step = (Math.log(lambdaMax * ratio) - logMax) / (nLambda - 1);
  return Array.from({ length: nLambda }, (_, k) => Math.exp(logMax + k * step));
}

/**
 * Fits the lasso at one λ by cyclic coordinate descent with glmnet's Gaussian objective
 * (1/(2n)) ‖y − β_0 − Zβ‖² + λ ‖β‖₁. Z is X centred and, by default, divided by the column sds
 * with divisor n. Coefficients are returned on the original scale. This equals scikit-learn's
 * Lasso(alpha = λ) on the same standardized Z.
 *
 * Coordinate descent runs in covariance form. Periodically, the active coefficients are solved
 * exactly from the KKT equations on the current active set and signs; that solution is kept, and
 * descent stops, only if every KKT condition holds. Otherwise descent continues until a full
 * sweep changes no coefficient by more than tolerance · sd(y).
 *
 * @param X - n × p, n ≥ 2. Constant columns get coefficient 0.
 * @param lambda - λ ≥ 0 in response units (per unit of standardized coefficient). λ = 0 is
 *   least squares and needs a full-rank design to converge.
 * @throws NumericsError for invalid arguments, or (argument "maxSweeps") when coordinate descent
 *   does not converge within maxSweeps sweeps.
 */
export function lassoFit(X: readonly (readonly number[])[], y: readonly number[], lambda: number, options: LassoOptions = {}): LassoFit {
  checkDesign(X, y, 2);
  if (typeof lambda !== "number" || !Number.isFinite(lambda) || lambda < 0) {
    throw invalidArgument("lambda", lambda, "a finite λ >= 0", "pass a non-negative penalty, e.g. from lassoLambdaPath");
  }
  const resolved = resolveOptions(options);
  const design = prepareDesign(X, y, resolved.standardize);
  const state = newState(design);
  const sweeps = solveAtLambda(design, lambda, state, resolved);
  return toOriginalScale(design, state.beta, lambda, sweeps);
}

/** Result of {@link lassoPath}. */
export interface LassoPathResult {
  lambdas: number[];
  /** One fit per λ, in the order of `lambdas`. */
  fits: LassoFit[];
}

function checkLambdas(lambdas: unknown): number[] {
  checkFiniteArray("lambdas", lambdas, 1);
  const values = lambdas as readonly number[];
  values.forEach((value, k) => {
    if (value < 0) throw invalidArgument(`lambdas[${k}]`, value, "λ >= 0", "remove negative penalties");
    if (k > 0 && value > (values[k - 1] as number)) {
      throw invalidArgument(`lambdas[${k}]`, value, "a decreasing sequence", "sort the λ values from largest to smallest");
    }
  });
  return values.slice();
}

function pathOnDesign(design: PreparedDesign, lambdas: readonly number[], options: Required<LassoOptions>): LassoFit[] {
  const state = newState(design);
  return lambdas.map((lambda) => {
    const sweeps = solveAtLambda(design, lambda, state, options);
    return toOriginalScale(design, state.beta, lambda, sweeps);
  });
}

/**
 * Fits the lasso along a decreasing λ sequence with warm starts (each fit starts from the
 * previous solution), as glmnet does.
 */
export function lassoPath(X: readonly (readonly number[])[], y: readonly number[], options: LassoPathOptions = {}): LassoPathResult {
  checkDesign(X, y, 2);
  const resolved = resolveOptions(options);
  const lambdas = options.lambdas !== undefined ? checkLambdas(options.lambdas) : lassoLambdaPath(X, y, options);
  const design = prepareDesign(X, y, resolved.standardize);
  return { lambdas, fits: pathOnDesign(design, lambdas, resolved) };
}

/** Arguments of {@link lassoCv}. Give either `folds` or `nFolds` with `rng`. */
export interface LassoCvArguments extends LassoPathOptions {
  X: readonly (readonly number[])[];
  y: readonly number[];
  /** Explicit folds whose test sets partition 0 … n−1 (e.g. from {@link kFolds}). */
  folds?: readonly IndexSplit[];
  /** Number of folds when `folds` is not given (default 10). */
  nFolds?: number;
  /** Generator for the folds when `folds` is not given. */
  rng?: Rng;
}

/** Result of {@link lassoCv}. */
export interface LassoCvResult {
  /** The λ grid, computed on the full data unless given. */
  lambdas: number[];
  /** cvm: fold-size-weighted mean over folds of each fold's test MSE, per λ. */
  cvMean: number[];
  /** cvsd: √(weighted mean of (fold MSE − cvm)² / (K − 1)), per λ (glmnet's standard error). */
  cvStandardError: number[];
  /** Test MSE per fold (rows) and λ (columns). */
  foldMse: number[][];
  /** Non-zero coefficients of the full-data fit per λ. */
  nonzeroCounts: number[];
  indexMin: number;
  indexOneSe: number;
  /** Largest λ with the minimum cvm. */
  lambdaMin: number;
  /** Largest λ whose cvm ≤ cvm(λ_min) + cvsd(λ_min) (one-standard-error rule). */
  lambdaOneSe: number;
  /** Full-data lasso path on the same grid. */
  path: LassoPathResult;
  fitMin: LassoFit;
  fitOneSe: LassoFit;
  folds: IndexSplit[];
}

function checkFolds(folds: unknown, n: number): IndexSplit[] {
  if (!Array.isArray(folds) || folds.length < 2) {
    throw invalidArgument("folds", folds, "at least 2 folds", "pass kFolds(n, k, rng) with k >= 2");
  }
  const seen = new Array<number>(n).fill(0);
  (folds as IndexSplit[]).forEach((fold, f) => {
    if (typeof fold !== "object" || fold === null || !Array.isArray(fold.test) || !Array.isArray(fold.train)) {
      throw invalidArgument(`folds[${f}]`, fold, "{ train, test } index arrays", "pass folds from kFolds");
    }
    if (fold.test.length === 0 || fold.train.length < 2) {
      throw invalidArgument(`folds[${f}]`, fold, "a non-empty test set and >= 2 training indices", "use fewer folds");
    }
    for (const index of [...fold.test, ...fold.train]) checkInteger(`folds[${f}]`, index, 0, n - 1);
    for (const index of fold.test) seen[index] = (seen[index] as number) + 1;
  });
  const bad = seen.findIndex((count) => count !== 1);
  if (bad >= 0) {
    throw invalidArgument("folds", folds, `test sets that partition 0 … ${n - 1} (index ${bad} appears ${seen[bad]} times)`, "pass folds from kFolds");
  }
  return (folds as IndexSplit[]).map((fold) => ({ train: fold.train.slice(), test: fold.test.slice() }));
}

/**
 * Selects λ for the lasso by K-fold cross-validation, following cv.glmnet (grouped = TRUE):
 * the λ grid comes from the full data; each fold's training rows are standardized on their own
 * and fitted along the grid with warm starts; each fold's test MSE gives cvm and cvsd as
 * documented on {@link LassoCvResult}; λ_min and the one-standard-error λ_1se are the largest λ
 * meeting each rule.
 *
 * @throws NumericsError for invalid arguments, folds that do not partition the rows, or
 *   non-convergence (see {@link lassoFit}).
 */
export function lassoCv(args: LassoCvArguments): LassoCvResult {
  checkObject("args", args);
  const { X, y } = args;
  const { n } = checkDesign(X, y, 3);
  const resolved = resolveOptions(args);
  let folds: IndexSplit[];
  if (args.folds !== undefined) {
    folds = checkFolds(args.folds, n);
  } else {
    const nFolds = checkInteger("nFolds", args.nFolds ?? 10, 2, n);
    folds = kFolds(n, nFolds, checkRng("rng", args.rng));
  }
  const lambdas = args.lambdas !== undefined ? checkLambdas(args.lambdas) : lassoLambdaPath(X, y, args);
  const path = { lambdas, fits: pathOnDesign(prepareDesign(X, y, resolved.standardize), lambdas, resolved) };

  const foldMse = folds.map((fold) => {
    const xTrain = fold.train.map((i) => X[i] as readonly number[]);
    const yTrain = fold.train.map((i) => y[i] as number);
    const fits = pathOnDesign(prepareDesign(xTrain, yTrain, resolved.standardize), lambdas, resolved);
    return fits.map((fit) => {
      let sum = 0;
      for (const i of fold.test) {
        const row = X[i] as readonly number[];
        let prediction = fit.intercept;
        for (let j = 0; j < row.length; j++) prediction += (fit.coefficients[j] as number) * (row[j] as number);
        sum += ((y[i] as number) - prediction) ** 2;
      }
      return sum / fold.test.length;
    });
  });

  const K = folds.length;
  const weights = folds.map((fold) => fold.test.length);
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const cvMean = lambdas.map((_, l) => folds.reduce((s, _fold, f) => s + (weights[f] as number) * ((foldMse[f] as number[])[l] as number), 0) / totalWeight);
  const cvStandardError = lambdas.map((_, l) => {
    const spread = folds.reduce((s, _fold, f) => s + (weights[f] as number) * (((foldMse[f] as number[])[l] as number) - (cvMean[l] as number)) ** 2, 0) / totalWeight;
    return Math.sqrt(spread / (K - 1));
  });

  const minimum = Math.min(...cvMean);
  const indexMin = cvMean.findIndex((value) => value <= minimum);
  const oneSeBound = minimum + (cvStandardError[indexMin] as number);
  const indexOneSe = cvMean.findIndex((value) => value <= oneSeBound);
  return {
    lambdas,
    cvMean,
    cvStandardError,
    foldMse,
    nonzeroCounts: path.fits.map((fit) => fit.nonzeroCount),
    indexMin,
    indexOneSe,
    lambdaMin: lambdas[indexMin] as number,
    lambdaOneSe: lambdas[indexOneSe] as number,
    path,
    fitMin: path.fits[indexMin] as LassoFit,
    fitOneSe: path.fits[indexOneSe] as LassoFit,
    folds,
  };
}
