import { describe, expect, it } from "vitest";

import { countSignificantFigures, previewInput, type AnswerSpec } from "@/lib/grading";

import numericReference from "./fixtures/numeric-reference.json";
import { exact, formatError, grade, integer, previewValue } from "./helpers";

describe("reading numbers", () => {
  it.each([
    ["42", 42],
    ["  42  ", 42],
    ["-7", -7],
    ["3.25", 3.25],
    [".5", 0.5],
    ["7.", 7],
    ["1e-3", 0.001],
    ["1E-3", 0.001],
    ["1e+3", 1000],
    ["1*10^-3", 0.001],
    ["1×10^(-3)", 0.001],
    ["1·10^-3", 0.001],
    ["1 × 10^-3", 0.001],
    ["3x10^8", 3e8],
    ["3 X 10^8", 3e8],
    ["3.00x10**-8", 3e-8],
    ["1.23 e 2", 123],
    ["\u22123.5", -3.5],
    ["\u2212 1e\u22123", -0.001],
    ["1/2", 0.5],
    ["-1/-2", 0.5],
    ["3/4 + 1/4", 1],
    ["2^10", 1024],
    ["2**10", 1024],
    ["10²", 100],
    ["sqrt(16)", 4],
    ["exp(0)", 1],
    ["ln(e)", 1],
    ["log(e^2)", 2],
    ["log10(1000)", 3],
    ["log2(8)", 3],
    ["log(8, 2)", 3],
    ["5!", 120],
    ["２５", 25],
  ])("reads %j as %d", (input, value) => {
    expect(previewValue(input)).toBeCloseTo(value, 12);
  });

  it("reads pi and e as the constants", () => {
    expect(previewValue("pi")).toBe(Math.PI);
    expect(previewValue("π")).toBe(Math.PI);
    expect(previewValue("2pi")).toBe(2 * Math.PI);
    expect(previewValue("e")).toBe(Math.E);
  });

  it("reads log as the natural logarithm", () => {
    expect(previewValue("log(100)")).toBeCloseTo(Math.log(100), 14);
    expect(previewValue("log(100)")).not.toBeCloseTo(2, 3);
  });

  it.each([
    ["1,5", "DECIMAL_COMMA", "1.5"],
    ["0,25", "DECIMAL_COMMA", "0.25"],
    ["0,123", "DECIMAL_COMMA", "0.123"],
    ["1,345", "THOUSANDS_SEPARATOR", "1.345"],
    ["1,000,000", "THOUSANDS_SEPARATOR", "1000000"],
    ["3,000", "THOUSANDS_SEPARATOR", "3000"],
    ["1,2,3", "DECIMAL_COMMA", ","],
  ])("rejects the comma in %j (%s)", (input, code, named) => {
    const error = formatError(exact, 1, input);
    expect(error.code).toBe(code);
    expect(error.message).toContain(named);
  });

  it("names both readings of an ambiguous comma", () => {
    const error = formatError(exact, 1345, "1,345");
    expect(error.message).toContain("1.345");
    expect(error.message).toContain("1345");
  });

  it.each([
    ["", "EMPTY"],
    ["   ", "EMPTY"],
    ["1 000", "DIGIT_GROUPING_SPACE"],
    ["1 2 3", "DIGIT_GROUPING_SPACE"],
    ["1.2.3", "MISSING_OPERATOR"],
    ["(", "SYNTAX"],
    ["2*", "SYNTAX"],
    ["!", "SYNTAX"],
    ["x", "VARIABLE_NOT_ALLOWED"],
    ["1/0", "DIVISION_BY_ZERO"],
    ["0^-1", "DIVISION_BY_ZERO"],
    ["sqrt(-2)", "NOT_REAL"],
    ["(-8)^(1/3)", "NOT_REAL"],
    ["ln(0)", "DIVISION_BY_ZERO"],
    ["inf", "NOT_ALLOWED"],
    ["Infinity", "NOT_ALLOWED"],
    ["NaN", "NOT_ALLOWED"],
    ["5%", "INVALID_CHARACTER"],
    ["x = 5", "INVALID_CHARACTER"],
    ["|3|", "INVALID_CHARACTER"],
    ["\\frac{1}{2}", "INVALID_CHARACTER"],
    ["0x1F", "RADIX_LITERAL"],
    ["0b101", "RADIX_LITERAL"],
    ["[1, 2]", "ARRAY_NOT_ALLOWED"],
    ["5 mod 2", "NOT_ALLOWED"],
    ["sin 2", "FUNCTION_WITHOUT_BRACKETS"],
    ["sqrt(1, 2)", "WRONG_ARGUMENT_COUNT"],
    ["foo(2)", "UNKNOWN_FUNCTION"],
    ["2.5!", "NOT_ALLOWED"],
    ["1e999", "OUT_OF_RANGE"],
    ["10^400", "OUT_OF_RANGE"],
  ])("rejects %j with %s", (input, code) => {
    expect(formatError(exact, 1, input).code).toBe(code);
  });

  it("names the misplaced point", () => {
    const error = formatError(exact, 1, "1.2.3");
    expect(error.message).toContain(".3");
  });
});

