import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { AnswerSpecError, checkAnswer, previewInput, type AnswerSpec, type CheckResult } from "@/lib/grading";

const exactNumber: AnswerSpec = { type: "number", tolerance: {} };
const inXY: AnswerSpec = {
  type: "expression",
  variables: [
    { name: "x", min: 0.5, max: 2 },
    { name: "y", min: 0.5, max: 2 },
  ],
};

/** Returns true or false for a graded answer and "format error" otherwise. */
function verdictOf(result: CheckResult): boolean | "format error" {
  return result.gradable ? result.correct : "format error";
}

/** Decimal text of integer / 10^places, exactly (no float rounding). */
function decimalText(integer: bigint, places: number): string {
  const negative = integer < 0n;
  const digits = (negative ? -integer : integer).toString().padStart(places + 1, "0");
  const text = places === 0 ? digits : `${digits.slice(0, digits.length - places)}.${digits.slice(digits.length - places)}`;
  return negative ? `-${text}` : text;
}

/** Random expression text in the student syntax, with optional spaces and implicit products. */
const expressionText: fc.Arbitrary<string> = fc.letrec<{ expr: string; atom: string }>((tie) => ({
  atom: fc.oneof(
    fc.constantFrom("x", "y", "pi", "e", "2", "3.5", "0.25", "10", "1e-2", "7"),
    tie("expr").map((inner) => `(${inner})`),
    fc.tuple(fc.constantFrom("sqrt", "exp", "ln", "abs", "sin", "cos"), tie("expr")).map(([name, inner]) => `${name}(${inner})`),
  ),
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    tie("atom"),
    fc.tuple(tie("atom"), fc.constantFrom(" + ", "-", " * ", "/", "^", " − ", "×"), tie("atom")).map(([a, op, b]) => `${a}${op}${b}`),
    fc.tuple(fc.constantFrom("2", "3", "0.5"), fc.constantFrom("x", "y", "(x+1)")).map(([n, v]) => `${n}${v}`),
    tie("atom").map((a) => `-${a}`),
  ),
})).expr;

