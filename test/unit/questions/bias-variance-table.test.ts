import { describe, expect, it } from "vitest";

import question, { REPETITIONS } from "@/questions/bias-variance-table";

import reference from "./fixtures/bias-variance-table-reference.json";

function table(text: string): { squaredBias: number; variance: number }[] {
  return text
    .trim()
    .split("\n")
    .slice(1)
    .map((row) => {
      const [, squaredBias, variance] = row.split(",").map(Number);
      return { squaredBias: squaredBias!, variance: variance! };
    });
}

describe("bias-variance-table", () => {
  // Exact fixed-design terms from numpy hat matrices (fixtures/make_reasoning_questions_reference.py);
  // the question's table is a simulation of R training sets, so it agrees within Monte Carlo error.
  it.each(reference.cases.map((item) => [item.seed, item] as const))("seed %i table matches the closed form", (_seed, item) => {
    const content = question.build(item.params);
    const rows = table(content.csv!.text);
    rows.forEach((row, degree) => {
      const exactVariance = item.variance[degree]!;
      const exactSquaredBias = item.squaredBias[degree]!;
      // Relative SE of a variance estimate from R draws is about √(2/R); allow five of them.
      expect(Math.abs(row.variance - exactVariance), `variance at degree ${degree}`).toBeLessThan(5 * Math.sqrt(2 / REPETITIONS) * exactVariance);
      // The squared bias carries the error of the mean: 2|b|·SE + SE², with SE² = variance / R.
      const meanError = Math.sqrt(exactVariance / REPETITIONS);
      const allowed = 5 * (2 * Math.sqrt(exactSquaredBias) * meanError + meanError * meanError) + 1e-4 * exactSquaredBias;
      expect(Math.abs(row.squaredBias - exactSquaredBias), `squared bias at degree ${degree}`).toBeLessThan(allowed);
    });
  });

  it.each(reference.cases.map((item) => [item.seed, item] as const))("seed %i keys follow from the table", (_seed, item) => {
    const params = item.params;
    const content = question.build(params);
    const rows = table(content.csv!.text);
    const key = (id: string) => content.parts.find((part) => part.id === id)!.key as number;
    const sums = rows.map((row) => row.squaredBias + row.variance);
    const best = sums.indexOf(Math.min(...sums));
    expect(key("best-degree")).toBe(best);
    expect(key("test-mse")).toBeCloseTo(sums[best]! + params.sigma ** 2, 12);
    expect(key("scaled-variance")).toBeCloseTo(params.noiseFactor ** 2 * rows[best]!.variance, 12);

    // Where the exact sums separate the degrees clearly, the simulated best degree is the exact one.
    const exactSums = item.squaredBias.map((value, degree) => value + item.variance[degree]!);
    const sorted = [...exactSums].sort((a, b) => a - b);
    if (sorted[1]! > 1.15 * sorted[0]!) expect(best).toBe(exactSums.indexOf(sorted[0]!));
  });

  it("predicts the noise slips", () => {
    const item = reference.cases[0]!;
    const params = item.params;
    const content = question.build(params);
    const part = (id: string) => content.parts.find((candidate) => candidate.id === id)!;
    const mse = Object.fromEntries(part("test-mse").misconceptions.map((m) => [m.tag, m.value as number]));
    const key = part("test-mse").key as number;
    expect(mse["bvt-noise-left-out"]).toBeCloseTo(key - params.sigma ** 2, 12);
    expect(mse["bvt-sd-instead-of-variance"]).toBeCloseTo(key - params.sigma ** 2 + params.sigma, 12);
    const variance = Object.fromEntries(part("scaled-variance").misconceptions.map((m) => [m.tag, m.value as number]));
    const scaled = part("scaled-variance").key as number;
    expect(variance["bvt-variance-scales-with-sd"]).toBeCloseTo(scaled / params.noiseFactor, 12);
    expect(variance["bvt-variance-unchanged"]).toBeCloseTo(scaled / params.noiseFactor ** 2, 12);
  });
});
