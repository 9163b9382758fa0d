import { describe, expect, it } from "vitest";

import question from "@/questions/rnn-hidden-states";

import reference from "./fixtures/rnn-questions-reference.json";

type Params = Parameters<typeof question.build>[0];

const asList = (value: unknown) => (typeof value === "number" ? [value] : (value as number[]));

function partsOf(params: Params) {
  return new Map(question.build(params).parts.map((part) => [part.id, part]));
}

function mistake(params: Params, partId: string, tag: string): number[] {
  const found = partsOf(params)
    .get(partId)
    ?.misconceptions.find((item) => item.tag === tag);
  if (!found) throw new Error(`no misconception ${tag} on part ${partId}`);
  return asList(found.value);
}

describe("rnn-hidden-states keys", () => {
  // Reference values: the RNN equations written out in numpy by
  // fixtures/make_rnn_questions_reference.py, for the parameters of seeds 1–8.
  it.each(reference["rnn-hidden-states"].map((item) => [item.seed, item] as const))("seed %i matches numpy", (_seed, item) => {
    const parts = partsOf(item.params as Params);
    const firstState = asList(parts.get("first-state")!.key);
    const lastState = asList(parts.get("last-state")!.key);
    item.firstState.forEach((value, k) => expect(firstState[k]).toBeCloseTo(value, 12));
    item.lastState.forEach((value, k) => expect(lastState[k]).toBeCloseTo(value, 12));
    expect(parts.get("output")!.key as number).toBeCloseTo(item.output, 12);
  });
});

describe("rnn-hidden-states mistakes", () => {
  // Hand case: K = 1, p = 1, A_l = tanh(0.5 + X_l + 0.9 A_{l−1}), O_l = 0.2 + 2 A_l, X = (1, −1).
  const scalar: Params = { sequence: [[1], [-1]], W: [[0.5, 1]], U: [[0.9]], B: [0.2, 2], activation: "tanh" } as Params;
  const A1 = Math.tanh(1.5);
  const A2 = Math.tanh(0.5 - 1 + 0.9 * A1);

  it("computes the hand case", () => {
    const parts = partsOf(scalar);
    expect(parts.get("first-state")!.key as number).toBeCloseTo(A1, 14);
    expect(parts.get("last-state")!.key as number).toBeCloseTo(A2, 14);
    expect(parts.get("output")!.key as number).toBeCloseTo(0.2 + 2 * A2, 14);
  });

  it("drops the recurrent term", () => {
    expect(mistake(scalar, "last-state", "fwd-no-recurrence")[0]).toBeCloseTo(Math.tanh(-0.5), 14);
    expect(mistake(scalar, "output", "fwd-no-recurrence")[0]).toBeCloseTo(0.2 + 2 * Math.tanh(-0.5), 14);
  });

  it("drops the hidden bias at every step", () => {
    expect(mistake(scalar, "first-state", "fwd-no-hidden-bias")[0]).toBeCloseTo(Math.tanh(1), 14);
    expect(mistake(scalar, "last-state", "fwd-no-hidden-bias")[0]).toBeCloseTo(Math.tanh(-1 + 0.9 * Math.tanh(1)), 14);
  });

  it("forgets g and reverses the order", () => {
    expect(mistake(scalar, "first-state", "fwd-no-activation")[0]).toBeCloseTo(1.5, 14);
    expect(mistake(scalar, "last-state", "fwd-no-activation-last-step")[0]).toBeCloseTo(-0.5 + 0.9 * A1, 14);
    const reversedFirst = Math.tanh(-0.5);
    expect(mistake(scalar, "last-state", "fwd-reversed-order")[0]).toBeCloseTo(Math.tanh(1.5 + 0.9 * reversedFirst), 14);
  });

  it("mutates the output", () => {
    const output = 0.2 + 2 * A2;
    expect(mistake(scalar, "output", "fwd-output-activation")[0]).toBeCloseTo(Math.tanh(output), 14);
    expect(mistake(scalar, "output", "fwd-no-output-bias")[0]).toBeCloseTo(output - 0.2, 14);
    expect(mistake(scalar, "output", "fwd-output-from-previous-state")[0]).toBeCloseTo(0.2 + 2 * A1, 14);
  });

  // Two units: the in-place (Gauss–Seidel) update and the transposed U, written out by hand.
  const pairSequence = [[1], [-1], [0.5]];
  const pair = {
    sequence: pairSequence,
    W: [
      [0.1, 0.5],
      [-0.2, 0.4],
    ],
    U: [
      [0.3, -0.6],
      [0.8, 0.2],
    ],
    B: [-0.2, -1.2, 1.4],
    activation: "tanh",
  } as Params;

  it("updates two units in place", () => {
    let a = [0, 0];
    for (const [x] of pairSequence) {
      const first = Math.tanh(0.1 + 0.5 * x! + 0.3 * a[0]! - 0.6 * a[1]!);
      const second = Math.tanh(-0.2 + 0.4 * x! + 0.8 * first + 0.2 * a[1]!);
      a = [first, second];
    }
    const value = mistake(pair, "last-state", "fwd-in-place-update");
    expect(value[0]).toBeCloseTo(a[0]!, 14);
    expect(value[1]).toBeCloseTo(a[1]!, 14);
  });

  it("transposes U", () => {
    let a = [0, 0];
    for (const [x] of pairSequence) {
      a = [Math.tanh(0.1 + 0.5 * x! + 0.3 * a[0]! + 0.8 * a[1]!), Math.tanh(-0.2 + 0.4 * x! - 0.6 * a[0]! + 0.2 * a[1]!)];
    }
    const value = mistake(pair, "last-state", "fwd-transposed-u");
    expect(value[0]).toBeCloseTo(a[0]!, 14);
    expect(value[1]).toBeCloseTo(a[1]!, 14);
  });

  it("ships the sequence as CSV", () => {
    expect(question.build(pair).csv?.text).toBe("l,x1\n1,1.0\n2,-1.0\n3,0.5\n");
  });
});
