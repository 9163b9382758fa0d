import { describe, expect, it } from "vitest";

import question from "@/questions/hitters-linear-test-mae";

import params from "./fixtures/hitters-linear-test-mae-params.json";
import reference from "./fixtures/hitters-reference.json";

type Params = Parameters<typeof question.build>[0];

function partsOf(seed: number) {
  const entry = params.find((item) => item.seed === seed)!;
  const content = question.build(entry.params as Params);
  return new Map(content.parts.map((part) => [part.id, part]));
}

describe("hitters-linear-test-mae keys", () => {
  // Reference: numpy least squares on the same split (fixtures/make_hitters_reference.py).
  it.each(reference.linear.map((item) => [item.seed, item] as const))("seed %i matches numpy", (seed, item) => {
    const part = partsOf(seed).get("test-mae")!;
    expect(part.key as number).toBeCloseTo(item.testMae, 6);
  });

  it.each(reference.linear.map((item) => [item.seed, item] as const))("seed %i mistakes match numpy", (seed, item) => {
    const wrong = new Map(partsOf(seed).get("test-mae")!.misconceptions.map((entry) => [entry.tag, entry.value as number]));
    expect(wrong.get("dl-training-mae")).toBeCloseTo(item.trainingMae, 6);
    expect(wrong.get("dl-test-rmse")).toBeCloseTo(item.testRmse, 6);
    expect(wrong.get("dl-fit-on-all-players")).toBeCloseTo(item.fitOnAllMae, 6);
    expect(wrong.get("dl-no-intercept")).toBeCloseTo(item.noInterceptMae, 6);
  });

  it("tolerance accepts one decimal", () => {
    const part = partsOf(1).get("test-mae")!;
    if (part.spec.type !== "number" || !("abs" in part.spec.tolerance)) throw new Error("expected an absolute tolerance");
    expect(part.spec.tolerance.abs).toBeGreaterThan(0.05);
    expect(part.spec.tolerance.abs).toBeLessThan(0.1);
  });
});

describe("hitters-linear-test-mae recommendation", () => {
  it.each(params.map((item) => [item.seed, item] as const))("seed %i keys the scenario's model", (seed, item) => {
    const part = partsOf(seed).get("recommendation")!;
    if (part.spec.type !== "single-choice") throw new Error("expected a single choice");
    expect(part.spec.options.map((option) => option.id)).toEqual(["a", "b", "c", "d"].slice(0, part.spec.options.length));
    const chosen = part.spec.options.find((option) => option.id === part.key)!;
    const expected = item.params.scenario.kind === "small-data" ? /^A linear model/ : /^A deep neural network/;
    expect(chosen.text).toMatch(expected);
    for (const misconception of part.misconceptions) expect(misconception.value).not.toBe(part.key);
  });

  it("key position varies between seeds", () => {
    const keys = new Set(params.map((item) => partsOf(item.seed).get("recommendation")!.key));
    expect(keys.size).toBeGreaterThan(1);
  });
});
