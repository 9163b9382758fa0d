import { Matrix, QrDecomposition } from "ml-matrix";
import { invalidArgument } from "./errors";

/**
 * Solves min ‖A β − y‖² by Householder QR (ml-matrix). Internal: arguments are checked by callers.
 *
 * A is treated as rank deficient when some |R_jj| ≤ max(n, m) · ε · max_j |R_jj| (the
 * numerical-rank rule numpy's matrix_rank uses, applied to R's diagonal), because ml-matrix's
 * own isFullRank only detects exact zeros.
 *
 * @param design - A, n × m with n ≥ m.
 * @param argument - the caller's argument name to blame when A is rank deficient.
 */
export function solveLeastSquaresQr(design: Matrix, y: readonly number[], argument: string): number[] {
  const qr = new QrDecomposition(design);
  const r = qr.upperTriangularMatrix;
  let largest = 0;
  for (let j = 0; j < design.columns; j++) largest = Math.max(largest, Math.abs(r.get(j, j)));
  const cutoff = Math.max(design.rows, design.columns) * Number.EPSILON * largest;
  for (let j = 0; j < design.columns; j++) {
    if (!(Math.abs(r.get(j, j)) > cutoff)) {
      throw invalidArgument(
        argument,
        `a ${design.rows} × ${design.columns} design`,
        `a design of full column rank (column ${j} is numerically dependent on earlier columns)`,
        "drop duplicated or constant columns, use fewer parameters than distinct observations, or use ridge or minimumNormLeastSquares",
      );
    }
  }
  return qr.solve(Matrix.columnVector(y as number[])).getColumn(0);
}
