import { describe, expect, it } from "vitest";

import question from "@/questions/natural-spline-counts";

import reference from "./fixtures/natural-spline-counts-reference.json";

describe("natural-spline-counts keys", () => {
  // Minimum-norm fits in a natural-spline basis written independently in numpy
  // (fixtures/make_reasoning_questions_reference.py).
  it.each(reference.cases.map((item) => [item.seed, item] as const))("seed %i matches numpy", (_seed, item) => {
    const params = item.params;
    const content = question.build(params);
    const part = (id: string) => content.parts.find((candidate) => candidate.id === id)!;

    const choice = part("interpolating-fits");
    if (choice.spec.type !== "multiple-choice") throw new Error("expected a multiple choice");
    const expected = params.order
      .map((offeredIndex, position) => ({ id: String.fromCharCode(97 + position), interpolates: item.interpolates[offeredIndex]! }))
      .filter((option) => option.interpolates)
      .map((option) => option.id);
    expect([...(choice.key as string[])].sort()).toEqual(expected.sort());

    expect(part("interior-knots").key).toBe(item.interiorKnots);
    expect(part("cubic-spline-coefficients").key).toBe(item.cubicSplineCoefficients);
  });

  it("predicts the knot-counting slips", () => {
    const item = reference.cases[0]!;
    const content = question.build(item.params);
    const knots = content.parts.find((part) => part.id === "interior-knots")!;
    const byTag = Object.fromEntries(knots.misconceptions.map((misconception) => [misconception.tag, misconception.value]));
    expect(byTag["ns-boundary-knots-counted"]).toBe(item.params.countDf);
    expect(byTag["ns-cubic-spline-rule"]).toBe(item.params.countDf - 4);
  });
});
