import { describe, expect, it } from "vitest";
import {
  lassoCv,
  lassoFit,
  lassoLambdaPath,
  lassoPath,
  linearPredict,
  loadHitters,
  meanAbsoluteError,
  NumericsError,
  olsFit,
  ridgeFit,
  rSquared,
  type IndexSplit,
} from "@/lib/numerics";
import { expectAllClose, flatten, loadFixture } from "./load-fixture";

interface LassoBlock {
  lambdas: number[];
  folds: number[][];
  intercepts: number[];
  coefficients: number[][];
  nonzeroCounts: number[];
  foldMse: number[][];
  cvMean: number[];
  cvStandardError: number[];
  indexMin: number;
  indexOneSe: number;
  tolerance: { coefficientRelative: number; cvRelative: number; lambdaRelative: number };
}

interface Fixture {
  ols: { X: number[][]; y: number[]; intercept: number; coefficients: number[]; noInterceptCoefficients: number[]; tolerance: { relative: number } };
  ridge: { X: number[][]; y: number[]; fits: { lambda: number; intercept: number; coefficients: number[] }[]; tolerance: { relative: number } };
  ridgeWide: { X: number[][]; y: number[]; lambda: number; intercept: number; coefficients: number[]; tolerance: { relative: number } };
  lassoSynthetic: LassoBlock & { X: number[][]; y: number[]; lambdaMinRatio: number };
  hitters: {
    names: string[];
    X: number[][];
    salary: number[];
    train: number[];
    test: number[];
    ols: { intercept: number; coefficients: number[]; testMae: number; testR2: number; tolerance: { relative: number } };
    lassoCv: LassoBlock;
    lassoMinTestMae: number;
  };
}

const fixture = loadFixture<Fixture>("linear-models.json");

function toFolds(tests: number[][], n: number): IndexSplit[] {
  return tests.map((test) => ({ test, train: Array.from({ length: n }, (_, i) => i).filter((i) => !test.includes(i)) }));
}

function expectLassoPathMatches(X: number[][], y: number[], block: LassoBlock): void {
  const path = lassoPath(X, y, { lambdas: block.lambdas });
  const tolerance = { relative: block.tolerance.coefficientRelative };
  expectAllClose(flatten(path.fits.map((fit) => fit.coefficients)), flatten(block.coefficients), tolerance, "lasso coefficients");
  expectAllClose(path.fits.map((fit) => fit.intercept), block.intercepts, tolerance, "lasso intercepts");
  expect(path.fits.map((fit) => fit.nonzeroCount)).toEqual(block.nonzeroCounts);
}

function expectLassoCvMatches(X: number[][], y: number[], block: LassoBlock): void {
  const cv = lassoCv({ X, y, lambdas: block.lambdas, folds: toFolds(block.folds, y.length) });
  const tolerance = { relative: block.tolerance.cvRelative };
  expectAllClose(cv.cvMean, block.cvMean, tolerance, "cvMean");
  expectAllClose(cv.cvStandardError, block.cvStandardError, tolerance, "cvStandardError");
  expectAllClose(flatten(cv.foldMse), flatten(block.foldMse), tolerance, "fold MSE");
  expect(cv.indexMin).toBe(block.indexMin);
  expect(cv.indexOneSe).toBe(block.indexOneSe);
  expect(cv.lambdaMin).toBe(block.lambdas[block.indexMin]);
  expect(cv.lambdaOneSe).toBe(block.lambdas[block.indexOneSe]);
}

describe("olsFit against scikit-learn", () => {
  const { X, y, tolerance } = fixture.ols;

  it("matches LinearRegression with an intercept", () => {
    const fit = olsFit(X, y);
    expectAllClose(fit.coefficients, fixture.ols.coefficients, tolerance, "coefficients");
    expectAllClose([fit.intercept], [fixture.ols.intercept], tolerance, "intercept");
  });

  it("matches LinearRegression without an intercept", () => {
    const fit = olsFit(X, y, { intercept: false });
    expectAllClose(fit.coefficients, fixture.ols.noInterceptCoefficients, tolerance, "coefficients");
    expect(fit.intercept).toBe(0);
  });

  it("leaves residuals orthogonal to the design", () => {
    const fit = olsFit(X, y);
    const residualNorm = Math.hypot(...fit.residuals);
    expect(Math.abs(fit.residuals.reduce((s, r) => s + r, 0)) / (Math.sqrt(y.length) * residualNorm)).toBeLessThan(1e-12);
    for (let j = 0; j < (X[0] as number[]).length; j++) {
      const column = X.map((row) => row[j] as number);
      const dot = column.reduce((s, v, i) => s + v * (fit.residuals[i] as number), 0);
      expect(Math.abs(dot) / (Math.hypot(...column) * residualNorm)).toBeLessThan(1e-12);
    }
    expect(fit.residualSumOfSquares).toBeCloseTo(residualNorm ** 2, 10);
  });

  it("rejects too few rows and a rank-deficient design", () => {
    expect(() => olsFit([[1, 2], [3, 4]], [1, 2])).toThrow(/"X"/);
    const duplicated = X.map((row) => [row[0] as number, row[0] as number, row[1] as number]);
    expect(() => olsFit(duplicated, y)).toThrow(NumericsError);
    expect(() => olsFit(X, y.slice(1))).toThrow(/"y"/);
  });
});

