import { describe, expect, it } from "vitest";

import question from "@/questions/feed-forward-parameter-count";

type Params = Parameters<typeof question.build>[0];

function partsOf(params: Params) {
  return new Map(question.build(params).parts.map((part) => [part.id, part]));
}

function misconceptionValues(params: Params, partId: string) {
  return new Map(partsOf(params).get(partId)!.misconceptions.map((entry) => [entry.tag, entry.value]));
}

describe("feed-forward-parameter-count keys", () => {
  // ISLR 2nd ed. §10.6: the Hitters network, 19 predictors and 64 hidden units, has
  // 64·20 + 65 = 1,345 parameters.
  const hitters = { story: { kind: "hitters" }, K: 64 } as Params;

  it("matches the book's Hitters network", () => {
    const parts = partsOf(hitters);
    expect(parts.get("hidden-layer")!.key).toBe(1280);
    expect(parts.get("total")!.key).toBe(1345);
  });

  it("never keys the notes' 1,049", () => {
    const content = question.build(hitters);
    expect(content.parts.map((part) => part.key)).not.toContain(1049);
    expect(content.solution).not.toMatch(/1\D?049/);
  });

  it("names the Hitters input-count mistakes", () => {
    const wrong = misconceptionValues(hitters, "total");
    expect(wrong.get("ff-hitters-salary-as-input")).toBe(64 * 21 + 65);
    expect(wrong.get("ff-hitters-dummy-per-level")).toBe(64 * 23 + 65);
  });

  // Hand count: p = 10, K = 8, one output: 8·11 + 9 = 97.
  const regression = { story: { kind: "regression", text: "predicts a value from $p$ features", p: 10 }, K: 8 } as Params;

  it("counts a regression network", () => {
    expect(partsOf(regression).get("total")!.key).toBe(97);
  });

  it("names the bias mistakes", () => {
    const wrong = misconceptionValues(regression, "total");
    expect(wrong.get("ff-no-biases")).toBe(88);
    expect(wrong.get("ff-no-output-bias")).toBe(8 * 12);
    expect(wrong.get("ff-no-hidden-bias")).toBe(89);
    expect(wrong.get("ff-two-biases-per-unit")).toBe(8 * 12 + 9);
    const hidden = misconceptionValues(regression, "hidden-layer");
    expect(hidden.get("ff-hidden-no-bias")).toBe(80);
    expect(hidden.get("ff-hidden-bias-per-input")).toBe(90);
  });

  // Keras: Dense(20) on 30 inputs has 620 parameters, Dense(5, softmax) on 20 units 105.
  const classification = {
    story: { kind: "classification", text: "classifies $p$ features into $M$ classes", p: 30, classes: 5 },
    K: 20,
  } as Params;

  it("counts a softmax network", () => {
    expect(partsOf(classification).get("total")!.key).toBe(725);
    const wrong = misconceptionValues(classification, "total");
    expect(wrong.get("ff-scalar-output-for-softmax")).toBe(620 + 21);
    expect(wrong.get("ff-softmax-reference-class")).toBe(620 + 4 * 21);
    expect(wrong.get("ff-hidden-layer-only")).toBe(620);
  });
});
