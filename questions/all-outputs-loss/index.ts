import { assertDistinctOptions, shuffleOptions, type ChoiceOption, type Misconception } from "@/lib/grading";
import { defineQuestion } from "@/lib/questions/definition";
import { checkKeysNotShown, checkMisconceptionsSeparated, checkRoundingEdges } from "@/lib/questions/draw-checks";
import { formatSignificant } from "@/lib/questions/format-key";
import { simpleRnnForward, type Rng, type SimpleRnnWeights } from "@/lib/numerics";

/** Statements of the multiple-choice part; `true*` are correct, `false*` are typical wrong beliefs. */
type StatementId =
  | "true-depends-on-past"
  | "true-free"
  | "true-same-b"
  | "true-more-error-terms"
  | "false-extra-weights"
  | "false-future-input"
  | "false-not-computed"
  | "false-params-times-length"
  | "false-second-network";

interface Params {
  /** Series x_1 … x_{L+1}, two decimals; X_l = x_l and the target of step l is x_{l+1}. */
  series: number[];
  /** One-unit RNN (K = 1, p = 1), one decimal each. */
  w0: number;
  w1: number;
  u: number;
  beta0: number;
  beta1: number;
  /** Step named in the statements, 2 ≤ l ≤ L − 1. */
  l: number;
  /** Statements in display order. */
  statements: StatementId[];
}

const BASE_TOLERANCE = 0.002;
const SEPARATION = 2;

const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;
const round3 = (value: number) => Math.round(value * 1000) / 1000;

function signedWeight(rng: Rng, min: number, max: number): number {
  return (rng.uniform() < 0.5 ? -1 : 1) * round1(rng.uniform(min, max));
}

const TRUE_STATEMENTS: StatementId[] = ["true-depends-on-past", "true-free", "true-same-b", "true-more-error-terms"];
const FALSE_STATEMENTS: StatementId[] = [
  "false-extra-weights",
  "false-future-input",
  "false-not-computed",
  "false-params-times-length",
  "false-second-network",
];

function generate(rng: Rng): Params {
  const L = rng.integer(3, 5);
  const series = Array.from({ length: L + 1 }, () => round2(rng.uniform(-1, 1)));
  const trueCount = rng.integer(2, 3);
  const chosen = [...rng.shuffle(TRUE_STATEMENTS).slice(0, trueCount), ...rng.shuffle(FALSE_STATEMENTS).slice(0, 5 - trueCount)];
  const statements = shuffleOptions(
    chosen.map((id) => ({ id, text: id })),
    rng,
  ).map((option) => option.id as StatementId);
  return {
    series,
    w0: signedWeight(rng, 0.1, 0.6),
    w1: signedWeight(rng, 0.5, 1.5),
    u: signedWeight(rng, 0.3, 0.9),
    beta0: signedWeight(rng, 0.1, 0.5),
    beta1: signedWeight(rng, 0.5, 1.5),
    l: rng.integer(2, L - 1),
    statements,
  };
}

function statementText(id: StatementId, l: number, L: number): string {
  switch (id) {
    case "true-depends-on-past":
      return `$O_{${l}}$ depends on every input $X_1, \\dots, X_{${l}}$.`;
    case "true-free":
      return `Computing $O_{${L}}$ already produces $A_1, \\dots, A_{${L}}$, so each $O_l = \\beta_0 + \\beta_1 A_l$ costs only one more linear step.`;
    case "true-same-b":
      return "Every output $O_l$ is computed with the same output weights $\\beta_0, \\beta_1$.";
    case "true-more-error-terms":
      return `With a target at every step, one training sequence gives $L = ${L}$ error terms instead of one.`;
    case "false-extra-weights":
      return "Each intermediate output needs output weights of its own, which the network has to learn in addition.";
    case "false-future-input":
      return `$O_{${l}}$ depends on $X_{${l + 1}}$, because the whole sequence is read before any output is produced.`;
    case "false-not-computed":
      return "Only $O_L$ can enter the loss, because the intermediate outputs are not computed in the forward pass.";
    case "false-params-times-length":
      return `Using all outputs in the loss multiplies the number of parameters by $L = ${L}$.`;
    case "false-second-network":
      return "The intermediate outputs come from a second network that is trained separately.";
  }
}

