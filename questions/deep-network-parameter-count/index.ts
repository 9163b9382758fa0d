import type { Misconception } from "@/lib/grading";
import { defineQuestion } from "@/lib/questions/definition";
import { RejectDraw } from "@/lib/questions/errors";
import { formatThousands } from "@/lib/questions/format-key";
import { denseParameterCount, type Rng } from "@/lib/numerics";

interface Params {
  /** Units per layer, inputs first and outputs last: p, K_1, …, K_H, M (two or three hidden layers). */
  layers: number[];
  /** Output activation: a linear unit for regression, softmax over M classes otherwise. */
  output: "linear" | "softmax";
  /** Whether the Keras listing puts a Dropout layer after each hidden layer (it has no parameters). */
  dropout: boolean;
  story: string;
}

const SOFTMAX_STORIES = [
  { text: "classifies $28 \\times 28$ grey-scale digit images, flattened to $p$ pixel values, into $M$ digits", p: 784, M: 10 },
  { text: "classifies $16 \\times 16$ grey-scale letter images, flattened to $p$ pixel values, into $M$ letters", p: 256, M: 26 },
  { text: "assigns a customer, described by $p$ account features, to one of $M$ segments", p: 0, M: 0 },
  { text: "predicts which of $M$ products a shopper buys next from $p$ features of the session", p: 0, M: 0 },
] as const;

const LINEAR_STORIES = [
  "predicts a house's sale price from $p$ features",
  "predicts a baseball player's salary from $p$ predictors",
  "predicts the next day's log trading volume from $p$ lagged market indicators",
] as const;

function generate(rng: Rng): Params {
  const hiddenCount = rng.integer(2, 3);
  const widths = rng.choice([
    [256, 128, 64],
    [128, 64, 32],
    [64, 32, 16],
    [100, 50, 25],
  ]);
  const hidden =
    rng.uniform() < 0.5
      ? widths.slice(0, hiddenCount)
      : Array.from({ length: hiddenCount }, () => rng.integer(4, 128));
  const dropout = rng.uniform() < 0.5;
  if (rng.uniform() < 0.5) {
    const choice = rng.choice(SOFTMAX_STORIES);
    const p = choice.p > 0 ? choice.p : rng.integer(5, 80);
    const M = choice.M > 0 ? choice.M : rng.integer(3, 12);
    return { layers: [p, ...hidden, M], output: "softmax", dropout, story: choice.text };
  }
  return { layers: [rng.integer(3, 80), ...hidden, 1], output: "linear", dropout, story: rng.choice(LINEAR_STORIES) };
}

