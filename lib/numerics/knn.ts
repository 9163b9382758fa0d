import { invalidArgument } from "./errors";
import { checkFiniteArray, checkInteger, checkObject, checkSameLength } from "./validate";

/** Arguments of {@link knnRegressionPredict}. */
export interface KnnRegressionArguments {
  /** Training inputs (1-D), n values. */
  xTrain: readonly number[];
  /** Training responses, n values. */
  yTrain: readonly number[];
  /** Number of neighbours, an integer in [1, n]. */
  k: number;
  /** Points to predict at. */
  x: readonly number[];
}

/**
 * Predicts by k-nearest-neighbour regression in one dimension: the mean of yTrain over the k
 * training points closest to each x in |xTrain_i − x|. Ties in distance are broken by the
 * lower training index, so the result is deterministic (scikit-learn's brute-force search
 * does the same with a stable sort, but its tree searches may not).
 *
 * @returns one prediction per x.
 * @throws NumericsError for non-finite values, mismatched lengths or k outside [1, n].
 */
export function knnRegressionPredict(args: KnnRegressionArguments): number[] {
  checkObject("args", args);
  const { xTrain, yTrain, k, x } = args;
  checkFiniteArray("xTrain", xTrain, 1);
  checkFiniteArray("yTrain", yTrain);
  checkSameLength("yTrain", yTrain, "xTrain", xTrain);
  checkInteger("k", k, 1);
  if (k > xTrain.length) {
    throw invalidArgument("k", k, `at most the number of training points (${xTrain.length})`, "lower k or add training points");
  }
  checkFiniteArray("x", x);
  return knnPredictUnchecked(xTrain, yTrain, k, x);
}

/** Internal: the prediction loop without argument checks (used in Monte Carlo inner loops). */
export function knnPredictUnchecked(
  xTrain: readonly number[],
  yTrain: readonly number[],
  k: number,
  x: readonly number[],
): number[] {
  const n = xTrain.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const distance = new Float64Array(n);
  return x.map((x0) => {
    for (let i = 0; i < n; i++) distance[i] = Math.abs((xTrain[i] as number) - x0);
    order.sort((a, b) => (distance[a] as number) - (distance[b] as number) || a - b);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += yTrain[order[j] as number] as number;
    return sum / k;
  });
}
