import { describe, expect, it } from "vitest";

import { AnswerSpecError, checkAnswer, previewInput, type AnswerSpec } from "@/lib/grading";

import expressionReference from "./fixtures/expression-reference.json";
import { formatError, grade } from "./helpers";

const rnn: AnswerSpec = {
  type: "expression",
  variables: [
    { name: "K", min: 1, max: 64, integer: true },
    { name: "p", min: 1, max: 64, integer: true },
  ],
};
const inX: AnswerSpec = { type: "expression", variables: [{ name: "x", min: -3, max: 3 }] };

function preview(spec: AnswerSpec, input: string) {
  const result = previewInput({ spec, input });
  if (!result.ok) throw new Error(`expected "${input}" to be read, got ${result.formatError.code}: ${result.formatError.message}`);
  return result;
}

describe("expression equivalence against SymPy", () => {
  const cases = expressionReference.cases;
  it.each(cases.map((item) => [item.student, item.key, item.expected, item] as const))("%s vs %s → %s", (student, key, expected, item) => {
    const spec: AnswerSpec = { type: "expression", variables: item.variables };
    expect(grade(spec, key, student, [], 7).correct).toBe(expected);
  });
});

describe("implicit multiplication", () => {
  it.each([
    ["2K", "2 * K"],
    ["2 K", "2 * K"],
    ["K(p+1)", "K * (p + 1)"],
    ["K (p+1)", "K * (p + 1)"],
    ["(p+1)K", "(p + 1) * K"],
    ["(K+1)(p+1)", "(K + 1) * (p + 1)"],
    ["2K^2", "2 * K^2"],
    ["K p", "K * p"],
  ])("reads %j as %j", (input, text) => {
    expect(preview(rnn, input).display.text).toBe(text);
  });

  it("follows mathjs for a number fraction before a name", () => {
    // mathjs reads 1/2K as (1/2)*K, but x/2K as x/(2*K).
    expect(preview(rnn, "1/2K").display.text).toBe("1 / 2 * K");
    expect(preview(rnn, "p/2K").display.text).toBe("p / (2 * K)");
  });

  it("grades the RNN parameter count written in several ways", () => {
    for (const input of ["K(K+p+1)", "K^2 + K p + K", "K*(p+K+1)", "(K+p+1)K", "K²+K*p+K"]) {
      expect(grade(rnn, "K^2 + K*p + K", input).correct).toBe(true);
    }
    expect(grade(rnn, "K^2 + K*p + K", "K(K+p)").correct).toBe(false);
  });

  it("calls a function name followed by brackets", () => {
    expect(preview(inX, "sin(x)").display.latex).toBe("\\sin\\left(x\\right)");
    expect(preview(inX, "log(x)").display.latex).toBe("\\ln\\left(x\\right)");
  });
});

describe("expression format errors", () => {
  it("names an unknown variable and lists the declared ones", () => {
    const error = formatError(rnn, "K", "q + K");
    expect(error.code).toBe("UNKNOWN_VARIABLE");
    expect(error.message).toContain('"q"');
    expect(error.message).toContain("K, p");
  });

  it("suggests the declared name for a case mismatch", () => {
    const error = formatError(rnn, "K", "k + 1");
    expect(error.message).toContain("Did you mean K?");
  });

  it("suggests a product for run-together names", () => {
    expect(formatError(rnn, "K", "Kp").message).toContain("K*p");
  });

  it("suggests composition for run-together functions", () => {
    expect(formatError(inX, "x", "lnabs(x)").message).toContain("ln(abs(...))");
  });

  it("names an unknown function", () => {
    const error = formatError(inX, "x", "foo(x)");
    expect(error.code).toBe("UNKNOWN_FUNCTION");
    expect(error.message).toContain('"foo"');
  });

  it("names the function with a wrong number of arguments", () => {
    const error = formatError(inX, "x", "sqrt(x, 2)");
    expect(error.code).toBe("WRONG_ARGUMENT_COUNT");
    expect(error.message).toContain("sqrt takes 1 argument, but 2 were given");
  });

  it("names a missing operator", () => {
    const error = formatError(rnn, "K", "3.1.5*K");
    expect(error.code).toBe("MISSING_OPERATOR");
    expect(error.message).toContain('"3.1" and ".5"');
  });

  it("names the digits run into a name", () => {
    const error = formatError(rnn, "K", "K2 + 1");
    expect(error.code).toBe("UNKNOWN_VARIABLE");
    expect(error.message).toContain("K*2");
  });

  it("rejects a variable applied to two arguments", () => {
    expect(formatError(rnn, "K", "K(p, 1)").code).toBe("WRONG_ARGUMENT_COUNT");
  });

  it("rejects a constant division by zero", () => {
    expect(formatError(inX, "x", "x + 1/0").code).toBe("DIVISION_BY_ZERO");
  });

  it("rejects an expression undefined on the whole domain", () => {
    const error = formatError(inX, "x", "log(-x^2 - 1)");
    expect(error.code).toBe("UNDEFINED_EVERYWHERE");
    expect(error.message).toContain("x from -3 to 3");
  });

  it("rejects spaced scientific notation as ambiguous", () => {
    expect(formatError(inX, "x", "2 e 3").code).toBe("AMBIGUOUS_E");
  });

  it("rejects a comma outside a function call", () => {
    expect(formatError(inX, "x", "1,5*x").code).toBe("DECIMAL_COMMA");
  });
});

