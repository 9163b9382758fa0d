import { describe, expect, it } from "vitest";
import { biasVarianceMonteCarlo, createRng, NumericsError, type BiasVarianceArguments } from "@/lib/numerics";

// Sample-mean estimator (degree-0 polynomial, or k-NN with k = n) on f(x) = x, x ~ U(0, 1):
// E f̂ = E f(X) = 1/2 and Var f̂ = (Var f(X) + σ²)/n = (1/12 + σ²)/n, a textbook result.
const sigma = 0.5;
const n = 10;
const exactVariance = (1 / 12 + sigma ** 2) / n;
const testPoints = [0.2, 0.5, 0.9];

function meanEstimatorRun(estimator: BiasVarianceArguments["estimator"], seed: number) {
  return biasVarianceMonteCarlo({
    truth: (x) => x,
    noiseSd: sigma,
    n,
    xRange: [0, 1],
    estimator,
    testPoints,
    repetitions: 4000,
    rng: createRng(seed),
  });
}

describe("biasVarianceMonteCarlo against exact values", () => {
  it.each([
    ["polynomial degree 0", { kind: "polynomial", degree: 0 } as const],
    ["knn with k = n", { kind: "knn", k: n } as const],
  ])("%s recovers bias² (1/2 − x0)² and variance (1/12 + σ²)/n", (_name, estimator) => {
    const result = meanEstimatorRun(estimator, 101);
    for (const point of result.points) {
      const exactSquaredBias = (0.5 - point.x0) ** 2;
      expect(Math.abs(point.squaredBias - exactSquaredBias)).toBeLessThan(4 * point.standardError.squaredBias);
      expect(Math.abs(point.variance - exactVariance)).toBeLessThan(4 * point.standardError.variance);
      expect(point.noise).toBe(sigma ** 2);
      expect(point.truth).toBe(point.x0);
    }
    // Monte Carlo error is far below the quantities themselves at R = 4000.
    expect(result.average.standardError.variance / result.average.variance).toBeLessThan(0.05);
  });

  it("keeps a linear fit of a linear truth unbiased", () => {
    const result = biasVarianceMonteCarlo({
      truth: (x) => 2 - 3 * x,
      noiseSd: 1,
      n: 15,
      xRange: [-1, 1],
      estimator: { kind: "polynomial", degree: 1 },
      testPoints: [-0.9, 0, 0.7],
      repetitions: 3000,
      rng: createRng(5),
    });
    for (const point of result.points) {
      expect(point.squaredBias).toBeLessThan(4 * point.standardError.squaredBias);
    }
  });
});

describe("biasVarianceMonteCarlo identity", () => {
  it("squared bias + variance + noise matches the simulated test MSE", () => {
    const result = biasVarianceMonteCarlo({
      truth: Math.sin,
      noiseSd: 0.3,
      n: 20,
      xRange: [-5, 5],
      estimator: { kind: "polynomial", degree: 5 },
      testPoints: [-4, -2, 0, 1.5, 3, 4.5],
      repetitions: 3000,
      rng: createRng(2024),
    });
    for (const point of [...result.points, result.average]) {
      expect(point.expectedTestMse).toBeCloseTo(point.squaredBias + point.variance + point.noise, 14);
      expect(Math.abs(point.simulatedTestMse - point.expectedTestMse)).toBeLessThan(4 * point.simulatedTestMseStandardError);
    }
    expect(result.repetitions).toBe(3000);
  });

  it("reports standard errors that match the spread over independent runs", () => {
    // 40 independent runs of R = 200: the sd of the estimates across runs should agree with
    // the reported standard error to within the sampling error of an sd from 40 runs (~11%).
    const runs = Array.from({ length: 40 }, (_, seed) =>
      biasVarianceMonteCarlo({
        truth: (x) => Math.sin(2 * x),
        noiseSd: 0.4,
        n: 12,
        xRange: [0, 3],
        estimator: { kind: "polynomial", degree: 2 },
        testPoints: [0.3, 2.7],
        repetitions: 200,
        rng: createRng(1000 + seed),
      }),
    );
    const spread = (values: number[]) => {
      const m = values.reduce((s, v) => s + v, 0) / values.length;
      return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
    };
    const meanOf = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
    for (const pick of [
      (r: (typeof runs)[number]) => [r.points[0]!.squaredBias, r.points[0]!.standardError.squaredBias],
      (r: (typeof runs)[number]) => [r.points[0]!.variance, r.points[0]!.standardError.variance],
      (r: (typeof runs)[number]) => [r.average.squaredBias, r.average.standardError.squaredBias],
      (r: (typeof runs)[number]) => [r.average.variance, r.average.standardError.variance],
    ]) {
      const pairs = runs.map(pick);
      const ratio = spread(pairs.map((p) => p[0]!)) / meanOf(pairs.map((p) => p[1]!));
      expect(ratio).toBeGreaterThan(0.6);
      expect(ratio).toBeLessThan(1.5);
    }
  });
});

