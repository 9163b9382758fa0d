import { describe, expect, it } from "vitest";

import question from "@/questions/hitters-lasso-comparison";

import params from "./fixtures/hitters-lasso-comparison-params.json";
import reference from "./fixtures/hitters-reference.json";

type Params = Parameters<typeof question.build>[0];

function partsOf(seed: number) {
  const entry = params.find((item) => item.seed === seed)!;
  const content = question.build(entry.params as Params);
  return new Map(content.parts.map((part) => [part.id, part]));
}

function allowedError(part: { spec: { type: string; tolerance?: unknown }; key: unknown }): number {
  const tolerance = part.spec.tolerance as { abs?: number; rel?: number };
  return Math.max(tolerance.abs ?? 0, (tolerance.rel ?? 0) * Math.abs(part.key as number));
}

describe("hitters-lasso-comparison keys", () => {
  // Reference: scikit-learn's Lasso on StandardScaler columns and numpy least squares on the same
  // split (fixtures/make_hitters_reference.py).
  it.each(reference.lasso.map((item) => [item.seed, item] as const))("seed %i kept count matches scikit-learn", (seed, item) => {
    expect(partsOf(seed).get("kept-predictors")!.key).toBe(item.kept);
  });

  it.each(reference.lasso.map((item) => [item.seed, item] as const))("seed %i test MAEs match the reference", (seed, item) => {
    const parts = partsOf(seed);
    const lasso = parts.get("lasso-test-mae")!;
    const ols = parts.get("ols-test-mae")!;
    expect(Math.abs((lasso.key as number) - item.lassoTestMae)).toBeLessThan(1e-4);
    // A student whose solver stops earlier than ours must still be well inside the tolerance.
    expect(Math.abs((lasso.key as number) - item.lassoTestMae)).toBeLessThan(0.1 * allowedError(lasso));
    expect(ols.key as number).toBeCloseTo(item.olsTestMae, 6);
  });

  it.each(reference.lasso.map((item) => [item.seed, item] as const))("seed %i scaling mistakes match scikit-learn", (seed, item) => {
    const parts = partsOf(seed);
    const counts = new Map(parts.get("kept-predictors")!.misconceptions.map((entry) => [entry.tag, entry.value]));
    expect(counts.get("dl-lasso-lambda-halved")).toBe(item.keptLambdaHalved);
    expect(counts.get("dl-lasso-loss-not-averaged")).toBe(item.keptLossNotAveraged);
    expect(counts.get("dl-lasso-unstandardized")).toBe(item.keptUnstandardized);
    const maes = new Map(parts.get("lasso-test-mae")!.misconceptions.map((entry) => [entry.tag, entry.value as number]));
    expect(Math.abs(maes.get("dl-lasso-training-mae")! - item.lassoTrainingMae)).toBeLessThan(1e-4);
    expect(Math.abs(maes.get("dl-lasso-mae-lambda-halved")! - item.lassoHalvedTestMae)).toBeLessThan(1e-4);
    expect(Math.abs(maes.get("dl-lasso-mae-unstandardized")! - item.lassoUnstandardizedTestMae)).toBeLessThan(1e-3);
  });

  it.each(reference.lasso.map((item) => [item.seed, item] as const))("seed %i comparison follows the MAEs", (seed, item) => {
    const part = partsOf(seed).get("comparison")!;
    if (part.spec.type !== "single-choice") throw new Error("expected a single choice");
    const chosen = part.spec.options.find((option) => option.id === part.key)!;
    expect(chosen.text).toMatch(item.lassoTestMae < item.olsTestMae ? /^The lasso predicts/ : /^Least squares predicts/);
  });
});
