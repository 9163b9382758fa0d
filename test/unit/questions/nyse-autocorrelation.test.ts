import { describe, expect, it } from "vitest";

import question from "@/questions/nyse-autocorrelation";

import params from "./fixtures/autocorrelation-params.json";
import reference from "./fixtures/autocorrelation-reference.json";
import { keyTexts, numbersIn, readPlot, xmlErrors } from "./figure-helpers";

type Params = Parameters<typeof question.build>[0];

function partsOf(seed: number) {
  const entry = params.find((item) => item.seed === seed)!;
  return question.build(entry.params as Params).parts;
}

describe("nyse-autocorrelation keys", () => {
  // Reference: numpy on the series read from the CSV or the stored simulation
  // (fixtures/make_autocorrelation_reference.py).
  it.each(reference.cases.map((item) => [item.seed, item] as const))("seed %i matches numpy", (seed, item) => {
    const parts = partsOf(seed);
    item.parts.forEach((expected, index) => {
      const part = parts[index]!;
      expect(part.label).toContain(`(${expected.lag})`);
      expect(part.key as number).toBeCloseTo(expected.rho, 10);
    });
  });

  it.each(reference.cases.map((item) => [item.seed, item] as const))("seed %i mistakes match numpy", (seed, item) => {
    const parts = partsOf(seed);
    item.parts.forEach((expected, index) => {
      const wrong = new Map(parts[index]!.misconceptions.map((entry) => [entry.tag, entry.value as number]));
      expect(wrong.get("acf-sums-averaged-separately")).toBeCloseTo(expected.averagedSeparately, 10);
      expect(wrong.get("acf-correlation-of-pairs")).toBeCloseTo(expected.pairCorrelation, 10);
      const uncentred = wrong.get("acf-not-centred");
      if (uncentred !== undefined) expect(uncentred).toBeCloseTo(expected.uncentred, 10);
    });
  });

  it("covers simulated and NYSE series", () => {
    const kinds = new Set(params.map((item) => item.source.kind));
    expect(kinds).toEqual(new Set(["ar1", "nyse"]));
  });

  it("tolerance covers three decimals", () => {
    for (const part of partsOf(1)) {
      if (part.spec.type !== "number" || !("abs" in part.spec.tolerance)) throw new Error("expected an absolute tolerance");
      expect(part.spec.tolerance.abs).toBeGreaterThanOrEqual(0.001);
      expect(part.spec.tolerance.abs).toBeLessThan(0.005);
    }
  });
});

describe("nyse-autocorrelation figure", () => {
  /** The series as the CSV download lists it: the last column, one row per day. */
  function csvSeries(text: string): number[] {
    return text
      .trim()
      .split("\n")
      .slice(1)
      .map((row) => Number(row.split(",").at(-1)));
  }

  it.each(params.map((item) => [item.seed, item] as const))("seed %i plots the CSV series", (_seed, item) => {
    const content = question.build(item.params as Params);
    expect(content.figures).toHaveLength(1);
    const figure = content.figures![0]!;
    expect(xmlErrors(figure.svg)).toEqual([]);

    const series = csvSeries(content.csv!.text);
    const plot = readPlot(figure.svg);
    expect(plot.title).toMatch(new RegExp(` over ${series.length} days$`));
    expect(plot.desc).toBe(figure.alt);
    expect(plot.points).toHaveLength(series.length);
    plot.points.forEach((point, t) => {
      expect(Math.abs(point.x - (t + 1)), `day of point ${t + 1}`).toBeLessThan(0.1 * plot.xAxis.unitsPerPixel);
      expect(Math.abs(point.y - series[t]!), `value of day ${t + 1}`).toBeLessThan(0.1 * plot.yAxis.unitsPerPixel);
    });
    expect(plot.lines).toHaveLength(1);
    expect(plot.lines[0]).toHaveLength(series.length);
  });

  it("places day 1 half a day inside the frame", () => {
    const content = question.build(params[0]!.params as Params);
    const T = csvSeries(content.csv!.text).length;
    // The x axis spans days 0.5 to T + 0.5 over the frame from 64 px to 544 px (560 wide, margins 64 and 16).
    const expected = 64 + (0.5 / T) * 480;
    const cx = Number(/<g clip-path="url\(#plot-area\)">.*?<circle cx="([\d.]+)"/s.exec(content.figures![0]!.svg)![1]);
    expect(Math.abs(cx - expected)).toBeLessThanOrEqual(0.05);
  });

  it("labels the axes with units", () => {
    const simulated = params.find((item) => item.params.source.kind === "ar1")!;
    const texts = readPlot(question.build(simulated.params as Params).figures![0]!.svg).texts;
    expect(texts).toContain("day t (time steps)");
    expect(texts).toContain("vₜ (no unit)");

    const volatility = params.find((item) => "column" in item.params.source && item.params.source.column === "logVolatility")!;
    const nyseTexts = readPlot(question.build(volatility.params as Params).figures![0]!.svg).texts;
    expect(nyseTexts).toContain("trading day t (days)");
    expect(nyseTexts).toContain("zₜ (log units)");
  });

  it.each(params.map((item) => [item.seed, item] as const))("seed %i figure states no key", (_seed, item) => {
    const content = question.build(item.params as Params);
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
});