describe("biasVarianceMonteCarlo arguments", () => {
  const valid: BiasVarianceArguments = {
    truth: (x) => x,
    noiseSd: 1,
    n: 5,
    xRange: [0, 1],
    estimator: { kind: "polynomial", degree: 2 },
    testPoints: [0.5],
    repetitions: 10,
    rng: createRng(1),
  };

  it.each([
    [{ noiseSd: -1 }, "noiseSd"],
    [{ n: 0 }, "n"],
    [{ xRange: [1, 0] as [number, number] }, "xRange"],
    [{ estimator: { kind: "polynomial", degree: 5 } as const }, "estimator.degree"],
    [{ estimator: { kind: "knn", k: 6 } as const }, "estimator.k"],
    [{ estimator: { kind: "tree" } as unknown as BiasVarianceArguments["estimator"] }, "estimator.kind"],
    [{ testPoints: [] }, "testPoints"],
    [{ repetitions: 1 }, "repetitions"],
    [{ truth: () => Number.NaN }, "truth"],
  ])("rejects %o", (override, argument) => {
    const call = () => biasVarianceMonteCarlo({ ...valid, ...override, rng: createRng(1) });
    expect(call).toThrow(NumericsError);
    try {
      call();
    } catch (error) {
      expect((error as NumericsError).argument).toBe(argument);
    }
  });
});