describe("integer answers", () => {
  it.each([
    ["1024", 1024],
    ["2^10", 1024],
    ["4.0", 4],
    ["8/2", 4],
    ["1e3", 1000],
    ["-3", -3],
    ["20!/18!", 380],
    ["log(e^3)", 3],
  ])("accepts %j for %d", (input, key) => {
    expect(grade(integer, key, input).correct).toBe(true);
  });

  it("rejects a non-integer as a format error", () => {
    const error = formatError(integer, 3, "3.14");
    expect(error.code).toBe("NOT_INTEGER");
    expect(error.message).toContain("3.14");
  });

  it("marks a different integer wrong", () => {
    const result = grade(integer, 1024, "1023");
    expect(result.correct).toBe(false);
    expect(result.score).toBe(0);
    expect(result.feedback).not.toContain("1024");
  });

  it("compares large integers exactly", () => {
    expect(grade(integer, 2 ** 53 - 1, "2^53 - 1").correct).toBe(true);
    expect(grade(integer, 2 ** 53 - 1, "2^53 - 2").correct).toBe(false);
  });

  it("diagnoses a sign error", () => {
    expect(grade(integer, 12, "-12").misconceptionTag).toBe("sign-error");
  });
});

describe("tolerance boundaries", () => {
  const cases = numericReference.tolerance as { student: string; key: string; abs: string | null; rel: string | null; expected: boolean }[];

  it.each(cases.map((item) => [item.student, item.key, item.abs, item.rel, item.expected] as const))(
    "%s vs key %s (abs %s, rel %s) → %s",
    (student, key, abs, rel, expected) => {
      const tolerance: { abs?: number; rel?: number } = {};
      if (abs !== null) tolerance.abs = Number(abs);
      if (rel !== null) tolerance.rel = Number(rel);
      expect(grade({ type: "number", tolerance }, Number(key), student).correct).toBe(expected);
    },
  );

  it("accepts within either bound when abs and rel are both given", () => {
    const spec: AnswerSpec = { type: "number", tolerance: { abs: 0.1, rel: 0.5 } };
    expect(grade(spec, 2, "2.9").correct).toBe(true);
    expect(grade(spec, 2, "3.1").correct).toBe(false);
    expect(grade({ type: "number", tolerance: { abs: 0.5, rel: 0.01 } }, 2, "2.5").correct).toBe(true);
  });

  it("treats an empty tolerance as exact equality", () => {
    expect(grade(exact, 0.1, "0.1").correct).toBe(true);
    expect(grade(exact, 0.1, "1/10").correct).toBe(true);
    expect(grade(exact, 0.1, "0.1000000001").correct).toBe(false);
  });

  it("compares irrational answers in floating point with a few ulps of slack", () => {
    const spec: AnswerSpec = { type: "number", tolerance: { rel: 1e-12 } };
    expect(grade(spec, Math.SQRT2, "sqrt(2)").correct).toBe(true);
    expect(grade(spec, Math.SQRT2 * (1 + 1e-11), "sqrt(2)").correct).toBe(false);
    expect(grade({ type: "number", tolerance: { abs: 0 } }, Math.PI, "pi").correct).toBe(true);
  });

  it("gives a power-of-ten diagnosis without the key", () => {
    const result = grade({ type: "number", tolerance: { rel: 0.01 } }, 0.0372, "3.72");
    expect(result.correct).toBe(false);
    expect(result.misconceptionTag).toBe("power-of-ten-error");
    expect(result.feedback).not.toContain("0.0372");
  });
});