const STATEMENT_FEEDBACK: Record<StatementId, { tag: string; message: string }> = {
  "true-depends-on-past": {
    tag: "allout-missed-past-dependence",
    message: "This one is true: $O_l$ is computed from $A_l$, which carries every input up to step $l$ through the recurrence.",
  },
  "true-free": {
    tag: "allout-missed-free-outputs",
    message: "This one is true: the hidden states are computed anyway on the way to $O_L$, and each $O_l$ is one linear map of $A_l$.",
  },
  "true-same-b": {
    tag: "allout-missed-shared-output-weights",
    message: "This one is true: weight sharing covers the output layer too; $B$ is the same at every step.",
  },
  "true-more-error-terms": {
    tag: "allout-missed-more-error-terms",
    message: "This one is true: with a target at each step, each of the $L$ outputs adds a squared error to the loss.",
  },
  "false-extra-weights": {
    tag: "allout-extra-output-weights",
    message: "The intermediate outputs use the same $B$ as $O_L$; no weights are added.",
  },
  "false-future-input": {
    tag: "allout-future-input",
    message: "The recurrence runs forward: $O_l$ is computed from $A_l$ before $X_{l+1}$ is read.",
  },
  "false-not-computed": {
    tag: "allout-not-computed",
    message: "Every $A_l$ is computed on the way to $A_L$, so every $O_l$ can be computed and used in the loss.",
  },
  "false-params-times-length": {
    tag: "allout-params-times-length",
    message: "The parameter count does not depend on $L$ or on how many outputs enter the loss; the weights are shared.",
  },
  "false-second-network": {
    tag: "allout-second-network",
    message: "The intermediate outputs come from the same network, with the same weights, at no extra cost.",
  },
};

const optionId = (position: number) => String.fromCharCode(97 + position);

