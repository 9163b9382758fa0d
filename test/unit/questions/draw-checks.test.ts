import { describe, expect, it } from "vitest";

import type { Misconception } from "@/lib/grading";
import {
  allowedError,
  answersClose,
  checkKeysNotShown,
  checkMisconceptionsSeparated,
  checkNearMissMargins,
  checkRoundingEdges,
  checkSeparated,
  keyRenderings,
  maxAbsDifference,
  numberTokens,
  roundingsOf,
  type DrawTolerance,
  type LeakCheckOptions,
  type NumericAnswer,
  type RoundingEdgeOptions,
  type RoundingRule,
  type SeparationOptions,
} from "@/lib/questions/draw-checks";
import { QuestionDefinitionError, RejectDraw } from "@/lib/questions/errors";

// Expected values are worked out by hand in the comments. Most inputs are dyadic fractions
// (0.25, 1/16, 1.5625), so the arithmetic is exact in binary floating point.

/** Runs `check` and returns the reason of the `RejectDraw` it throws, or null when it accepts. */
function rejection(check: () => void): string | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof RejectDraw) return error.reason;
    throw error;
  }
}

const misconception = (value: Misconception["value"]): Misconception => ({ tag: "some-mistake", value, message: "m" });

describe("allowedError", () => {
  it.each<[string, DrawTolerance, number, number]>([
    ["plain number is absolute", 0.05, 3, 0.05],
    ["abs ignores the reference", { abs: 0.25 }, 100, 0.25],
    ["rel scales with the magnitude", { rel: 0.0625 }, -32, 2],
    ["abs wins for small references", { abs: 0.5, rel: 0.0625 }, 4, 0.5],
    ["rel wins for large references", { abs: 0.5, rel: 0.0625 }, 16, 1],
  ])("%s", (_name, tolerance, reference, expected) => {
    expect(allowedError(tolerance, reference)).toBe(expected);
  });
});

describe("maxAbsDifference", () => {
  it.each<[string, NumericAnswer, NumericAnswer, number]>([
    ["scalars", 1, 1.5, 0.5],
    ["vectors take the largest element", [1, 2, 3], [1.5, 2, 2], 1],
    ["scalar against a vector of length 1", 2, [2.25], 0.25],
  ])("%s", (_name, a, b, expected) => {
    expect(maxAbsDifference(a, b)).toBe(expected);
  });

  it("vectors of different lengths give NaN", () => {
    expect(maxAbsDifference([1, 2], [1])).toBeNaN();
  });
});

describe("answersClose", () => {
  const absolute: SeparationOptions = { tolerance: 0.25, factor: 2 };
  // Relative 1/16 with factor 4 allows a quarter of the reference magnitude: 4 at 16, 5.25 at 21.
  const relativeEarlier: SeparationOptions = { tolerance: { rel: 0.0625 }, factor: 4 };
  const relativeLarger: SeparationOptions = { ...relativeEarlier, relativeTo: "larger" };

  it.each<[string, NumericAnswer, NumericAnswer, SeparationOptions, boolean]>([
    ["gap equal to factor × tolerance is close", 1, 1.5, absolute, true],
    ["gap just above it is apart", 1, 1.5625, absolute, false],
    ["vectors close in every element", [1, 2], [1.5, 2.5], absolute, true],
    ["vectors apart in one element", [1, 2], [1, 3], absolute, false],
    ["relative to the earlier value: 5 > 4", 16, 21, relativeEarlier, false],
    ["relative to the earlier value, swapped: 5 ≤ 5.25", 21, 16, relativeEarlier, true],
    ["relative to the larger value: 5 ≤ 5.25", 16, 21, relativeLarger, true],
    ["abs and rel, abs wins: 1 > 0.5", 2, 3, { tolerance: { abs: 0.5, rel: 0.0625 }, factor: 1 }, false],
    ["abs and rel, rel wins: 1 ≤ 2", 32, 33, { tolerance: { abs: 0.5, rel: 0.0625 }, factor: 1 }, true],
    ["NaN is never close", Number.NaN, 1, absolute, false],
  ])("%s", (_name, a, b, options, expected) => {
    expect(answersClose(a, b, options)).toBe(expected);
  });
});

