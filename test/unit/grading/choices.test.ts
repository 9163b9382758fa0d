import { describe, expect, it } from "vitest";

import { createRng } from "@/lib/numerics";
import { AnswerSpecError, assertDistinctOptions, checkAnswer, multipleChoiceScore, shuffleOptions, type AnswerSpec } from "@/lib/grading";

import { formatError, grade } from "./helpers";

const options = [
  { id: "q7", text: "Ridge regression shrinks coefficients" },
  { id: "m2", text: "Lasso can set coefficients exactly to zero" },
  { id: "x9", text: "Ridge sets coefficients exactly to zero" },
  { id: "b4", text: "Both are unbiased estimators" },
];
const single: AnswerSpec = { type: "single-choice", options };
const multiple: AnswerSpec = { type: "multiple-choice", options };

describe("single choice", () => {
  it("accepts the correct id", () => {
    expect(grade(single, "m2", "m2").correct).toBe(true);
    expect(grade(single, "m2", " m2 ").correct).toBe(true);
  });

  it("marks another id wrong", () => {
    const result = grade(single, "m2", "x9");
    expect(result.correct).toBe(false);
    expect(result.score).toBe(0);
  });

  it.each([
    ["", "NO_SELECTION"],
    ["m2,q7", "NOT_ALLOWED"],
    ["zz", "UNKNOWN_OPTION"],
  ])("rejects %j with %s", (input, code) => {
    expect(formatError(single, "m2", input).code).toBe(code);
  });
});

describe("multiple choice", () => {
  it("accepts the correct set in any order", () => {
    expect(grade(multiple, ["q7", "m2"], "m2,q7").correct).toBe(true);
    expect(grade(multiple, ["q7", "m2"], "q7, m2, q7").correct).toBe(true);
  });

  it.each([
    [["q7"], 0.5],
    [["q7", "x9"], 0],
    [["q7", "m2", "x9"], 0.5],
    [["q7", "m2", "x9", "b4"], 0],
    [["x9"], 0],
  ])("scores %j as %d", (selected, score) => {
    const result = grade(multiple, ["q7", "m2"], selected.join(","));
    expect(result.score).toBe(score);
    expect(result.correct).toBe(false);
  });

  it("computes max(0, (right − wrong) / correct)", () => {
    expect(multipleChoiceScore(["a", "b", "c"], ["a", "b", "d"])).toBeCloseTo(1 / 3, 15);
    expect(multipleChoiceScore(["a", "b", "d"], ["a", "b", "d"])).toBe(1);
  });

  it("rejects an empty selection", () => {
    expect(formatError(multiple, ["q7"], "").code).toBe("NO_SELECTION");
  });

  it("returns the selection in option order", () => {
    expect(grade(multiple, ["q7", "m2"], "b4,q7").parsed).toEqual(["q7", "b4"]);
  });
});

describe("options", () => {
  it("shuffles per variant and keeps every option", () => {
    const first = shuffleOptions(options, createRng(1));
    const again = shuffleOptions(options, createRng(1));
    expect(first).toEqual(again);
    expect([...first].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...options].sort((a, b) => a.id.localeCompare(b.id)));
    expect(options[0]?.id).toBe("q7");
  });

  it("gives different orders for different seeds", () => {
    const orders = new Set(Array.from({ length: 20 }, (_, seed) => shuffleOptions(options, createRng(seed)).map((option) => option.id).join()));
    expect(orders.size).toBeGreaterThan(5);
  });

  it("throws on duplicate texts and ids", () => {
    expect(() => assertDistinctOptions([{ id: "a", text: "Yes" }, { id: "b", text: " yes " }])).toThrow(AnswerSpecError);
    expect(() => assertDistinctOptions([{ id: "a", text: "Yes" }, { id: "a", text: "No" }])).toThrow(AnswerSpecError);
    expect(() => assertDistinctOptions(options)).not.toThrow();
  });

  it("throws AnswerSpecError for a key that is not an option", () => {
    expect(() => checkAnswer({ spec: single, key: "nope", input: "q7" })).toThrow(AnswerSpecError);
    expect(() => checkAnswer({ spec: multiple, key: [], input: "q7" })).toThrow(AnswerSpecError);
  });
});
