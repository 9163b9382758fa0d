import { Matrix, SingularValueDecomposition } from "ml-matrix";
import { invalidArgument } from "./errors";
import { applyUnitIntervalMap, legendreRow, unitIntervalMap } from "./legendre";
import { ridgeFit } from "./linear-models";
import { minimumNormLeastSquares } from "./minimum-norm";
import { naturalSplineBasis } from "./natural-splines";
import { checkFiniteArray, checkInteger, checkNonNegativeNumber, checkObject, checkPositiveNumber, checkSameLength } from "./validate";

/** Basis whose interpolation threshold {@link interpolationThreshold} reports. */
export type InterpolationBasis = "polynomial" | "natural-spline";

/**
 * Returns the model size at which least squares first interpolates n distinct points: the
 * polynomial degree n − 1 (n coefficients), or the natural-spline degrees of freedom n (the
 * number of basis functions including the constant, as in {@link naturalSplineBasis}).
 *
 * @param n - number of distinct training points, an integer ≥ 1 (≥ 2 for "natural-spline",
 *   whose smallest basis is {1, x}).
 * @throws NumericsError for an unknown basis or an invalid n.
 */
export function interpolationThreshold(args: { basis: InterpolationBasis; n: number }): number {
  checkObject("args", args);
  const { basis, n } = args;
  if (basis === "polynomial") {
    return checkInteger("n", n, 1) - 1;
  }
  if (basis === "natural-spline") {
    return checkInteger("n", n, 2);
  }
  throw invalidArgument("basis", basis, '"polynomial" or "natural-spline"', 'pass basis: "polynomial" or "natural-spline"');
}

/** Basis of a double-descent sweep. */
export type SweepBasis = "legendre" | "natural-spline";

/** Arguments of {@link doubleDescentSweep}. */
export interface DoubleDescentArguments {
  /**
   * "legendre": Legendre polynomials P_0 … P_d of x mapped from `interval` onto [−1, 1] (size = degree d,
   * d + 1 coefficients). "natural-spline": {@link naturalSplineBasis} with size = df knots equally
   * spaced over `interval` (size = df coefficients).
   */
  basis: SweepBasis;
  xTrain: readonly number[];
  yTrain: readonly number[];
  xTest: readonly number[];
  /** Test responses (noisy draws, or f(x) for the error against the truth). */
  yTest: readonly number[];
  /** Model sizes to fit (degrees for "legendre", ≥ 0; degrees of freedom for "natural-spline", ≥ 2). */
  sizes: readonly number[];
  /** [a, b] containing every training and test x. */
  interval: readonly [number, number];
  /**
   * Relative pseudo-inverse cut-off for the minimum-norm fits (default max(n, p) · ε for each
   * size, numpy.linalg.lstsq's default). Ignored when ridgeLambda is given.
   */
  rcond?: number;
  /** When given (> 0), fit ridge without intercept, min ‖y − Bβ‖² + λ‖β‖², instead of minimum norm. */
  ridgeLambda?: number;
}

/** One model size of a {@link doubleDescentSweep}. */
export interface DoubleDescentPoint {
  size: number;
  /** Number of coefficients p. */
  parameters: number;
  /** Mean squared error on the training points. */
  trainMse: number;
  /** Mean squared error on the test points. */
  testMse: number;
  /** σ_max/σ_min of the n × p training design over its min(n, p) singular values. */
  conditionNumber: number;
  /** Singular values kept by the cut-off (minimum-norm fits; min(n, p) for ridge). */
  rank: number;
  /** Relative cut-off used (null for ridge). */
  rcond: number | null;
  /** ‖β‖₂ of the fitted coefficients. */
  coefficientNorm: number;
}

/** Result of {@link doubleDescentSweep}. */
export interface DoubleDescentResult {
  /** Size at which the basis first interpolates the training points (n − 1 for Legendre, n for splines). */
  interpolationThreshold: number;
  /** "minimum-norm" (pseudo-inverse) or "ridge". */
  method: "minimum-norm" | "ridge";
  /** Ridge λ when method is "ridge". */
  ridgeLambda: number | null;
  points: DoubleDescentPoint[];
}

function designFor(basis: SweepBasis, x: readonly number[], size: number, interval: readonly [number, number]): number[][] {
  if (basis === "legendre") {
    const map = unitIntervalMap(interval, "interval");
    return x.map((value) => legendreRow(applyUnitIntervalMap(value, map), size));
  }
  const [a, b] = interval;
  const knots = Array.from({ length: size }, (_, k) => (k === size - 1 ? b : a + ((b - a) * k) / (size - 1)));
  return naturalSplineBasis(x, knots);
}

