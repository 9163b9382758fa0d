import { assertDistinctOptions, shuffleOptions, type ChoiceOption, type Misconception } from "@/lib/grading";
import { defineQuestion } from "@/lib/questions/definition";
import { RejectDraw } from "@/lib/questions/errors";
import { formatSignificant } from "@/lib/questions/format-key";
import { softmax, type Rng } from "@/lib/numerics";

type TaskKind = "regression" | "binary" | "multiclass";

// No apostrophes in prompt text: the HTML renderer writes them as &#39;, whose digits the leak
// check would read as a number of the prompt.
const STORIES: Record<TaskKind, readonly string[]> = {
  regression: [
    "forecasts the log trading volume of the next day from the trading history of the last days",
    "predicts the next blood-glucose level of a patient from a window of past measurements",
    "predicts the remaining useful life of an engine, in hours, from its sensor history",
  ],
  binary: [
    "reads the words of an email and decides whether it is spam",
    "reads the daily returns of the last weeks and predicts whether the market goes up on the next day",
    "reads the transactions of a credit card and flags the sequence as fraudulent or not",
  ],
  multiclass: [
    "reads a short news text, one word per step, and assigns it to one of $M$ topics",
    "reads accelerometer readings, one per step, and classifies the recorded gesture as one of $M$ gestures",
    "reads the notes of a melody so far and predicts the next note among $M$ possible notes",
  ],
};

type Activation = "linear" | "sigmoid" | "softmax" | "tanh" | "relu";
type Loss = "squared" | "binary-cross-entropy" | "categorical-cross-entropy" | "absolute" | "hinge";

interface Params {
  kind: TaskKind;
  story: string;
  /** Classes M of a multiclass task (3–5), else 1. */
  M: number;
  /** Output layer values before the output activation: one value, or M logits; two decimals. */
  z: number[];
  /** Target: a real number (regression), 0 or 1 (binary), or the 0-based true class. */
  y: number;
  /** Options of the two choice parts, in display order. */
  activationOptions: Activation[];
  lossOptions: Loss[];
}

const CORRECT_ACTIVATION: Record<TaskKind, Activation> = { regression: "linear", binary: "sigmoid", multiclass: "softmax" };
const CORRECT_LOSS: Record<TaskKind, Loss> = {
  regression: "squared",
  binary: "binary-cross-entropy",
  multiclass: "categorical-cross-entropy",
};
/** Relative tolerance of the loss value: three significant figures are asked for. */
const LOSS_TOLERANCE = 0.01;
const SEPARATION = 2;

const round2 = (value: number) => Math.round(value * 100) / 100;

function generate(rng: Rng): Params {
  const kind = rng.choice<TaskKind>(["regression", "binary", "multiclass"]);
  const M = kind === "multiclass" ? rng.integer(3, 5) : 1;
  const z =
    kind === "multiclass"
      ? Array.from({ length: M }, () => round2(rng.uniform(-2, 3)))
      : [round2(kind === "regression" ? rng.uniform(-2, 2) : rng.uniform(-3, 3))];
  const y = kind === "regression" ? round2(rng.uniform(-2, 2)) : kind === "binary" ? rng.integer(0, 1) : rng.integer(0, M - 1);

  const activationDistractors = rng.shuffle((["linear", "sigmoid", "softmax", "tanh", "relu"] as const).filter((a) => a !== CORRECT_ACTIVATION[kind]));
  const lossDistractors = rng.shuffle(
    (["squared", "binary-cross-entropy", "categorical-cross-entropy", "absolute", "hinge"] as const).filter((l) => l !== CORRECT_LOSS[kind]),
  );
  const activationOptions = shuffleOptions(
    [CORRECT_ACTIVATION[kind], ...activationDistractors.slice(0, 3)].map((id) => ({ id, text: id })),
    rng,
  ).map((option) => option.id as Activation);
  const lossOptions = shuffleOptions(
    [CORRECT_LOSS[kind], ...lossDistractors.slice(0, 3)].map((id) => ({ id, text: id })),
    rng,
  ).map((option) => option.id as Loss);

  return { kind, story: rng.choice(STORIES[kind]), M, z, y, activationOptions, lossOptions };
}

