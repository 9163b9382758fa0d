import { Matrix } from "ml-matrix";
import { invalidArgument } from "./errors";
import { solveLeastSquaresQr } from "./least-squares";
import { checkFiniteArray, checkFiniteMatrix, checkFiniteNumber, checkNonNegativeNumber, checkObject, checkSameLength } from "./validate";

/** A linear predictor ŷ = intercept + Σ_j coefficients_j x_j on the original scale of X. */
export interface LinearFit {
  /** β_0 (0 when fitted without intercept). */
  intercept: number;
  /** β_1 … β_p, one per column of X. */
  coefficients: number[];
}

/** An OLS or ridge fit with its training diagnostics. */
export interface LeastSquaresFit extends LinearFit {
  /** ŷ on the training rows. */
  fitted: number[];
  /** y − ŷ on the training rows. */
  residuals: number[];
  /** Σ residuals², in squared response units. */
  residualSumOfSquares: number;
}

/** Options shared by {@link olsFit} and {@link ridgeFit}. */
export interface LinearModelOptions {
  /** Fit an unpenalized intercept (default true). */
  intercept?: boolean;
}

/** Column means and standard deviations of X. */
export interface ColumnScaling {
  means: number[];
  /** sd with divisor n (glmnet's and scikit-learn StandardScaler's convention), 0 for a constant column. */
  sds: number[];
}

/** Internal: validated X (n × p) and y (n) with shape. */
export function checkDesign(X: unknown, y: unknown, minRows = 1): { n: number; p: number } {
  const { rows: n, columns: p } = checkFiniteMatrix("X", X, { minRows, minColumns: 1 });
  checkFiniteArray("y", y);
  checkSameLength("y", y as readonly number[], "X", X as readonly unknown[]);
  return { n, p };
}

/**
 * Computes column means and sds with divisor n (the 1/n variance glmnet uses to standardize).
 *
 * @param X - n × p, n ≥ 1.
 */
export function columnScaling(X: readonly (readonly number[])[]): ColumnScaling {
  const { rows: n, columns: p } = checkFiniteMatrix("X", X);
  const means = new Array<number>(p).fill(0);
  for (const row of X) for (let j = 0; j < p; j++) means[j] = (means[j] as number) + (row[j] as number);
  for (let j = 0; j < p; j++) means[j] = (means[j] as number) / n;
  const sds = new Array<number>(p).fill(0);
  for (const row of X) for (let j = 0; j < p; j++) sds[j] = (sds[j] as number) + ((row[j] as number) - (means[j] as number)) ** 2;
  for (let j = 0; j < p; j++) sds[j] = Math.sqrt((sds[j] as number) / n);
  return { means, sds };
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

function finishFit(X: readonly (readonly number[])[], y: readonly number[], fit: LinearFit): LeastSquaresFit {
  const fitted = predictUnchecked(fit, X);
  const residuals = y.map((value, i) => value - (fitted[i] as number));
  let residualSumOfSquares = 0;
  for (const r of residuals) residualSumOfSquares += r * r;
  return { ...fit, fitted, residuals, residualSumOfSquares };
}

function predictUnchecked(fit: LinearFit, X: readonly (readonly number[])[]): number[] {
  return X.map((row) => {
    let sum = fit.intercept;
    for (let j = 0; j < fit.coefficients.length; j++) sum += (fit.coefficients[j] as number) * (row[j] as number);
    return sum;
  });
}

/**
 * Fits ordinary least squares, min ‖y − β_0 − Xβ‖², by Householder QR (ml-matrix). With an
 * intercept, X and y are centred first and β_0 = ȳ − x̄ᵀβ, which improves conditioning and
 * is how scikit-learn's LinearRegression fits.
 *
 * @param X - n × p design (no intercept column), rows are observations.
 * @param y - n responses.
 * @throws NumericsError for non-finite values, mismatched lengths, too few rows
 *   (n ≤ p with an intercept, n < p without) or a rank-deficient design.
 */
export function olsFit(X: readonly (readonly number[])[], y: readonly number[], options: LinearModelOptions = {}): LeastSquaresFit {
  return ridgeFit(X, y, 0, options);
}

/**
 * Fits ridge regression, min ‖y − β_0 − Xβ‖² + λ‖β‖², the intercept unpenalized. This is
 * scikit-learn's Ridge(alpha = λ); glmnet's alpha = 0 objective differs by a factor 1/(2n) on
 * the loss and standardizes X. Solved by QR of the augmented system [X_c; √λ I] β = [y_c; 0], which
 * avoids forming XᵀX and also handles p > n when λ > 0. λ = 0 is OLS.
 *
 * @param lambda - λ ≥ 0, in squared response units per squared coefficient unit.
 * @throws NumericsError for λ < 0 or non-finite, non-finite X or y, mismatched lengths, too
 *   few rows for λ = 0, or a rank-deficient design at λ = 0.
 */
export function ridgeFit(
  X: readonly (readonly number[])[],
  y: readonly number[],
  lambda: number,
  options: LinearModelOptions = {},
): LeastSquaresFit {
  checkObject("options", options);
  const intercept = options.intercept ?? true;
  const { n, p } = checkDesign(X, y);
  checkNonNegativeNumber("lambda", lambda);
  // OLS needs one row per coefficient; ridge only needs enough rows to centre.
  const interceptRows = intercept ? 1 : 0;
  const minimumRows = lambda === 0 ? p + interceptRows : 1 + interceptRows;
  if (n < minimumRows) {
    throw invalidArgument(
      "X",
      X,
      `at least ${minimumRows} rows for ${p} columns${intercept ? " plus an intercept" : ""}`,
      lambda === 0 ? "add observations, drop columns, use ridge with λ > 0 or minimumNormLeastSquares" : "add observations",
    );
  }

  const xMeans = intercept ? columnScaling(X).means : new Array<number>(p).fill(0);
  const yMean = intercept ? mean(y) : 0;
  const penaltyRows = lambda > 0 ? p : 0;
  const design = new Matrix(n + penaltyRows, p);
  const response = new Array<number>(n + penaltyRows).fill(0);
  for (let i = 0; i < n; i++) {
    const row = X[i] as readonly number[];
    for (let j = 0; j < p; j++) design.set(i, j, (row[j] as number) - (xMeans[j] as number));
    response[i] = (y[i] as number) - yMean;
  }
  const root = Math.sqrt(lambda);
  for (let j = 0; j < penaltyRows; j++) design.set(n + j, j, root);

  const coefficients = solveLeastSquaresQr(design, response, "X");
  let interceptValue = yMean;
  for (let j = 0; j < p; j++) interceptValue -= (xMeans[j] as number) * (coefficients[j] as number);
  return finishFit(X, y, { intercept: interceptValue, coefficients });
}

/**
 * Predicts ŷ = β_0 + Xβ.
 *
 * @param X - m × p with p = fit.coefficients.length.
 */
export function linearPredict(fit: LinearFit, X: readonly (readonly number[])[]): number[] {
  checkObject("fit", fit);
  checkFiniteArray("fit.coefficients", fit.coefficients, 1);
  checkFiniteNumber("fit.intercept", fit.intercept);
  checkFiniteMatrix("X", X, { columns: fit.coefficients.length });
  return predictUnchecked(fit, X);
}
