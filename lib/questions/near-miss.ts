import type { AnswerKey, AnswerSpec } from "@/lib/grading";

import { keyAsInput } from "./format-key";

/**
 * A probe close to the key: a typical slip (rounding, sign, off by one, reordering). `intended`
 * is the verdict that the part's tolerance, read literally, gives it; `margin` is how far the
 * probe lies from the tolerance boundary, relative to the allowed error (0 = on the boundary).
 */
export interface NearMissProbe {
  name: string;
  input: string;
  intendedCorrect: boolean;
  margin: number;
}

/** Relative margins below this are treated as sitting on the boundary: the verdict is a coin toss. */
export const EDGE_MARGIN = 1e-6;

function allowedError(spec: AnswerSpec, key: number): number | null {
  if (spec.type === "integer") return 0;
  if (spec.type !== "number" && spec.type !== "vector" && spec.type !== "matrix") return null;
  if (!("abs" in spec.tolerance) && !("rel" in spec.tolerance)) return null;
  const tolerance = spec.tolerance as { abs?: number; rel?: number };
  return Math.max(tolerance.abs ?? 0, (tolerance.rel ?? 0) * Math.abs(key));
}

/** Verdict and boundary margin of one scalar probe under an abs/rel tolerance. */
function judge(probe: number, key: number, allowed: number): { correct: boolean; margin: number } {
  const error = Math.abs(probe - key);
  // Exact answers have no boundary to sit near, so their probes never set the smallest margin.
  if (allowed === 0) return { correct: error === 0, margin: Infinity };
  return { correct: error <= allowed, margin: Math.abs(error - allowed) / allowed };
}

function roundSignificant(value: number, digits: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(digits));
}

/**
 * Near misses of a numeric part. Probes whose intended verdict cannot be read off the tolerance
 * (significant-figure rules, expressions, choices) are not produced.
 */
export function nearMissProbes(spec: AnswerSpec, key: AnswerKey): NearMissProbe[] {
  const probes: NearMissProbe[] = [];

  if ((spec.type === "number" || spec.type === "integer") && typeof key === "number") {
    const allowed = allowedError(spec, key);
    if (allowed === null) return probes;
    const add = (name: string, value: number) => {
      if (value === key || !Number.isFinite(value)) return;
      const { correct, margin } = judge(value, key, allowed);
      probes.push({ name, input: keyAsInput(spec, value), intendedCorrect: correct, margin });
    };
    if (spec.type === "integer") {
      add("off by one, up", key + 1);
      add("off by one, down", key - 1);
    } else {
      for (const digits of [1, 2, 3]) add(`rounded to ${digits} significant figures`, roundSignificant(key, digits));
    }
    add("sign flipped", -key);
    return probes;
  }

  if (spec.type === "vector" && Array.isArray(key) && key.every((item) => typeof item === "number")) {
    const values = key as number[];
    const invariance = new Set(spec.invariance ?? []);
    const scale = Math.max(...values.map(Math.abs));
    const allowed = allowedError(spec, scale);
    if (allowed === null) return probes;
    // A vector probe is correct only when every element is; the margin is the smallest over elements.
    const addVector = (name: string, probe: number[], invariantCorrect: boolean) => {
      if (probe.every((value, index) => value === values[index])) return;
      const judged = probe.map((value, index) => judge(value, values[index]!, allowedError(spec, values[index]!) ?? 0));
      const correct = invariantCorrect || judged.every((item) => item.correct);
      const margin = invariantCorrect ? Infinity : Math.min(...judged.map((item) => item.margin));
      probes.push({ name, input: keyAsInput(spec, probe), intendedCorrect: correct, margin });
    };
    addVector("reversed order", [...values].reverse(), invariance.has("order"));
    addVector("sign flipped", values.map((value) => -value), invariance.has("sign") || invariance.has("scale"));
    addVector(
      "rounded to 2 significant figures",
      values.map((value) => roundSignificant(value, 2)),
      false,
    );
  }
  return probes;
}
