import { describe, expect, it } from "vitest";

import { checkAnswer } from "@/lib/grading";
import question from "@/questions/recurrence-reach";

import reference from "./fixtures/rnn-questions-reference.json";

type Params = Parameters<typeof question.build>[0];

const base = { L: 6, l: 4, u: 0.8, w1: 2, epsilon: 0.1, order: [0, 1, 2, 3, 4, 5] };

function partsOf(params: unknown) {
  return new Map(question.build(params as Params).parts.map((part) => [part.id, part]));
}

describe("recurrence-reach damping", () => {
  // 0.8^10 = 0.107 and 0.8^11 = 0.0859, so the effect first drops below 10 % after 11 steps.
  it("counts the steps by hand", () => {
    const part = partsOf(base).get("damping")!;
    expect(part.key).toBe(11);
    const value = (tag: string) => part.misconceptions.find((item) => item.tag === tag)?.value;
    expect(value("reach-last-step-above")).toBe(10);
    // 2·0.8^13 = 0.110 and 2·0.8^14 = 0.088.
    expect(value("reach-absolute-effect")).toBe(14);
    // A fixed loss of 0.2 per step: ⌈0.9 / 0.2⌉ = 5.
    expect(value("reach-linear-decay")).toBe(5);
    expect(value("reach-signed-power")).toBeUndefined();
  });

  it("adds the signed-power mistake for negative u", () => {
    const part = partsOf({ ...base, u: -0.8 }).get("damping")!;
    expect(part.key).toBe(11);
    expect(part.misconceptions.find((item) => item.tag === "reach-signed-power")?.value).toBe(1);
  });

  // Reference: floor(ln ε / ln |u|) + 1 with numpy's logarithms (fixtures/make_rnn_questions_reference.py).
  it.each(reference["recurrence-reach"].map((item) => [item.seed, item] as const))("seed %i matches the logarithm rule", (_seed, item) => {
    expect(partsOf(item.params as Params).get("damping")!.key).toBe(item.damping);
  });
});

describe("recurrence-reach inputs", () => {
  it("selects the inputs up to step l", () => {
    const part = partsOf(base).get("reach")!;
    expect(part.key).toEqual(["a", "b", "c", "d"]);
    const value = (tag: string) => part.misconceptions.find((item) => item.tag === tag)?.value;
    expect(value("reach-current-input-only")).toEqual(["d"]);
    expect(value("reach-previous-step-only")).toEqual(["c", "d"]);
    expect(value("reach-whole-sequence")).toEqual(["a", "b", "c", "d", "e", "f"]);
  });

  it("keeps ids in displayed order after shuffling", () => {
    const shuffled = { ...base, order: [5, 3, 0, 4, 1, 2] };
    const part = partsOf(shuffled).get("reach")!;
    if (part.spec.type !== "multiple-choice") throw new Error("expected a multiple-choice part");
    expect(part.spec.options.map((option) => option.id)).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(part.spec.options[0]!.text).toBe("$X_{6}$");
    // X_1 … X_4 are shown at positions c, e, f, b.
    expect([...(part.key as string[])].sort()).toEqual(["b", "c", "e", "f"]);
    // Selecting X_4 alone (position b) is the feed-forward view.
    const result = checkAnswer({ spec: part.spec, key: part.key, input: "b", misconceptions: part.misconceptions });
    expect(result).toMatchObject({ gradable: true, misconceptionTag: "reach-current-input-only" });
  });
});
