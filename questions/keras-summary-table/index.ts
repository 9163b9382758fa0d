import type { ExpressionVariable, Misconception } from "@/lib/grading";
import { defineQuestion } from "@/lib/questions/definition";
import { RejectDraw } from "@/lib/questions/errors";
import { formatThousands } from "@/lib/questions/format-key";
import { denseParameterCount, simpleRnnParameterBreakdown, type Rng } from "@/lib/numerics";

interface Params {
  /** Features per time step. */
  p: number;
  /** Sequence length of the model as built. */
  L: number;
  /** Sequence length of the rebuilt model. */
  newL: number;
  /** Units of the first SimpleRNN layer. */
  K1: number;
  /** Units of a second, stacked SimpleRNN layer, or null for one recurrent layer. */
  K2: number | null;
  /** Whether the last SimpleRNN returns every step's state, so Dense produces an output at every step. */
  everyStep: boolean;
  /** Output units: 1 (linear) or M (softmax). */
  M: number;
}

const DIFFICULTY = 2;
const EXPECTED_MINUTES = 8;
/**
 * Numbers the student's view always contains outside the prompt (the integer input hint "205" and
 * "12*(3+1)", the difficulty, the minutes and the version). An integer key equal to one of them
 * would look leaked, so such draws are redrawn.
 */
const FIXED_VIEW_NUMBERS = new Set([1, 3, 12, 205, DIFFICULTY, EXPECTED_MINUTES]);

function generate(rng: Rng): Params {
  const L = rng.integer(5, 60);
  let newL = rng.integer(5, 120);
  while (newL === L) newL = rng.integer(5, 120);
  return {
    p: rng.integer(2, 20),
    L,
    newL,
    K1: rng.integer(8, 64),
    K2: rng.uniform() < 0.4 ? rng.integer(4, 32) : null,
    everyStep: rng.uniform() < 0.3,
    M: rng.uniform() < 0.5 ? 1 : rng.integer(3, 10),
  };
}

/** Counts the parameters of a Keras SimpleRNN layer with `units` units reading `inputs` features per step. */
function recurrentCount(inputs: number, units: number): number {
  const breakdown = simpleRnnParameterBreakdown({ inputFeatures: inputs, hiddenUnits: units });
  return breakdown.inputToHidden + breakdown.hiddenToHidden;
}

function integerVariable(name: string, min: number, max: number): ExpressionVariable {
  return { name, min, max, integer: true };
}

