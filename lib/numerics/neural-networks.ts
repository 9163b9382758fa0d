import { invalidArgument } from "./errors";
import { checkFiniteArray, checkFiniteMatrix, checkInteger, checkObject } from "./validate";

/** Shape of a one-hidden-layer simple RNN with a dense output layer. */
export interface SimpleRnnShape {
  /** p: features per time step. */
  inputFeatures: number;
  /** K: hidden units. */
  hiddenUnits: number;
  /** M: output units (1 for a scalar output, M for an M-class softmax). Default 1. */
  outputUnits?: number;
}

/** Parameter counts of a simple RNN, split by weight matrix (each including its bias). */
export interface SimpleRnnParameterBreakdown {
  /** W: K(p + 1), input weights plus the hidden bias. */
  inputToHidden: number;
  /** U: K², recurrent weights (no bias: Keras keeps one bias vector per layer). */
  hiddenToHidden: number;
  /** B: M(K + 1), output weights plus the output bias. */
  hiddenToOutput: number;
  /** K(p + 1) + K² + M(K + 1). */
  total: number;
}

function checkShape(shape: SimpleRnnShape): { p: number; K: number; M: number } {
  checkObject("shape", shape);
  const p = checkInteger("inputFeatures", shape.inputFeatures, 1);
  const K = checkInteger("hiddenUnits", shape.hiddenUnits, 1);
  const M = checkInteger("outputUnits", shape.outputUnits ?? 1, 1);
  return { p, K, M };
}

/**
 * Counts the parameters of a simple RNN split by weight matrix, in the Keras convention: the
 * SimpleRNN layer keeps one bias vector and the Dense output layer adds M(K + 1). PyTorch's nn.RNN
 * has a second hidden bias and would count K more. The count does not depend on the sequence
 * length, because W, U and B are shared across time steps.
 *
 * @throws NumericsError unless p, K (and M, default 1) are integers ≥ 1.
 */
export function simpleRnnParameterBreakdown(shape: SimpleRnnShape): SimpleRnnParameterBreakdown {
  const { p, K, M } = checkShape(shape);
  const inputToHidden = K * (p + 1);
  const hiddenToHidden = K * K;
  const hiddenToOutput = M * (K + 1);
  return { inputToHidden, hiddenToHidden, hiddenToOutput, total: inputToHidden + hiddenToHidden + hiddenToOutput };
}

/**
 * Returns K(p + 1) + K² + M(K + 1), the parameter count of a simple RNN (Keras convention;
 * see {@link simpleRnnParameterBreakdown}). Example: p = 3, K = 12, M = 1 gives 205.
 */
export function simpleRnnParameterCount(shape: SimpleRnnShape): number {
  return simpleRnnParameterBreakdown(shape).total;
}

/**
 * Returns the parameter count of a fully connected feed-forward network, Σ (n_in + 1) · n_out
 * over consecutive layers (one bias per unit). Example: [19, 64, 1] gives 64·20 + 65 = 1345.
 *
 * @param layerSizes - units per layer, input first; at least two integers ≥ 1.
 */
export function denseParameterCount(layerSizes: readonly number[]): number {
  checkFiniteArray("layerSizes", layerSizes, 2);
  layerSizes.forEach((size, i) => checkInteger(`layerSizes[${i}]`, size, 1));
  let total = 0;
  for (let i = 1; i < layerSizes.length; i++) {
    total += ((layerSizes[i - 1] as number) + 1) * (layerSizes[i] as number);
  }
  return total;
}

/** Hidden-layer activation g of a simple RNN. */
export type RnnActivation = "tanh" | "relu";

/** Weights of a simple RNN with a scalar linear output (the course's notation). */
export interface SimpleRnnWeights {
  /** W: K × (p + 1), row k is (w_k0, w_k1, …, w_kp) with the bias first. */
  W: readonly (readonly number[])[];
  /** U: K × K, U[k][s] = u_ks multiplies A_{l−1,s}. */
  U: readonly (readonly number[])[];
  /** B: (β_0, β_1, …, β_K), the output bias first. */
  B: readonly number[];
  /** g, default "tanh". */
  activation?: RnnActivation;
}

/** Every hidden state and output of one forward pass. */
export interface SimpleRnnForwardResult {
  /** A: L × K, row l − 1 is A_l (A_0 = 0 is not included). */
  hiddenStates: number[][];
  /** O: length L, O_l = β_0 + Σ_k β_k A_lk. The prediction is the last entry. */
  outputs: number[];
}

