import { describe, expect, it } from "vitest";

import { selfTestQuestion } from "@/lib/questions/self-test";
import { drawVariant } from "@/lib/questions/variant";
import question from "@/questions/double-descent-curve";

import reference from "./fixtures/double-descent-curve-reference.json";

type Params = Parameters<typeof question.build>[0];

function csvColumn(text: string, column: string): number[] {
  const [header, ...rows] = text.trim().split("\n");
  const index = header!.split(",").indexOf(column);
  return rows.map((row) => Number(row.split(",")[index]));
}

describe("double-descent-curve keys", () => {
  // Minimum-norm Legendre fits recomputed with numpy.linalg.lstsq by
  // fixtures/make_reasoning_questions_reference.py.
  it.each(reference.cases.map((item) => [item.seed, item] as const))("seed %i matches numpy", (_seed, item) => {
    const content = question.build(item.params as Params);
    const part = (id: string) => content.parts.find((candidate) => candidate.id === id)!;

    expect(part("peak-degree").key).toBe(item.peakDegree);
    expect(part("first-minimum-degree").key).toBe(item.firstMinimumDegree);

    const lower = part("lower-minimum");
    if (lower.spec.type !== "single-choice") throw new Error("expected a single choice");
    const chosen = lower.spec.options.find((option) => option.id === lower.key)!;
    expect(chosen.text).toContain(item.secondDescentLower ? "after the peak" : "before the peak");

    const testMse = csvColumn(content.csv!.text, "test_mse");
    expect(testMse).toHaveLength(item.testMse.length);
    testMse.forEach((value, degree) => {
      expect(Math.abs(value - item.testMse[degree]!) / item.testMse[degree]!, `degree ${degree}`).toBeLessThan(1e-6);
    });
  });

  it("names the minimum-norm mechanism as the key", () => {
    const content = question.build(reference.cases[0]!.params as Params);
    const part = content.parts.find((candidate) => candidate.id === "mechanism")!;
    if (part.spec.type !== "single-choice") throw new Error("expected a single choice");
    expect(part.spec.options.find((option) => option.id === part.key)!.text).toContain("minimum-norm");
    expect(part.misconceptions).toHaveLength(3);
  });

  it("predicts n for the degree-versus-coefficients slip", () => {
    const item = reference.cases[0]!;
    const content = question.build(item.params as Params);
    const peak = content.parts.find((candidate) => candidate.id === "peak-degree")!;
    const slip = peak.misconceptions.find((misconception) => misconception.tag === "ddc-peak-at-n")!;
    expect(slip.value).toBe(item.params.n);
    expect(peak.key).toBe(item.params.n - 1);
  });

  it("draws a figure whose alt text states no degree of the answer", () => {
    const item = reference.cases[1]!;
    const content = question.build(item.params as Params);
    const figure = content.figures![0]!;
    expect(figure.svg).toContain("<title>");
    expect(figure.alt).not.toMatch(new RegExp(`\\b(${item.peakDegree}|${item.firstMinimumDegree})\\b`));
  });
});

describe("double-descent-curve self-test", () => {
  // On these seeds the first minimum lies at degree 2, which the prompt also writes as the exponent
  // of σ² and the subscript of ‖β‖₂: notation that the leak check must not count as the key.
  it.each([399, 478])("seed %i passes with a first minimum at 2", (seed) => {
    const part = drawVariant(question, seed).content.parts.find((candidate) => candidate.id === "first-minimum-degree")!;
    expect(part.key).toBe(2);
    expect(part.keyShownInPromptBecause).toBeUndefined();

    const report = selfTestQuestion(question, { seeds: 1, firstSeed: seed });
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(1);
  });
});
