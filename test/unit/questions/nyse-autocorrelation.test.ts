import { describe, expect, it } from "vitest";

import question from "@/questions/nyse-autocorrelation";

import params from "./fixtures/autocorrelation-params.json";
import reference from "./fixtures/autocorrelation-reference.json";

type Params = Parameters<typeof question.build>[0];

function partsOf(seed: number) {
  const entry = params.find((item) => item.seed === seed)!;
  return question.build(entry.params as Params).parts;
}

describe("nyse-autocorrelation keys", () => {
  // Reference: numpy on the series read from the CSV or the stored simulation
  // (fixtures/make_autocorrelation_reference.py).
  it.each(reference.cases.map((item) => [item.seed, item] as const))("seed %i matches numpy", (seed, item) => {
    const parts = partsOf(seed);
    item.parts.forEach((expected, index) => {
      const part = parts[index]!;
      expect(part.label).toContain(`(${expected.lag})`);
      expect(part.key as number).toBeCloseTo(expected.rho, 10);
    });
  });

  it.each(reference.cases.map((item) => [item.seed, item] as const))("seed %i mistakes match numpy", (seed, item) => {
    const parts = partsOf(seed);
    item.parts.forEach((expected, index) => {
      const wrong = new Map(parts[index]!.misconceptions.map((entry) => [entry.tag, entry.value as number]));
      expect(wrong.get("acf-sums-averaged-separately")).toBeCloseTo(expected.averagedSeparately, 10);
      expect(wrong.get("acf-correlation-of-pairs")).toBeCloseTo(expected.pairCorrelation, 10);
      const uncentred = wrong.get("acf-not-centred");
      if (uncentred !== undefined) expect(uncentred).toBeCloseTo(expected.uncentred, 10);
    });
  });

  it("covers simulated and NYSE series", () => {
    const kinds = new Set(params.map((item) => item.source.kind));
    expect(kinds).toEqual(new Set(["ar1", "nyse"]));
  });

  it("tolerance covers three decimals", () => {
    for (const part of partsOf(1)) {
      if (part.spec.type !== "number" || !("abs" in part.spec.tolerance)) throw new Error("expected an absolute tolerance");
      expect(part.spec.tolerance.abs).toBeGreaterThanOrEqual(0.001);
      expect(part.spec.tolerance.abs).toBeLessThan(0.005);
    }
  });
});
