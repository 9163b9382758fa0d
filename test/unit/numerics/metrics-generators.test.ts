import { describe, expect, it } from "vitest";
import {
  accuracy,
  autocorrelation,
  createRng,
  layoutPoints,
  meanAbsoluteError,
  meanSquaredError,
  polynomialTruth,
  rSquared,
  simulateAr1,
  simulateRegression,
  sineTruth,
  squarePulseTruth,
} from "@/lib/numerics";
import { loadFixture } from "./load-fixture";

const fixture = loadFixture<{
  tolerance: { relative: number };
  regression: { actual: number[]; predicted: number[]; mse: number; mae: number; r2: number }[];
  classification: { actual: number[]; predicted: number[]; accuracy: number };
}>("metrics.json");

function expectRelative(actual: number, expected: number, relative: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected));
}

describe("metrics against scikit-learn", () => {
  it.each(fixture.regression.map((c) => [c.actual.length, c] as const))("n = %i", (_n, reference) => {
    expectRelative(meanSquaredError(reference.actual, reference.predicted), reference.mse, fixture.tolerance.relative);
    expectRelative(meanAbsoluteError(reference.actual, reference.predicted), reference.mae, fixture.tolerance.relative);
    expectRelative(rSquared(reference.actual, reference.predicted), reference.r2, fixture.tolerance.relative);
  });

  it("computes accuracy", () => {
    const { actual, predicted } = fixture.classification;
    expect(accuracy(actual, predicted)).toBe(fixture.classification.accuracy);
  });

  it("rejects empty, mismatched and constant inputs", () => {
    expect(() => meanSquaredError([], [])).toThrow(/"actual"/);
    expect(() => meanAbsoluteError([1, 2], [1])).toThrow(/"predicted"/);
    expect(() => rSquared([3, 3, 3], [1, 2, 3])).toThrow(/"actual"/);
    expect(() => accuracy(["a"], ["a", "b"])).toThrow(/"predicted"/);
  });
});

describe("truth functions", () => {
  it("evaluates the square pulse on its closed interval", () => {
    const pulse = squarePulseTruth();
    expect([-1, -0.5, 0, 0.5, 0.51].map(pulse)).toEqual([0, 1, 1, 1, 0]);
    expect(squarePulseTruth({ low: 0, high: 2, height: 3 })(1)).toBe(3);
    expect(() => squarePulseTruth({ low: 1, high: 0 })).toThrow(/"high"/);
  });

  it("evaluates polynomials and the sine", () => {
    // 1 − 2x + 3x² at x = 2 is 9.
    expect(polynomialTruth([1, -2, 3])(2)).toBe(9);
    expect(sineTruth()(Math.PI / 2)).toBe(1);
  });
});

describe("simulateRegression", () => {
  it("reproduces the same data from the same seed", () => {
    const args = { truth: Math.sin, n: 15, xRange: [-5, 5] as [number, number], noiseSd: 0.3 };
    const first = simulateRegression({ ...args, rng: createRng(8) });
    const second = simulateRegression({ ...args, rng: createRng(8) });
    expect(first).toEqual(second);
    expect(first.x.every((x) => x >= -5 && x < 5)).toBe(true);
    expect(first.truth).toEqual(first.x.map(Math.sin));
  });

  it("has noise with the requested sd", () => {
    const data = simulateRegression({ truth: () => 2, n: 20_000, xRange: [0, 1], noiseSd: 0.5, rng: createRng(9), layout: "equally-spaced" });
    const residuals = data.y.map((y) => y - 2);
    const mean = residuals.reduce((s, r) => s + r, 0) / residuals.length;
    const sd = Math.sqrt(residuals.reduce((s, r) => s + (r - mean) ** 2, 0) / (residuals.length - 1));
    expect(Math.abs(mean)).toBeLessThan((4 * 0.5) / Math.sqrt(20_000));
    // The sd of a sample sd is about σ/√(2n).
    expect(Math.abs(sd - 0.5)).toBeLessThan((4 * 0.5) / Math.sqrt(40_000));
  });

  it("lays out equally spaced and Chebyshev points", () => {
    expect(layoutPoints(5, [0, 1], "equally-spaced")).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const chebyshev = layoutPoints(3, [-1, 1], "chebyshev");
    // Chebyshev nodes of the first kind for n = 3: −cos(π/6), 0, cos(π/6).
    expect(chebyshev[0]).toBeCloseTo(-Math.sqrt(3) / 2, 15);
    expect(chebyshev[1]).toBeCloseTo(0, 15);
    expect(chebyshev[2]).toBeCloseTo(Math.sqrt(3) / 2, 15);
    expect(() => layoutPoints(3, [0, 1], "grid" as "uniform")).toThrow(/"layout"/);
    expect(() => layoutPoints(3, [0, 1], "uniform")).toThrow(/"rng"/);
  });
});

describe("simulateAr1", () => {
  it("has autocorrelation phi to the lag and stationary variance", () => {
    const phi = 0.7;
    const n = 50_000;
    const series = simulateAr1({ n, phi, noiseSd: 1, mean: 3, rng: createRng(12) });
    const rho = autocorrelation(series, 3);
    // Bartlett's formula bounds the sd of ρ̂(ℓ) for an AR(1) by about √((1 + φ²)/((1 − φ²) n)) ≈ 0.008 here.
    expect(Math.abs((rho[1] as number) - phi)).toBeLessThan(0.03);
    expect(Math.abs((rho[2] as number) - phi ** 2)).toBeLessThan(0.03);
    expect(Math.abs((rho[3] as number) - phi ** 3)).toBeLessThan(0.03);
    const mean = series.reduce((s, v) => s + v, 0) / n;
    const variance = series.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
    expect(Math.abs(mean - 3)).toBeLessThan(0.1);
    expect(Math.abs(variance / (1 / (1 - phi ** 2)) - 1)).toBeLessThan(0.06);
  });

  it("rejects a non-stationary phi", () => {
    expect(() => simulateAr1({ n: 10, phi: 1, noiseSd: 1, rng: createRng(1) })).toThrow(/"phi"/);
  });
});
