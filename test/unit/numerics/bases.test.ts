import { describe, expect, it } from "vitest";
import {
  conditionNumber,
  legendreBasis,
  linearPredict,
  mapToUnitInterval,
  minimumNormLeastSquares,
  naturalSplineBasis,
  naturalSplineKnots,
  olsFit,
  ridgeFit,
  type KnotPlacement,
} from "@/lib/numerics";
import { expectAllClose, flatten, loadFixture } from "./load-fixture";

interface SplineCase {
  name: string;
  x: number[];
  y: number[];
  df: number;
  placement: KnotPlacement;
  range?: [number, number];
  knots: number[];
  basis: number[][];
  xNew: number[];
  basisNew: number[][];
  fittedScipy: number[] | null;
  predictionsScipy: number[] | null;
}

interface MinimumNormCase {
  name: string;
  X: number[][];
  y: number[];
  coefficients: number[];
  rank: number;
  singularValues: number[];
  conditionNumber: number;
  rcond: number;
}

const fixture = loadFixture<{
  tolerance: {
    basisRelative: number;
    scipySpanAbsolute: number;
    minimumNormRelative: number;
    singularValueRelative: number;
    conditionRelative: number;
  };
  legendre: { x: number[]; degree: number; basis: number[][] }[];
  naturalSpline: SplineCase[];
  minimumNorm: MinimumNormCase[];
}>("bases.json");
const tolerance = fixture.tolerance;

describe("legendreBasis against numpy legvander", () => {
  it.each(fixture.legendre.map((c) => [c.degree, c] as const))("degree %i", (degree, reference) => {
    expectAllClose(flatten(legendreBasis(reference.x, degree)), flatten(reference.basis), { relative: tolerance.basisRelative }, "basis");
  });

  it("rejects points outside [-1, 1]", () => {
    expect(() => legendreBasis([0, 1.5], 2)).toThrow(/"x\[1\]"/);
    expect(mapToUnitInterval([2, 3, 4], [2, 4])).toEqual([-1, 0, 1]);
    expect(() => mapToUnitInterval([2, 5], [2, 4])).toThrow(/"x\[1\]"/);
  });
});

describe("naturalSplineBasis against numpy and scipy", () => {
  it.each(fixture.naturalSpline.map((c) => [c.name, c] as const))("%s", (_name, reference) => {
    const knots =
      reference.name === "knots at the data interpolate"
        ? reference.knots
        : naturalSplineKnots(reference.x, reference.df, { placement: reference.placement, ...(reference.range ? { range: reference.range } : {}) });
    expectAllClose(knots, reference.knots, { relative: 1e-14 }, "knots");
    const basis = naturalSplineBasis(reference.x, knots);
    expectAllClose(flatten(basis), flatten(reference.basis), { relative: tolerance.basisRelative }, "basis");
    expectAllClose(flatten(naturalSplineBasis(reference.xNew, knots)), flatten(reference.basisNew), { relative: tolerance.basisRelative }, "basis at new x");
    if (reference.fittedScipy !== null && reference.predictionsScipy !== null) {
      const fit = olsFit(basis, reference.y, { intercept: false });
      expectAllClose(fit.fitted, reference.fittedScipy, { absolute: tolerance.scipySpanAbsolute }, "fitted values");
      const predictions = linearPredict(fit, naturalSplineBasis(reference.xNew, knots));
      expectAllClose(predictions, reference.predictionsScipy, { absolute: tolerance.scipySpanAbsolute }, "predictions");
    }
  });

  it("rejects coinciding quantile knots and unsorted knots", () => {
    expect(() => naturalSplineKnots([1, 1, 1, 2], 4)).toThrow(/"df"/);
    expect(() => naturalSplineBasis([0], [0, 2, 1])).toThrow(/"knots\[2\]"/);
    expect(naturalSplineKnots([1, 1, 1, 2], 5, { placement: "uniform" })).toEqual([1, 1.25, 1.5, 1.75, 2]);
  });
});

describe("minimumNormLeastSquares against numpy lstsq", () => {
  it.each(fixture.minimumNorm.map((c) => [c.name, c] as const))("%s", (_name, reference) => {
    const fit = minimumNormLeastSquares(reference.X, reference.y);
    expectAllClose(fit.coefficients, reference.coefficients, { relative: tolerance.minimumNormRelative }, "coefficients");
    expectAllClose(fit.singularValues, reference.singularValues, { relative: tolerance.singularValueRelative }, "singular values");
    expect(fit.rank).toBe(reference.rank);
    expect(fit.rcond).toBe(reference.rcond);
    if (Number.isFinite(reference.conditionNumber) && reference.conditionNumber < 1e12) {
      expect(Math.abs(fit.conditionNumber / reference.conditionNumber - 1)).toBeLessThan(tolerance.conditionRelative);
      expect(Math.abs(conditionNumber(reference.X) / reference.conditionNumber - 1)).toBeLessThan(tolerance.conditionRelative);
    }
  });

  const wide = fixture.minimumNorm.find((c) => c.name.startsWith("wide")) as MinimumNormCase;

  it("interpolates a wide design", () => {
    const fit = minimumNormLeastSquares(wide.X, wide.y);
    expect(fit.residualSumOfSquares).toBeLessThan(1e-20);
  });

  it("has a smaller norm than another interpolant", () => {
    const fit = minimumNormLeastSquares(wide.X, wide.y);
    // Another interpolant: solve the square system on the first n columns, zeros elsewhere.
    const n = wide.y.length;
    const square = olsFit(wide.X.map((row) => row.slice(0, n)), wide.y, { intercept: false });
    const other = [...square.coefficients, ...new Array<number>((wide.X[0] as number[]).length - n).fill(0)];
    const residual = wide.X.map((row, i) => row.reduce((s, v, j) => s + v * (other[j] as number), 0) - (wide.y[i] as number));
    expect(Math.hypot(...residual)).toBeLessThan(1e-9);
    expect(Math.hypot(...fit.coefficients)).toBeLessThan(Math.hypot(...other));
    // The min-norm solution lies in the row space: it is orthogonal to other − fit (a null-space vector).
    const difference = other.map((v, j) => v - (fit.coefficients[j] as number));
    const dot = difference.reduce((s, v, j) => s + v * (fit.coefficients[j] as number), 0);
    expect(Math.abs(dot) / (Math.hypot(...difference) * Math.hypot(...fit.coefficients))).toBeLessThan(1e-10);
  });

  it("is the limit of ridge as lambda goes to zero", () => {
    const fit = minimumNormLeastSquares(wide.X, wide.y);
    const ridge = ridgeFit(wide.X, wide.y, 1e-10, { intercept: false });
    expectAllClose(ridge.coefficients, fit.coefficients, { relative: 1e-7 }, "ridge coefficients");
  });

  it("rejects an rcond outside (0, 1)", () => {
    expect(() => minimumNormLeastSquares(wide.X, wide.y, { rcond: 0 })).toThrow(/"rcond"/);
    expect(() => minimumNormLeastSquares(wide.X, wide.y, { rcond: 1 })).toThrow(/"rcond"/);
  });
});