/** Parameters of each dense layer, (n_in + 1) · n_out, from the library's count of a two-layer network. */
function layerCounts(layers: readonly number[]): number[] {
  return layers.slice(1).map((units, i) => denseParameterCount([layers[i]!, units]));
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function vectorMisconceptions(layers: readonly number[]): Misconception[] {
  const weightsOnly = layers.slice(1).map((units, i) => layers[i]! * units);
  const biasPerInput = layers.slice(1).map((units, i) => layers[i]! * (units + 1));
  return [
    {
      tag: "dnn-layers-no-biases",
      value: weightsOnly,
      message: "You counted n_in · n_out weights per layer but no biases: each unit of a dense layer adds one bias, (n_in + 1) · n_out.",
    },
    {
      tag: "dnn-layers-bias-per-input",
      value: biasPerInput,
      message:
        "You gave each input of a layer a bias, n_in · (n_out + 1). The biases belong to the layer's own units: " +
        "(n_in + 1) · n_out.",
    },
  ];
}

function totalMisconceptions(params: Params): Misconception[] {
  const { layers } = params;
  const counts = layerCounts(layers);
  const total = sum(counts);
  const weights = sum(layers.slice(1).map((units, i) => layers[i]! * units));
  const hiddenOnly = sum(counts.slice(0, -1));
  const list: Misconception[] = [
    {
      tag: "dnn-no-biases",
      value: weights,
      message: "You counted the weights only. Every hidden and output unit has a bias too.",
    },
    {
      tag: "dnn-one-bias-per-layer",
      value: weights + counts.length,
      message: "You added one bias per layer. Each unit has its own bias, so a layer of n_out units has n_out biases.",
    },
    {
      tag: "dnn-no-output-layer",
      value: hiddenOnly,
      message: "You stopped at the last hidden layer. The output layer's weights and biases are parameters too.",
    },
    {
      tag: "dnn-input-layer-weights",
      value: total + layers[0]! * (layers[0]! + 1),
      message:
        "You gave the input layer weights of its own. The input layer only holds the p features; the first " +
        "weight matrix is the one into the first hidden layer.",
    },
  ];
  if (params.output === "softmax") {
    const M = layers[layers.length - 1]!;
    const last = layers[layers.length - 2]!;
    list.push({
      tag: "dnn-scalar-output-for-softmax",
      value: total - (M - 1) * (last + 1),
      message: "You counted one output unit. A softmax over M classes has M units, each with its own weights and bias.",
    });
  }
  return list;
}

function kerasListing(params: Params): string {
  const { layers, output, dropout } = params;
  const hidden = layers.slice(1, -1);
  const lines = [`keras.Input(shape=(${layers[0]},))`];
  hidden.forEach((units) => {
    lines.push(`layers.Dense(${units}, activation="relu")`);
    if (dropout) lines.push("layers.Dropout(0.3)");
  });
  const M = layers[layers.length - 1]!;
  lines.push(output === "softmax" ? `layers.Dense(${M}, activation="softmax")` : "layers.Dense(1)");
  return lines.join("\n");
}

export default defineQuestion<Params>({
  meta: {
    id: "deep-network-parameter-count",
    version: "1",
    title: "Parameters of a deeper feed-forward network",
    topics: ["feed-forward-counts"],
    difficulty: 2,
    expectedMinutes: 6,
  },
  generate,
  build(params) {
    const { layers, output, dropout } = params;
    const p = layers[0]!;
    const M = layers[layers.length - 1]!;
    const counts = layerCounts(layers);
    const total = denseParameterCount(layers);
    if (total !== sum(counts)) throw new RejectDraw("layer counts do not add up to the network's count");

    const vectorWrong = vectorMisconceptions(layers);
    const totalWrong = totalMisconceptions(params);
    const totals = [total, ...totalWrong.map((item) => item.value as number)];
    if (new Set(totals).size !== totals.length) throw new RejectDraw("two errors give the same total");

    const story = params.story.replace("$p$", `$p = ${p}$`).replace("$M$", `$M = ${M}$`);
    const hiddenText = layers
      .slice(1, -1)
      .map((units) => String(units))
      .join(", ");
    const prompt = [
      `A network ${story}. It has ${layers.length - 2} hidden layers of ${hiddenText} ReLU units` +
        (output === "softmax" ? ", and a softmax output layer with one unit per class." : ", and one linear output unit.") +
        (dropout ? " Dropout with rate 0.3 follows each hidden layer during training." : ""),
      "",
      "In Keras (`Sequential`, every `Dense` layer with its default bias):",
      "",
      "```",
      kerasListing(params),
      "```",
      "",
      `Count every weight and bias. Give the counts of the ${counts.length} \`Dense\` layers in order as a vector, then the total.`,
    ].join("\n");

    const solution = [
      "A dense layer from $n_{\\text{in}}$ to $n_{\\text{out}}$ units has $(n_{\\text{in}} + 1)\\,n_{\\text{out}}$ parameters: " +
        "a weight per (input, unit) pair and a bias per unit.",
      "",
      ...counts.map(
        (count, i) => `- Layer ${i + 1}: $(${layers[i]} + 1) \\cdot ${layers[i + 1]} = ${formatThousands(count)}$`,
      ),
      "",
      `Total: $${counts.map(formatThousands).join(" + ")} = ${formatThousands(total)}$.` +
        (dropout ? " Dropout layers have no parameters: they only zero a random share of the units while training." : ""),
    ].join("\n");

    const shown = new Set([...prompt.matchAll(/\d+/g)].map((match) => Number(match[0])));
    if ([total, ...counts].some((count) => shown.has(count))) throw new RejectDraw("a count appears in the prompt");

    return {
      prompt,
      parts: [
        {
          id: "layer-counts",
          label: "Parameters of each `Dense` layer, in order",
          spec: { type: "vector", length: counts.length, tolerance: {} },
          key: counts,
          misconceptions: vectorWrong,
        },
        {
          id: "total",
          label: "Total number of parameters",
          spec: { type: "integer" },
          key: total,
          misconceptions: totalWrong,
        },
      ],
      solution,
    };
  },
});