function activationText(activation: Activation, M: number): string {
  switch (activation) {
    case "linear":
      return "Linear (identity): $o = z$";
    case "sigmoid":
      return "Sigmoid: $o = 1/(1 + e^{-z})$, one unit";
    case "softmax":
      return M > 1 ? `Softmax over $M = ${M}$ units: $o_m = e^{z_m} / \\sum_j e^{z_j}$` : "Softmax over the output units: $o_m = e^{z_m} / \\sum_j e^{z_j}$";
    case "tanh":
      return "Hyperbolic tangent: $o = \\tanh(z)$";
    case "relu":
      return "ReLU: $o = \\max(0, z)$";
  }
}

function lossText(loss: Loss): string {
  switch (loss) {
    case "squared":
      return "Squared error $(y - o)^2$";
    case "binary-cross-entropy":
      return "Binary cross-entropy $-[y \\ln o + (1 - y)\\ln(1 - o)]$";
    case "categorical-cross-entropy":
      return "Categorical cross-entropy $-\\sum_m y_m \\ln o_m$ (one-hot $y$)";
    case "absolute":
      return "Absolute error $|y - o|$";
    case "hinge":
      return "Hinge loss $\\max(0, 1 - \\tilde y\\, o)$ with $\\tilde y = \\pm 1$";
  }
}

function activationGoal(kind: TaskKind): string {
  return kind === "regression"
      ? "The target is an unbounded real number, so the output must be able to take any real value: a linear output."
      : kind === "binary"
        ? "The target is 0 or 1, so the output should be one probability in (0, 1): a single sigmoid unit."
        : "The target is one of M classes, so the output should be M probabilities that sum to 1: a softmax.";
}

function activationFeedback(kind: TaskKind, chosen: Activation): string {
  const reason: Record<Activation, string> = {
    linear: "A linear output is unbounded and is not a probability.",
    sigmoid: "A sigmoid squeezes the output into (0, 1).",
    softmax: "A softmax turns several units into class probabilities.",
    tanh: "tanh limits the output to (−1, 1); it is a hidden-layer activation here.",
    relu: "ReLU cuts off negative outputs; it is a hidden-layer activation here.",
  };
  return `${reason[chosen]} ${activationGoal(kind)}`;
}

function lossGoal(kind: TaskKind): string {
  return kind === "regression"
      ? "For a real-valued target with a linear output the course uses the squared error, as in least squares."
      : kind === "binary"
        ? "A sigmoid output is a probability of class 1; its loss is the binary cross-entropy (the negative Bernoulli log-likelihood)."
        : "A softmax output gives class probabilities; its loss is the categorical cross-entropy (the negative multinomial log-likelihood).";
}

function lossFeedback(kind: TaskKind, chosen: Loss): string {
  const reason: Record<Loss, string> = {
    squared: "The squared error treats the output as a real number to hit.",
    "binary-cross-entropy": "Binary cross-entropy is the loss of a single probability of class 1.",
    "categorical-cross-entropy": "Categorical cross-entropy is the loss of a probability vector over classes.",
    absolute: "The absolute error is a regression loss for a real-valued output.",
    hinge: "The hinge loss belongs to margin classifiers such as support vector machines, not to probability outputs.",
  };
  return `${reason[chosen]} ${lossGoal(kind)}`;
}

const TAG_NAME: Record<Activation | Loss, string> = {
  linear: "linear",
  sigmoid: "sigmoid",
  softmax: "softmax",
  tanh: "tanh",
  relu: "relu",
  squared: "squared-error",
  "binary-cross-entropy": "binary-cross-entropy",
  "categorical-cross-entropy": "categorical-cross-entropy",
  absolute: "absolute-error",
  hinge: "hinge",
};

/** σ(z) through the library softmax: softmax((z, 0)) = (σ(z), 1 − σ(z)). */
const sigmoid = (z: number) => softmax([z, 0])[0]!;

interface LossValues {
  key: number;
  mistakes: Misconception[];
  working: string;
}

