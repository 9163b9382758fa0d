import { describe, expect, it } from "vitest";

import question from "@/questions/ridge-lasso-orthonormal";

type Params = Parameters<typeof question.build>[0];

function partsOf(params: Params) {
  return new Map(question.build(params).parts.map((part) => [part.id, part]));
}

function expectVectorClose(actual: unknown, expected: readonly number[]): void {
  const values = actual as number[];
  expect(values).toHaveLength(expected.length);
  values.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 12));
}

// Hand cases on β̂ = (1.6, −0.35, 0.8, −0.1). Ridge divides β̂ by 1 + a; the lasso soft-thresholds
// at t: sign(β̂)(|β̂| − t)₊.
const betaOls = [1.6, -0.35, 0.8, -0.1];

describe("ridge-lasso-orthonormal keys", () => {
  it.each([
    // convention, λ, a (ridge), t (lasso)
    ["half-lasso", 0.5, 0.5, 0.5],
    ["full", 1, 1, 0.5],
    ["half-both", 0.5, 1, 0.5],
    ["glmnet", 0.5, 0.5, 0.5],
  ] as const)("%s with λ = %f", (convention, lambda, a, t) => {
    const parts = partsOf({ convention, n: 16, lambda, betaOls });
    expectVectorClose(parts.get("ridge")!.key, betaOls.map((beta) => beta / (1 + a)));
    expectVectorClose(
      parts.get("lasso")!.key,
      betaOls.map((beta) => Math.sign(beta) * Math.max(Math.abs(beta) - t, 0)),
    );
    expect(parts.get("zero-count")!.key).toBe(2);
  });

  it("keeps exact zeros in the lasso key", () => {
    const lasso = partsOf({ convention: "half-lasso", n: 8, lambda: 0.5, betaOls }).get("lasso")!.key as number[];
    expect(lasso[1]).toBe(0);
    expect(lasso[3]).toBe(0);
  });
});

describe("ridge-lasso-orthonormal mistakes", () => {
  const parts = partsOf({ convention: "glmnet", n: 16, lambda: 0.5, betaOls });
  const ridge = new Map(parts.get("ridge")!.misconceptions.map((entry) => [entry.tag, entry.value]));
  const lasso = new Map(parts.get("lasso")!.misconceptions.map((entry) => [entry.tag, entry.value]));
  const zeros = new Map(parts.get("zero-count")!.misconceptions.map((entry) => [entry.tag, entry.value]));

  it("scales the ridge factor", () => {
    expectVectorClose(ridge.get("reg-ridge-lambda-doubled"), betaOls.map((beta) => beta / 2));
    expectVectorClose(ridge.get("reg-ridge-lambda-halved"), betaOls.map((beta) => beta / 1.25));
    expectVectorClose(ridge.get("reg-ridge-lambda-times-n"), betaOls.map((beta) => beta / 9));
    expectVectorClose(ridge.get("reg-ridge-soft-threshold"), [1.1, 0, 0.3, 0]);
  });

  it("moves the lasso threshold", () => {
    expectVectorClose(lasso.get("reg-lasso-threshold-doubled"), [0.6, 0, 0, 0]);
    expectVectorClose(lasso.get("reg-lasso-threshold-halved"), [1.35, -0.1, 0.55, 0]);
    expectVectorClose(lasso.get("reg-lasso-lambda-times-n"), [0, 0, 0, 0]);
    expectVectorClose(lasso.get("reg-lasso-hard-threshold"), [1.6, 0, 0.8, 0]);
    expectVectorClose(lasso.get("reg-lasso-proportional"), betaOls.map((beta) => beta / 1.5));
  });

  it("counts zeros at the wrong thresholds", () => {
    expect(zeros.get("reg-zeros-threshold-doubled")).toBe(3);
    expect(zeros.get("reg-zeros-threshold-halved")).toBe(1);
    expect(zeros.get("reg-zeros-none")).toBe(0);
  });
});
