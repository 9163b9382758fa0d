import { describe, expect, it } from "vitest";

import { AnswerSpecError, checkAnswer, findMisconceptionCollisions, type AnswerSpec, type Misconception } from "@/lib/grading";

import { grade } from "./helpers";

const rnnCount: AnswerSpec = { type: "integer" };
// Simple RNN with K = 32 units and p = 10 inputs: K(K + p + 1) = 1376.
const rnnMisconceptions: Misconception[] = [
  { tag: "forgot-bias", message: "Each unit also has a bias term.", value: 32 * (32 + 10) },
  { tag: "forgot-recurrent", message: "The hidden state feeds back into every unit.", value: 32 * (10 + 1) },
];

describe("misconceptions", () => {
  it("returns the tag and message of a matching misconception", () => {
    const result = grade(rnnCount, 1376, "1344", rnnMisconceptions);
    expect(result.correct).toBe(false);
    expect(result.misconceptionTag).toBe("forgot-bias");
    expect(result.feedback).toContain("Each unit also has a bias term.");
  });

  it("matches within the part's tolerance", () => {
    const spec: AnswerSpec = { type: "number", tolerance: { rel: 0.01 } };
    const misconceptions: Misconception[] = [{ tag: "variance-not-sd", message: "This is the variance; take the square root.", value: 4 }];
    expect(grade(spec, 2, "4.03", misconceptions).misconceptionTag).toBe("variance-not-sd");
    expect(grade(spec, 2, "4.1", misconceptions).misconceptionTag).toBeNull();
  });

  it("lets the correct verdict win on a collision", () => {
    const misconceptions: Misconception[] = [{ tag: "same-as-key", message: "Never shown.", value: 1376 }];
    const result = grade(rnnCount, 1376, "1376", misconceptions);
    expect(result.correct).toBe(true);
    expect(result.misconceptionTag).toBeNull();
  });

  it("prefers a question misconception over a built-in diagnosis", () => {
    const misconceptions: Misconception[] = [{ tag: "sign-convention", message: "The gradient points uphill.", value: -3 }];
    expect(grade({ type: "number", tolerance: { abs: 0.01 } }, 3, "-3", misconceptions).misconceptionTag).toBe("sign-convention");
  });

  it("matches expression misconceptions by equivalence", () => {
    const spec: AnswerSpec = { type: "expression", variables: [{ name: "K", min: 1, max: 64, integer: true }, { name: "p", min: 1, max: 64, integer: true }] };
    const misconceptions: Misconception[] = [{ tag: "forgot-bias", message: "Each unit also has a bias term.", value: "K*(K+p)" }];
    expect(grade(spec, "K*(K+p+1)", "K^2 + p*K", misconceptions).misconceptionTag).toBe("forgot-bias");
  });

  it("matches vector misconceptions with invariance", () => {
    const spec: AnswerSpec = { type: "vector", length: 2, tolerance: { abs: 1e-3 }, invariance: ["sign"] };
    const misconceptions: Misconception[] = [{ tag: "unnormalised", message: "Normalise the eigenvector.", value: [1, 1] }];
    expect(grade(spec, [Math.SQRT1_2, Math.SQRT1_2], "[-1, -1]", misconceptions).misconceptionTag).toBe("unnormalised");
  });

  it("matches choice misconceptions by selection", () => {
    const spec: AnswerSpec = { type: "single-choice", options: [{ id: "a", text: "Bias" }, { id: "b", text: "Variance" }] };
    const misconceptions: Misconception[] = [{ tag: "swapped", message: "More flexible models have more variance, not more bias.", value: "a" }];
    expect(grade(spec, "b", "a", misconceptions).misconceptionTag).toBe("swapped");
  });

  it("uses the first matching misconception in list order", () => {
    const misconceptions: Misconception[] = [
      { tag: "first", message: "First.", value: 10 },
      { tag: "second", message: "Second.", value: 10 },
    ];
    expect(grade(rnnCount, 11, "10", misconceptions).misconceptionTag).toBe("first");
  });

  it("throws AnswerSpecError for a misconception of the wrong shape", () => {
    expect(() => checkAnswer({ spec: rnnCount, key: 1, input: "1", misconceptions: [{ tag: "x", message: "m", value: [1, 2] }] })).toThrow(AnswerSpecError);
  });
});

describe("findMisconceptionCollisions", () => {
  it("lists tags whose value is judged equal to the key", () => {
    const spec: AnswerSpec = { type: "number", tolerance: { sigFigs: 2 } };
    const misconceptions: Misconception[] = [
      { tag: "rounds-the-same", message: "m", value: 1.2345 },
      { tag: "different", message: "m", value: 1.3 },
    ];
    expect(findMisconceptionCollisions({ spec, key: 1.2, misconceptions, seed: 0 })).toEqual(["rounds-the-same"]);
  });

  it("finds equivalent expressions", () => {
    const spec: AnswerSpec = { type: "expression", variables: [{ name: "x", min: -2, max: 2 }] };
    const misconceptions: Misconception[] = [{ tag: "expanded", message: "m", value: "x^2 + 2*x + 1" }];
    expect(findMisconceptionCollisions({ spec, key: "(x+1)^2", misconceptions, seed: 3 })).toEqual(["expanded"]);
  });

  it("returns nothing when no value collides", () => {
    expect(findMisconceptionCollisions({ spec: rnnCount, key: 1376, misconceptions: rnnMisconceptions })).toEqual([]);
  });
});
