import { describe, expect, it } from "vitest";

import question from "@/questions/deep-network-parameter-count";

type Params = Parameters<typeof question.build>[0];

function partsOf(params: Params) {
  return new Map(question.build(params).parts.map((part) => [part.id, part]));
}

describe("deep-network-parameter-count keys", () => {
  // ISLR 2nd ed. §10.7 (MNIST): 784 → 256 → 128 → 10 softmax has 235,146 parameters.
  const mnist = {
    layers: [784, 256, 128, 10],
    output: "softmax" as const,
    dropout: true,
    story: "classifies $28 \\times 28$ grey-scale digit images, flattened to $p$ pixel values, into $M$ digits",
  };

  it("matches the book's MNIST network", () => {
    const parts = partsOf(mnist);
    expect(parts.get("layer-counts")!.key).toEqual([200_960, 32_896, 1_290]);
    expect(parts.get("total")!.key).toBe(235_146);
  });

  it("names the layer mistakes", () => {
    const wrong = new Map(partsOf(mnist).get("layer-counts")!.misconceptions.map((entry) => [entry.tag, entry.value]));
    expect(wrong.get("dnn-layers-no-biases")).toEqual([200_704, 32_768, 1_280]);
    expect(wrong.get("dnn-layers-bias-per-input")).toEqual([784 * 257, 256 * 129, 128 * 11]);
  });

  it("names the total mistakes", () => {
    const wrong = new Map(partsOf(mnist).get("total")!.misconceptions.map((entry) => [entry.tag, entry.value]));
    expect(wrong.get("dnn-no-biases")).toBe(234_752);
    expect(wrong.get("dnn-one-bias-per-layer")).toBe(234_755);
    expect(wrong.get("dnn-no-output-layer")).toBe(233_856);
    expect(wrong.get("dnn-input-layer-weights")).toBe(235_146 + 784 * 785);
    expect(wrong.get("dnn-scalar-output-for-softmax")).toBe(233_856 + 129);
  });

  it("gives dropout no parameters", () => {
    expect(partsOf({ ...mnist, dropout: false }).get("total")!.key).toBe(235_146);
  });

  // Hand count: 6 → 5 → 3 → 1 has 35 + 18 + 4 = 57 parameters.
  it("counts a small regression network", () => {
    const parts = partsOf({ layers: [6, 5, 3, 1], output: "linear", dropout: false, story: "predicts a value from $p$ features" });
    expect(parts.get("layer-counts")!.key).toEqual([35, 18, 4]);
    expect(parts.get("total")!.key).toBe(57);
  });
});
