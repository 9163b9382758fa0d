import { drawVariant, getQuestion, hasQuestion } from "@/lib/questions";

import { mean } from "./stats";

/** A value of a variant parameter, or a range of numeric values, with the scores of its variants. */
export interface ParameterGroup {
  /** "K = 24", "p in [12, 20]", "task.kind = softmax". */
  label: string;
  variants: number;
  /** Mean of the variants' best scores, 0..1. */
  meanBestScore: number;
}

export interface ParameterBreakdown {
  /** Dotted path of the parameter, e.g. "K" or "task.kind". */
  parameter: string;
  groups: ParameterGroup[];
  /** Largest minus smallest group mean: how much this parameter moves the score. */
  spread: number;
}

export interface QuestionParameterReport {
  questionId: string;
  /** Variants whose parameters were rebuilt. */
  rebuilt: number;
  /** Variants that had a gradable submission and were offered for rebuilding. */
  offered: number;
  /** Variants skipped because the time budget ran out or the variant no longer builds. */
  skipped: number;
  /** Parameters sorted by spread, largest first. */
  parameters: ParameterBreakdown[];
  /** Why no breakdown exists, e.g. a template question. */
  unavailableReason: string | null;
}

/** Distinct numeric values up to which each value is its own group; more are split into quartile bins. */
const MAX_DISTINCT_GROUPS = 6;
/** Number of quantile bins for a numeric parameter with many values. */
const QUANTILE_BINS = 4;
/** Parameters with more distinct text values than this (seeds, sentences) are left out. */
const MAX_TEXT_VALUES = 8;

/** Scalar parameters of a variant: top-level numbers, strings and booleans, and those one object deep. */
export function scalarParameters(params: unknown): Map<string, number | string> {
  const found = new Map<string, number | string>();
  if (typeof params !== "object" || params === null || Array.isArray(params)) return found;
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === "number" && Number.isFinite(value)) found.set(key, value);
    else if (typeof value === "string" || typeof value === "boolean") found.set(key, String(value));
    else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      for (const [innerKey, inner] of Object.entries(value)) {
        if (typeof inner === "number" && Number.isFinite(inner)) found.set(`${key}.${innerKey}`, inner);
        else if (typeof inner === "string" || typeof inner === "boolean") found.set(`${key}.${innerKey}`, String(inner));
      }
    }
  }
  return found;
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

/** Groups (value, score) pairs of one parameter into value groups or quantile bins. */
export function groupParameter(name: string, samples: readonly { value: number | string; score: number }[]): ParameterBreakdown | null {
  const numeric = samples.every((sample) => typeof sample.value === "number");
  const distinct = new Set(samples.map((sample) => sample.value));
  if (distinct.size < 2) return null;

  const buckets = new Map<string, { order: number; scores: number[] }>();
  const add = (label: string, order: number, score: number) => {
    const bucket = buckets.get(label) ?? { order, scores: [] };
    bucket.scores.push(score);
    buckets.set(label, bucket);
  };

  if (numeric && distinct.size > MAX_DISTINCT_GROUPS) {
    const sorted = samples.map((sample) => sample.value as number).sort((a, b) => a - b);
    // Upper edges of the bins at the 1/4, 2/4 and 3/4 quantiles (nearest rank), then the maximum.
    const edges: number[] = [];
    for (let bin = 1; bin <= QUANTILE_BINS; bin += 1) {
      const rank = Math.ceil((bin / QUANTILE_BINS) * sorted.length) - 1;
      const edge = sorted[Math.max(0, rank)] as number;
      if (edges.length === 0 || edge > (edges.at(-1) as number)) edges.push(edge);
    }
    for (const sample of samples) {
      const value = sample.value as number;
      const index = edges.findIndex((edge) => value <= edge);
      const low = index === 0 ? (sorted[0] as number) : (sorted.find((candidate) => candidate > (edges[index - 1] as number)) as number);
      add(`${name} in [${formatValue(low)}, ${formatValue(edges[index] as number)}]`, index, sample.score);
    }
  } else if (numeric) {
    for (const sample of samples) add(`${name} = ${formatValue(sample.value as number)}`, sample.value as number, sample.score);
  } else {
    if (distinct.size > MAX_TEXT_VALUES) return null;
    const order = [...distinct].map(String).sort();
    for (const sample of samples) add(`${name} = ${String(sample.value)}`, order.indexOf(String(sample.value)), sample.score);
  }

  const groups = [...buckets.entries()]
    .sort((a, b) => a[1].order - b[1].order)
    .map(([label, bucket]) => ({ label, variants: bucket.scores.length, meanBestScore: mean(bucket.scores) as number }));
  const means = groups.map((group) => group.meanBestScore);
  return { parameter: name, groups, spread: Math.max(...means) - Math.min(...means) };
}

/**
 * Rebuilds the parameters of a question's variants from (question id, version, seed) and groups
 * their best scores by each scalar parameter. Stops rebuilding at `budgetMs` milliseconds, because
 * some questions run simulations that take tens of milliseconds per variant.
 */
export function breakDownByParameters(
  questionId: string,
  variants: readonly { questionVersion: number; seed: number; bestScore: number }[],
  options: { budgetMs: number; now?: () => number },
): QuestionParameterReport {
  const empty = { questionId, rebuilt: 0, offered: variants.length, skipped: variants.length, parameters: [] };
  if (!hasQuestion(questionId)) {
    return { ...empty, unavailableReason: "This question was written in the browser; its parameters are not rebuilt here." };
  }
  const definition = getQuestion(questionId);
  const now = options.now ?? (() => performance.now());
  const started = now();

  const samplesByParameter = new Map<string, { value: number | string; score: number }[]>();
  let rebuilt = 0;
  for (const variant of variants) {
    if (now() - started > options.budgetMs) break;
    // A variant drawn at another version has other rules; its parameters would mislead.
    if (String(variant.questionVersion) !== definition.meta.version) continue;
    let params: unknown;
    try {
      params = drawVariant(definition, variant.seed).params;
    } catch {
      continue;
    }
    rebuilt += 1;
    for (const [name, value] of scalarParameters(params)) {
      const samples = samplesByParameter.get(name) ?? [];
      samples.push({ value, score: variant.bestScore });
      samplesByParameter.set(name, samples);
    }
  }

  const parameters: ParameterBreakdown[] = [];
  for (const [name, samples] of samplesByParameter) {
    // A parameter missing from some variants (an optional field) is grouped over those that have it.
    const breakdown = groupParameter(name, samples);
    if (breakdown !== null) parameters.push(breakdown);
  }
  parameters.sort((a, b) => b.spread - a.spread || a.parameter.localeCompare(b.parameter));
  return {
    questionId,
    rebuilt,
    offered: variants.length,
    skipped: variants.length - rebuilt,
    parameters,
    unavailableReason: rebuilt === 0 && variants.length > 0 ? "No variant of the current version could be rebuilt in time." : null,
  };
}
