import { invalidArgument } from "./errors";
import { checkFiniteArray, checkSameLength } from "./validate";

function checkPair(actual: readonly number[], predicted: readonly number[]): void {
  checkFiniteArray("actual", actual, 1);
  checkFiniteArray("predicted", predicted);
  checkSameLength("predicted", predicted, "actual", actual);
}

/** Returns the mean squared error (1/n) Σ (actual_i − predicted_i)², in squared response units. */
export function meanSquaredError(actual: readonly number[], predicted: readonly number[]): number {
  checkPair(actual, predicted);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += ((actual[i] as number) - (predicted[i] as number)) ** 2;
  return sum / actual.length;
}

/** Returns the mean absolute error (1/n) Σ |actual_i − predicted_i|, in response units. */
export function meanAbsoluteError(actual: readonly number[], predicted: readonly number[]): number {
  checkPair(actual, predicted);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs((actual[i] as number) - (predicted[i] as number));
  return sum / actual.length;
}

/**
 * Returns the coefficient of determination R² = 1 − RSS/TSS, with TSS about the mean of
 * `actual` (scikit-learn's r2_score). It is negative when the predictions are worse than the mean.
 *
 * @throws NumericsError when `actual` is constant (TSS = 0, R² undefined) or has fewer than 2 values.
 */
export function rSquared(actual: readonly number[], predicted: readonly number[]): number {
  checkPair(actual, predicted);
  if (actual.length < 2) {
    throw invalidArgument("actual", actual, "at least 2 values", "pass two or more observations");
  }
  let mean = 0;
  for (const value of actual) mean += value;
  mean /= actual.length;
  let rss = 0;
  let tss = 0;
  for (let i = 0; i < actual.length; i++) {
    rss += ((actual[i] as number) - (predicted[i] as number)) ** 2;
    tss += ((actual[i] as number) - mean) ** 2;
  }
  if (tss === 0) {
    throw invalidArgument("actual", actual, "values that are not all equal", "R² is undefined for a constant response; report the MSE instead");
  }
  return 1 - rss / tss;
}

/**
 * Returns the fraction of positions where the labels are equal (===), in [0, 1].
 *
 * @throws NumericsError for empty or mismatched arrays.
 */
export function accuracy<T extends string | number | boolean>(actual: readonly T[], predicted: readonly T[]): number {
  if (!Array.isArray(actual) || actual.length === 0) {
    throw invalidArgument("actual", actual, "a non-empty array of labels", "pass at least one label");
  }
  if (!Array.isArray(predicted)) {
    throw invalidArgument("predicted", predicted, "an array of labels", "pass one predicted label per actual label");
  }
  checkSameLength("predicted", predicted, "actual", actual);
  let correct = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] === predicted[i]) correct += 1;
  return correct / actual.length;
}
