import { describe, expect, it } from "vitest";

import { checkAnswer } from "@/lib/grading";
import question from "@/questions/rnn-batch-predictions";

import reference from "./fixtures/rnn-questions-reference.json";

type Params = Parameters<typeof question.build>[0];

function partsOf(params: Params) {
  return new Map(question.build(params).parts.map((part) => [part.id, part]));
}

describe("rnn-batch-predictions keys", () => {
  // Reference values: the RNN equations written out in numpy by
  // fixtures/make_rnn_questions_reference.py, each sequence started from A_0 = 0.
  it.each(reference["rnn-batch-predictions"].map((item) => [item.seed, item] as const))("seed %i matches numpy", (_seed, item) => {
    const parts = partsOf(item.params as Params);
    const predictions = parts.get("predictions")!.key as number[];
    item.predictions.forEach((value, i) => expect(predictions[i]).toBeCloseTo(value, 12));
    expect(parts.get("loss")!.key as number).toBeCloseTo(item.loss, 12);
  });
});

describe("rnn-batch-predictions mistakes", () => {
  // Hand case: K = 1, A_l = tanh(0.2 + 0.5 X_l + 0.5 A_{l−1}), O_l = 0.1 + A_l, four sequences of length 3.
  const sequences = [
    [1, -1, 0.5],
    [0.3, 0.8, -1.2],
    [-0.5, 0.6, 1.1],
    [1.5, -0.4, 0.2],
  ];
  const targets = [0.3, -0.2, 0.9, 0.1];
  const params = { sequences, targets, W: [[0.2, 0.5]], U: [[0.5]], B: [0.1, 1], story: "predicts the next value" } as Params;
  const run = (inputs: number[], start = 0, u = 0.5) => inputs.reduce((a, x) => Math.tanh(0.2 + 0.5 * x + u * a), start);
  const expected = sequences.map((sequence) => 0.1 + run(sequence));
  const loss = expected.reduce((sum, o, i) => sum + (targets[i]! - o) ** 2, 0);
  const parts = partsOf(params);
  const mistake = (partId: string, tag: string) => parts.get(partId)!.misconceptions.find((item) => item.tag === tag)!.value;

  it("computes the hand case", () => {
    (parts.get("predictions")!.key as number[]).forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 14));
    expect(parts.get("loss")!.key as number).toBeCloseTo(loss, 14);
  });

  it("carries the state across sequences", () => {
    let state = 0;
    const carried = sequences.map((sequence) => {
      state = run(sequence, state);
      return 0.1 + state;
    });
    (mistake("predictions", "batch-state-not-reset") as number[]).forEach((value, i) => expect(value).toBeCloseTo(carried[i]!, 14));
    expect(carried[0]).toBeCloseTo(expected[0]!, 14);
  });

  it("drops the recurrence and reverses the order", () => {
    const noRecurrence = sequences.map((sequence) => 0.1 + run(sequence, 0, 0));
    (mistake("predictions", "batch-no-recurrence") as number[]).forEach((value, i) => expect(value).toBeCloseTo(noRecurrence[i]!, 14));
    const reversed = sequences.map((sequence) => 0.1 + run([...sequence].reverse()));
    (mistake("predictions", "batch-reversed-order") as number[]).forEach((value, i) => expect(value).toBeCloseTo(reversed[i]!, 14));
  });

  it("averages or forgets to square the loss", () => {
    expect(mistake("loss", "batch-mean-instead-of-sum") as number).toBeCloseTo(loss / 4, 14);
    const absolute = expected.reduce((sum, o, i) => sum + Math.abs(targets[i]! - o), 0);
    expect(mistake("loss", "batch-errors-not-squared") as number).toBeCloseTo(absolute, 14);
  });

  it("accepts predictions from states rounded to three decimals", () => {
    const part = parts.get("predictions")!;
    const rounded = sequences.map((sequence) => 0.1 + sequence.reduce((a, x) => Math.round(Math.tanh(0.2 + 0.5 * x + 0.5 * a) * 1000) / 1000, 0));
    const input = `[${rounded.map((value) => value.toFixed(4)).join(", ")}]`;
    const result = checkAnswer({ spec: part.spec, key: part.key, input, misconceptions: part.misconceptions });
    expect(result).toMatchObject({ gradable: true, score: 1 });
  });

  it("ships one CSV row per sequence", () => {
    const lines = question.build(params).csv!.text.trim().split("\n");
    expect(lines[0]).toBe("i,x1,x2,x3,y");
    expect(lines[1]).toBe("1,1.0,-1.0,0.5,0.30");
    expect(lines).toHaveLength(5);
  });
});