describe("biasVarianceMonteCarlo with a fixed design", () => {
  const xTrain = [0.1, 0.4, 0.5, 0.9, 1.3, 1.6, 2.2, 2.5, 3.1, 3.8];
  const sigma = 0.3;

  it("matches the exact k-NN decomposition", () => {
    // Fixed-design k-NN (ESL eq. 7.10): variance σ²/k, bias = mean of f over the k neighbours − f(x0).
    const truth = (x: number) => Math.sin(2 * x);
    const result = biasVarianceMonteCarlo({ truth, noiseSd: sigma, xTrain, estimator: { kind: "knn", k: 3 }, testPoints: [1.0, 3.2], repetitions: 20_000, rng: createRng(77) });
    const neighbours = { 1.0: [0.9, 1.3, 0.5], 3.2: [3.1, 3.8, 2.5] } as const;
    for (const point of result.points) {
      const around = neighbours[point.x0 as 1.0 | 3.2];
      const exactBias = around.reduce((s, x) => s + truth(x), 0) / 3 - truth(point.x0);
      expect(Math.abs(point.squaredBias - exactBias ** 2)).toBeLessThan(4 * point.standardError.squaredBias);
      expect(Math.abs(point.variance - sigma ** 2 / 3)).toBeLessThan(4 * point.standardError.variance);
    }
  });

  it("matches the exact OLS variance σ²(1/n + (x0 − x̄)²/Sxx)", () => {
    const n = xTrain.length;
    const mean = xTrain.reduce((s, x) => s + x, 0) / n;
    const sxx = xTrain.reduce((s, x) => s + (x - mean) ** 2, 0);
    const result = biasVarianceMonteCarlo({ truth: (x) => 1 + 2 * x, noiseSd: sigma, xTrain, estimator: { kind: "polynomial", degree: 1 }, testPoints: [0, 2, 4], repetitions: 20_000, rng: createRng(78) });
    for (const point of result.points) {
      const exact = sigma ** 2 * (1 / n + (point.x0 - mean) ** 2 / sxx);
      expect(Math.abs(point.variance - exact)).toBeLessThan(4 * point.standardError.variance);
      expect(point.squaredBias).toBeLessThan(4 * point.standardError.squaredBias);
    }
  });

  it("rejects both or neither of xRange and xTrain", () => {
    const base = { truth: (x: number) => x, noiseSd: 1, estimator: { kind: "knn", k: 1 } as const, testPoints: [0], repetitions: 5, rng: createRng(1) };
    expect(() => biasVarianceMonteCarlo({ ...base, n: 3 })).toThrow(/"xRange"/);
    expect(() => biasVarianceMonteCarlo({ ...base, xRange: [0, 1], xTrain: [0, 1] })).toThrow(/"xRange"/);
    expect(() => biasVarianceMonteCarlo({ ...base, n: 3, xTrain: [0, 1] })).toThrow(/"n"/);
  });
});

describe("biasVarianceMonteCarlo with minimum-norm Legendre fits", () => {
  it("equals the polynomial estimator below the threshold", () => {
    const common = { truth: Math.sin, noiseSd: 0.3, n: 15, xRange: [-2, 2] as [number, number], testPoints: [-1, 0.5], repetitions: 200 };
    const polynomial = biasVarianceMonteCarlo({ ...common, estimator: { kind: "polynomial", degree: 4 }, rng: createRng(31) });
    const minimumNorm = biasVarianceMonteCarlo({ ...common, estimator: { kind: "minimum-norm-legendre", degree: 4 }, rng: createRng(31) });
    minimumNorm.points.forEach((point, j) => {
      expect(point.meanPrediction).toBeCloseTo(polynomial.points[j]?.meanPrediction as number, 10);
      expect(point.variance).toBeCloseTo(polynomial.points[j]?.variance as number, 10);
    });
  });

  it("keeps the identity past the interpolation threshold", () => {
    const xTrain = Array.from({ length: 20 }, (_, i) => -1 + (2 * i) / 19);
    const result = biasVarianceMonteCarlo({
      truth: (x) => (Math.abs(x) <= 0.5 ? 1 : 0),
      noiseSd: 0.1,
      xTrain,
      estimator: { kind: "minimum-norm-legendre", degree: 40, interval: [-1, 1] },
      testPoints: Array.from({ length: 21 }, (_, i) => -0.95 + 0.095 * i),
      repetitions: 4000,
      rng: createRng(32),
    });
    expect(Math.abs(result.average.simulatedTestMse - result.average.expectedTestMse)).toBeLessThan(4 * result.average.simulatedTestMseStandardError);
    expect(() =>
      biasVarianceMonteCarlo({ truth: Math.sin, noiseSd: 1, xTrain, estimator: { kind: "minimum-norm-legendre", degree: 3, interval: [0, 0] }, testPoints: [0], repetitions: 2, rng: createRng(1) }),
    ).toThrow(/"estimator.interval"/);
    expect(() =>
      biasVarianceMonteCarlo({ truth: Math.sin, noiseSd: 1, xTrain, estimator: { kind: "minimum-norm-legendre", degree: 3, interval: [-0.5, 1] }, testPoints: [0], repetitions: 2, rng: createRng(1) }),
    ).toThrow(/"estimator.interval"/);
  });
});
