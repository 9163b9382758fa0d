import { describe, expect, it } from "vitest";

import question from "@/questions/rnn-parameter-count";

type Params = Parameters<typeof question.build>[0];

const scalar = (p: number, K: number, L: number): Params =>
  ({ p, K, L, task: { kind: "scalar", story: "predicts a value" } }) as Params;
const softmax = (p: number, K: number, L: number, classes: number): Params =>
  ({ p, K, L, task: { kind: "softmax", story: "classifies a sequence", classes } }) as Params;

function partOf(params: Params) {
  const part = question.build(params).parts[0];
  if (!part) throw new Error("the question built no part");
  return part;
}

describe("rnn-parameter-count keys", () => {
  // ISLR 2nd ed. §10.5: the NYSE RNN with p = 3 inputs and K = 12 hidden units has
  // 12·4 + 12² + 13 = 205 parameters in Keras; PyTorch's nn.RNN adds a second hidden bias: 217.
  it("matches the book's NYSE network", () => {
    const part = partOf(scalar(3, 12, 5));
    expect(part.key).toBe(205);
    const pytorch = part.misconceptions.find((item) => item.tag === "rnn-two-hidden-biases");
    expect(pytorch?.value).toBe(217);
  });

  // Keras SimpleRNN(units).count_params() = units·(units + input_dim + 1); Dense(M) adds M(K+1).
  it.each([
    [10, 32, 20, 5, 32 * (32 + 10 + 1) + 5 * 33],
    [2, 4, 7, 3, 4 * (4 + 2 + 1) + 3 * 5],
    [20, 64, 40, 12, 64 * (64 + 20 + 1) + 12 * 65],
  ])("softmax p=%i K=%i L=%i M=%i has %i parameters", (p, K, L, M, expected) => {
    expect(partOf(softmax(p, K, L, M)).key).toBe(expected);
  });

  it("does not depend on the sequence length", () => {
    expect(partOf(scalar(5, 16, 5)).key).toBe(partOf(scalar(5, 16, 30)).key);
  });

  it("names the per-time-step error", () => {
    const part = partOf(scalar(3, 12, 5));
    const perStep = part.misconceptions.find((item) => item.tag === "rnn-weights-per-time-step");
    expect(perStep?.value).toBe(5 * (48 + 144) + 13);
    const noBias = part.misconceptions.find((item) => item.tag === "rnn-no-biases");
    expect(noBias?.value).toBe(36 + 144 + 12);
  });
});
