import { describe, expect, it } from "vitest";

import { defineQuestion } from "@/lib/questions/definition";
import { selfTestQuestion } from "@/lib/questions/self-test";

/** A one-part question whose prompt shows `shown` and whose key is `key`. */
function questionShowing(shown: string, key: number) {
  return defineQuestion<null>({
    meta: { id: "leak-probe", version: "1", title: "Leak probe", topics: ["bias-variance"], difficulty: 1, expectedMinutes: 1 },
    generate: () => null,
    build: () => ({
      prompt: `The table lists x = ${shown}.`,
      parts: [
        {
          id: "value",
          label: "The value",
          spec: { type: "number", tolerance: { rel: 0.01 } },
          key,
          misconceptions: [{ tag: "doubled", value: 2 * key, message: "You doubled it." }],
        },
      ],
      solution: "Worked solution.",
    }),
  });
}

function leakFailures(shown: string, key: number) {
  return selfTestQuestion(questionShowing(shown, key), { seeds: 1 }).failures.filter((failure) => failure.check === "no-leak");
}

describe("self-test leak check", () => {
  it("finds a key shown at full precision", () => {
    expect(leakFailures("0.1800134419285556", 0.1800134419285556)).toHaveLength(1);
  });

  it("finds a key shown to four figures", () => {
    expect(leakFailures("0.1800", 0.1800134419285556)).toHaveLength(1);
    expect(leakFailures("1.016", 1.0161379835830313)).toHaveLength(1);
  });

  it("ignores data that matches a short rounding", () => {
    expect(leakFailures("0.18", 0.1800134419285556)).toHaveLength(0);
    expect(leakFailures("1.02", 1.0161379835830313)).toHaveLength(0);
  });

  it("ignores digits written as LaTeX exponents and subscripts", () => {
    expect(leakFailures("$\\sigma^2$ and $\\|\\beta\\|_2$", 2)).toHaveLength(0);
    expect(leakFailures("$10^{3}$ and $P_{13}$", 13)).toHaveLength(0);
  });

  it("finds an integer key written as data", () => {
    expect(leakFailures("2 and $\\sigma^2$", 2)).toHaveLength(1);
    expect(leakFailures("$d = 13$", 13)).toHaveLength(1);
  });
});
