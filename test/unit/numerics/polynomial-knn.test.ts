import { describe, expect, it } from "vitest";
import { knnRegressionPredict, NumericsError, polynomialFit, polynomialPredict } from "@/lib/numerics";
import { expectAllClose, loadFixture } from "./load-fixture";

interface PolynomialCase {
  name: string;
  x: number[];
  y: number[];
  degree: number;
  xNew: number[];
  legendreCoefficients: number[];
  predictions: number[];
  fitted: number[];
  powerCoefficients: number[] | null;
  tolerance: { legendreRelative: number; predictionRelative: number; powerRelative: number };
}

interface KnnCase {
  name: string;
  xTrain: number[];
  yTrain: number[];
  k: number;
  x: number[];
  predictions: number[];
  tolerance: { absolute: number };
}

const fixture = loadFixture<{ polynomial: PolynomialCase[]; knn: KnnCase[] }>("polynomial-knn.json");

describe("polynomialFit against numpy", () => {
  it.each(fixture.polynomial.map((c) => [c.name, c] as const))("%s", (_name, reference) => {
    const fit = polynomialFit(reference.x, reference.y, reference.degree);
    expectAllClose(fit.legendreCoefficients, reference.legendreCoefficients, { relative: reference.tolerance.legendreRelative }, "Legendre coefficients");
    expectAllClose(polynomialPredict(fit, reference.xNew), reference.predictions, { relative: reference.tolerance.predictionRelative }, "predictions");
    expectAllClose(polynomialPredict(fit, reference.x), reference.fitted, { relative: reference.tolerance.predictionRelative }, "fitted values");
    if (reference.powerCoefficients !== null) {
      expectAllClose(fit.coefficients, reference.powerCoefficients, { relative: reference.tolerance.powerRelative }, "power coefficients");
    }
  });

  it("leaves residuals orthogonal to every basis column", () => {
    const reference = fixture.polynomial.find((c) => c.degree === 3) as PolynomialCase;
    const fit = polynomialFit(reference.x, reference.y, 3);
    const residuals = polynomialPredict(fit, reference.x).map((value, i) => (reference.y[i] as number) - value);
    const yNorm = Math.hypot(...reference.y);
    for (let power = 0; power <= 3; power++) {
      const column = reference.x.map((value) => ((value - fit.center) / fit.halfWidth) ** power);
      const dot = column.reduce((sum, value, i) => sum + value * (residuals[i] as number), 0);
      expect(Math.abs(dot) / (Math.hypot(...column) * yNorm)).toBeLessThan(1e-12);
    }
  });

  it("rejects a degree at or above the number of distinct x", () => {
    expect(() => polynomialFit([1, 2, 2, 3], [1, 2, 3, 4], 3)).toThrow(NumericsError);
    expect(() => polynomialFit([1, 2, 2, 3], [1, 2, 3, 4], 3)).toThrow(/"degree"/);
    expect(() => polynomialFit([1, 2, 3], [1, 2], 1)).toThrow(/"y"/);
    expect(() => polynomialFit([1, Number.NaN, 3], [1, 2, 3], 1)).toThrow(/"x\[1\]"/);
  });

  it("fits a constant when every x is equal", () => {
    const fit = polynomialFit([2, 2, 2], [1, 2, 6], 0);
    expect(polynomialPredict(fit, [5])[0]).toBeCloseTo(3, 14);
  });
});

describe("knnRegressionPredict", () => {
  it.each(fixture.knn.map((c) => [c.name, c] as const))("%s matches scikit-learn", (_name, reference) => {
    const predictions = knnRegressionPredict({ xTrain: reference.xTrain, yTrain: reference.yTrain, k: reference.k, x: reference.x });
    expectAllClose(predictions, reference.predictions, { absolute: reference.tolerance.absolute }, "predictions");
  });

  it("breaks distance ties by the lower training index", () => {
    // x = 2.5 is 0.5 from both x = 2 (index 2) and x = 3 (index 3): k = 1 takes index 2.
    expect(knnRegressionPredict({ xTrain: [0, 1, 2, 3, 4], yTrain: [0, 10, 20, 30, 40], k: 1, x: [2.5] })).toEqual([20]);
    // Reversed order: x = 3 is now index 1 and wins.
    expect(knnRegressionPredict({ xTrain: [4, 3, 2, 1, 0], yTrain: [40, 30, 20, 10, 0], k: 1, x: [2.5] })).toEqual([30]);
    // k = 2 at x = 1 takes x = 1 then the tie between 0 and 2 goes to index 0.
    expect(knnRegressionPredict({ xTrain: [0, 1, 2], yTrain: [0, 10, 20], k: 2, x: [1] })).toEqual([5]);
  });

  it("rejects k above n and mismatched lengths", () => {
    expect(() => knnRegressionPredict({ xTrain: [0, 1], yTrain: [0, 1], k: 3, x: [0] })).toThrow(/"k"/);
    expect(() => knnRegressionPredict({ xTrain: [0, 1], yTrain: [0], k: 1, x: [0] })).toThrow(/"yTrain"/);
  });
});
