import { describe, expect, it } from "vitest";

import { RejectDraw } from "@/lib/questions/errors";
import question from "@/questions/legendre-basis";

import { keyTexts, numbersIn, readPlot, xmlErrors } from "./figure-helpers";
import reference from "./fixtures/legendre-basis-reference.json";

type Params = Parameters<typeof question.build>[0];

function keyOf(params: Params, id: string) {
  return question.build(params).parts.find((part) => part.id === id)!;
}

describe("legendre-basis keys", () => {
  // P_k values from numpy.polynomial.legendre.legval (fixtures/make_reasoning_questions_reference.py).
  it.each(reference.cases.map((item) => [item.seed, item] as const))("seed %i matches numpy", (_seed, item) => {
    const params = item.params as unknown as Params;
    expect(keyOf(params, "legendre-value").key as number).toBeCloseTo(item.value, 12);
    expect(keyOf(params, "coefficient-count").key).toBe(item.coefficientCount);
    expect(keyOf(params, "threshold-degree").key).toBe(item.thresholdDegree);
  });

  it("computes P2(0.5) = -0.125 by hand", () => {
    const part = keyOf({ interval: [-1, 1], x0: 0.5, k: 2, degree: 10, n: 50 }, "legendre-value");
    expect(part.key).toBeCloseTo(-0.125, 14);
    const values = Object.fromEntries(part.misconceptions.map((item) => [item.tag, item.value]));
    expect(values["leg-monomial-instead"]).toBeCloseTo(0.25, 14);
    expect(values["leg-degree-off-by-one"]).toBeCloseTo(0.5, 14);
    expect(values["leg-unmapped-input"]).toBeUndefined();
  });

  it("evaluates the unmapped slip at the raw input", () => {
    // On [0, 4], x0 = 3 maps to t = 0.5; P2 at the raw 3 is (3·9 − 1)/2 = 13.
    const part = keyOf({ interval: [0, 4], x0: 3, k: 2, degree: 10, n: 50 }, "legendre-value");
    expect(part.key).toBeCloseTo(-0.125, 14);
    expect(part.misconceptions.find((item) => item.tag === "leg-unmapped-input")!.value).toBeCloseTo(13, 12);
  });

  it("predicts the counting slips", () => {
    const params: Params = { interval: [-1, 1], x0: 0.5, k: 2, degree: 10, n: 50 };
    expect(keyOf(params, "coefficient-count").misconceptions[0]!.value).toBe(10);
    expect(keyOf(params, "threshold-degree").misconceptions[0]!.value).toBe(50);
  });
});

describe("legendre-basis figure", () => {
  /** P_2 … P_5 written out from their closed forms. */
  const LEGENDRE: Record<number, (t: number) => number> = {
    2: (t) => (3 * t ** 2 - 1) / 2,
    3: (t) => (5 * t ** 3 - 3 * t) / 2,
    4: (t) => (35 * t ** 4 - 30 * t ** 2 + 3) / 8,
    5: (t) => (63 * t ** 5 - 70 * t ** 3 + 15 * t) / 8,
  };
  interface FigureParams {
    interval: [number, number];
    x0: number;
    k: number;
  }

  it.each(reference.cases.map((item) => [item.seed, item] as const))("seed %i draws P_k over the interval", (_seed, item) => {
    const params = item.params as unknown as FigureParams;
    const [a, b] = params.interval;
    const content = question.build(item.params as unknown as Params);
    expect(content.figures).toHaveLength(1);
    const figure = content.figures![0]!;
    expect(xmlErrors(figure.svg)).toEqual([]);

    const plot = readPlot(figure.svg);
    expect(plot.desc).toBe(figure.alt);
    expect(plot.texts).toContain("raw input x (no unit)");
    expect(plot.yAxis.ticks.map((tick) => tick.value)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(plot.lines).toHaveLength(1);
    const curve = plot.lines[0]!;
    expect(curve).toHaveLength(201);
    const P = LEGENDRE[params.k]!;
    curve.forEach((point, i) => {
      const x = a + ((b - a) * i) / 200;
      const t = (x - (a + b) / 2) / ((b - a) / 2);
      expect(Math.abs(point.x - x), `x of curve point ${i}`).toBeLessThan(0.1 * plot.xAxis.unitsPerPixel);
      expect(Math.abs(point.y - P(t)), `P${params.k} at curve point ${i}`).toBeLessThan(0.1 * plot.yAxis.unitsPerPixel);
    });
    // The ends map to t = ±1, where P_k(1) = 1 and P_k(−1) = (−1)^k.
    expect(curve[0]!.y).toBeCloseTo((-1) ** params.k, 2);
    expect(curve[200]!.y).toBeCloseTo(1, 2);
    expect(plot.markers).toHaveLength(1);
    expect(Math.abs(plot.markers[0]! - params.x0)).toBeLessThan(0.1 * plot.xAxis.unitsPerPixel);
  });

  it.each(reference.cases.map((item) => [item.seed, item] as const))("seed %i figure states no key", (_seed, item) => {
    const content = question.build(item.params as unknown as Params);
    const figure = content.figures![0]!;
    const numbers = numbersIn(figure.alt);
    const texts = readPlot(figure.svg).texts;
    for (const part of content.parts) {
      for (const text of keyTexts(part.key as number)) {
        expect(numbers.has(text), `${part.id} as "${text}" in the alt text`).toBe(false);
        expect(texts, `${part.id} as "${text}" in the figure`).not.toContain(text);
      }
    }
  });

  it.each([
    // P_4(0.34) = (35·0.34⁴ − 30·0.34² + 3)/8 = −0.0000353, on the gridline at 0.
    { interval: [-1, 1], x0: 0.34, k: 4 },
    // On [0, 10], x0 = 0.92 maps to t = −0.816, and P_2(−0.816) = (3·0.665856 − 1)/2 = 0.498784, by the gridline at 0.5.
    { interval: [0, 10], x0: 0.92, k: 2 },
  ])("redraws P_k on a gridline: $x0 on $interval", (variant) => {
    const params = { ...variant, degree: 10, n: 50 } as unknown as Params;
    expect(() => question.build(params)).toThrow(RejectDraw);
    expect(() => question.build(params)).toThrow(/gridline/);
  });
});
