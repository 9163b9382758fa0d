import { loadNyse } from "./course-data";
import { invalidArgument } from "./errors";
import type { IndexSplit } from "./random";
import { checkFiniteArray, checkFiniteMatrix, checkInteger } from "./validate";

/**
 * Computes the sample autocorrelation ρ(ℓ) = Σ_{t=ℓ+1}^{T} (v_t − v̄)(v_{t−ℓ} − v̄) / Σ_{t=1}^{T} (v_t − v̄)²
 * for ℓ = 0 … maxLag. Both sums are left undivided, so ρ(ℓ) shrinks towards 0 as ℓ grows (the
 * usual biased estimator, which keeps the sequence positive semi-definite). ρ(0) = 1.
 *
 * @param series - T ≥ 2 values in time order, not all equal.
 * @param maxLag - integer in [0, T − 1].
 * @returns maxLag + 1 values.
 */
export function autocorrelation(series: readonly number[], maxLag: number): number[] {
  checkFiniteArray("series", series, 2);
  const T = series.length;
  checkInteger("maxLag", maxLag, 0, T - 1);
  let mean = 0;
  for (const value of series) mean += value;
  mean /= T;
  const centred = series.map((value) => value - mean);
  let denominator = 0;
  for (const value of centred) denominator += value * value;
  if (denominator === 0) {
    throw invalidArgument("series", series, "values that are not all equal", "autocorrelation is undefined for a constant series");
  }
  return Array.from({ length: maxLag + 1 }, (_, lag) => {
    let sum = 0;
    for (let t = lag; t < T; t++) sum += (centred[t] as number) * (centred[t - lag] as number);
    return sum / denominator;
  });
}

/** Lagged sequences built by {@link laggedSequences}. */
export interface LaggedSequences {
  /** (T − L) × L × p: sequence i contains rows t − L … t − 1 of the series for t = L + i. */
  sequences: number[][][];
  /** (T − L) × (L · p): each sequence flattened step by step (all features of the oldest step first), for AR models. */
  design: number[][];
  /** (T − L) targets: the target column at time t. */
  targets: number[];
  /** (T − L) time indices t (0-based) of the targets. */
  targetTimes: number[];
}

/**
 * Builds the lagged design of the NYSE example for any multivariate series: for each t = L … T−1
 * (0-based), the sequence X_1 = row t − L, …, X_L = row t − 1, and the target series[t][targetColumn].
 * A series of T rows gives T − L sequences.
 *
 * @param series - T × p, rows in time order.
 * @param lag - L, an integer in [1, T − 1].
 * @param targetColumn - column of the target within a row.
 */
export function laggedSequences(series: readonly (readonly number[])[], lag: number, targetColumn: number): LaggedSequences {
  const { rows: T, columns: p } = checkFiniteMatrix("series", series, { minRows: 2 });
  checkInteger("lag", lag, 1, T - 1);
  checkInteger("targetColumn", targetColumn, 0, p - 1);
  const result: LaggedSequences = { sequences: [], design: [], targets: [], targetTimes: [] };
  for (let t = lag; t < T; t++) {
    const sequence = series.slice(t - lag, t).map((row) => row.slice());
    result.sequences.push(sequence);
    result.design.push(sequence.flat());
    result.targets.push((series[t] as readonly number[])[targetColumn] as number);
    result.targetTimes.push(t);
  }
  return result;
}

/** NYSE lagged data: {@link LaggedSequences} with features (v, r, z) per step and target v_t. */
export interface NyseLaggedData extends LaggedSequences {
  /** Feature order within a step. */
  features: ["log_volume", "DJ_return", "log_volatility"];
  /** Whether target day t is in the book's training period (to 1979-12-31). */
  train: boolean[];
  /** Date of each target day. */
  dates: string[];
  /** Day of week of each target day. */
  dayOfWeek: string[];
}

/**
 * Builds the NYSE example's sequences: X_l = (v, r, z) on days t − L … t − 1 and Y = v_t
 * (v log volume, r Dow Jones return, z log volatility), T − L = 6051 − L sequences.
 *
 * @param lag - L, an integer in [1, 100] (the book uses 5).
 */
export function nyseLaggedData(lag: number): NyseLaggedData {
  checkInteger("lag", lag, 1, 100);
  const nyse = loadNyse();
  const series = nyse.logVolume.map((v, t) => [v, nyse.djReturn[t] as number, nyse.logVolatility[t] as number]);
  const lagged = laggedSequences(series, lag, 0);
  return {
    ...lagged,
    features: ["log_volume", "DJ_return", "log_volatility"],
    train: lagged.targetTimes.map((t) => nyse.train[t] as boolean),
    dates: lagged.targetTimes.map((t) => nyse.date[t] as string),
    dayOfWeek: lagged.targetTimes.map((t) => nyse.dayOfWeek[t] as string),
  };
}

/**
 * Splits time indices 0 … n−1 without shuffling: the first trainSize indices train, the rest test,
 * so no test observation precedes a training one.
 *
 * @param trainSize - a fraction in (0, 1) (⌊fraction · n⌋ training indices) or an integer count in [1, n − 1].
 */
export function timeOrderedSplit(n: number, trainSize: number): IndexSplit {
  checkInteger("n", n, 2);
  let count: number;
  if (typeof trainSize === "number" && trainSize > 0 && trainSize < 1) {
    count = Math.floor(trainSize * n);
  } else if (Number.isInteger(trainSize) && trainSize >= 1 && trainSize <= n - 1) {
    count = trainSize;
  } else {
    throw invalidArgument("trainSize", trainSize, `a fraction in (0, 1) or an integer between 1 and ${n - 1}`, "pass e.g. 0.7 or a number of training days");
  }
  if (count < 1 || count > n - 1) {
    throw invalidArgument("trainSize", trainSize, "at least one training and one test index", "pass a larger or smaller trainSize");
  }
  return { train: Array.from({ length: count }, (_, i) => i), test: Array.from({ length: n - count }, (_, i) => count + i) };
}