describe("expression evaluation points", () => {
  it("gives the same verdict for the same seed", () => {
    const spec: AnswerSpec = { type: "expression", variables: [{ name: "x", min: 0, max: 1 }] };
    const verdicts = [1, 2, 3].map(() => checkAnswer({ spec, key: "x", input: "x + 1e-7*sin(1000*x)", seed: 99 }));
    expect(new Set(verdicts.map((verdict) => JSON.stringify(verdict))).size).toBe(1);
  });

  it("skips points where the key is undefined", () => {
    const spec: AnswerSpec = { type: "expression", variables: [{ name: "n", min: -3, max: 3, integer: true }] };
    expect(grade(spec, "(n^2 - 1)/(n - 1)", "n + 1").correct).toBe(true);
  });

  it("marks an answer undefined where the key is defined as wrong", () => {
    const result = grade(inX, "abs(x)", "sqrt(x)^2");
    expect(result.correct).toBe(false);
    expect(result.feedback).toContain("undefined at x =");
  });

  it("samples negative values from the declared domain", () => {
    expect(grade(inX, "abs(x)", "x").correct).toBe(false);
    expect(grade({ type: "expression", variables: [{ name: "x", min: 0.1, max: 3 }] }, "abs(x)", "x").correct).toBe(true);
  });

  it("enumerates small integer domains", () => {
    const spec: AnswerSpec = { type: "expression", variables: [{ name: "n", min: 0, max: 3, integer: true }] };
    // n(n-1)(n-2)(n-3) is zero on 0..3, so only enumeration of all four values with a
    // non-polynomial comparison could be fooled; the exact comparison is not.
    expect(grade(spec, "0", "n*(n-1)*(n-2)*(n-3)").correct).toBe(false);
  });

  it("re-checks cancellation with 50-digit decimals", () => {
    const spec: AnswerSpec = { type: "expression", variables: [] };
    expect(grade(spec, "(5*sqrt(2)-7)^7", "(19601-13860*sqrt(2))^(7/4)").correct).toBe(true);
  });

  it("compares polynomials exactly when no relTol is set", () => {
    const key = "512*(2*x+5)^7*(5*x-1)^5*(70*x+67)";
    const expanded =
      "14336000000*x^13+250265600000*x^12+1862860800000*x^11+7623925760000*x^10+18290677760000*x^9+24744757985280*x^8+14567212351488*x^7-3267871272960*x^6-6408053107200*x^5+670406720000*x^4+1179708800000*x^3-429244800000*x^2+56696000000*x-2680000000";
    expect(grade(inX, key, expanded).correct).toBe(true);
    expect(grade(inX, key, expanded.replace(/2680000000$/, "2680000001")).correct).toBe(false);
  });

  it("accepts decimals within relTol when the spec sets it", () => {
    const spec: AnswerSpec = { type: "expression", variables: [{ name: "x", min: -3, max: 3 }], relTol: 1e-6 };
    expect(grade(spec, "x/3", "0.3333333*x").correct).toBe(true);
    expect(grade(inX, "x/3", "0.3333333*x").correct).toBe(false);
  });
});

describe("expression spec errors", () => {
  it("throws AnswerSpecError for an unreadable key", () => {
    expect(() => checkAnswer({ spec: inX, key: "x +", input: "x" })).toThrow(AnswerSpecError);
  });

  it("throws AnswerSpecError for a reserved variable name", () => {
    const spec: AnswerSpec = { type: "expression", variables: [{ name: "e", min: 0, max: 1 }] };
    expect(() => checkAnswer({ spec, key: "e", input: "e" })).toThrow(AnswerSpecError);
  });

  it("throws AnswerSpecError for an empty domain", () => {
    const spec: AnswerSpec = { type: "expression", variables: [{ name: "x", min: 1, max: 1 }] };
    expect(() => checkAnswer({ spec, key: "x", input: "x" })).toThrow(AnswerSpecError);
  });

  it("throws AnswerSpecError for a key undefined on the domain", () => {
    const spec: AnswerSpec = { type: "expression", variables: [{ name: "x", min: -3, max: -1 }] };
    expect(() => checkAnswer({ spec, key: "sqrt(x)", input: "x" })).toThrow(AnswerSpecError);
  });
});