describe("significant figures", () => {
  it.each(numericReference.sigFigCounts.map((item) => [item.text, item.min, item.max, item.decimalPlaces] as const))(
    "counts %j as %d to %s figures",
    (text, min, max, decimalPlaces) => {
      const count = countSignificantFigures(text.replace(/[eE].*$/, ""));
      expect(count.min).toBe(min);
      expect(count.max).toBe(max ?? Number.POSITIVE_INFINITY);
      expect(count.decimalPlaces).toBe(decimalPlaces);
    },
  );

  it.each(numericReference.sigFigRounding.map((item) => [item.key, item.figures, item.rounded] as const))(
    "key %s at %d figures accepts %s",
    (key, figures, rounded) => {
      const spec: AnswerSpec = { type: "number", tolerance: { sigFigs: figures } };
      expect(grade(spec, Number(key), rounded).correct).toBe(true);
    },
  );

  it.each(numericReference.sigFigRounding.map((item) => [item.key, item.figures, item.neighbours] as const))(
    "key %s at %d figures rejects the neighbours %j",
    (key, figures, neighbours) => {
      const spec: AnswerSpec = { type: "number", tolerance: { sigFigs: figures } };
      for (const neighbour of neighbours) expect(grade(spec, Number(key), neighbour).correct).toBe(false);
    },
  );

  const threeFigures: AnswerSpec = { type: "number", tolerance: { sigFigs: 3 } };

  it("rejects fewer figures than asked, naming both counts", () => {
    const result = grade({ type: "number", tolerance: { sigFigs: 4 } }, 1 / 6, "0.167");
    expect(result.correct).toBe(false);
    expect(result.feedback).toContain("3 significant figures");
    expect(result.feedback).toContain("asks for 4");
  });

  it("accepts more figures when every figure is right", () => {
    expect(grade(threeFigures, Math.PI, "3.1416").correct).toBe(true);
    expect(grade(threeFigures, Math.PI, "3.14159265").correct).toBe(true);
  });

  it("rejects more figures when an extra figure is wrong", () => {
    expect(grade(threeFigures, Math.PI, "3.141").correct).toBe(false);
    expect(grade(threeFigures, Math.PI, "3.1415").correct).toBe(false);
  });

  it("accepts trailing zeros of an integer as significant or not", () => {
    expect(grade({ type: "number", tolerance: { sigFigs: 2 } }, 999, "1000").correct).toBe(true);
    expect(grade({ type: "number", tolerance: { sigFigs: 2 } }, 12700, "13000").correct).toBe(true);
    expect(grade({ type: "number", tolerance: { sigFigs: 4 } }, 1234, "1200").correct).toBe(false);
  });

  it("accepts zero at any requested precision when the key is zero", () => {
    expect(grade(threeFigures, 0, "0").correct).toBe(true);
    expect(grade(threeFigures, 0, "0.00").correct).toBe(true);
    expect(grade(threeFigures, 0.001, "0.00").correct).toBe(false);
  });

  it("reads scientific notation by its mantissa", () => {
    expect(grade(threeFigures, 0.0012345, "1.23e-3").correct).toBe(true);
    expect(grade(threeFigures, 0.0012345, "1.23×10^-3").correct).toBe(true);
    expect(grade(threeFigures, 0.0012345, "1.2e-3").correct).toBe(false);
  });

  it("requires a decimal number, not an expression", () => {
    expect(formatError(threeFigures, 1 / 7, "1/7").code).toBe("NOT_A_DECIMAL");
  });

  it("rounds halves away from zero in decimal", () => {
    expect(grade(threeFigures, 0.04985, "0.0499").correct).toBe(true);
    expect(grade(threeFigures, 0.04985, "0.0498").correct).toBe(false);
    expect(grade(threeFigures, -2.675, "-2.68").correct).toBe(true);
  });
});

describe("number display", () => {
  function display(input: string) {
    const result = previewInput({ spec: exact, input });
    if (!result.ok) throw new Error(`expected "${input}" to be read, got ${result.formatError.code}`);
    return result.display;
  }

  it("shows scientific notation as a power of ten", () => {
    expect(display("1.5e-3").latex).toBe("1.5 \\times 10^{-3}");
    expect(display("1.5*10^-3").latex).toBe("1.5 \\times {10}^{-3}");
  });

  it("shows the value of a calculation", () => {
    expect(display("1/4").text).toBe("1 / 4 = 0.25");
    expect(display("1/4").latex).toBe("\\frac{1}{4} = 0.25");
    expect(display("1/3").text).toBe("1 / 3 ≈ 0.333333");
  });

  it("keeps trailing zeros as typed", () => {
    expect(display("1.50").text).toBe("1.50");
  });
});
