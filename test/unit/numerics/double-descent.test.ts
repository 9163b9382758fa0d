import { describe, expect, it } from "vitest";
import {
  conditionNumber,
  createRng,
  doubleDescentSweep,
  layoutPoints,
  legendreBasis,
  simulateRegression,
  squarePulseTruth,
  type DoubleDescentPoint,
} from "@/lib/numerics";
import { expectAllClose, loadFixture } from "./load-fixture";

interface Fixture {
  stable: {
    xTrain: number[];
    yTrain: number[];
    xTest: number[];
    yTest: number[];
    points: { size: number; trainMse: number; testMse: number; conditionNumber: number; rank: number }[];
    tolerance: { mseRelative: number; trainMseAbsolute: number; conditionRelative: number };
  };
  illConditioned: { x: number[]; conditions: { size: number; conditionNumber: number }[]; tolerance: { conditionRelative: number } };
}

const fixture = loadFixture<Fixture>("double-descent.json");

function minimumBy(points: readonly DoubleDescentPoint[], pick: (p: DoubleDescentPoint) => number): DoubleDescentPoint {
  return points.reduce((best, p) => (pick(p) < pick(best) ? p : best));
}

describe("doubleDescentSweep against numpy", () => {
  const { stable } = fixture;
  const result = doubleDescentSweep({
    basis: "legendre",
    xTrain: stable.xTrain,
    yTrain: stable.yTrain,
    xTest: stable.xTest,
    yTest: stable.yTest,
    sizes: stable.points.map((p) => p.size),
    interval: [-1, 1],
  });

  it("matches test MSE, condition numbers and ranks", () => {
    expect(result.method).toBe("minimum-norm");
    expect(result.interpolationThreshold).toBe(19);
    result.points.forEach((point, i) => {
      const reference = stable.points[i] as Fixture["stable"]["points"][number];
      expect(point.size).toBe(reference.size);
      expect(Math.abs(point.testMse / reference.testMse - 1)).toBeLessThan(stable.tolerance.mseRelative);
      expect(Math.abs(point.trainMse - reference.trainMse)).toBeLessThan(Math.max(stable.tolerance.trainMseAbsolute, stable.tolerance.mseRelative * reference.trainMse));
      expect(Math.abs(point.conditionNumber / reference.conditionNumber - 1)).toBeLessThan(stable.tolerance.conditionRelative);
      expect(point.rank).toBe(reference.rank);
      expect(point.rcond).toBe(Math.max(20, point.parameters) * Number.EPSILON);
    });
  });

  it("reports conditioning like numpy on 100 random points", () => {
    const { x, conditions, tolerance } = fixture.illConditioned;
    for (const { size, conditionNumber: expected } of conditions) {
      const actual = conditionNumber(legendreBasis(x, size));
      // Relative accuracy of a computed condition number degrades like cond · ε.
      expect(Math.abs(actual / expected - 1)).toBeLessThan(Math.max(tolerance.conditionRelative, expected * 1e-15));
    }
    const firstAbove = conditions.find((c) => c.conditionNumber > 1e10)?.size as number;
    expect(firstAbove).toBeGreaterThanOrEqual(55);
    expect(conditionNumber(legendreBasis(x, firstAbove))).toBeGreaterThan(1e10);
    expect(conditionNumber(legendreBasis(x, firstAbove - 2))).toBeLessThan(1e10);
  });
});

