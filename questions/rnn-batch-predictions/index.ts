import type { Misconception } from "@/lib/grading";
import { defineQuestion } from "@/lib/questions/definition";
import { drawNonZeroTenth } from "@/lib/questions/draws";
import {
  checkKeysNotShown,
  checkMisconceptionsSeparated,
  checkRoundingEdges,
  maxAbsDifference,
} from "@/lib/questions/draw-checks";
import { RejectDraw } from "@/lib/questions/errors";
import { formatSignificant } from "@/lib/questions/format-key";
import { simpleRnnForward, simpleRnnForwardBatch, type Rng, type SimpleRnnWeights } from "@/lib/numerics";

interface Params {
  /** n sequences of L one-decimal inputs (p = 1), oldest first. */
  sequences: number[][];
  /** n targets, two decimals. */
  targets: number[];
  /** K × 2: (w_k0, w_k1). */
  W: number[][];
  /** K × K. */
  U: number[][];
  /** (β_0, …, β_K). */
  B: number[];
  story: string;
}

/** Smallest tolerance of a prediction: answers to three decimals are accepted. */
const BASE_TOLERANCE = 0.002;
/** Answers of one part (key and mistakes) must be this many tolerances apart. */
const SEPARATION = 2;

// No apostrophes: the HTML renderer writes them as &#39;, and that entity's digits would be read
// as a number of the prompt by the leak check.
const STORIES = [
  "predicts the next temperature reading of a machine from its last $L$ readings",
  "predicts the standardized log trading volume of the next day from the last $L$ days",
  "predicts the next hourly load of a power line from the last $L$ hours",
  "predicts the next daily level of a river from the last $L$ days",
] as const;

const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;
const round3 = (value: number) => Math.round(value * 1000) / 1000;

function generate(rng: Rng): Params {
  const n = rng.integer(4, 6);
  const L = rng.integer(3, 4);
  const K = rng.integer(1, 2);
  const W = Array.from({ length: K }, () => [drawNonZeroTenth(rng, 1), drawNonZeroTenth(rng, 1)]);
  const U = Array.from({ length: K }, () => Array.from({ length: K }, () => drawNonZeroTenth(rng, 0.9)));
  const B = Array.from({ length: K + 1 }, () => drawNonZeroTenth(rng, 1.5));
  const sequences = Array.from({ length: n }, () => Array.from({ length: L }, () => round1(rng.uniform(-2, 2))));
  const targets = Array.from({ length: n }, () => round2(rng.uniform(-1.5, 1.5)));
  return { sequences, targets, W, U, B, story: rng.choice(STORIES) };
}

const weightsOf = (params: Params, change: Partial<SimpleRnnWeights> = {}): SimpleRnnWeights => ({
  W: params.W,
  U: params.U,
  B: params.B,
  activation: "tanh",
  ...change,
});

const asRows = (sequence: readonly number[]) => sequence.map((x) => [x]);

/** Last output O_L of every sequence, each started from A_0 = 0. */
function predictions(params: Params, change: Partial<SimpleRnnWeights> = {}): number[] {
  return simpleRnnForwardBatch(params.sequences.map(asRows), weightsOf(params, change)).map((result) => result.outputs.at(-1)!);
}

/** Computes the predictions of the mistake that carries the hidden state into the next sequence (no reset to A_0 = 0). */
function predictionsWithoutReset(params: Params): number[] {
  const L = params.sequences[0]!.length;
  const outputs = simpleRnnForward(params.sequences.flat().map((x) => [x]), weightsOf(params)).outputs;
  return params.sequences.map((_, i) => outputs[(i + 1) * L - 1]!);
}

/** Computes the predictions with every hidden state rounded to three decimals, as a student writes them down. */
function roundedPredictions(params: Params): number[] {
  return params.sequences.map((sequence) => {
    let state = params.W.map(() => 0);
    for (const x of sequence) {
      // One step from a rounded state: fold U·A_{l−1} into the bias of a one-step run from A_0 = 0.
      const shifted = params.W.map((row, k) => [row[0]! + params.U[k]!.reduce((sum, u, s) => sum + u * state[s]!, 0), row[1]!]);
      const zeroU = params.U.map((row) => row.map(() => 0));
      state = simpleRnnForward([[x]], { W: shifted, U: zeroU, B: params.B }).hiddenStates[0]!.map(round3);
    }
    return params.B[0]! + state.reduce((sum, a, k) => sum + params.B[k + 1]! * a, 0);
  });
}

