import { Matrix, SingularValueDecomposition } from "ml-matrix";
import { invalidArgument } from "./errors";
import { checkDesign } from "./linear-models";
import { checkObject, checkPositiveNumber } from "./validate";

/** Result of {@link minimumNormLeastSquares}. */
export interface MinimumNormFit {
  /** β = V Σ⁺ Uᵀ y, length p. */
  coefficients: number[];
  /** Singular values of X, descending, length min(n, p). */
  singularValues: number[];
  /** Number of singular values above the cut-off. */
  rank: number;
  /** The relative cut-off used. */
  rcond: number;
  /** Absolute cut-off rcond · σ_max: singular values at or below it are treated as zero. */
  cutoff: number;
  /** σ_max / σ_min over all min(n, p) singular values (Infinity when σ_min = 0), as numpy.linalg.cond. */
  conditionNumber: number;
  /** ‖Xβ − y‖², in squared response units. */
  residualSumOfSquares: number;
}

/**
 * Computes the minimum-norm least-squares solution β = X⁺y through the SVD from ml-matrix:
 * among all minimizers of ‖y − Xβ‖² (all interpolants when rank X = n), the one with the smallest
 * ‖β‖₂. No intercept is added; include a constant column if one is wanted (it is then penalized
 * by the norm like every other coefficient).
 *
 * Singular values σ_i ≤ rcond · σ_max are treated as zero. The default rcond is
 * max(n, p) · ε (ε = 2⁻⁵², numpy.linalg.lstsq's default and numpy.linalg.pinv's rtol default).
 * When the design's condition number approaches 1/rcond, the solution depends on the cut-off.
 *
 * @param X - n × p design, any shape (n < p gives an interpolant when X has full row rank).
 * @param options.rcond - relative cut-off in (0, 1).
 * @throws NumericsError for non-finite values, mismatched lengths or an invalid rcond.
 */
export function minimumNormLeastSquares(
  X: readonly (readonly number[])[],
  y: readonly number[],
  options: { rcond?: number } = {},
): MinimumNormFit {
  checkObject("options", options);
  const { n, p } = checkDesign(X, y);
  const rcond = checkPositiveNumber("rcond", options.rcond ?? Math.max(n, p) * Number.EPSILON);
  if (rcond >= 1) {
    throw invalidArgument("rcond", rcond, "a relative cut-off below 1", "pass e.g. 1e-12");
  }
  const design = new Matrix(X as number[][]);
  const svd = new SingularValueDecomposition(design, { autoTranspose: true });
  const singularValues = svd.diagonal.slice(0, Math.min(n, p));
  const largest = singularValues[0] ?? 0;
  const cutoff = rcond * largest;
  const U = svd.leftSingularVectors;
  const V = svd.rightSingularVectors;

  const coefficients = new Array<number>(p).fill(0);
  let rank = 0;
  singularValues.forEach((sigma, i) => {
    if (!(sigma > cutoff)) return;
    rank += 1;
    let projection = 0;
    for (let row = 0; row < n; row++) projection += U.get(row, i) * (y[row] as number);
    const weight = projection / sigma;
    for (let j = 0; j < p; j++) coefficients[j] = (coefficients[j] as number) + weight * V.get(j, i);
  });

  let residualSumOfSquares = 0;
  X.forEach((row, i) => {
    let fitted = 0;
    for (let j = 0; j < p; j++) fitted += (row[j] as number) * (coefficients[j] as number);
    residualSumOfSquares += ((y[i] as number) - fitted) ** 2;
  });
  const smallest = singularValues[singularValues.length - 1] ?? 0;
  return {
    coefficients,
    singularValues,
    rank,
    rcond,
    cutoff,
    conditionNumber: smallest > 0 ? largest / smallest : Infinity,
    residualSumOfSquares,
  };
}

/**
 * Returns the 2-norm condition number σ_max / σ_min of X (Infinity when σ_min = 0), from the SVD
 * (ml-matrix), as numpy.linalg.cond(X).
 */
export function conditionNumber(X: readonly (readonly number[])[]): number {
  checkDesign(X, new Array<number>(Array.isArray(X) ? X.length : 0).fill(0));
  const svd = new SingularValueDecomposition(new Matrix(X as number[][]), {
    autoTranspose: true,
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
  });
  const values = svd.diagonal.slice(0, Math.min(X.length, (X[0] as readonly number[]).length));
  const smallest = values[values.length - 1] ?? 0;
  return smallest > 0 ? (values[0] as number) / smallest : Infinity;
}
