import { describe, expect, it } from "vitest";

import question from "@/questions/all-outputs-loss";

import reference from "./fixtures/rnn-questions-reference.json";

type Params = Parameters<typeof question.build>[0];

function partsOf(params: Params) {
  return new Map(question.build(params).parts.map((part) => [part.id, part]));
}

// Hand case: A_l = tanh(0.2 + 0.9 x_l + 0.5 A_{l−1}), O_l = 0.1 + 1.1 A_l on x = (0.5, −0.6, 0.4, 0.9).
const hand = {
  series: [0.5, -0.6, 0.4, 0.9],
  w0: 0.2,
  w1: 0.9,
  u: 0.5,
  beta0: 0.1,
  beta1: 1.1,
  l: 2,
  statements: ["true-depends-on-past", "false-extra-weights", "true-same-b", "false-future-input", "true-free"],
} as Params;

const states: number[] = [];
for (const x of [0.5, -0.6, 0.4]) states.push(Math.tanh(0.2 + 0.9 * x + 0.5 * (states.at(-1) ?? 0)));
const outputs = states.map((a) => 0.1 + 1.1 * a);
const targets = [-0.6, 0.4, 0.9];
const loss = outputs.reduce((sum, o, l) => sum + (targets[l]! - o) ** 2, 0);

describe("all-outputs-loss values", () => {
  const parts = partsOf(hand);
  const mistake = (partId: string, tag: string) => parts.get(partId)!.misconceptions.find((item) => item.tag === tag)?.value;

  it("computes every output and the summed loss by hand", () => {
    (parts.get("outputs")!.key as number[]).forEach((value, l) => expect(value).toBeCloseTo(outputs[l]!, 14));
    expect(parts.get("loss")!.key as number).toBeCloseTo(loss, 14);
  });

  it("predicts the loss mistakes", () => {
    expect(mistake("loss", "allout-last-output-only") as number).toBeCloseTo((0.9 - outputs[2]!) ** 2, 14);
    const unshifted = outputs.reduce((sum, o, l) => sum + ([0.5, -0.6, 0.4][l]! - o) ** 2, 0);
    expect(mistake("loss", "allout-target-not-shifted") as number).toBeCloseTo(unshifted, 14);
    expect(mistake("loss", "allout-mean-over-steps") as number).toBeCloseTo(loss / 3, 14);
  });

  it("predicts the output mistakes", () => {
    const noRecurrence = [0.5, -0.6, 0.4].map((x) => 0.1 + 1.1 * Math.tanh(0.2 + 0.9 * x));
    (mistake("outputs", "allout-no-recurrence") as number[]).forEach((value, l) => expect(value).toBeCloseTo(noRecurrence[l]!, 14));
    (mistake("outputs", "allout-no-output-bias") as number[]).forEach((value, l) => expect(value).toBeCloseTo(outputs[l]! - 0.1, 14));
  });

  it("keys the true statements and names each slip", () => {
    const part = parts.get("statements")!;
    expect(part.key).toEqual(["a", "c", "e"]);
    expect(mistake("statements", "allout-extra-output-weights")).toEqual(["a", "b", "c", "e"]);
    expect(mistake("statements", "allout-missed-shared-output-weights")).toEqual(["a", "e"]);
  });

  // Reference values: the RNN equations written out in numpy (fixtures/make_rnn_questions_reference.py).
  it.each(reference["all-outputs-loss"].map((item) => [item.seed, item] as const))("seed %i matches numpy", (_seed, item) => {
    const seeded = partsOf(item.params as Params);
    (seeded.get("outputs")!.key as number[]).forEach((value, l) => expect(value).toBeCloseTo(item.outputs[l]!, 12));
    expect(seeded.get("loss")!.key as number).toBeCloseTo(item.loss, 12);
  });
});