interface CheckedWeights {
  p: number;
  K: number;
  W: readonly (readonly number[])[];
  U: readonly (readonly number[])[];
  B: readonly number[];
  relu: boolean;
}

function checkWeights(weights: SimpleRnnWeights): CheckedWeights {
  checkObject("weights", weights);
  const { rows: K, columns } = checkFiniteMatrix("W", weights.W, { minColumns: 2 });
  checkFiniteMatrix("U", weights.U, { columns: K });
  if (weights.U.length !== K) {
    throw invalidArgument("U", weights.U, `a ${K} × ${K} matrix (K = rows of W)`, "make U square with one row per hidden unit");
  }
  checkFiniteArray("B", weights.B);
  if (weights.B.length !== K + 1) {
    throw invalidArgument("B", weights.B, `K + 1 = ${K + 1} values (β_0 first)`, "pass the output bias followed by one weight per hidden unit");
  }
  const activation = weights.activation ?? "tanh";
  if (activation !== "tanh" && activation !== "relu") {
    throw invalidArgument("activation", activation, '"tanh" or "relu"', 'pass activation: "tanh" or "relu"');
  }
  return { p: columns - 1, K, W: weights.W, U: weights.U, B: weights.B, relu: activation === "relu" };
}

function forwardChecked(sequence: readonly (readonly number[])[], w: CheckedWeights): SimpleRnnForwardResult {
  const { p, K, W, U, B, relu } = w;
  const hiddenStates: number[][] = [];
  const outputs: number[] = [];
  let previous = new Array<number>(K).fill(0);
  for (const x of sequence) {
    const current = new Array<number>(K);
    for (let k = 0; k < K; k++) {
      const wk = W[k] as readonly number[];
      const uk = U[k] as readonly number[];
      let z = wk[0] as number;
      for (let j = 0; j < p; j++) z += (wk[j + 1] as number) * (x[j] as number);
      for (let s = 0; s < K; s++) z += (uk[s] as number) * (previous[s] as number);
      current[k] = relu ? Math.max(0, z) : Math.tanh(z);
    }
    let o = B[0] as number;
    for (let k = 0; k < K; k++) o += (B[k + 1] as number) * (current[k] as number);
    hiddenStates.push(current);
    outputs.push(o);
    previous = current;
  }
  return { hiddenStates, outputs };
}

/**
 * Runs a simple RNN over one sequence: A_l = g(W·(1, X_l) + U·A_{l−1}), A_0 = 0,
 * O_l = β_0 + Σ_k β_k A_lk, with the same W, U, B at every step.
 *
 * @param sequence - L × p, row l − 1 is X_l; L ≥ 1.
 * @throws NumericsError for non-finite entries or shapes that do not match W (K × (p + 1)),
 *   U (K × K) and B (K + 1).
 */
export function simpleRnnForward(sequence: readonly (readonly number[])[], weights: SimpleRnnWeights): SimpleRnnForwardResult {
  const checked = checkWeights(weights);
  checkFiniteMatrix("sequence", sequence, { columns: checked.p });
  return forwardChecked(sequence, checked);
}

/**
 * Runs {@link simpleRnnForward} over n sequences with shared weights; the weights are checked once.
 *
 * @param sequences - n × L × p (sequences may differ in length L ≥ 1).
 * @returns one result per sequence, in input order.
 */
export function simpleRnnForwardBatch(
  sequences: readonly (readonly (readonly number[])[])[],
  weights: SimpleRnnWeights,
): SimpleRnnForwardResult[] {
  const checked = checkWeights(weights);
  if (!Array.isArray(sequences) || sequences.length === 0) {
    throw invalidArgument("sequences", sequences, "a non-empty array of L × p sequences", "pass at least one sequence");
  }
  return sequences.map((sequence, i) => {
    checkFiniteMatrix(`sequences[${i}]`, sequence, { columns: checked.p });
    return forwardChecked(sequence, checked);
  });
}

/**
 * Returns softmax(z)_m = exp(z_m − max z) / Σ exp(z_j − max z). Subtracting the maximum keeps
 * every exponent ≤ 0, so large logits do not overflow.
 *
 * @param logits - at least one finite number.
 */
export function softmax(logits: readonly number[]): number[] {
  checkFiniteArray("logits", logits, 1);
  let max = -Infinity;
  for (const z of logits) if (z > max) max = z;
  const exps = logits.map((z) => Math.exp(z - max));
  let sum = 0;
  for (const e of exps) sum += e;
  return exps.map((e) => e / sum);
}