describe("documented stable double-descent configuration", () => {
  // n = 20 equally spaced points on [-1, 1], square pulse on [-0.5, 0.5], noise sd 0.1,
  // Legendre degrees 0 to 100, minimum norm with the default cut-off, test MSE against f.
  const truth = squarePulseTruth();
  const xTest = layoutPoints(1000, [-1, 1], "equally-spaced");
  const yTest = xTest.map(truth);
  const sizes = Array.from({ length: 101 }, (_, d) => d);
  const sweep = (seed: number, rcond?: number) => {
    const train = simulateRegression({ truth, n: 20, xRange: [-1, 1], noiseSd: 0.1, rng: createRng(seed), layout: "equally-spaced" });
    return doubleDescentSweep({ basis: "legendre", xTrain: train.x, yTrain: train.y, xTest, yTest, sizes, interval: [-1, 1], ...(rcond === undefined ? {} : { rcond }) });
  };
  const seeds = Array.from({ length: 12 }, (_, i) => i);
  const sweeps = seeds.map((seed) => sweep(seed));

  it("keeps every design well conditioned and cut-off independent", () => {
    for (const result of sweeps) {
      expect(Math.max(...result.points.map((p) => p.conditionNumber))).toBeLessThan(1e4);
    }
    const loose = sweep(0, 1e-10);
    loose.points.forEach((point, i) => {
      expect(point.testMse).toBe(sweeps[0]?.points[i]?.testMse);
    });
  });

  it("peaks at the threshold and descends below the first minimum", () => {
    const averaged = sizes.map((size, i) => ({
      ...(sweeps[0]?.points[i] as DoubleDescentPoint),
      size,
      testMse: sweeps.reduce((s, r) => s + (r.points[i] as DoubleDescentPoint).testMse, 0) / sweeps.length,
    }));
    const peak = averaged.reduce((best, p) => (p.testMse > best.testMse ? p : best));
    expect(peak.size).toBe(19);
    const firstMinimum = minimumBy(averaged.filter((p) => p.size < 19), (p) => p.testMse);
    const secondMinimum = minimumBy(averaged.filter((p) => p.size > 19), (p) => p.testMse);
    expect(secondMinimum.testMse).toBeLessThan(firstMinimum.testMse);
    expect(peak.testMse).toBeGreaterThan(100 * firstMinimum.testMse);
  });

  it("shows double descent for seed 1 on its own", () => {
    const points = sweeps[1]?.points as DoubleDescentPoint[];
    const peak = points.reduce((best, p) => (p.testMse > best.testMse ? p : best));
    expect(peak.size).toBe(19);
    expect(minimumBy(points.filter((p) => p.size > 19), (p) => p.testMse).testMse).toBeLessThan(
      minimumBy(points.filter((p) => p.size < 19), (p) => p.testMse).testMse,
    );
    // Training error reaches zero (to rounding) from the threshold on.
    for (const point of points.filter((p) => p.size >= 19)) expect(point.trainMse).toBeLessThan(1e-20);
  });
});

describe("doubleDescentSweep options", () => {
  const train = simulateRegression({ truth: Math.sin, n: 20, xRange: [-5, 5], noiseSd: 0.3, rng: createRng(4) });
  const xTest = layoutPoints(200, [-5, 5], "equally-spaced");

  it("fits natural splines with the interpolation threshold at df = n", () => {
    const result = doubleDescentSweep({
      basis: "natural-spline",
      xTrain: train.x,
      yTrain: train.y,
      xTest,
      yTest: xTest.map(Math.sin),
      sizes: [4, 8, 20, 42, 80],
      interval: [-5, 5],
    });
    expect(result.interpolationThreshold).toBe(20);
    expect(result.points.map((p) => p.parameters)).toEqual([4, 8, 20, 42, 80]);
    for (const point of result.points.filter((p) => p.size >= 20)) expect(point.trainMse).toBeLessThan(1e-12);
    expect(result.points[0]?.trainMse).toBeGreaterThan(0.01);
  });

  it("switches to ridge when a lambda is given", () => {
    const result = doubleDescentSweep({
      basis: "legendre",
      xTrain: train.x.map((x) => x / 5),
      yTrain: train.y,
      xTest: xTest.map((x) => x / 5),
      yTest: xTest.map(Math.sin),
      sizes: [3, 30],
      interval: [-1, 1],
      ridgeLambda: 1e-6,
    });
    expect(result.method).toBe("ridge");
    expect(result.points.every((p) => p.rcond === null)).toBe(true);
  });

  it("rejects points outside the interval and bad sizes", () => {
    const base = { basis: "legendre" as const, xTrain: [0, 0.5], yTrain: [1, 2], xTest: [0], yTest: [1], sizes: [1], interval: [-1, 1] as [number, number] };
    expect(() => doubleDescentSweep({ ...base, xTest: [2] })).toThrow(/"xTest\[0\]"/);
    expect(() => doubleDescentSweep({ ...base, sizes: [-1] })).toThrow(/"sizes\[0\]"/);
    expect(() => doubleDescentSweep({ ...base, basis: "natural-spline", sizes: [1] })).toThrow(/"sizes\[0\]"/);
    expect(() => doubleDescentSweep({ ...base, ridgeLambda: 0 })).toThrow(/"ridgeLambda"/);
  });
});
