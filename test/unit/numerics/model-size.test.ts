import { describe, expect, it } from "vitest";
import {
  denseParameterCount,
  interpolationThreshold,
  NumericsError,
  simpleRnnParameterBreakdown,
  simpleRnnParameterCount,
} from "@/lib/numerics";

// Expected counts are hand counts of the course formulas. The RNN has K(p + 1) + K² + M(K + 1)
// parameters, and Keras counts a SimpleRNN layer as units·(units + input_dim + 1). The
// 19 → 64 → 1 Hitters network has 1,345, the figure ISLR2 reports.
describe("simpleRnnParameterCount", () => {
  it("counts the NYSE RNN as 205", () => {
    expect(simpleRnnParameterCount({ inputFeatures: 3, hiddenUnits: 12 })).toBe(205);
  });

  it("splits the count by weight matrix", () => {
    expect(simpleRnnParameterBreakdown({ inputFeatures: 3, hiddenUnits: 12, outputUnits: 1 })).toEqual({
      inputToHidden: 48,
      hiddenToHidden: 144,
      hiddenToOutput: 13,
      total: 205,
    });
  });

  it("matches the Keras SimpleRNN layer count plus a dense softmax layer", () => {
    const p = 7;
    const K = 5;
    const M = 10;
    const kerasRecurrentLayer = K * (K + p + 1);
    expect(simpleRnnParameterCount({ inputFeatures: p, hiddenUnits: K, outputUnits: M })).toBe(kerasRecurrentLayer + M * (K + 1));
  });

  it.each([
    [{ inputFeatures: 0, hiddenUnits: 12 }, "inputFeatures"],
    [{ inputFeatures: 3, hiddenUnits: 2.5 }, "hiddenUnits"],
    [{ inputFeatures: 3, hiddenUnits: 12, outputUnits: -1 }, "outputUnits"],
  ])("rejects %o naming %s", (shape, argument) => {
    expect(() => simpleRnnParameterCount(shape)).toThrow(NumericsError);
    try {
      simpleRnnParameterCount(shape);
    } catch (error) {
      expect((error as NumericsError).argument).toBe(argument);
    }
  });
});

describe("denseParameterCount", () => {
  it("counts Hitters 19 → 64 → 1 as 1345", () => {
    expect(denseParameterCount([19, 64, 1])).toBe(1345);
  });

  it("counts a deeper network layer by layer", () => {
    // 784 → 256 → 128 → 10: 785·256 + 257·128 + 129·10 = 200,960 + 32,896 + 1,290.
    expect(denseParameterCount([784, 256, 128, 10])).toBe(235_146);
  });

  it("rejects fewer than two layers and fractional sizes", () => {
    expect(() => denseParameterCount([19])).toThrow(/"layerSizes"/);
    expect(() => denseParameterCount([19, 0.5, 1])).toThrow(/"layerSizes\[1\]"/);
  });
});

describe("interpolationThreshold", () => {
  it("is degree n - 1 for polynomials and n spline degrees of freedom", () => {
    expect(interpolationThreshold({ basis: "polynomial", n: 100 })).toBe(99);
    expect(interpolationThreshold({ basis: "polynomial", n: 1 })).toBe(0);
    expect(interpolationThreshold({ basis: "natural-spline", n: 20 })).toBe(20);
  });

  it("rejects an unknown basis and n < 1", () => {
    expect(() => interpolationThreshold({ basis: "fourier" as "polynomial", n: 5 })).toThrow(/"basis"/);
    expect(() => interpolationThreshold({ basis: "polynomial", n: 0 })).toThrow(/"n"/);
    expect(() => interpolationThreshold({ basis: "natural-spline", n: 1 })).toThrow(/"n"/);
  });
});
