import { describe, expect, it } from "vitest";

import question from "@/questions/bias-variance-simulation";

import reference from "./fixtures/bias-variance-reference.json";

type Params = Parameters<typeof question.build>[0];

describe("bias-variance-simulation keys", () => {
  // The reference values are closed forms computed with numpy by
  // fixtures/make_bias_variance_reference.py; the keys come from our Monte Carlo simulation.
  it.each(reference.cases.map((item, index) => [index, item] as const))("case %i matches the closed form", (_index, item) => {
    const content = question.build(item.params as Params);
    const byId = new Map(content.parts.map((part) => [part.id, part]));
    const expected: Record<string, number> = {
      "squared-bias": item.squaredBias,
      variance: item.variance,
      "test-mse": item.testMse,
    };
    for (const [partId, exact] of Object.entries(expected)) {
      const part = byId.get(partId)!;
      const key = part.key as number;
      // A gross error in the simulation, whatever the tolerance says.
      expect(Math.abs(key - exact) / exact, `${partId}: key ${key} vs exact ${exact}`).toBeLessThan(0.05);
      if (part.spec.type !== "number" || !("rel" in part.spec.tolerance)) throw new Error("expected a numeric part");
      const allowed = Math.max(part.spec.tolerance.abs ?? 0, (part.spec.tolerance.rel ?? 0) * Math.abs(key));
      // A student who computes the exact value must be inside the tolerance with room to spare.
      expect(Math.abs(key - exact), `${partId} exact value inside tolerance`).toBeLessThan(0.5 * allowed);
    }
  });

  it("adds the irreducible error to the test MSE", () => {
    const item = reference.cases[0]!;
    const content = question.build(item.params as Params);
    const key = (id: string) => content.parts.find((part) => part.id === id)!.key as number;
    const sigma = item.params.sigma;
    expect(key("test-mse")).toBeCloseTo(key("squared-bias") + key("variance") + sigma * sigma, 12);
  });
});