describe("round trip", () => {
  it("reads the printed form of a number back as the same double", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), (value) => {
        const first = previewInput({ spec: exactNumber, input: String(value) });
        expect(first.ok).toBe(true);
        if (first.ok) expect(first.parsed).toBe(value === 0 ? 0 : value);
      }),
      { numRuns: 500 },
    );
  });

  it("grades the printed form of a number key as correct", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), (value) => {
        const result = checkAnswer({ spec: exactNumber, key: value, input: String(value) });
        expect(result.gradable).toBe(true);
        if (result.gradable) expect(result.correct).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("reprints expressions to a fixed point", () => {
    fc.assert(
      fc.property(expressionText, (input) => {
        const first = previewInput({ spec: inXY, input });
        fc.pre(first.ok);
        if (!first.ok) return;
        const printed = first.parsed as string;
        const second = previewInput({ spec: inXY, input: printed });
        expect(second.ok).toBe(true);
        if (second.ok) expect(second.parsed).toBe(printed);
        let result;
        try {
          result = checkAnswer({ spec: inXY, key: printed, input, seed: 5 });
        } catch (error) {
          // A key undefined on most of the domain (e.g. ln of a negative) is a spec error, not a round-trip failure.
          fc.pre(!(error instanceof AnswerSpecError));
          throw error;
        }
        expect(result.gradable).toBe(true);
        if (result.gradable) expect(result.correct).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

describe("tolerance symmetry", () => {
  const decimal = fc.tuple(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), fc.integer({ min: 0, max: 6 }));

  it("gives an absolute tolerance the same verdict with answer and key swapped", () => {
    fc.assert(
      fc.property(decimal, decimal, fc.constantFrom(0, 0.001, 0.05, 1, 1000), ([a, placesA], [b, placesB], abs) => {
        const first = decimalText(a, placesA);
        const second = decimalText(b, placesB);
        const spec: AnswerSpec = { type: "number", tolerance: { abs } };
        const forward = checkAnswer({ spec, key: Number(first), input: second });
        const backward = checkAnswer({ spec, key: Number(second), input: first });
        expect(forward.gradable).toBe(true);
        expect(backward.gradable).toBe(true);
        expect(verdictOf(forward)).toBe(verdictOf(backward));
      }),
      { numRuns: 400 },
    );
  });

  it("gives the same verdict at equal distances above and below the key", () => {
    fc.assert(
      fc.property(decimal, fc.bigInt({ min: 0n, max: 10n ** 8n }), fc.constantFrom(0.001, 0.01, 0.05, 0.1), ([k, places], d, rel) => {
        const spec: AnswerSpec = { type: "number", tolerance: { rel } };
        const key = Number(decimalText(k, places));
        const above = checkAnswer({ spec, key, input: decimalText(k + d, places) });
        const below = checkAnswer({ spec, key, input: decimalText(k - d, places) });
        expect(verdictOf(above)).toBe(verdictOf(below));
      }),
      { numRuns: 400 },
    );
  });

  it("gives the same verdict when answer and key change sign together", () => {
    fc.assert(
      fc.property(decimal, decimal, fc.constantFrom({ rel: 0.05 }, { abs: 0.5 }, { sigFigs: 3 }), ([k, placesK], [s, placesS], tolerance) => {
        const spec: AnswerSpec = { type: "number", tolerance };
        const positive = checkAnswer({ spec, key: Number(decimalText(k, placesK)), input: decimalText(s, placesS) });
        const negative = checkAnswer({ spec, key: -Number(decimalText(k, placesK)), input: decimalText(-s, placesS) });
        expect(verdictOf(positive)).toBe(verdictOf(negative));
      }),
      { numRuns: 400 },
    );
  });
});

describe("no crash", () => {
  const tokens = fc.constantFrom(
    "x", "y", "K", "1", "2.5", "0", "e", "pi", "(", ")", "[", "]", "+", "-", "*", "/", "^", "!", ",", ";", " ", ".",
    "sqrt", "log", "sin", "factorial", "1e5", "1e999", "**", "×", "−", "²", "λ", "|", "=", "#", "\"", "zeros", "import", "{", "}", ":",
  );
  const soup = fc.array(tokens, { maxLength: 40 }).map((parts) => parts.join(""));
  const specs: [AnswerSpec, Parameters<typeof checkAnswer>[0]["key"]][] = [
    [{ type: "integer" }, 3],
    [{ type: "number", tolerance: { rel: 0.01 } }, 2.5],
    [{ type: "number", tolerance: { sigFigs: 3 } }, 2.5],
    [inXY, "x*y"],
    [{ type: "vector", length: 2, tolerance: { abs: 0.1 }, invariance: ["order", "scale"] }, [1, 2]],
    [{ type: "matrix", rows: 2, cols: 2, tolerance: { abs: 0.1 }, invariance: ["sign", "order"] }, [[1, 2], [3, 4]]],
    [{ type: "multiple-choice", options: [{ id: "a", text: "A" }, { id: "b", text: "B" }] }, ["a"]],
  ];

  it("returns a result or a format error for token soup", () => {
    fc.assert(
      fc.property(soup, fc.constantFrom(...specs), (input, [spec, key]) => {
        const result = checkAnswer({ spec, key, input });
        if (!result.gradable) expect(result.formatError.message.length).toBeGreaterThan(0);
        else expect(result.score).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });

  it("returns a result or a format error for arbitrary Unicode", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), fc.constantFrom(...specs), (input, [spec, key]) => {
        const preview = previewInput({ spec, input });
        expect(typeof preview.ok).toBe("boolean");
        const result = checkAnswer({ spec, key, input });
        expect(typeof result.gradable).toBe("boolean");
      }),
      { numRuns: 1000 },
    );
  });
});