export default defineQuestion<Params>({
  meta: {
    id: "keras-summary-table",
    version: "1",
    title: "Complete a Keras summary of a recurrent network",
    topics: ["weight-sharing"],
    difficulty: DIFFICULTY,
    expectedMinutes: EXPECTED_MINUTES,
  },
  generate,
  build(params) {
    const { p, L, newL, K1, K2, everyStep, M } = params;
    const lastUnits = K2 ?? K1;
    const first = recurrentCount(p, K1);
    const second = K2 === null ? 0 : recurrentCount(K1, K2);
    const dense = denseParameterCount([lastUnits, M]);
    const recurrentTotal = first + second;
    const total = recurrentTotal + dense;

    const firstMistakes: Misconception[] = [
      {
        tag: "ws-times-length",
        value: L * first,
        message:
          "You counted the layer once per time step. A SimpleRNN applies the same W, U and bias at every step (weight " +
          "sharing), so the sequence length does not enter its count.",
      },
      {
        tag: "ws-no-recurrent-weights",
        value: K1 * (p + 1),
        message: "You left out U, the units × units matrix of recurrent weights that feeds the previous state back in.",
      },
      {
        tag: "ws-two-hidden-biases",
        value: K1 * (p + 2) + K1 * K1,
        message: "That is the PyTorch count (nn.RNN keeps two bias vectors). Keras SimpleRNN has one bias per unit.",
      },
      {
        tag: "ws-no-biases",
        value: K1 * p + K1 * K1,
        message: "You left out the biases: each of the units has one.",
      },
    ];
    const secondMistakes: Misconception[] =
      K2 === null
        ? []
        : [
            {
              tag: "ws-second-layer-reads-p",
              value: recurrentCount(p, K2),
              message:
                `The second SimpleRNN reads the first layer's states, not the raw inputs: its input has ${K1} features per step, not ${p}.`,
            },
            {
              tag: "ws-times-length",
              value: L * second,
              message: "You counted the layer once per time step; its weights are shared across steps.",
            },
            {
              tag: "ws-no-recurrent-weights",
              value: K2 * (K1 + 1),
              message: "You left out U, the units × units matrix of recurrent weights.",
            },
            {
              tag: "ws-two-hidden-biases",
              value: K2 * (K1 + 2) + K2 * K2,
              message: "That is the PyTorch count with two bias vectors. Keras SimpleRNN has one bias per unit.",
            },
          ];
    const denseMistakes: Misconception[] = [
      {
        tag: "ws-dense-no-bias",
        value: M * lastUnits,
        message: "You left out the Dense layer's bias: each output unit has one.",
      },
      {
        tag: "ws-dense-reads-inputs",
        value: M * (p + 1),
        message: `The Dense layer reads the last recurrent layer's ${lastUnits} units, not the ${p} input features.`,
      },
    ];
    if (everyStep) {
      denseMistakes.push({
        tag: "ws-dense-per-step",
        value: L * dense,
        message:
          "With return_sequences=True the Dense layer is applied at every step, but with the same weights each time, " +
          "so it is counted once.",
      });
    }
    const newLengthMistakes: Misconception[] = [
      {
        tag: "ws-recurrent-per-step",
        value: newL * recurrentTotal + dense,
        message: "You multiplied the recurrent weights by the new length. They are shared across steps, so the count does not change.",
      },
      {
        tag: "ws-whole-model-per-step",
        value: newL * total,
        message: "Nothing in the model has one weight set per step: the total is the same for any sequence length.",
      },
    ];

    const parts = [
      { id: "first-layer", key: first, misconceptions: firstMistakes },
      ...(K2 === null ? [] : [{ id: "second-layer", key: second, misconceptions: secondMistakes }]),
      { id: "dense", key: dense, misconceptions: denseMistakes },
      { id: "new-length-total", key: total, misconceptions: newLengthMistakes },
    ];
    for (const part of parts) {
      const values = [part.key, ...part.misconceptions.map((item) => item.value as number)];
      if (new Set(values).size !== values.length) throw new RejectDraw(`two answers of ${part.id} coincide`);
    }

    // The expression part: the whole model as a function of its sizes for one recurrent layer,
    // the second layer alone when two are stacked. L is declared so that ×L answers can be read.
    const expression =
      K2 === null
        ? {
            label:
              M === 1
                ? "The total number of parameters of this architecture, `SimpleRNN(K)` then `Dense(1)`, as an expression in $p$ and $K$"
                : "The total number of parameters of this architecture, `SimpleRNN(K)` then `Dense(M)`, as an expression in $p$, $K$ and $M$",
            variables: [
              integerVariable("p", 1, 20),
              integerVariable("K", 1, 64),
              ...(M === 1 ? [] : [integerVariable("M", 2, 12)]),
              integerVariable("L", 1, 100),
            ],
            key: M === 1 ? "K*(p+1) + K^2 + K + 1" : "K*(p+1) + K^2 + M*(K+1)",
            misconceptions: [
              {
                tag: "ws-times-length",
                value: M === 1 ? "L*(K*(p+1) + K^2) + K + 1" : "L*(K*(p+1) + K^2) + M*(K+1)",
                message: "The count does not depend on L: the recurrent weights are shared across the steps.",
              },
              {
                tag: "ws-no-recurrent-weights",
                value: M === 1 ? "K*(p+1) + K + 1" : "K*(p+1) + M*(K+1)",
                message: "You left out the K² recurrent weights of U.",
              },
              {
                tag: "ws-two-hidden-biases",
                value: M === 1 ? "K*(p+2) + K^2 + K + 1" : "K*(p+2) + K^2 + M*(K+1)",
                message: "That is the PyTorch convention with two hidden bias vectors; Keras has one.",
              },
              {
                tag: "ws-no-biases",
                value: M === 1 ? "K*p + K^2 + K" : "K*p + K^2 + M*K",
                message: "You left out the biases of the hidden and the output units.",
              },
              ...(M === 1
                ? []
                : [
                    {
                      tag: "ws-scalar-output",
                      value: "K*(p+1) + K^2 + K + 1",
                      message: "A Dense(M) layer has M units, each with K weights and a bias: M(K + 1).",
                    },
                  ]),
            ],
          }
        : {
            label:
              "The number of parameters of a second `SimpleRNN(K2)` stacked on a `SimpleRNN(K1)` that reads $p$ features per step, " +
              "as an expression in $K_1$, $K_2$ (type `K1`, `K2`) and, if needed, $p$",
            variables: [integerVariable("p", 1, 20), integerVariable("K1", 1, 64), integerVariable("K2", 1, 64), integerVariable("L", 1, 100)],
            key: "K2*(K1+1) + K2^2",
            misconceptions: [
              {
                tag: "ws-second-layer-reads-p",
                value: "K2*(p+1) + K2^2",
                message: "The second layer reads the K1 states of the first layer at each step, not the p inputs.",
              },
              {
                tag: "ws-times-length",
                value: "L*(K2*(K1+1) + K2^2)",
                message: "The count does not depend on L: the weights are shared across the steps.",
              },
              {
                tag: "ws-no-recurrent-weights",
                value: "K2*(K1+1)",
                message: "You left out the K2² recurrent weights of the second layer.",
              },
              {
                tag: "ws-two-hidden-biases",
                value: "K2*(K1+2) + K2^2",
                message: "That is the PyTorch convention with two hidden bias vectors; Keras has one.",
              },
            ],
          };

    const rnnShape = (units: number, sequences: boolean) => (sequences ? `(None, ${L}, ${units})` : `(None, ${units})`);
    const denseShape = everyStep ? `(None, ${L}, ${M})` : `(None, ${M})`;
    const denseCall = M === 1 ? "layers.Dense(1)" : `layers.Dense(${M}, activation="softmax")`;
    const code = [
      "model = keras.Sequential([",
      `    keras.Input(shape=(${L}, ${p})),`,
      `    layers.SimpleRNN(${K1}${K2 !== null || everyStep ? ", return_sequences=True" : ""}),`,
      ...(K2 === null ? [] : [`    layers.SimpleRNN(${K2}${everyStep ? ", return_sequences=True" : ""}),`]),
      `    ${denseCall},`,
      "])",
      "model.summary()",
    ];
    const table = [
      "| Layer (type) | Output Shape | Param # |",
      "| --- | --- | --- |",
      `| simple_rnn (SimpleRNN) | ${rnnShape(K1, K2 !== null || everyStep)} | (a) |`,
      ...(K2 === null ? [] : [`| simple_rnn_1 (SimpleRNN) | ${rnnShape(K2, everyStep)} | (b) |`]),
      `| dense (Dense) | ${denseShape} | (${K2 === null ? "b" : "c"}) |`,
    ];
    const prompt = [
      `A recurrent network reads sequences of $L = ${L}$ steps with $p = ${p}$ features per step. It is built in Keras as`,
      "",
      "```python",
      ...code,
      "```",
      "",
      "and `model.summary()` prints this table, with the parameter counts blanked out:",
      "",
      ...table,
      "",
      "Every weight and every bias counts as a parameter.",
    ].join("\n");
    const letters = K2 === null ? ["a", "b"] : ["a", "b", "c"];
    const labels: Record<string, string> = {
      "first-layer": `(${letters[0]}) Parameters of simple_rnn`,
      "second-layer": "(b) Parameters of simple_rnn_1",
      dense: `(${letters.at(-1)}) Parameters of dense`,
      "new-length-total": `Total parameters of the same model built with \`keras.Input(shape=(${newL}, ${p}))\``,
    };

    const promptNumbers = new Set(
      [...[prompt, ...Object.values(labels), expression.label].join("\n").matchAll(/\d+/g)].map((match) => Number(match[0])),
    );
    for (const part of parts) {
      if (promptNumbers.has(part.key) || FIXED_VIEW_NUMBERS.has(part.key)) throw new RejectDraw(`the key of ${part.id} appears in the view`);
    }

    const solution = [
      "A Keras SimpleRNN layer with $K$ units reading $d$ features per step has an input matrix ($K \\cdot d$), a recurrent " +
        "matrix $U$ ($K^2$) and one bias per unit ($K$): $K(d + 1) + K^2$. The same weights are used at every step, so $L$ " +
        "never enters. A Dense layer with $M$ units after $K$ units has $M(K + 1)$ parameters, also when it is applied at every step.",
      "",
      `- simple_rnn: $${K1}\\cdot(${p} + 1) + ${K1}^2 = ${formatThousands(first)}$.`,
      ...(K2 === null ? [] : [`- simple_rnn_1 reads the ${K1} states of simple_rnn: $${K2}\\cdot(${K1} + 1) + ${K2}^2 = ${formatThousands(second)}$.`]),
      `- dense: $${M}\\cdot(${lastUnits} + 1) = ${formatThousands(dense)}$.`,
      "",
      `Total: $${formatThousands(total)}$, for $L = ${L}$ and equally for $L = ${newL}$ or any other length.`,
      "",
      `Expression: \`${expression.key}\`.`,
    ].join("\n");

    return {
      prompt,
      parts: [
        ...parts.map((part) => ({
          id: part.id,
          label: labels[part.id]!,
          spec: { type: "integer" as const },
          key: part.key,
          misconceptions: part.misconceptions,
        })),
        {
          id: "expression",
          label: expression.label,
          spec: { type: "expression" as const, variables: expression.variables },
          key: expression.key,
          misconceptions: expression.misconceptions,
        },
      ],
      solution,
    };
  },
});
