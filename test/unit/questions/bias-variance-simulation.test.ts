import { describe, expect, it } from "vitest";

import question from "@/questions/bias-variance-simulation";

import reference from "./fixtures/bias-variance-reference.json";
import { keyTexts, numbersIn, readPlot, xmlErrors } from "./figure-helpers";

type Params = Parameters<typeof question.build>[0];

describe("bias-variance-simulation keys", () => {
  // The reference values are closed forms computed with numpy by
  // fixtures/make_bias_variance_reference.py; the keys come from our Monte Carlo simulation.
  it.each(reference.cases.map((item, index) => [index, item] as const))("case %i matches the closed form", (_index, item) => {
    const content = question.build(item.params as Params);
    const byId = new Map(content.parts.map((part) => [part.id, part]));
    const expected: Record<string, number> = {
      "squared-bias": item.squaredBias,
      variance: item.variance,
      "test-mse": item.testMse,
    };
    for (const [partId, exact] of Object.entries(expected)) {
      const part = byId.get(partId)!;
      const key = part.key as number;
      // A gross error in the simulation, whatever the tolerance says.
      expect(Math.abs(key - exact) / exact, `${partId}: key ${key} vs exact ${exact}`).toBeLessThan(0.05);
      if (part.spec.type !== "number" || !("rel" in part.spec.tolerance)) throw new Error("expected a numeric part");
      const allowed = Math.max(part.spec.tolerance.abs ?? 0, (part.spec.tolerance.rel ?? 0) * Math.abs(key));
      // A student who computes the exact value must be inside the tolerance with room to spare.
      expect(Math.abs(key - exact), `${partId} exact value inside tolerance`).toBeLessThan(0.5 * allowed);
    }
  });

  it("adds the irreducible error to the test MSE", () => {
    const item = reference.cases[0]!;
    const content = question.build(item.params as Params);
    const key = (id: string) => content.parts.find((part) => part.id === id)!.key as number;
    const sigma = item.params.sigma;
    expect(key("test-mse")).toBeCloseTo(key("squared-bias") + key("variance") + sigma * sigma, 12);
  });
});

type Truth =
  | { kind: "sine"; amplitude: number; frequency: number }
  | { kind: "quadratic"; c0: number; c1: number; c2: number };

/** The fields of a variant's parameters that the figure tests read, as the fixture stores them. */
interface FigureParams {
  truth: Truth;
  x: number[];
  x0: number;
}

describe("bias-variance-simulation figure", () => {
  /** f written out from the prompt's formulas, independent of the question's own truth function. */
  function truthAt(truth: Truth, x: number): number {
    if (truth.kind === "sine") return truth.amplitude * Math.sin(truth.frequency * x);
    return truth.c0 + truth.c1 * x + truth.c2 * x * x;
  }

  it.each(reference.cases.map((item, index) => [index, item] as const))("case %i draws f at the inputs", (_index, item) => {
    const params = item.params as FigureParams;
    const content = question.build(params);
    expect(content.figures).toHaveLength(1);
    const figure = content.figures![0]!;
    expect(xmlErrors(figure.svg)).toEqual([]);

    const plot = readPlot(figure.svg);
    expect(plot.title).toBe("True function f with the training inputs and the test point");
    expect(plot.desc).toBe(figure.alt);
    expect(plot.texts).toContain("input x (no unit)");
    expect(plot.texts).toContain("f(x) (no unit)");

    // One point per training input, at (x_i, f(x_i)); coordinates are printed to 0.1 px.
    expect(plot.points).toHaveLength(params.x.length);
    plot.points.forEach((point, i) => {
      expect(Math.abs(point.x - params.x[i]!), `x of point ${i}`).toBeLessThan(0.1 * plot.xAxis.unitsPerPixel);
      expect(Math.abs(point.y - truthAt(params.truth, params.x[i]!)), `y of point ${i}`).toBeLessThan(0.1 * plot.yAxis.unitsPerPixel);
    });
    expect(plot.markers).toHaveLength(1);
    expect(Math.abs(plot.markers[0]! - params.x0)).toBeLessThan(0.1 * plot.xAxis.unitsPerPixel);

    // The curve spans [0, 4] and passes through f(2), a point of the curve's grid.
    const curve = plot.lines[0]!;
    expect(curve[0]!.x).toBeCloseTo(0, 6);
    expect(curve[curve.length - 1]!.x).toBeCloseTo(4, 2);
    const middle = curve.find((point) => Math.abs(point.x - 2) < 0.1 * plot.xAxis.unitsPerPixel)!;
    expect(Math.abs(middle.y - truthAt(params.truth, 2))).toBeLessThan(0.1 * plot.yAxis.unitsPerPixel);
  });

  it.each(reference.cases.map((item, index) => [index, item] as const))("case %i alt text states no key", (_index, item) => {
    const params = item.params as FigureParams;
    const content = question.build(params);
    const alt = content.figures![0]!.alt;
    expect(alt).toContain(`${params.x.length} training inputs`);
    expect(alt).toContain(`x0 = ${params.x0.toFixed(2)}`);

    const numbers = numbersIn(alt);
    const texts = readPlot(content.figures![0]!.svg).texts;
    for (const part of content.parts) {
      for (const text of keyTexts(part.key as number)) {
        expect(numbers.has(text), `${part.id} as "${text}" in the alt text`).toBe(false);
        expect(texts, `${part.id} as "${text}" in the figure`).not.toContain(text);
      }
    }
  });
});
