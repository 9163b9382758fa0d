import { describe, expect, it } from "vitest";

import question from "@/questions/sequential-or-independent";

import reference from "./fixtures/rnn-questions-reference.json";

type Params = Parameters<typeof question.build>[0];

function partsOf(params: Params) {
  return new Map(question.build(params).parts.map((part) => [part.id, part]));
}

// Scenario indices: 0 stock prices and 1 weather readings (time series), 4 product review (text),
// 10 random photographs, 11 Hitters players, 14 blood tests stored in order of arrival (independent).
const hand = {
  scenarios: [0, 4, 10, 14, 11, 1],
  w0: 0.3,
  w1: 0.8,
  u: 0.7,
  beta0: 0.1,
  beta1: 1.2,
  sequence: [1, -0.5, 0.7],
  l: 4,
  carryOptions: ["correct", "markov", "future", "target"],
} as Params;

const lastOutput = (inputs: number[], u = 0.7) => 0.1 + 1.2 * inputs.reduce((a, x) => Math.tanh(0.3 + 0.8 * x + u * a), 0);

describe("sequential-or-independent scenarios", () => {
  const part = partsOf(hand).get("sequential")!;
  const value = (tag: string) => part.misconceptions.find((item) => item.tag === tag)?.value;

  it("selects the ordered data sets", () => {
    expect(part.key).toEqual(["a", "b", "f"]);
  });

  it("predicts the recording-order and time-series-only mistakes", () => {
    expect(value("seq-recording-order-is-sequence")).toEqual(["a", "b", "d", "f"]);
    expect(value("seq-only-time-series")).toEqual(["a", "f"]);
  });
});

describe("sequential-or-independent outputs", () => {
  const parts = partsOf(hand);
  const forward = lastOutput([1, -0.5, 0.7]);
  const reversed = lastOutput([0.7, -0.5, 1]);

  it("computes both orders by hand", () => {
    expect(parts.get("forward-output")!.key as number).toBeCloseTo(forward, 14);
    expect(parts.get("reversed-output")!.key as number).toBeCloseTo(reversed, 14);
  });

  it("predicts the order and recurrence mistakes", () => {
    const value = (partId: string, tag: string) => parts.get(partId)!.misconceptions.find((item) => item.tag === tag)?.value as number;
    expect(value("reversed-output", "seq-order-irrelevant")).toBeCloseTo(forward, 14);
    expect(value("forward-output", "seq-no-recurrence")).toBeCloseTo(lastOutput([0.7], 0), 14);
    expect(value("reversed-output", "seq-no-recurrence")).toBeCloseTo(lastOutput([1], 0), 14);
    expect(value("forward-output", "seq-output-activation")).toBeCloseTo(Math.tanh(forward), 14);
  });

  // Reference values: the RNN equations written out in numpy (fixtures/make_rnn_questions_reference.py).
  it.each(reference["sequential-or-independent"].map((item) => [item.seed, item] as const))("seed %i matches numpy", (_seed, item) => {
    const seeded = partsOf(item.params as Params);
    expect(seeded.get("forward-output")!.key as number).toBeCloseTo(item.forwardOutput, 12);
    expect(seeded.get("reversed-output")!.key as number).toBeCloseTo(item.reversedOutput, 12);
  });
});

describe("sequential-or-independent hidden state", () => {
  it("names each wrong option", () => {
    const part = partsOf(hand).get("hidden-state")!;
    expect(part.key).toBe("a");
    expect(part.misconceptions.map((item) => [item.value, item.tag])).toEqual([
      ["b", "seq-state-last-two-inputs"],
      ["c", "seq-state-sees-future"],
      ["d", "seq-state-carries-target"],
    ]);
    if (part.spec.type !== "single-choice") throw new Error("expected a single-choice part");
    expect(part.spec.options[1]!.text).toContain("X_{3}");
  });
});
