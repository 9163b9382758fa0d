import { describe, expect, it } from "vitest";

import question, { REPETITIONS } from "@/questions/bias-variance-table";

import reference from "./fixtures/bias-variance-table-reference.json";
import { keyTexts, numbersIn, readPlot, xmlErrors } from "./figure-helpers";

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

type Truth = { kind: "sine"; amplitude: number; frequency: number } | { kind: "cubic"; c1: number; c3: number };

/** The fields of a variant's parameters that the figure tests read, as the fixture stores them. */
interface FigureParams {
  truth: Truth;
  x: number[];
}

describe("bias-variance-table figure", () => {
  /** f written out from the prompt's formulas, independent of the question's own truth function. */
  function truthAt(truth: Truth, x: number): number {
    if (truth.kind === "sine") return truth.amplitude * Math.sin(truth.frequency * x);
    return truth.c1 * (x - 2) + truth.c3 * (x - 2) ** 3;
  }

  it.each(reference.cases.map((item) => [item.seed, item] as const))("seed %i draws f at the inputs", (_seed, item) => {
    const params = item.params as FigureParams;
    const content = question.build(params);
    expect(content.figures).toHaveLength(1);
    const figure = content.figures![0]!;
    expect(xmlErrors(figure.svg)).toEqual([]);

    const plot = readPlot(figure.svg);
    expect(plot.title).toBe("True function f with the training inputs");
    expect(plot.desc).toBe(figure.alt);
    expect(plot.texts).toContain("input x (no unit)");
    expect(plot.texts).toContain("f(x) (no unit)");
    expect(plot.markers).toEqual([]);

    expect(plot.points).toHaveLength(params.x.length);
    plot.points.forEach((point, i) => {
      expect(Math.abs(point.x - params.x[i]!), `x of point ${i}`).toBeLessThan(0.1 * plot.xAxis.unitsPerPixel);
      expect(Math.abs(point.y - truthAt(params.truth, params.x[i]!)), `y of point ${i}`).toBeLessThan(0.1 * plot.yAxis.unitsPerPixel);
    });
    const curve = plot.lines[0]!;
    const atOne = curve.find((point) => Math.abs(point.x - 1) < 0.1 * plot.xAxis.unitsPerPixel)!;
    expect(Math.abs(atOne.y - truthAt(params.truth, 1))).toBeLessThan(0.1 * plot.yAxis.unitsPerPixel);
  });

  it.each(reference.cases.map((item) => [item.seed, item] as const))("seed %i figure states no key", (_seed, item) => {
    const params = item.params as FigureParams;
    const content = question.build(params);
    const figure = content.figures![0]!;
    expect(figure.alt).toContain(`${params.x.length} training inputs`);

    // The best degree is left out: every degree from 0 to 6 is in the table, and the interval [0, 4]
    // names two of them. The figure must not single one out, which the curve count below checks.
    const numbers = numbersIn(figure.alt);
    const texts = readPlot(figure.svg).texts;
    for (const part of content.parts.filter((candidate) => candidate.id !== "best-degree")) {
      for (const text of keyTexts(part.key as number)) {
        expect(numbers.has(text), `${part.id} as "${text}" in the alt text`).toBe(false);
        expect(texts, `${part.id} as "${text}" in the figure`).not.toContain(text);
      }
    }
    // The figure draws f only: no curve of the table's terms, whose minimum would show the best degree.
    expect(readPlot(figure.svg).lines).toHaveLength(1);
  });
});