describe("checkSeparated", () => {
  const options: SeparationOptions = { tolerance: 0.25, factor: 2 };

  it("accepts answers more than factor × tolerance apart", () => {
    expect(rejection(() => checkSeparated("loss", [1, 2, 3], options))).toBeNull();
  });

  it("rejects two misconceptions close to each other", () => {
    // 1.75 and 2 are 0.25 apart; each is 0.75 or more away from the key 1.
    const reason = rejection(() => checkSeparated("loss", [1, 1.75, 2], options));
    expect(reason).toContain("loss");
    expect(reason).toContain("2 tolerances");
  });

  it("rejects vectors close in every element", () => {
    expect(rejection(() => checkSeparated("states", [[0, 1], [3, 3], [0.5, 1.5]], options))).not.toBeNull();
  });
});

describe("checkMisconceptionsSeparated", () => {
  const options: SeparationOptions = { tolerance: 0.25, factor: 2 };

  it("rejects a misconception close to the key", () => {
    const reason = rejection(() => checkMisconceptionsSeparated("output", 1, [misconception(3), misconception(1.25)], options));
    expect(reason).toContain("output");
  });

  it("accepts vector misconceptions far from the key", () => {
    expect(rejection(() => checkMisconceptionsSeparated("states", [0, 1], [misconception([1, 1])], options))).toBeNull();
  });

  it("raises a definition error for a non-numeric value", () => {
    expect(() => checkMisconceptionsSeparated("choice", 1, [misconception("b")], options)).toThrow(QuestionDefinitionError);
  });
});

describe("roundingsOf", () => {
  it.each<[string, number, RoundingRule, number[]]>([
    ["significant figures", 0.123456, { significantFigures: [1, 2, 3] }, [0.1, 0.12, 0.123]],
    ["decimals, exact tie rounds up", 345.25, { decimals: [0, 1] }, [345, 345.3]],
    // 1.005 is stored as 1.00499999999999989…, which rounds down.
    ["decimals of the stored binary value", 1.005, { decimals: [2] }, [1]],
    // toFixed rounds a tie away from zero, unlike Math.round (which gives −2).
    ["negative tie rounds away from zero", -2.5, { decimals: [0] }, [-3]],
  ])("%s", (_name, value, rule, expected) => {
    expect(roundingsOf(value, rule)).toEqual(expected);
  });
});

describe("checkRoundingEdges", () => {
  const significant = { significantFigures: [1, 2, 3] };

  it.each<[string, number[], RoundingEdgeOptions, boolean]>([
    // 0.1234 rounded to 2 figures is 0.12, an error of 0.0034: 0.0001 from an allowed 0.0035,
    // inside 10 % of it. The other roundings miss by 0.0234 and 0.0004.
    ["2-figure rounding on the edge", [0.1234], { tolerance: 0.0035, roundings: significant, edgeShare: 0.1 }, true],
    // With 0.005 allowed the errors 0.0234, 0.0034, 0.0004 all stay more than 0.0005 from it.
    ["roundings clear of the edge", [0.1234], { tolerance: 0.005, roundings: significant, edgeShare: 0.1 }, false],
    ["any value of a vector", [0.5, 0.1234], { tolerance: 0.0035, roundings: significant, edgeShare: 0.1 }, true],
    // 200.5 rounds to 201 (error 0.5); 0.25 % of 200.5 allows 0.50125, and 0.00125 < 2 % of it.
    ["relative tolerance on the edge", [200.5], { tolerance: { rel: 0.0025 }, roundings: { decimals: [0] }, edgeShare: 0.02 }, true],
    ["relative tolerance, negative value", [-200.5], { tolerance: { rel: 0.0025 }, roundings: { decimals: [0] }, edgeShare: 0.02 }, true],
    // 1 % of 200.5 allows 2.005, far from the error 0.5.
    ["relative tolerance clear of the edge", [200.5], { tolerance: { rel: 0.01 }, roundings: { decimals: [0] }, edgeShare: 0.02 }, false],
  ])("%s", (_name, values, options, rejected) => {
    const reason = rejection(() => checkRoundingEdges("part-a", values, options));
    expect(reason !== null).toBe(rejected);
    if (rejected) expect(reason).toContain("part-a");
  });
});

