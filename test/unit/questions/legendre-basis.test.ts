import { describe, expect, it } from "vitest";

import question from "@/questions/legendre-basis";

import reference from "./fixtures/legendre-basis-reference.json";

type Params = Parameters<typeof question.build>[0];

function keyOf(params: Params, id: string) {
  return question.build(params).parts.find((part) => part.id === id)!;
}

describe("legendre-basis keys", () => {
  // P_k values from numpy.polynomial.legendre.legval (fixtures/make_reasoning_questions_reference.py).
  it.each(reference.cases.map((item) => [item.seed, item] as const))("seed %i matches numpy", (_seed, item) => {
    const params = item.params as unknown as Params;
    expect(keyOf(params, "legendre-value").key as number).toBeCloseTo(item.value, 12);
    expect(keyOf(params, "coefficient-count").key).toBe(item.coefficientCount);
    expect(keyOf(params, "threshold-degree").key).toBe(item.thresholdDegree);
  });

  it("computes P2(0.5) = -0.125 by hand", () => {
    const part = keyOf({ interval: [-1, 1], x0: 0.5, k: 2, degree: 10, n: 50 }, "legendre-value");
    expect(part.key).toBeCloseTo(-0.125, 14);
    const values = Object.fromEntries(part.misconceptions.map((item) => [item.tag, item.value]));
    expect(values["leg-monomial-instead"]).toBeCloseTo(0.25, 14);
    expect(values["leg-degree-off-by-one"]).toBeCloseTo(0.5, 14);
    expect(values["leg-unmapped-input"]).toBeUndefined();
  });

  it("evaluates the unmapped slip at the raw input", () => {
    // On [0, 4], x0 = 3 maps to t = 0.5; P2 at the raw 3 is (3·9 − 1)/2 = 13.
    const part = keyOf({ interval: [0, 4], x0: 3, k: 2, degree: 10, n: 50 }, "legendre-value");
    expect(part.key).toBeCloseTo(-0.125, 14);
    expect(part.misconceptions.find((item) => item.tag === "leg-unmapped-input")!.value).toBeCloseTo(13, 12);
  });

  it("predicts the counting slips", () => {
    const params: Params = { interval: [-1, 1], x0: 0.5, k: 2, degree: 10, n: 50 };
    expect(keyOf(params, "coefficient-count").misconceptions[0]!.value).toBe(10);
    expect(keyOf(params, "threshold-degree").misconceptions[0]!.value).toBe(50);
  });
});
