import { Matrix } from "ml-matrix";
import { invalidArgument } from "./errors";
import { applyUnitIntervalMap, legendrePowerCoefficients, legendreRow } from "./legendre";
import { solveLeastSquaresQr } from "./least-squares";
import { checkFiniteArray, checkInteger, checkObject, checkSameLength } from "./validate";

/**
 * A least-squares polynomial fit. Predictions use the well-conditioned Legendre form;
 * `coefficients` is the same polynomial in the power basis of the original x.
 */
export interface PolynomialFit {
  degree: number;
  /** Midpoint of [min x, max x]; t = (x − center) / halfWidth maps the data onto [−1, 1]. */
  center: number;
  /** Half the range of the training x (1 when every x is equal, which only degree 0 allows). */
  halfWidth: number;
  /** c_0 … c_degree with f̂(x) = Σ c_j P_j(t), as numpy.polynomial.Legendre.fit returns. */
  legendreCoefficients: number[];
  /**
   * a_0 … a_degree with f̂(x) = Σ a_i x^i (ascending, as numpy's Polynomial.fit(...).convert()).
   * NOTE: converting to the power basis loses accuracy as the degree and |center|/halfWidth grow
   * (for degree ≳ 10 the relative error can exceed 1e-6); use polynomialPredict, not these, to evaluate.
   */
  coefficients: number[];
}

function countDistinct(values: readonly number[]): number {
  return new Set(values).size;
}

/**
 * Fits a polynomial of the given degree by least squares.
 *
 * x is mapped to [−1, 1] (numpy's Polynomial.fit domain→window map) and the Legendre design
 * P_0 … P_degree is solved by Householder QR from ml-matrix, which keeps the problem well
 * conditioned up to high degrees.
 *
 * @param x - n finite inputs.
 * @param y - n finite responses.
 * @param degree - integer ≥ 0 and below the number of distinct x values (otherwise the fit is not unique).
 * @throws NumericsError for non-finite values, mismatched lengths or too high a degree.
 */
export function polynomialFit(x: readonly number[], y: readonly number[], degree: number): PolynomialFit {
  checkFiniteArray("x", x, 1);
  checkFiniteArray("y", y);
  checkSameLength("y", y, "x", x);
  checkInteger("degree", degree, 0);
  const distinct = countDistinct(x);
  if (degree >= distinct) {
    throw invalidArgument(
      "degree",
      degree,
      `a degree below the number of distinct x values (${distinct})`,
      `use degree <= ${distinct - 1} or more distinct points; for an interpolant past that use minimumNormLeastSquares`,
    );
  }

  let min = Infinity;
  let max = -Infinity;
  for (const value of x) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const center = (min + max) / 2;
  const halfWidth = max > min ? (max - min) / 2 : 1;
  const map = { center, halfWidth };
  const design = new Matrix(x.map((value) => legendreRow(applyUnitIntervalMap(value, map), degree)));
  const legendreCoefficients = solveLeastSquaresQr(design, y, "x");

  return { degree, center, halfWidth, legendreCoefficients, coefficients: toPowerBasis(legendreCoefficients, center, halfWidth) };
}

/** Converts Σ c_j P_j((x − center)/halfWidth) into ascending power-basis coefficients in x. */
function toPowerBasis(legendreCoefficients: readonly number[], center: number, halfWidth: number): number[] {
  const degree = legendreCoefficients.length - 1;
  const table = legendrePowerCoefficients(degree);
  const inT = new Array<number>(degree + 1).fill(0);
  table.forEach((row, j) => {
    row.forEach((value, i) => {
      inT[i] = (inT[i] as number) + (legendreCoefficients[j] as number) * value;
    });
  });
  // Horner in t = (x − center)/halfWidth with polynomial arithmetic in x.
  let result: number[] = [inT[degree] as number];
  for (let i = degree - 1; i >= 0; i--) {
    const next = new Array<number>(result.length + 1).fill(0);
    result.forEach((value, k) => {
      next[k + 1] = (next[k + 1] as number) + value / halfWidth;
      next[k] = (next[k] as number) - (value * center) / halfWidth;
    });
    next[0] = (next[0] as number) + (inT[i] as number);
    result = next;
  }
  return result;
}

/**
 * Evaluates a {@link PolynomialFit} at each x in the Legendre form, by the three-term recurrence.
 * Points outside the training range are extrapolated (t outside [−1, 1]), never clamped.
 */
export function polynomialPredict(fit: PolynomialFit, x: readonly number[]): number[] {
  checkObject("fit", fit);
  checkFiniteArray("fit.legendreCoefficients", fit.legendreCoefficients, 1);
  checkFiniteArray("x", x);
  const degree = fit.legendreCoefficients.length - 1;
  return x.map((value) => {
    const row = legendreRow((value - fit.center) / fit.halfWidth, degree);
    let sum = 0;
    for (let j = 0; j <= degree; j++) sum += (fit.legendreCoefficients[j] as number) * (row[j] as number);
    return sum;
  });
}
