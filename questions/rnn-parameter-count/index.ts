import { defineQuestion } from "@/lib/questions/definition";
import { RejectDraw } from "@/lib/questions/errors";
import { formatThousands } from "@/lib/questions/format-key";
import type { Misconception } from "@/lib/grading";
import { simpleRnnParameterBreakdown, type Rng } from "@/lib/numerics";

/** The task the network solves; it fixes the output layer (one linear unit, or an M-way softmax). */
type Task =
  | { kind: "scalar"; story: string }
  | { kind: "softmax"; story: string; classes: number };

interface Params {
  /** Features per time step. */
  p: number;
  /** Hidden units. */
  K: number;
  /** Sequence length. */
  L: number;
  task: Task;
}

const SCALAR_STORIES = [
  "forecasts tomorrow's log trading volume from the last $L$ days of daily market indicators",
  "predicts a sensor's next reading from a window of past readings",
  "predicts a patient's next blood-glucose level from a window of past measurements",
] as const;

const SOFTMAX_STORIES = [
  "classifies a short text, one word embedding per step, into one of $M$ topics",
  "predicts the next character of a text from the previous $L$ characters, over an alphabet of $M$ symbols",
  "classifies a recorded gesture, one accelerometer reading per step, into one of $M$ gestures",
] as const;

function generate(rng: Rng): Params {
  const p = rng.integer(2, 20);
  const K = rng.integer(4, 64);
  const L = rng.integer(5, 40);
  const task: Task =
    rng.uniform() < 0.5
      ? { kind: "scalar", story: rng.choice(SCALAR_STORIES) }
      : { kind: "softmax", story: rng.choice(SOFTMAX_STORIES), classes: rng.integer(3, 12) };
  return { p, K, L, task };
}

function outputUnits(task: Task): number {
  return task.kind === "scalar" ? 1 : task.classes;
}

/** Mutated versions of the count, one per typical error. */
function misconceptions({ p, K, L, task }: Params): Misconception[] {
  const M = outputUnits(task);
  const list: Misconception[] = [
    {
      tag: "rnn-weights-per-time-step",
      value: L * (K * (p + 1) + K * K) + M * (K + 1),
      message:
        "You counted the recurrent layer's weights once per time step (×L). The same W, U and hidden " +
        "biases are reused at every step (weight sharing), so they are counted once: the total does " +
        "not depend on the sequence length L.",
    },
    {
      tag: "rnn-everything-per-time-step",
      value: L * (K * (p + 1) + K * K + M * (K + 1)),
      message:
        "You multiplied the whole count by the sequence length L. Unrolling the network over L steps " +
        "reuses the same weights at each step, so nothing is multiplied by L.",
    },
    {
      tag: "rnn-no-biases",
      value: K * p + K * K + M * K,
      message:
        "You left out the bias terms. Each hidden unit has a bias w_k0 (K of them) and each output " +
        "unit has a bias (β_0 for a scalar output, one per class for a softmax).",
    },
    {
      tag: "rnn-no-hidden-bias",
      value: K * p + K * K + M * (K + 1),
      message: "You left out the hidden layer's biases: each of the K hidden units has its own bias w_k0.",
    },
    {
      tag: "rnn-no-output-bias",
      value: K * (p + 1) + K * K + M * K,
      message: "You left out the output layer's bias: each output unit adds one bias to its K weights.",
    },
    {
      tag: "rnn-no-recurrent-weights",
      value: K * (p + 1) + M * (K + 1),
      message:
        "You left out U, the K×K matrix of hidden-to-hidden weights that carries $A_{l-1}$ into $A_l$. " +
        "It is what makes the layer recurrent and adds K² parameters.",
    },
    {
      tag: "rnn-two-hidden-biases",
      value: K * (p + 2) + K * K + M * (K + 1),
      message:
        "That is PyTorch's count: nn.RNN keeps two hidden bias vectors (b_ih and b_hh). This question " +
        "uses the Keras convention stated in the prompt, with one hidden bias vector.",
    },
  ];
  if (task.kind === "softmax") {
    list.push({
      tag: "rnn-scalar-output-for-softmax",
      value: K * (p + 1) + K * K + (K + 1),
      message:
        "You counted a single output unit. An M-class softmax layer has M units, each with K weights " +
        "and a bias, so the output layer has M(K + 1) parameters.",
    });
  }
  return list;
}