function lossValues(params: Params): LossValues {
  const { kind, z, y } = params;
  if (kind === "regression") {
    const o = z[0]!;
    return {
      key: (y - o) ** 2,
      working: `The output is linear, $o = z = ${o}$, so the loss is $(y - o)^2 = (${y} - (${o}))^2$.`,
      mistakes: [
        {
          tag: "loss-absolute-error",
          value: Math.abs(y - o),
          message: "That is the absolute error $|y - o|$. The squared-error loss squares the difference.",
        },
        {
          tag: "loss-sigmoid-on-regression",
          value: (y - sigmoid(o)) ** 2,
          message: "You passed $z$ through a sigmoid first. A regression output is linear: $o = z$.",
        },
      ],
    };
  }
  if (kind === "binary") {
    const p = sigmoid(z[0]!);
    const chosen = y === 1 ? p : 1 - p;
    return {
      key: -Math.log(chosen),
      working:
        `The sigmoid gives $o = 1/(1 + e^{-(${z[0]})}) = ${formatSignificant(p, 4)}$, the probability of class 1. With $y = ${y}$ ` +
        `the loss is $-\\ln ${y === 1 ? "o" : "(1 - o)"} = -\\ln ${formatSignificant(chosen, 4)}$.`,
      mistakes: [
        {
          tag: "loss-log10",
          value: -Math.log10(chosen),
          message: "You used base-10 logarithms. Cross-entropy uses the natural logarithm.",
        },
        {
          tag: "loss-flipped-label",
          value: -Math.log(1 - chosen),
          message: `You took the probability of the wrong class. The sigmoid output is the probability of class 1, and here $y = ${y}$.`,
        },
        {
          tag: "loss-squared-probability",
          value: (y - p) ** 2,
          message: "That is the squared error of the probability. For a sigmoid output the loss is the binary cross-entropy.",
        },
      ],
    };
  }
  const probabilities = softmax(z);
  const chosen = probabilities[y]!;
  const predicted = probabilities.indexOf(Math.max(...probabilities));
  const mistakes: Misconception[] = [
    {
      tag: "loss-log10",
      value: -Math.log10(chosen),
      message: "You used base-10 logarithms. Cross-entropy uses the natural logarithm.",
    },
    {
      tag: "loss-no-softmax",
      value: -z[y]!,
      message: "You used the raw value $z_m$ instead of the softmax probability $o_m = e^{z_m}/\\sum_j e^{z_j}$.",
    },
    {
      tag: "loss-squared-probability",
      value: (1 - chosen) ** 2,
      message: "That is the squared error of the true class probability. For a softmax output the loss is the cross-entropy $-\\ln o_y$.",
    },
  ];
  if (predicted !== y) {
    mistakes.push({
      tag: "loss-predicted-class",
      value: -Math.log(probabilities[predicted]!),
      message: "You used the probability of the class with the largest output. The loss uses the probability of the true class.",
    });
  }
  return {
    key: -Math.log(chosen),
    working:
      `The softmax gives $o = (${probabilities.map((value) => formatSignificant(value, 4)).join(",\\ ")})$. With the one-hot target ` +
      `only the true class counts: $-\\ln o_{${y + 1}} = -\\ln ${formatSignificant(chosen, 4)}$.`,
    mistakes,
  };
}

const optionId = (position: number) => String.fromCharCode(97 + position);