function meanSquaredResidual(design: readonly (readonly number[])[], coefficients: readonly number[], y: readonly number[]): number {
  let sum = 0;
  design.forEach((row, i) => {
    let fitted = 0;
    for (let j = 0; j < coefficients.length; j++) fitted += (row[j] as number) * (coefficients[j] as number);
    sum += ((y[i] as number) - fitted) ** 2;
  });
  return sum / design.length;
}

function conditionOf(design: readonly (readonly number[])[]): number {
  const svd = new SingularValueDecomposition(new Matrix(design as number[][]), {
    autoTranspose: true,
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
  });
  const values = svd.diagonal.slice(0, Math.min(design.length, (design[0] as readonly number[]).length));
  const smallest = values[values.length - 1] ?? 0;
  return smallest > 0 ? (values[0] as number) / smallest : Infinity;
}

/**
 * Fits a basis regression at every model size and reports train and test MSE, the condition
 * number of the training design and the cut-off used, the ingredients of a double-descent curve.
 * Past the interpolation threshold the minimum-norm fit is the interpolant with the smallest
 * ‖β‖₂ (the pseudo-inverse solution). Below it, the fit is ordinary least squares whenever the
 * design has full column rank. Where the condition number approaches 1/rcond, results depend on the
 * cut-off: report both with any number derived from the sweep.
 *
 * @throws NumericsError for invalid arguments (non-finite data, mismatched lengths, x outside
 *   `interval`, sizes below the basis minimum, rcond outside (0, 1), λ ≤ 0).
 */
export function doubleDescentSweep(args: DoubleDescentArguments): DoubleDescentResult {
  checkObject("args", args);
  const { basis, xTrain, yTrain, xTest, yTest, sizes, interval } = args;
  if (basis !== "legendre" && basis !== "natural-spline") {
    throw invalidArgument("basis", basis, '"legendre" or "natural-spline"', "pass one of the documented bases");
  }
  checkFiniteArray("xTrain", xTrain, 2);
  checkFiniteArray("yTrain", yTrain);
  checkSameLength("yTrain", yTrain, "xTrain", xTrain);
  checkFiniteArray("xTest", xTest, 1);
  checkFiniteArray("yTest", yTest);
  checkSameLength("yTest", yTest, "xTest", xTest);
  const { center, halfWidth } = unitIntervalMap(interval, "interval");
  for (const [name, values] of [["xTrain", xTrain], ["xTest", xTest]] as const) {
    values.forEach((value, i) => {
      if (Math.abs(value - center) > halfWidth * (1 + 1e-12)) {
        throw invalidArgument(`${name}[${i}]`, value, `a point inside interval [${interval[0]}, ${interval[1]}]`, "widen the interval or drop the point");
      }
    });
  }
  checkFiniteArray("sizes", sizes, 1);
  const minimumSize = basis === "legendre" ? 0 : 2;
  sizes.forEach((size, i) => checkInteger(`sizes[${i}]`, size, minimumSize, 10_000));
  const ridgeLambda = args.ridgeLambda === undefined ? null : checkPositiveNumber("ridgeLambda", args.ridgeLambda);
  if (args.rcond !== undefined) {
    checkNonNegativeNumber("rcond", args.rcond);
  }

  const n = xTrain.length;
  const points = sizes.map((size): DoubleDescentPoint => {
    const trainDesign = designFor(basis, xTrain, size, interval);
    const testDesign = designFor(basis, xTest, size, interval);
    const parameters = (trainDesign[0] as number[]).length;
    let coefficients: number[];
    let rank: number;
    let rcond: number | null;
    let conditionNumber: number;
    if (ridgeLambda === null) {
      const fit = minimumNormLeastSquares(trainDesign, yTrain, args.rcond === undefined ? {} : { rcond: args.rcond });
      coefficients = fit.coefficients;
      rank = fit.rank;
      rcond = fit.rcond;
      conditionNumber = fit.conditionNumber;
    } else {
      coefficients = ridgeFit(trainDesign, yTrain, ridgeLambda, { intercept: false }).coefficients;
      rank = Math.min(n, parameters);
      rcond = null;
      conditionNumber = conditionOf(trainDesign);
    }
    return {
      size,
      parameters,
      trainMse: meanSquaredResidual(trainDesign, coefficients, yTrain),
      testMse: meanSquaredResidual(testDesign, coefficients, yTest),
      conditionNumber,
      rank,
      rcond,
      coefficientNorm: Math.hypot(...coefficients),
    };
  });

  return {
    interpolationThreshold: basis === "legendre" ? n - 1 : n,
    method: ridgeLambda === null ? "minimum-norm" : "ridge",
    ridgeLambda,
    points,
  };
}