describe("checkNearMissMargins", () => {
  // Key 1.04 with abs 0.1: 1 and 2 figures give 1 (error 0.04, margin 0.6), 3 figures give the key
  // itself (no probe), and the sign flip misses by 2.08 (margin 19.8). The smallest margin is 0.6.
  const spec = { type: "number" as const, tolerance: { abs: 0.1 } };

  it("accepts a smallest margin above the minimum", () => {
    expect(rejection(() => checkNearMissMargins("mse", spec, 1.04, 0.5))).toBeNull();
  });

  it("rejects a smallest margin below the minimum", () => {
    const reason = rejection(() => checkNearMissMargins("mse", spec, 1.04, 0.7));
    expect(reason).toContain("mse");
    expect(reason).toContain("rounded to 1 significant figures");
  });
});

describe("numberTokens", () => {
  it.each<[string, string, { exponents?: boolean }, string[]]>([
    ["signed numbers also unsigned", "w = -0.5 and A_{12}", {}, ["-0.5", "0.5", "12"]],
    ["exponent read as one number", "x = 1e-3", {}, ["1e-3"]],
    ["exponent read as two numbers", "x = 1e-3", { exponents: false }, ["1", "-3", "3"]],
    ["apostrophe adds 39", "R's lm", {}, ["39"]],
    ["no numbers", "no digits here", {}, []],
  ])("%s", (_name, text, options, expected) => {
    expect([...numberTokens(text, options)].sort()).toEqual([...expected].sort());
  });
});

describe("keyRenderings", () => {
  it.each<[string, number, LeakCheckOptions, string[]]>([
    ["full precision and 3–6 figures", 0.1234567, {}, ["0.1234567", "0.123", "0.1235", "0.12346", "0.123457"]],
    ["short rounding kept by default", 0.5001, {}, ["0.5001", "0.5"]],
    ["short rounding skipped", 0.5001, { skipShort: "roundings" }, ["0.5001"]],
    ["short full precision kept under roundings", 0.3, { skipShort: "roundings" }, ["0.3"]],
    ["short full precision skipped under always", 0.3, { skipShort: "always" }, []],
    ["integer as written", 1234, {}, ["1234"]],
    ["zero kept under roundings", 0, { skipShort: "roundings" }, ["0"]],
    ["zero skipped under always", 0, { skipShort: "always" }, []],
    ["chosen figures", 2.71828, { significantFigures: [2] }, ["2.71828", "2.7"]],
  ])("%s", (_name, value, options, expected) => {
    expect(keyRenderings(value, options)).toEqual(expected);
  });
});

describe("checkKeysNotShown", () => {
  it.each<[string, number[], string, LeakCheckOptions, string | null]>([
    ["rounding to 3 figures shown", [0.12345], "w = 0.5, b = 0.123", {}, "0.123"],
    ["short rounding shown", [0.5001], "w = 0.5", {}, "0.5"],
    ["short rounding skipped", [0.5001], "w = 0.5", { skipShort: "always" }, null],
    ["positive key shown with a minus", [0.75], "u = -0.75", {}, "0.75"],
    ["negative key not matched by its unsigned text", [-0.75], "u = 0.75", {}, null],
    // 7.0004 rounds to "7" at 3 figures; "1.234e-7" contains a 7 only when exponents are split off.
    ["exponent kept whole", [7.0004], "v = 1.234e-7", {}, null],
    ["exponent split off", [7.0004], "v = 1.234e-7", { exponents: false }, "7"],
    ["apostrophe reads as 39", [39.0004], "R's lm", {}, "39"],
    ["no apostrophe", [39.0004], "Rs lm", {}, null],
    ["integer key", [12], "n = 12", {}, "12"],
  ])("%s", (_name, values, text, options, shown) => {
    const reason = rejection(() => checkKeysNotShown("part-b", values, text, options));
    if (shown === null) {
      expect(reason).toBeNull();
    } else {
      expect(reason).toContain("part-b");
      expect(reason).toContain(`"${shown}"`);
    }
  });
});
