import { describe, expect, it } from "vitest";

import question from "@/questions/output-activation-loss";

import reference from "./fixtures/rnn-questions-reference.json";

type Params = Parameters<typeof question.build>[0];

function partsOf(params: Params) {
  return new Map(question.build(params).parts.map((part) => [part.id, part]));
}

const choices = {
  activationOptions: ["tanh", "sigmoid", "linear", "softmax"],
  lossOptions: ["hinge", "squared", "categorical-cross-entropy", "binary-cross-entropy"],
};
const mistake = (params: Params, tag: string) =>
  partsOf(params)
    .get("loss-value")!
    .misconceptions.find((item) => item.tag === tag)?.value as number;

describe("output-activation-loss choices", () => {
  it("keys the sigmoid and binary cross-entropy for a binary task", () => {
    const parts = partsOf({ kind: "binary", story: "flags spam", M: 1, z: [1.2], y: 0, ...choices } as Params);
    expect(parts.get("activation")!.key).toBe("b");
    expect(parts.get("loss")!.key).toBe("d");
    const tags = parts.get("activation")!.misconceptions.map((item) => [item.value, item.tag]);
    expect(tags).toEqual([
      ["a", "loss-output-tanh"],
      ["c", "loss-output-linear"],
      ["d", "loss-output-softmax"],
    ]);
  });
});

describe("output-activation-loss values", () => {
  // Binary, z = 1.2, y = 0: −ln(1 − σ(1.2)) = ln(1 + e^1.2).
  const binary = { kind: "binary", story: "flags spam", M: 1, z: [1.2], y: 0, ...choices } as Params;
  const p = 1 / (1 + Math.exp(-1.2));

  it("computes the binary cross-entropy by hand", () => {
    expect(partsOf(binary).get("loss-value")!.key as number).toBeCloseTo(Math.log(1 + Math.exp(1.2)), 14);
    expect(mistake(binary, "loss-log10")).toBeCloseTo(Math.log10(1 + Math.exp(1.2)), 14);
    expect(mistake(binary, "loss-flipped-label")).toBeCloseTo(-Math.log(p), 14);
    expect(mistake(binary, "loss-squared-probability")).toBeCloseTo(p * p, 14);
  });

  // Three classes, z = (1, 2, 0.5), true class 1: ln(e + e² + e^0.5) − 1.
  it("computes the categorical cross-entropy by hand", () => {
    const multi = { kind: "multiclass", story: "one of $M$ topics", M: 3, z: [1, 2, 0.5], y: 0, ...choices } as Params;
    const logSum = Math.log(Math.E + Math.E ** 2 + Math.sqrt(Math.E));
    expect(partsOf(multi).get("loss-value")!.key as number).toBeCloseTo(logSum - 1, 14);
    expect(mistake(multi, "loss-no-softmax")).toBe(-1);
    expect(mistake(multi, "loss-predicted-class")).toBeCloseTo(logSum - 2, 14);
  });

  it("computes the squared error by hand", () => {
    const regression = { kind: "regression", story: "predicts", M: 1, z: [0.4], y: -0.3, ...choices } as Params;
    expect(partsOf(regression).get("loss-value")!.key as number).toBeCloseTo(0.49, 14);
    expect(mistake(regression, "loss-absolute-error")).toBeCloseTo(0.7, 14);
    expect(mistake(regression, "loss-sigmoid-on-regression")).toBeCloseTo((-0.3 - 1 / (1 + Math.exp(-0.4))) ** 2, 14);
  });

  // Reference values: log-sum-exp and log1p forms in numpy (fixtures/make_rnn_questions_reference.py).
  it.each(reference["output-activation-loss"].map((item) => [item.seed, item] as const))("seed %i matches numpy", (_seed, item) => {
    expect(partsOf(item.params as Params).get("loss-value")!.key as number).toBeCloseTo(item.lossValue, 12);
  });
});
