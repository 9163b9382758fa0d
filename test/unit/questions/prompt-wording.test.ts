import { describe, expect, it } from "vitest";

import { buildVariant } from "@/lib/questions";

/** Prompts of the first `count` seeds of a question. */
function prompts(questionId: string, count = 40): string[] {
  return Array.from({ length: count }, (_, index) => buildVariant({ questionId, seed: index + 1 }).content.prompt);
}

// Each case is an ambiguity that a student, answering from the page alone, ran into.
describe("prompt wording", () => {
  it("threshold prompt asks for a parameter count", () => {
    for (const prompt of prompts("interpolation-threshold")) expect(prompt).toContain("counting free parameters");
  });

  it("table prompt includes the irreducible error", () => {
    for (const prompt of prompts("bias-variance-table", 10)) expect(prompt).toContain("irreducible error included");
  });

  it("damping prompt allows s beyond L", () => {
    for (const prompt of prompts("recurrence-reach")) expect(prompt).toContain("$s$ may exceed $L$");
  });

  it("spline prompt states the knot placement", () => {
    for (const prompt of prompts("natural-spline-counts")) expect(prompt).toContain("equally spaced quantiles of $x$");
  });

  it("formulas drop a coefficient of 1", () => {
    for (const questionId of ["bias-variance-simulation", "bias-variance-table"]) {
      for (const prompt of prompts(questionId, 30)) {
        expect(prompt).not.toMatch(/= 1\\sin/);
        expect(prompt).not.toMatch(/\\sin\(1\\,x\)/);
      }
    }
  });
});