describe("ridgeFit against scikit-learn", () => {
  it.each(fixture.ridge.fits.map((f) => [f.lambda, f] as const))("matches Ridge(alpha = %d)", (lambda, reference) => {
    const fit = ridgeFit(fixture.ridge.X, fixture.ridge.y, lambda);
    expectAllClose(fit.coefficients, reference.coefficients, fixture.ridge.tolerance, "coefficients");
    expectAllClose([fit.intercept], [reference.intercept], fixture.ridge.tolerance, "intercept");
  });

  it("fits p > n with lambda > 0", () => {
    const { X, y, lambda, tolerance } = fixture.ridgeWide;
    const fit = ridgeFit(X, y, lambda);
    expectAllClose(fit.coefficients, fixture.ridgeWide.coefficients, tolerance, "coefficients");
    expectAllClose([fit.intercept], [fixture.ridgeWide.intercept], tolerance, "intercept");
  });

  it("rejects a negative or non-finite lambda", () => {
    expect(() => ridgeFit(fixture.ridge.X, fixture.ridge.y, -1)).toThrow(/"lambda"/);
    expect(() => ridgeFit(fixture.ridge.X, fixture.ridge.y, Number.NaN)).toThrow(/"lambda"/);
  });
});

describe("lasso on synthetic data", () => {
  const block = fixture.lassoSynthetic;

  it("computes glmnet's lambda grid", () => {
    const lambdas = lassoLambdaPath(block.X, block.y, { nLambda: block.lambdas.length, lambdaMinRatio: block.lambdaMinRatio });
    expectAllClose(lambdas, block.lambdas, { relative: block.tolerance.lambdaRelative }, "lambda grid");
  });

  it("matches the reference path", () => {
    expectLassoPathMatches(block.X, block.y, block);
  });

  it("matches the reference CV curve", () => {
    expectLassoCvMatches(block.X, block.y, block);
  });

  it("satisfies the KKT conditions", () => {
    const n = block.y.length;
    const p = (block.X[0] as number[]).length;
    for (const lambda of [block.lambdas[3] as number, block.lambdas[15] as number, block.lambdas[29] as number]) {
      const fit = lassoFit(block.X, block.y, lambda);
      const residuals = linearPredict(fit, block.X).map((value, i) => (block.y[i] as number) - value);
      for (let j = 0; j < p; j++) {
        const column = block.X.map((row) => row[j] as number);
        const mean = column.reduce((s, v) => s + v, 0) / n;
        const sd = Math.sqrt(column.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
        // Gradient of the loss with respect to the standardized coefficient j.
        const gradient = column.reduce((s, v, i) => s + ((v - mean) / sd) * (residuals[i] as number), 0) / n;
        const standardized = (fit.coefficients[j] as number) * sd;
        if (standardized === 0) {
          expect(Math.abs(gradient)).toBeLessThanOrEqual(lambda * (1 + 1e-9));
        } else {
          expect(Math.abs(gradient - lambda * Math.sign(standardized))).toBeLessThan(1e-9 * lambda);
        }
      }
      expect(Math.abs(residuals.reduce((s, r) => s + r, 0))).toBeLessThan(1e-9 * n);
    }
  });

  it("rejects negative lambda, increasing grids and bad folds", () => {
    expect(() => lassoFit(block.X, block.y, -0.1)).toThrow(/"lambda"/);
    expect(() => lassoPath(block.X, block.y, { lambdas: [1, 2] })).toThrow(/"lambdas\[1\]"/);
    expect(() => lassoCv({ X: block.X, y: block.y, folds: [{ train: [0, 1], test: [2] }, { train: [2, 3], test: [0] }] })).toThrow(/"folds"/);
    expect(() => lassoCv({ X: block.X, y: block.y })).toThrow(/"rng"/);
  });
});

describe("Hitters regression against scikit-learn", () => {
  const hitters = fixture.hitters;
  const data = loadHitters();
  const xTrain = hitters.train.map((i) => data.X[i] as number[]);
  const yTrain = hitters.train.map((i) => data.salary[i] as number);
  const xTest = hitters.test.map((i) => data.X[i] as number[]);
  const yTest = hitters.test.map((i) => data.salary[i] as number);

  it("parses the same design, salaries and names as Python", () => {
    expect(data.X).toEqual(hitters.X);
    expect(data.salary).toEqual(hitters.salary);
    expect(data.names).toEqual(hitters.names);
  });

  it("fits OLS on the training split", () => {
    const fit = olsFit(xTrain, yTrain);
    expectAllClose(fit.coefficients, hitters.ols.coefficients, hitters.ols.tolerance, "coefficients");
    expectAllClose([fit.intercept], [hitters.ols.intercept], hitters.ols.tolerance, "intercept");
    const predictions = linearPredict(fit, xTest);
    expect(meanAbsoluteError(yTest, predictions)).toBeCloseTo(hitters.ols.testMae, 8);
    expect(rSquared(yTest, predictions)).toBeCloseTo(hitters.ols.testR2, 10);
  });

  it("matches the lasso path and CV curve (100 lambdas, 10 folds)", () => {
    expectLassoPathMatches(xTrain, yTrain, hitters.lassoCv);
    expectLassoCvMatches(xTrain, yTrain, hitters.lassoCv);
    const cv = lassoCv({ X: xTrain, y: yTrain, lambdas: hitters.lassoCv.lambdas, folds: toFolds(hitters.lassoCv.folds, yTrain.length) });
    expect(meanAbsoluteError(yTest, linearPredict(cv.fitMin, xTest))).toBeCloseTo(hitters.lassoMinTestMae, 6);
  });
});
