import { describe, expect, it } from "vitest";

import { checkAnswer, GRADING_LIMITS, GradingFormatError, previewInput, type AnswerSpec } from "@/lib/grading";

const numberSpec: AnswerSpec = { type: "number", tolerance: { rel: 1e-6 } };
const expressionSpec: AnswerSpec = { type: "expression", variables: [{ name: "x", min: -2, max: 2 }] };
const matrixSpec: AnswerSpec = { type: "matrix", rows: 2, cols: 2, tolerance: { abs: 1e-6 } };

const HOSTILE_INPUTS: [string, string][] = [
  ["power tower", "9^9^9^9"],
  ["power tower with brackets", "9^(9^(9^9))"],
  ["huge factorial call", "factorial(100000)"],
  ["huge factorial operator", "100000!"],
  ["factorial chain", "3!!!!!!!!"],
  ["matrix constructor", "zeros(100000,100000)"],
  ["10,000 nested brackets", `${"(".repeat(10_000)}1${")".repeat(10_000)}`],
  ["10,000 nested square brackets", `${"[".repeat(10_000)}1${"]".repeat(10_000)}`],
  ["1 MB string", "1".repeat(1_000_000)],
  ["1 MB of operators", "1+".repeat(500_000)],
  ["long sign run", `${"-".repeat(3000)}1`],
  ["long power chain", Array.from({ length: 1000 }, () => "2").join("^")],
  ["many nodes", Array.from({ length: 1000 }, () => "x").join("+")],
  ["long product", Array.from({ length: 400 }, () => "(x+1)").join("*")],
  ["huge exponent", "10^(10^10)"],
  ["huge literal", `1${"0".repeat(2400)}`],
  ["import call", "import({}, {override: true})"],
  ["evaluate call", 'evaluate("1+1")'],
  ["createUnit call", 'createUnit("foo")'],
  ["parse call", 'parse("1")'],
  ["simplify call", 'simplify("x")'],
  ["property access", "x.constructor"],
  ["prototype access", "x.__proto__"],
  ["function definition", "f(x) = x"],
  ["assignment", "x = 1"],
  ["comment", "1 # 2"],
  ["string literal", '"abc"'],
  ["block", "1; 2"],
  ["range", "1:100000000"],
  ["object", "{a: 1}"],
  ["conditional", "1 ? 2 : 3"],
  ["unit conversion", "5 cm to inch"],
  ["deep function nesting", `${"sqrt(".repeat(39)}2${")".repeat(39)}`],
];

const SPECS: [string, AnswerSpec][] = [
  ["number", numberSpec],
  ["expression", expressionSpec],
  ["matrix", matrixSpec],
];

describe("hostile inputs", () => {
  for (const [specName, spec] of SPECS) {
    it.each(HOSTILE_INPUTS)(`${specName}: %s is a format error or a plain verdict`, (_name, input) => {
      const key = spec.type === "matrix" ? [[1, 2], [3, 4]] : spec.type === "expression" ? "x" : 7;
      const result = checkAnswer({ spec, key, input });
      if (!result.gradable) {
        expect(result.formatError.message.length).toBeGreaterThan(10);
        expect(result.formatError.message.length).toBeLessThan(600);
      } else {
        expect(result.correct).toBe(false);
      }
    });
  }

  it("rejects the inputs named in the limits as format errors", () => {
    for (const input of ["9^9^9^9", "factorial(100000)", "zeros(100000,100000)", `${"(".repeat(10_000)}1${")".repeat(10_000)}`, "x".repeat(1_000_000)]) {
      const result = checkAnswer({ spec: numberSpec, key: 1, input });
      expect(result.gradable).toBe(false);
    }
  });

  it("checks the length before anything else", () => {
    const result = previewInput({ spec: numberSpec, input: "(".repeat(GRADING_LIMITS.maxInputLength + 1) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.formatError.code).toBe("TOO_LONG");
  });

  it("reports deep nesting by its own code", () => {
    const result = previewInput({ spec: numberSpec, input: `${"(".repeat(100)}1${")".repeat(100)}` });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.formatError.code).toBe("TOO_DEEP");
  });

  it("returns a format error for non-string input", () => {
    const result = checkAnswer({ spec: numberSpec, key: 1, input: 42 as unknown as string });
    expect(result.gradable).toBe(false);
    if (!result.gradable) expect(result.formatError.code).toBe("NOT_A_STRING");
  });

  it("never throws a format error out of checkAnswer", () => {
    expect(() => checkAnswer({ spec: numberSpec, key: 1, input: "(((" })).not.toThrow();
    expect(GradingFormatError).toBeDefined();
  });
});

describe("time bound", () => {
  it("rejects each hostile input within 50 ms after a warm-up", () => {
    for (const [, spec] of SPECS) {
      const key = spec.type === "matrix" ? [[1, 2], [3, 4]] : spec.type === "expression" ? "x" : 7;
      for (const [, input] of HOSTILE_INPUTS) checkAnswer({ spec, key, input });
    }
    const slow: string[] = [];
    for (const [specName, spec] of SPECS) {
      const key = spec.type === "matrix" ? [[1, 2], [3, 4]] : spec.type === "expression" ? "x" : 7;
      for (const [name, input] of HOSTILE_INPUTS) {
        // Median of five runs, so that a garbage-collection pause or a busy core in a parallel test run does not decide.
        const times = [0, 1, 2, 3, 4].map(() => {
          const start = performance.now();
          checkAnswer({ spec, key, input });
          return performance.now() - start;
        });
        const median = [...times].sort((a, b) => a - b)[2] as number;
        if (median > 50) slow.push(`${specName}/${name}: ${median.toFixed(1)} ms`);
      }
    }
    expect(slow).toEqual([]);
  });
});