const sumSquares = (targets: readonly number[], predicted: readonly number[]) =>
  targets.reduce((sum, y, i) => sum + (y - predicted[i]!) ** 2, 0);

const matrixTex = (rows: readonly (readonly number[])[]) =>
  `\\begin{pmatrix}${rows.map((row) => row.join(" & ")).join(" \\\\ ")}\\end{pmatrix}`;

export default defineQuestion<Params>({
  meta: {
    id: "rnn-batch-predictions",
    version: "1",
    title: "Predictions and squared-error loss of an RNN on a batch",
    topics: ["rnn-forward-pass", "output-and-loss"],
    difficulty: 2,
    expectedMinutes: 12,
  },
  generate,
  build(params) {
    const { sequences, targets, W, U, B } = params;
    const n = sequences.length;
    const L = sequences[0]!.length;
    const K = W.length;

    const predicted = predictions(params);
    const loss = sumSquares(targets, predicted);
    if (predicted.some((value) => Math.abs(value) < 0.01)) throw new RejectDraw("a prediction is nearly zero");

    // Tolerances from sensitivity: rounding the states to three decimals must pass, and a
    // prediction error at the tolerance moves the loss by at most Σ 2|y_i − O_iL|·tolerance.
    const rounded = roundedPredictions(params);
    const predictionTolerance = Math.max(BASE_TOLERANCE, 2 * maxAbsDifference(rounded, predicted));
    const residualSum = targets.reduce((sum, y, i) => sum + Math.abs(y - predicted[i]!), 0);
    const lossTolerance = Math.max(BASE_TOLERANCE, 2 * residualSum * predictionTolerance);

    const zeroU = U.map((row) => row.map(() => 0));
    const noRecurrence = predictions(params, { U: zeroU });
    const noReset = predictionsWithoutReset(params);
    const reversed = simpleRnnForwardBatch(sequences.map((sequence) => asRows([...sequence].reverse())), weightsOf(params)).map(
      (result) => result.outputs.at(-1)!,
    );

    const predictionMistakes: Misconception[] = [
      {
        tag: "batch-state-not-reset",
        value: noReset,
        message:
          "You carried the hidden state from one sequence into the next. Each training sequence is a separate input: " +
          "the recurrence restarts at $A_0 = 0$ for every sequence.",
      },
      {
        tag: "batch-no-recurrence",
        value: noRecurrence,
        message: "You left out the recurrent term $\\sum_s u_{ks}A_{l-1,s}$, so each prediction only saw the last input $X_L$.",
      },
      {
        tag: "batch-reversed-order",
        value: reversed,
        message: "You fed each sequence from its last column to its first. $X_1$ (column x1) is the oldest input and enters first.",
      },
    ];
    const lossMistakes: Misconception[] = [
      {
        tag: "batch-mean-instead-of-sum",
        value: loss / n,
        message: `You divided by $n = ${n}$. The loss asked for is the sum of squared errors, not their mean.`,
      },
      {
        tag: "batch-errors-not-squared",
        value: residualSum,
        message: "You added the absolute errors $|y_i - O_{iL}|$. The squared-error loss squares each error.",
      },
      {
        tag: "batch-state-not-reset",
        value: sumSquares(targets, noReset),
        message: "Your predictions carried the hidden state across sequences; restart at $A_0 = 0$ for each sequence.",
      },
      {
        tag: "batch-no-recurrence",
        value: sumSquares(targets, noRecurrence),
        message: "Your predictions left out the recurrent term, so each only saw $X_L$.",
      },
    ];
    checkMisconceptionsSeparated("predictions", predicted, predictionMistakes, {
      tolerance: predictionTolerance,
      factor: SEPARATION,
    });
    checkMisconceptionsSeparated("loss", loss, lossMistakes, { tolerance: lossTolerance, factor: SEPARATION });
    // Rejects a key whose rounding to 1–3 significant figures lands within 10 % of the tolerance boundary.
    const roundings = { significantFigures: [1, 2, 3] };
    checkRoundingEdges("predictions", predicted, { tolerance: predictionTolerance, roundings, edgeShare: 0.1 });
    checkRoundingEdges("loss", [loss], { tolerance: lossTolerance, roundings, edgeShare: 0.1 });

    const story = params.story.replaceAll("$L$", `$L = ${L}$`);
    const prompt = [
      `A simple RNN ${story}. It has one input feature ($p = 1$), $K = ${K}$ hidden unit${K === 1 ? "" : "s"} with ` +
        "$g = \\tanh$, and a linear output; the prediction for a sequence is its last output $O_L$:",
      "",
      "$$A_{lk} = \\tanh\\Big(w_{k0} + w_{k1} X_l + \\sum_{s=1}^{K} u_{ks} A_{l-1,s}\\Big),\\quad A_0 = 0,\\qquad O_l = \\beta_0 + \\sum_{k=1}^{K} \\beta_k A_{lk}.$$",
      "",
      `The weights are $W = ${matrixTex(W)}$ (row $k$ is $w_{k0}, w_{k1}$), $U = ${matrixTex(U)}$ and ` +
        `$B = (\\beta_0, \\dots, \\beta_K) = (${B.join(",\\ ")})$.`,
      "",
      `The batch has $n = ${n}$ training sequences (also in the CSV download; x1 is the oldest input):`,
      "",
      `| $i$ | ${Array.from({ length: L }, (_, l) => `$X_${l + 1}$`).join(" | ")} | $y_i$ |`,
      `| --- | ${Array.from({ length: L }, () => "---").join(" | ")} | --- |`,
      ...sequences.map((sequence, i) => `| ${i + 1} | ${sequence.map((x) => x.toFixed(1)).join(" | ")} | ${targets[i]!.toFixed(2)} |`),
      "",
      "Give the answers to at least three decimals; rounding hidden states to three decimals along the way is fine.",
    ].join("\n");
    const labels = {
      predictions: `Predictions $(O_{1L}, \\dots, O_{${n}L})$, one per sequence in table order`,
      loss: "Training loss $\\sum_{i=1}^{n} (y_i - O_{iL})^2$",
    };
    checkKeysNotShown("predictions or loss", [...predicted, loss], [prompt, labels.predictions, labels.loss].join("\n"), {
      skipShort: "always",
    });

    const solution = [
      "Run the recurrence separately for each sequence, starting from $A_0 = 0$ each time, with the same $W$, $U$ and $B$ " +
        "for every step and every sequence. The prediction is the output of the last step.",
      "",
      ...predicted.map(
        (value, i) =>
          `- Sequence ${i + 1}: $O_{${i + 1}L} = ${formatSignificant(value, 4)}$, error $y_{${i + 1}} - O_{${i + 1}L} = ` +
          `${formatSignificant(targets[i]! - value, 4)}$.`,
      ),
      "",
      `Squared-error loss: $\\sum_i (y_i - O_{iL})^2 = ${formatSignificant(loss, 4)}$.`,
    ].join("\n");

    const csvHeader = ["i", ...Array.from({ length: L }, (_, l) => `x${l + 1}`), "y"].join(",");
    const csvRows = sequences.map((sequence, i) => [i + 1, ...sequence.map((x) => x.toFixed(1)), targets[i]!.toFixed(2)].join(","));

    return {
      prompt,
      parts: [
        {
          id: "predictions",
          label: labels.predictions,
          spec: { type: "vector", length: n, tolerance: { abs: predictionTolerance } },
          key: predicted,
          misconceptions: predictionMistakes,
        },
        {
          id: "loss",
          label: labels.loss,
          spec: { type: "number", tolerance: { abs: lossTolerance } },
          key: loss,
          misconceptions: lossMistakes,
        },
      ],
      solution,
      csv: { filename: `rnn-batch-n${n}.csv`, text: [csvHeader, ...csvRows].join("\n") + "\n" },
    };
  },
});