export default defineQuestion<Params>({
  meta: {
    id: "output-activation-loss",
    version: "1",
    title: "Output activation and loss for the task",
    topics: ["output-and-loss"],
    difficulty: 1,
    expectedMinutes: 6,
  },
  generate,
  build(params) {
    const { kind, M, z, y } = params;
    const story = params.story.replaceAll("$M$", `$M = ${M}$`);

    const activationOptions: ChoiceOption[] = params.activationOptions.map((activation, position) => ({
      id: optionId(position),
      text: activationText(activation, M),
    }));
    const lossOptions: ChoiceOption[] = params.lossOptions.map((loss, position) => ({ id: optionId(position), text: lossText(loss) }));
    assertDistinctOptions(activationOptions);
    assertDistinctOptions(lossOptions);
    const activationKey = optionId(params.activationOptions.indexOf(CORRECT_ACTIVATION[kind]));
    const lossKey = optionId(params.lossOptions.indexOf(CORRECT_LOSS[kind]));
    const activationMistakes: Misconception[] = params.activationOptions.flatMap((activation, position) =>
      activation === CORRECT_ACTIVATION[kind]
        ? []
        : [{ tag: `loss-output-${TAG_NAME[activation]}`, value: optionId(position), message: activationFeedback(kind, activation) }],
    );
    const lossMistakes: Misconception[] = params.lossOptions.flatMap((loss, position) =>
      loss === CORRECT_LOSS[kind] ? [] : [{ tag: `loss-choose-${TAG_NAME[loss]}`, value: optionId(position), message: lossFeedback(kind, loss) }],
    );

    const values = lossValues(params);
    if (values.key < 0.02) throw new RejectDraw("the loss is nearly zero");
    const all = [values.key, ...values.mistakes.map((item) => item.value as number)];
    for (let i = 0; i < all.length; i += 1) {
      for (let j = i + 1; j < all.length; j += 1) {
        if (Math.abs(all[i]! - all[j]!) <= SEPARATION * LOSS_TOLERANCE * Math.max(Math.abs(all[i]!), Math.abs(all[j]!))) {
          throw new RejectDraw("two loss values are too close");
        }
      }
    }
    for (const digits of [1, 2, 3]) {
      const error = Math.abs(Number(values.key.toPrecision(digits)) - values.key);
      const allowed = LOSS_TOLERANCE * values.key;
      if (Math.abs(error - allowed) < 0.1 * allowed) throw new RejectDraw("a rounded key sits on the tolerance boundary");
    }

    const example =
      kind === "regression"
        ? `For one training sequence the output unit computes $z = ${z[0]}$ (before any output activation) and the target is $y = ${y}$.`
        : kind === "binary"
          ? `For one training sequence the output unit computes $z = ${z[0]}$ (before the output activation) and the true label is $y = ${y}$.`
          : `For one training sequence the $M = ${M}$ output units compute $z = (${z.join(",\\ ")})$ (before the output activation) ` +
            `and the true class is class ${y + 1} (classes numbered 1 to ${M} in the order of $z$).`;
    const prompt = [
      `A recurrent network ${story}. Its hidden layer uses $\\tanh$; you choose the output layer and the training loss.`,
      "",
      example,
    ].join("\n");
    const labels = {
      activation: "Output activation for this task",
      loss: "Training loss for this task",
      value: "Loss of this one sequence with that output activation and loss (natural logarithms, no factor ½, no averaging), to three significant figures",
    };
    const tokens = new Set(
      [...[prompt, ...Object.values(labels)].join("\n").matchAll(/\d+(?:\.\d+)?/g)].map((match) => match[0]),
    );
    const renderings = [3, 4, 5, 6].map((digits) => String(Number(values.key.toPrecision(digits))));
    if (renderings.some((text) => text.replace(/[-.0]/g, "").length >= 2 && tokens.has(text))) {
      throw new RejectDraw("the loss appears among the prompt's numbers");
    }

    const solution = [
      `**Output activation:** ${activationText(CORRECT_ACTIVATION[kind], M)}. ${activationGoal(kind)}`,
      "",
      `**Loss:** ${lossText(CORRECT_LOSS[kind])}. ${lossGoal(kind)}`,
      "",
      `**Value:** ${values.working} This gives ${formatSignificant(values.key, 4)}.`,
      "",
      "In an RNN the same output layer and loss apply at every step whose output is used in training.",
    ].join("\n");

    return {
      prompt,
      parts: [
        { id: "activation", label: labels.activation, spec: { type: "single-choice", options: activationOptions }, key: activationKey, misconceptions: activationMistakes },
        { id: "loss", label: labels.loss, spec: { type: "single-choice", options: lossOptions }, key: lossKey, misconceptions: lossMistakes },
        {
          id: "loss-value",
          label: labels.value,
          spec: { type: "number", tolerance: { rel: LOSS_TOLERANCE } },
          key: values.key,
          misconceptions: values.mistakes,
        },
      ],
      solution,
    };
  },
});
