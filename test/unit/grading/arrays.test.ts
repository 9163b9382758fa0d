import { describe, expect, it } from "vitest";

import { AnswerSpecError, checkAnswer, previewInput, type AnswerSpec } from "@/lib/grading";

import { formatError, grade } from "./helpers";

const vector = (extra: Partial<Extract<AnswerSpec, { type: "vector" }>> = {}): AnswerSpec => ({
  type: "vector",
  length: 3,
  tolerance: { abs: 1e-3 },
  ...extra,
});
const matrix = (extra: Partial<Extract<AnswerSpec, { type: "matrix" }>> = {}): AnswerSpec => ({
  type: "matrix",
  rows: 2,
  cols: 2,
  tolerance: { abs: 1e-3 },
  ...extra,
});

describe("vector input", () => {
  it.each(["[1, 2, 3]", "1, 2, 3", "[1,2,3]", "[[1, 2, 3]]", "[[1], [2], [3]]", "[1, 4/2, sqrt(9)]", "[1.0005, 2, 3]"])("accepts %j", (input) => {
    expect(grade(vector(), [1, 2, 3], input).correct).toBe(true);
  });

  it("rejects a wrong length as a format error naming both lengths", () => {
    const error = formatError(vector(), [1, 2, 3], "[1, 2]");
    expect(error.code).toBe("WRONG_SHAPE");
    expect(error.message).toContain("2 entries");
    expect(error.message).toContain("3 entries");
  });

  it("hints at decimal commas when there are too many entries", () => {
    expect(formatError(vector(), [1.5, 2, 3], "[1,5, 2, 3]").message).toContain("1.5, not 1,5");
  });

  it("rejects entries separated by spaces", () => {
    expect(formatError(vector(), [1, 2, 3], "[1 2 3]").code).toBe("DIGIT_GROUPING_SPACE");
  });

  it("rejects variables in entries", () => {
    expect(formatError(vector(), [1, 2, 3], "[1, x, 3]").code).toBe("VARIABLE_NOT_ALLOWED");
  });

  it("shows the vector in LaTeX", () => {
    const result = previewInput({ spec: vector(), input: "[1, 1/2, 3]" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.display.latex).toBe("\\left(1,\\ \\frac{1}{2},\\ 3\\right)");
    expect(result.parsed).toEqual([1, 0.5, 3]);
  });
});

describe("vector comparison", () => {
  it("applies the tolerance to each entry", () => {
    expect(grade(vector(), [1, 2, 3], "[1, 2, 3.0011]").correct).toBe(false);
    expect(grade(vector(), [1, 2, 3], "[1, 2, 3.001]").correct).toBe(true);
  });

  it("gives partial credit per entry when enabled", () => {
    const result = grade(vector({ partialCredit: true, length: 4 }), [1, 2, 3, 4], "[1, 2, 0, 4]");
    expect(result.score).toBe(0.75);
    expect(result.correct).toBe(false);
    expect(result.feedback).toContain("entry 3");
  });

  it("gives no partial credit by default", () => {
    expect(grade(vector({ length: 4 }), [1, 2, 3, 4], "[1, 2, 0, 4]").score).toBe(0);
  });

  it("accepts a sign flip only under sign invariance", () => {
    expect(grade(vector({ invariance: ["sign"] }), [1, -2, 3], "[-1, 2, -3]").correct).toBe(true);
    expect(grade(vector(), [1, -2, 3], "[-1, 2, -3]").correct).toBe(false);
    expect(grade(vector({ invariance: ["sign"] }), [1, -2, 3], "[-1, 2, 3]").correct).toBe(false);
  });

  it("accepts a permutation only under order invariance", () => {
    expect(grade(vector({ invariance: ["order"] }), [1, 2, 3], "[3, 1, 2]").correct).toBe(true);
    expect(grade(vector(), [1, 2, 3], "[3, 1, 2]").correct).toBe(false);
    expect(grade(vector({ invariance: ["order"] }), [1, 2, 2], "[1, 1, 2]").correct).toBe(false);
  });

  it("accepts a multiple only under scale invariance", () => {
    expect(grade(vector({ invariance: ["scale"] }), [1, 2, 3], "[2, 4, 6]").correct).toBe(true);
    expect(grade(vector({ invariance: ["scale"] }), [1, 2, 3], "[-0.5, -1, -1.5]").correct).toBe(true);
    expect(grade(vector({ invariance: ["scale"] }), [1, 2, 3], "[2, 4, 7]").correct).toBe(false);
    expect(grade(vector(), [1, 2, 3], "[2, 4, 6]").correct).toBe(false);
  });

  it("rejects the zero vector under scale invariance", () => {
    expect(grade(vector({ invariance: ["scale"] }), [1, 2, 3], "[0, 0, 0]").correct).toBe(false);
  });

  it("combines order and scale", () => {
    expect(grade(vector({ invariance: ["order", "scale"] }), [1, 2, 3], "[6, 2, 4]").correct).toBe(true);
  });

  it("accepts a unit eigenvector up to sign", () => {
    const spec = vector({ length: 2, tolerance: { abs: 1e-3 }, invariance: ["sign"] });
    expect(grade(spec, [Math.SQRT1_2, Math.SQRT1_2], "[-0.7071, -0.7071]").correct).toBe(true);
    expect(grade(spec, [Math.SQRT1_2, Math.SQRT1_2], "[-1/sqrt(2), -1/sqrt(2)]").correct).toBe(true);
  });

  it("requires significant figures in every entry", () => {
    const spec = vector({ length: 2, tolerance: { sigFigs: 2 } });
    expect(grade(spec, [1.234, 2], "[1.2, 2.0]").correct).toBe(true);
    const result = grade(spec, [1.234, 2], "[1.2, 2]");
    expect(result.correct).toBe(false);
    expect(result.feedback).toContain("Entry 2 has 1 significant figure");
  });
});

describe("matrix input", () => {
  it.each(["[[1, 2], [3, 4]]", "[1, 2; 3, 4]", "1, 2; 3, 4", "[1, 2], [3, 4]"])("accepts %j", (input) => {
    expect(grade(matrix(), [[1, 2], [3, 4]], input).correct).toBe(true);
  });

  it("reads a single row without outer brackets", () => {
    expect(grade(matrix({ rows: 1, cols: 3 }), [[1, 2, 3]], "[1, 2, 3]").correct).toBe(true);
  });

  it("names the shape of a wrong-size matrix", () => {
    const error = formatError(matrix(), [[1, 2], [3, 4]], "[[1, 0, 0], [0, 1, 0], [0, 0, 0]]");
    expect(error.code).toBe("WRONG_SHAPE");
    expect(error.message).toContain("3 rows and 3 columns");
    expect(error.message).toContain("2×2");
  });

  it("names a ragged row", () => {
    expect(formatError(matrix(), [[1, 2], [3, 4]], "[[1, 2], [3]]").message).toContain("Row 2 has 1 entry");
  });

  it("rejects deeper nesting", () => {
    expect(formatError(matrix(), [[1, 2], [3, 4]], "[[1, [2]], [3, 4]]").code).toBe("ARRAY_NOT_ALLOWED");
  });

  it("shows a matrix in LaTeX", () => {
    const result = previewInput({ spec: matrix(), input: "[1, 2; 3, 4]" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.display.latex).toBe("\\begin{bmatrix}1 & 2 \\\\ 3 & 4\\end{bmatrix}");
    expect(result.parsed).toEqual([[1, 2], [3, 4]]);
  });
});

describe("matrix comparison", () => {
  it("gives partial credit per entry", () => {
    const result = grade(matrix({ partialCredit: true }), [[1, 2], [3, 4]], "[[1, 2], [3, 5]]");
    expect(result.score).toBe(0.75);
    expect(result.feedback).toContain("(2, 2)");
  });

  it("flips the sign of each column separately", () => {
    expect(grade(matrix({ invariance: ["sign"] }), [[1, 2], [3, 4]], "[[-1, 2], [-3, 4]]").correct).toBe(true);
    expect(grade(matrix({ invariance: ["sign"] }), [[1, 2], [3, 4]], "[[-1, 2], [3, 4]]").correct).toBe(false);
  });

  it("permutes columns under order invariance", () => {
    expect(grade(matrix({ invariance: ["order", "sign"] }), [[1, 2], [3, 4]], "[[-2, 1], [-4, 3]]").correct).toBe(true);
    expect(grade(matrix({ invariance: ["order"] }), [[1, 2], [3, 4]], "[[3, 4], [1, 2]]").correct).toBe(false);
  });

  it("scales each column separately", () => {
    expect(grade(matrix({ invariance: ["scale"] }), [[1, 2], [3, 4]], "[[2, -1], [6, -2]]").correct).toBe(true);
  });

  it("scores the best column assignment with partial credit", () => {
    const result = grade(matrix({ invariance: ["order"], partialCredit: true }), [[1, 2], [3, 4]], "[[2, 1], [4, 0]]");
    expect(result.score).toBe(0.75);
  });
});

describe("array spec errors", () => {
  it("throws AnswerSpecError for a key of the wrong shape", () => {
    expect(() => checkAnswer({ spec: matrix(), key: [[1, 2]], input: "[1, 2; 3, 4]" })).toThrow(AnswerSpecError);
    expect(() => checkAnswer({ spec: vector(), key: [1, 2], input: "[1, 2, 3]" })).toThrow(AnswerSpecError);
  });

  it("throws AnswerSpecError for scale invariance with significant figures", () => {
    expect(() => checkAnswer({ spec: vector({ tolerance: { sigFigs: 2 }, invariance: ["scale"] }), key: [1, 2, 3], input: "[1, 2, 3]" })).toThrow(
      AnswerSpecError,
    );
  });

  it("throws AnswerSpecError for a non-finite key entry", () => {
    expect(() => checkAnswer({ spec: vector(), key: [1, Number.NaN, 3], input: "[1, 2, 3]" })).toThrow(AnswerSpecError);
  });
});
