import { describe, expect, it } from "vitest";

import question from "@/questions/test-error-what-if";

import { numbersIn, readPlot, xmlErrors } from "./figure-helpers";
import reference from "./fixtures/test-error-what-if-reference.json";

type Terms = (typeof reference.cases)[number]["before"];

const VALUE_OF = {
  "squared-bias": (terms: Terms) => terms.squaredBias,
  variance: (terms: Terms) => terms.variance,
  noise: (terms: Terms) => terms.noise,
  "test-mse": (terms: Terms) => terms.testMse,
} as const;

/**
 * Direction from the numpy terms, or null for a change between 3 % and 25 %. The question calls
 * changes below 5 % "about the same" and rejects those between 5 % and 20 %.
 */
function exactDirection(before: number, after: number): string | null {
  const relative = (after - before) / before;
  if (Math.abs(relative) < 0.03) return "stays about the same";
  if (Math.abs(relative) < 0.25) return null;
  return relative > 0 ? "increases" : "decreases";
}

describe("test-error-what-if keys", () => {
  // Exact averaged squared bias and variance from numpy hat matrices, before and after the change
  // (fixtures/make_reasoning_questions_reference.py).
  it.each(reference.cases.map((item) => [item.seed, item] as const))("seed %i agrees with the closed form", (_seed, item) => {
    const params = item.params;
    const content = question.build(params);
    const part = content.parts[0]!;
    const key = new Set(part.key as string[]);
    let compared = 0;
    params.statements.forEach((statement, index) => {
      const id = String.fromCharCode(97 + index);
      const value = VALUE_OF[statement.term as keyof typeof VALUE_OF];
      const direction = exactDirection(value(item.before), value(item.after));
      if (direction === null) return;
      compared += 1;
      expect(key.has(id), `${statement.term} ${statement.claimed}`).toBe(direction === statement.claimed);
    });
    expect(compared).toBeGreaterThanOrEqual(2);
  });

  it("flips one statement per misconception", () => {
    const item = reference.cases[0]!;
    const content = question.build(item.params);
    const part = content.parts[0]!;
    const key = new Set(part.key as string[]);
    for (const misconception of part.misconceptions) {
      const value = new Set(misconception.value as string[]);
      const differing = [...new Set([...key, ...value])].filter((id) => key.has(id) !== value.has(id));
      expect(differing, misconception.tag).toHaveLength(1);
    }
  });
});

describe("test-error-what-if figure", () => {
  it.each(reference.cases.map((item) => [item.seed, item] as const))("seed %i draws f at the inputs", (_seed, item) => {
    const { amplitude, frequency, before } = item.params;
    const content = question.build(item.params);
    expect(content.figures).toHaveLength(1);
    const figure = content.figures![0]!;
    expect(xmlErrors(figure.svg)).toEqual([]);

    const plot = readPlot(figure.svg);
    expect(plot.title).toBe("True function f with the training inputs");
    expect(plot.desc).toBe(figure.alt);
    expect(plot.texts).toContain("input x (no unit)");
    expect(plot.texts).toContain("f(x) (no unit)");

    // n equally spaced inputs on [0, 4]: x_i = 4i/(n − 1), with f(x) = A sin(ωx) from the prompt.
    expect(plot.points).toHaveLength(before.n);
    plot.points.forEach((point, i) => {
      const x = (4 * i) / (before.n - 1);
      expect(Math.abs(point.x - x), `x of point ${i}`).toBeLessThan(0.1 * plot.xAxis.unitsPerPixel);
      expect(Math.abs(point.y - amplitude * Math.sin(frequency * x)), `y of point ${i}`).toBeLessThan(0.1 * plot.yAxis.unitsPerPixel);
    });
    expect(plot.lines).toHaveLength(1);
  });

  it.each(reference.cases.map((item) => [item.seed, item] as const))("seed %i alt text names no direction", (_seed, item) => {
    const content = question.build(item.params);
    const alt = content.figures![0]!.alt;
    expect(alt).toContain(`${item.params.before.n} equally spaced training inputs`);
    for (const word of ["increase", "decrease", "same", "bias", "variance"]) expect(alt.toLowerCase()).not.toContain(word);
    // Only the interval's ends and n are numbers of the alt text; all of them are in the prompt.
    expect([...numbersIn(alt)].sort()).toEqual(["0", "4", String(item.params.before.n)].sort());
  });
});