export default defineQuestion<Params>({
  meta: {
    id: "all-outputs-loss",
    version: "1",
    title: "Every output of an RNN in the training loss",
    topics: ["output-and-loss", "rnn-forward-pass"],
    difficulty: 2,
    expectedMinutes: 10,
  },
  generate,
  build(params) {
    const { series, w0, w1, u, beta0, beta1, l } = params;
    const L = series.length - 1;
    const inputs = series.slice(0, L);
    const targets = series.slice(1);

    const weights: SimpleRnnWeights = { W: [[w0, w1]], U: [[u]], B: [beta0, beta1], activation: "tanh" };
    const run = (change: Partial<SimpleRnnWeights> = {}) =>
      simpleRnnForward(
        inputs.map((x) => [x]),
        { ...weights, ...change },
      );
    const forward = run();
    const outputs = forward.outputs;
    const sumSquares = (predicted: readonly number[], observed: readonly number[]) =>
      predicted.reduce((sum, o, index) => sum + (observed[index]! - o) ** 2, 0);
    const loss = sumSquares(outputs, targets);

    // Tolerances from sensitivity: a student who rounds each hidden state to three decimals must
    // pass; an output error at that tolerance moves the loss by at most Σ 2|x_{l+1} − O_l|·tolerance.
    const roundedStates: number[] = [];
    for (const x of inputs) {
      const previous = roundedStates.at(-1) ?? 0;
      // One step from a rounded state: fold u·A_{l−1} into the bias of a one-step run from A_0 = 0.
      const state = simpleRnnForward([[x]], { W: [[w0 + u * previous, w1]], U: [[0]], B: [beta0, beta1] }).hiddenStates[0]![0]!;
      roundedStates.push(round3(state));
    }
    const roundedOutputs = roundedStates.map((a) => beta0 + beta1 * a);
    const outputTolerance = Math.max(BASE_TOLERANCE, 2 * Math.max(...roundedOutputs.map((o, index) => Math.abs(o - outputs[index]!))));
    const residualSum = outputs.reduce((sum, o, index) => sum + Math.abs(targets[index]! - o), 0);
    const lossTolerance = Math.max(BASE_TOLERANCE, 2 * residualSum * outputTolerance);

    const outputMistakes: Misconception[] = [
      {
        tag: "allout-no-recurrence",
        value: run({ U: [[0]] }).outputs,
        message: "You left out $u A_{l-1}$: each output then only sees its own input. The hidden state carries the earlier inputs forward.",
      },
      {
        tag: "allout-output-activation",
        value: outputs.map(Math.tanh),
        message: "The outputs are linear in the hidden state, $O_l = \\beta_0 + \\beta_1 A_l$; $\\tanh$ belongs to the hidden unit only.",
      },
      {
        tag: "allout-no-output-bias",
        value: outputs.map((o) => o - beta0),
        message: "You left out the output bias $\\beta_0$.",
      },
    ];
    const lossMistakes: Misconception[] = [
      {
        tag: "allout-last-output-only",
        value: (targets[L - 1]! - outputs[L - 1]!) ** 2,
        message: "That is the error of the last output only. The loss asked for adds the squared errors of all outputs $O_1, \\dots, O_L$.",
      },
      {
        tag: "allout-target-not-shifted",
        value: sumSquares(outputs, inputs),
        message: "You compared $O_l$ with $x_l$, the input it has already seen. The target of step $l$ is the next value, $x_{l+1}$.",
      },
      {
        tag: "allout-mean-over-steps",
        value: loss / L,
        message: `You divided by $L = ${L}$. The loss asked for is the sum of the squared errors, not their mean.`,
      },
    ];

    checkMisconceptionsSeparated("outputs", outputs, outputMistakes, { tolerance: outputTolerance, factor: SEPARATION });
    checkMisconceptionsSeparated("loss", loss, lossMistakes, { tolerance: lossTolerance, factor: SEPARATION });
    const roundings = { significantFigures: [1, 2, 3] };
    checkRoundingEdges("outputs", outputs, { tolerance: outputTolerance, roundings, edgeShare: 0.1 });
    checkRoundingEdges("loss", [loss], { tolerance: lossTolerance, roundings, edgeShare: 0.1 });

    // Statements part.
    const options: ChoiceOption[] = params.statements.map((id, position) => ({ id: optionId(position), text: statementText(id, l, L) }));
    assertDistinctOptions(options);
    const statementKey = params.statements.flatMap((id, position) => (id.startsWith("true") ? [optionId(position)] : []));
    const statementMistakes: Misconception[] = params.statements.flatMap((id, position) => {
      const value = id.startsWith("true")
        ? statementKey.filter((key) => key !== optionId(position))
        : [...statementKey, optionId(position)].sort();
      return value.length === 0 ? [] : [{ tag: STATEMENT_FEEDBACK[id].tag, value, message: STATEMENT_FEEDBACK[id].message }];
    });

    const prompt = [
      `A simple RNN with one hidden unit is trained to predict the next value of a series. Step $l$ reads $X_l = x_l$, and its ` +
        `target is the next value $x_{l+1}$, so a series $x_1, \\dots, x_{${L + 1}}$ gives one training sequence of length $L = ${L}$ ` +
        `with a target at every step. The network computes $A_l = \\tanh(w_0 + w_1 X_l + u A_{l-1})$, $A_0 = 0$, and ` +
        `$O_l = \\beta_0 + \\beta_1 A_l$, with $w_0 = ${w0}$, $w_1 = ${w1}$, $u = ${u}$, $\\beta_0 = ${beta0}$, $\\beta_1 = ${beta1}$.`,
      "",
      `| $l$ | ${series.map((_, index) => index + 1).join(" | ")} |`,
      `| --- | ${series.map(() => "---").join(" | ")} |`,
      `| $x_l$ | ${series.map((value) => value.toFixed(2)).join(" | ")} |`,
      "",
      "Give the numbers to at least three decimals; rounding hidden states to three decimals along the way is fine.",
    ].join("\n");
    const labels = {
      outputs: `All outputs $(O_1, \\dots, O_{${L}})$`,
      loss: `Training loss over every step, $\\sum_{l=1}^{L} (x_{l+1} - O_l)^2$`,
      statements: "Which statements about the intermediate outputs $O_1, \\dots, O_{L-1}$ are true? Select all that apply.",
    };
    checkKeysNotShown("outputs or loss", [...outputs, loss], [prompt, ...Object.values(labels)].join("\n"), {
      skipShort: "always",
      exponents: false,
    });

    const solution = [
      `Run the recurrence once from $A_0 = 0$: $A = (${forward.hiddenStates.map((state) => formatSignificant(state[0]!, 4)).join(",\\ ")})$ ` +
        `and $O_l = ${beta0} + ${beta1}\\,A_l$, so $O = (${outputs.map((o) => formatSignificant(o, 4)).join(",\\ ")})$. ` +
        "All of them come out of the one forward pass that computes $O_L$.",
      "",
      `Errors against the next values: $x_{l+1} - O_l = (${outputs.map((o, index) => formatSignificant(targets[index]! - o, 4)).join(",\\ ")})$; ` +
        `their squares add up to $${formatSignificant(loss, 4)}$.`,
      "",
      `True statements: ${params.statements
        .filter((id) => id.startsWith("true"))
        .map((id) => statementText(id, l, L))
        .join(" ")}`,
    ].join("\n");

    return {
      prompt,
      parts: [
        {
          id: "outputs",
          label: labels.outputs,
          spec: { type: "vector", length: L, tolerance: { abs: outputTolerance } },
          key: outputs,
          misconceptions: outputMistakes,
        },
        {
          id: "loss",
          label: labels.loss,
          spec: { type: "number", tolerance: { abs: lossTolerance } },
          key: loss,
          misconceptions: lossMistakes,
        },
        {
          id: "statements",
          label: labels.statements,
          spec: { type: "multiple-choice", options },
          key: statementKey,
          misconceptions: statementMistakes,
        },
      ],
      solution,
      csv: {
        filename: `series-L${L}.csv`,
        text: ["l,x", ...series.map((value, index) => `${index + 1},${value.toFixed(2)}`)].join("\n") + "\n",
      },
    };
  },
});
