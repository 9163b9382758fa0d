import { describe, expect, it } from "vitest";

import question from "@/questions/minimum-norm-solution";

import reference from "./fixtures/minimum-norm-reference.json";

type Params = Parameters<typeof question.build>[0];

describe("minimum-norm-solution keys", () => {
  // numpy.linalg.pinv(X) @ y, written by fixtures/make_minimum_norm_reference.py.
  it.each(reference.cases.map((item) => [item.seed, item] as const))("seed %i matches numpy", (_seed, item) => {
    const content = question.build(item.params as Params);
    const coefficients = content.parts.find((part) => part.id === "coefficients")!.key as number[];
    expect(coefficients).toHaveLength(item.coefficients.length);
    coefficients.forEach((value, j) => expect(value).toBeCloseTo(item.coefficients[j]!, 9));
    expect(content.parts.find((part) => part.id === "norm")!.key as number).toBeCloseTo(item.norm, 9);
  });

  it("interpolates and beats the basic solution", () => {
    const X = [
      [1, 2, 0],
      [0, 1, 1],
    ];
    const y = [3, 2];
    const content = question.build({ X, y });
    const part = content.parts.find((item) => item.id === "coefficients")!;
    const beta = part.key as number[];
    X.forEach((row, i) => expect(row.reduce((sum, value, j) => sum + value * beta[j]!, 0)).toBeCloseTo(y[i]!, 12));

    // By hand: XXᵀ = [[5, 2], [2, 2]], w = (XXᵀ)⁻¹y = (1/6)(2, 4), β = Xᵀw = (1/3, 4/3, 2/3).
    expect(beta[0]).toBeCloseTo(1 / 3, 12);
    expect(beta[1]).toBeCloseTo(4 / 3, 12);
    expect(beta[2]).toBeCloseTo(2 / 3, 12);

    // Setting β₃ = 0 gives β = (−1, 2, 0), which also interpolates but has a larger norm.
    const basic = part.misconceptions.find((item) => item.tag === "mn-basic-solution")!.value as number[];
    expect(basic).toEqual([-1, 2, 0]);
    expect(Math.hypot(...basic)).toBeGreaterThan(Math.hypot(...beta));
    expect(part.misconceptions.find((item) => item.tag === "mn-skipped-gram-inverse")!.value).toEqual([3, 8, 2]);
  });
});