export default defineQuestion<Params>({
  meta: {
    id: "rnn-parameter-count",
    version: "1",
    title: "Parameters of a simple RNN",
    topics: ["weight-sharing"],
    difficulty: 1,
    expectedMinutes: 4,
  },
  generate,
  build(params) {
    const { p, K, L, task } = params;
    const M = outputUnits(task);
    const counts = simpleRnnParameterBreakdown({ inputFeatures: p, hiddenUnits: K, outputUnits: M });
    const wrong = misconceptions(params);

    // Two typical errors with the same value would make the feedback guess between causes.
    const values = new Set([counts.total, ...wrong.map((item) => item.value as number)]);
    if (values.size !== wrong.length + 1) throw new RejectDraw("two misconceptions give the same count");

    const story = task.story.replaceAll("$M$", `$M = ${M}$`).replaceAll("$L$", `$L = ${L}$`);
    const outputLayer =
      task.kind === "scalar"
        ? "a dense output layer with a single linear unit"
        : `a dense output layer with $M = ${M}$ softmax units`;
    const kerasOutput = task.kind === "scalar" ? "Dense(1)" : `Dense(${M}, activation="softmax")`;

    const prompt = [
      `A recurrent network ${story}. Each input sequence has $L = ${L}$ steps $X_1, \\dots, X_L$, ` +
        `and each $X_l$ holds $p = ${p}$ features.`,
      "",
      `The network has one simple recurrent layer with $K = ${K}$ hidden units (activation $\\tanh$), ` +
        `followed by ${outputLayer}. In Keras: \`SimpleRNN(${K}, input_shape=(${L}, ${p}))\` then ` +
        `\`${kerasOutput}\`.`,
      "",
      "Count every weight and every bias as a parameter, using the Keras convention: the recurrent " +
        "layer has one bias vector.",
    ].join("\n");

    const solution = [
      "The hidden layer computes $A_{lk} = g\\big(w_{k0} + \\sum_{j=1}^{p} w_{kj} X_{lj} + \\sum_{s=1}^{K} u_{ks} A_{l-1,s}\\big)$ " +
        "with the same $W$, $U$ and biases at every step $l$ (weight sharing), so the sequence length " +
        `$L = ${L}$ does not enter the count.`,
      "",
      `- Input weights and hidden biases, $W$: $K(p+1) = ${K} \\cdot ${p + 1} = ${counts.inputToHidden}$.`,
      `- Recurrent weights, $U$: $K^2 = ${K}^2 = ${counts.hiddenToHidden}$.`,
      task.kind === "scalar"
        ? `- Output weights and bias, $B$: $K + 1 = ${counts.hiddenToOutput}$.`
        : `- Output layer: $M(K+1) = ${M} \\cdot ${K + 1} = ${counts.hiddenToOutput}$.`,
      "",
      `Total: $${counts.inputToHidden} + ${counts.hiddenToHidden} + ${counts.hiddenToOutput} = ${formatThousands(counts.total)}$ parameters.`,
      "Keras's `model.summary()` lists the same split: the SimpleRNN layer's " +
        `$${counts.inputToHidden + counts.hiddenToHidden}$ and the Dense layer's $${counts.hiddenToOutput}$.`,
    ].join("\n");

    return {
      prompt,
      parts: [
        {
          id: "total",
          label: "Total number of trainable parameters",
          spec: { type: "integer" },
          key: counts.total,
          misconceptions: wrong,
        },
      ],
      solution,
    };
  },
});
