import { assertDistinctOptions, shuffleOptions, type ChoiceOption, type Misconception } from "@/lib/grading";
import { defineQuestion } from "@/lib/questions/definition";
import { checkKeysNotShown, checkMisconceptionsSeparated, checkRoundingEdges } from "@/lib/questions/draw-checks";
import { RejectDraw } from "@/lib/questions/errors";
import { formatSignificant } from "@/lib/questions/format-key";
import { simpleRnnForward, type Rng, type SimpleRnnWeights } from "@/lib/numerics";

/**
 * A data set described in words. `kind` tells whether its records form one ordered sequence
 * (time series, text, other sequences) or are independent samples; `loggedInOrder` marks
 * independent records that merely carry a time stamp or arrival order.
 */
interface Scenario {
  text: string;
  kind: "time-series" | "text" | "other-sequence" | "independent";
  loggedInOrder?: boolean;
}

// No apostrophes in any prompt text: the HTML renderer writes them as &#39;, whose digits the
// leak check would read as a number of the prompt.
const SCENARIOS: readonly Scenario[] = [
  { kind: "time-series", text: "Daily closing prices of one stock over two years, to predict the next closing price." },
  { kind: "time-series", text: "Hourly readings of one weather station, to forecast the temperature of the next hour." },
  { kind: "time-series", text: "The heart rate of one patient, sampled every second, to detect an arrhythmia as it starts." },
  { kind: "time-series", text: "Daily trading volume of the New York Stock Exchange, to forecast the volume of the next day." },
  { kind: "text", text: "The words of a product review, read in order, to classify the review as positive or negative." },
  { kind: "text", text: "The characters typed so far into a search box, to suggest the next character." },
  { kind: "text", text: "A sentence in English, word by word, to translate it into German." },
  { kind: "other-sequence", text: "A DNA sequence read base by base, to predict whether a region codes for a protein." },
  { kind: "other-sequence", text: "The frames of a short video clip, to recognise the action being performed." },
  { kind: "other-sequence", text: "The moves of a chess game so far, to predict the next move." },
  { kind: "independent", text: "Photographs collected at random from the internet, to label each one as a cat or a dog." },
  { kind: "independent", text: "Salaries and career statistics of baseball players (the Hitters data), one row per player." },
  { kind: "independent", text: "Scanned handwritten digits, each image classified on its own." },
  { kind: "independent", text: "Petal and sepal measurements of individual flowers, one row per flower, to predict the species." },
  {
    kind: "independent",
    loggedInOrder: true,
    text: "Blood tests of patients who each visited a clinic once, stored in order of arrival, to predict a diagnosis.",
  },
  {
    kind: "independent",
    loggedInOrder: true,
    text: "Answers of independently sampled survey respondents, entered into a database in the order they came in.",
  },
  {
    kind: "independent",
    loggedInOrder: true,
    text: "Credit-card applications from different people, each logged with the time it was received, to approve or decline each one.",
  },
  {
    kind: "independent",
    loggedInOrder: true,
    text: "Prices of houses sold last year in a city, one row per house, sorted by the date of sale, to predict a price from size and location.",
  },
];

/** The kinds of wrong option in the hidden-state part; each gets its own feedback. */
type CarryDistractor = "current-only" | "markov" | "future" | "target" | "per-step-weights";

interface Params {
  /** Indices into SCENARIOS, in display order. */
  scenarios: number[];
  /** One-unit RNN (K = 1, p = 1): w_0, w_1, u, β_0, β_1, one decimal each. */
  w0: number;
  w1: number;
  u: number;
  beta0: number;
  beta1: number;
  /** Inputs X_1 … X_L, one decimal. */
  sequence: number[];
  /** Step l of the hidden-state part. */
  l: number;
  /** Options of the hidden-state part in display order: "correct" or a distractor kind. */
  carryOptions: ("correct" | CarryDistractor)[];
}

/** Smallest tolerance of a numeric part: answers to three decimals are accepted. */
const BASE_TOLERANCE = 0.002;
const SEPARATION = 2;

const round1 = (value: number) => Math.round(value * 10) / 10;

function drawWeight(rng: Rng, min: number, max: number): number {
  return (rng.uniform() < 0.5 ? -1 : 1) * round1(rng.uniform(min, max));
}

function generate(rng: Rng): Params {
  const sequentialCount = rng.integer(2, 4);
  const sequential = rng.shuffle(SCENARIOS.map((item, index) => ({ item, index })).filter(({ item }) => item.kind !== "independent"));
  const independent = rng.shuffle(SCENARIOS.map((item, index) => ({ item, index })).filter(({ item }) => item.kind === "independent"));
  const drawn = [...sequential.slice(0, sequentialCount), ...independent.slice(0, 6 - sequentialCount)];
  const scenarioOptions = shuffleOptions(
    drawn.map(({ item, index }) => ({ id: String(index), text: item.text })),
    rng,
  );

  const L = rng.integer(3, 4);
  const sequence = Array.from({ length: L }, () => round1(rng.uniform(-2, 2)));
  const distractors = rng.shuffle<CarryDistractor>(["current-only", "markov", "future", "target", "per-step-weights"]).slice(0, 3);
  const carry = shuffleOptions(
    (["correct", ...distractors] as const).map((kind) => ({ id: kind, text: kind })),
    rng,
  ).map((option) => option.id as "correct" | CarryDistractor);

  return {
    scenarios: scenarioOptions.map((option) => Number(option.id)),
    w0: drawWeight(rng, 0.1, 0.8),
    w1: drawWeight(rng, 0.4, 1.2),
    u: drawWeight(rng, 0.4, 0.9),
    beta0: drawWeight(rng, 0.1, 1),
    beta1: drawWeight(rng, 0.5, 2),
    sequence,
    l: rng.integer(3, 6),
    carryOptions: carry,
  };
}

function carryText(kind: "correct" | CarryDistractor, l: number): string {
  switch (kind) {
    case "correct":
      return `A summary of all inputs $X_1, \\dots, X_{${l}}$ so far, updated at every step with the same weights $W$ and $U$.`;
    case "current-only":
      return `Only the current input $X_{${l}}$, passed through the activation $g$.`;
    case "markov":
      return `Only the last two inputs $X_{${l - 1}}$ and $X_{${l}}$, as in a Markov chain on the inputs.`;
    case "future":
      return `Information from the whole sequence $X_1, \\dots, X_L$, including the steps after $${l}$.`;
    case "target":
      return "The target $Y$, copied forward so that later steps can see the answer.";
    case "per-step-weights":
      return `A weight matrix of its own for step $${l}$, learned for that position in the sequence.`;
  }
}

const CARRY_FEEDBACK: Record<CarryDistractor, { tag: string; message: string }> = {
  "current-only": {
    tag: "seq-state-current-input-only",
    message: "$A_l$ also depends on $A_{l-1}$ through $U$; without that term the network would be a feed-forward net applied at each step.",
  },
  markov: {
    tag: "seq-state-last-two-inputs",
    message: "$A_{l-1}$ already summarises every input up to $X_{l-1}$, so $A_l$ carries information from all of $X_1, \\dots, X_l$.",
  },
  future: {
    tag: "seq-state-sees-future",
    message: "The recurrence runs forward: when $A_l$ is computed, the later inputs have not been read yet.",
  },
  target: {
    tag: "seq-state-carries-target",
    message: "The target is used only in the loss. The hidden state is computed from the inputs and the previous state.",
  },
  "per-step-weights": {
    tag: "seq-state-per-step-weights",
    message: "The hidden state is a vector of activations, not weights, and $W$, $U$, $B$ are the same at every step (weight sharing).",
  },
};

/** Runs the one-unit RNN on `sequence` and returns its last output O_L. */
function lastOutput(params: Params, sequence: readonly number[], change: Partial<SimpleRnnWeights> = {}): number {
  const weights: SimpleRnnWeights = {
    W: [[params.w0, params.w1]],
    U: [[params.u]],
    B: [params.beta0, params.beta1],
    activation: "tanh",
    ...change,
  };
  return simpleRnnForward(
    sequence.map((x) => [x]),
    weights,
  ).outputs.at(-1)!;
}

/** Computes O_L with the hidden state rounded to three decimals after each step, as a student writes it down. */
function roundedLastOutput(params: Params, sequence: readonly number[]): number {
  let state = 0;
  for (const x of sequence) state = Math.round(Math.tanh(params.w0 + params.w1 * x + params.u * state) * 1000) / 1000;
  return params.beta0 + params.beta1 * state;
}

const optionId = (position: number) => String.fromCharCode(97 + position);

export default defineQuestion<Params>({
  meta: {
    id: "sequential-or-independent",
    version: "1",
    title: "Sequential data and what the hidden state carries",
    topics: ["why-recurrence", "rnn-forward-pass"],
    difficulty: 2,
    expectedMinutes: 10,
  },
  generate,
  build(params) {
    const { sequence, l, w0, w1, u, beta0, beta1 } = params;
    const L = sequence.length;

    // Part 1: which data sets are sequential.
    const scenarios = params.scenarios.map((index) => SCENARIOS[index]!);
    const scenarioOptions: ChoiceOption[] = scenarios.map((scenario, position) => ({ id: optionId(position), text: scenario.text }));
    assertDistinctOptions(scenarioOptions);
    const idsWhere = (predicate: (scenario: Scenario) => boolean) =>
      scenarios.flatMap((scenario, position) => (predicate(scenario) ? [optionId(position)] : []));
    const sequentialKey = idsWhere((scenario) => scenario.kind !== "independent");
    const sequentialMistakes: Misconception[] = [];
    if (scenarios.some((scenario) => scenario.loggedInOrder)) {
      sequentialMistakes.push({
        tag: "seq-recording-order-is-sequence",
        value: idsWhere((scenario) => scenario.kind !== "independent" || scenario.loggedInOrder === true),
        message:
          "A time stamp or the order in which records were stored does not make data sequential. If each record " +
          "comes from a different, independently sampled unit, the previous record says nothing about the next one, " +
          "and carrying a hidden state from one to the next would carry nothing useful.",
      });
    }
    const hasTimeSeries = scenarios.some((scenario) => scenario.kind === "time-series");
    const hasOtherSequence = scenarios.some((scenario) => scenario.kind === "text" || scenario.kind === "other-sequence");
    if (hasTimeSeries && hasOtherSequence) {
      sequentialMistakes.push({
        tag: "seq-only-time-series",
        value: idsWhere((scenario) => scenario.kind === "time-series"),
        message:
          "Sequences need not be indexed by time. Text, DNA, video frames and game moves also have a natural order in " +
          "which each element depends on the ones before it; RNNs were first used for language for this reason.",
      });
    }
    if (sequentialMistakes.length === 0) throw new RejectDraw("the scenarios allow no typical mistake");

    // Parts 2 and 3: the same inputs in two orders.
    const reversed = [...sequence].reverse();
    if (sequence.every((x, index) => x === reversed[index])) throw new RejectDraw("the sequence is a palindrome");
    const forwardKey = lastOutput(params, sequence);
    const reversedKey = lastOutput(params, reversed);
    const tolerance = Math.max(
      BASE_TOLERANCE,
      2 * Math.abs(roundedLastOutput(params, sequence) - forwardKey),
      2 * Math.abs(roundedLastOutput(params, reversed) - reversedKey),
    );
    const noRecurrence = (input: readonly number[]) => lastOutput(params, input, { U: [[0]] });
    const forwardMistakes: Misconception[] = [
      {
        tag: "seq-no-recurrence",
        value: noRecurrence(sequence),
        message:
          "You left out $u A_{l-1}$, so the output only saw the last input. The hidden state carries the earlier inputs forward.",
      },
      {
        tag: "seq-output-activation",
        value: Math.tanh(forwardKey),
        message: "The output layer is linear, $O_L = \\beta_0 + \\beta_1 A_L$; $\\tanh$ is applied in the hidden unit only.",
      },
    ];
    const reversedMistakes: Misconception[] = [
      {
        tag: "seq-order-irrelevant",
        value: forwardKey,
        message:
          "The same inputs in another order give another hidden state: each input enters at its own step and is then " +
          "multiplied by $u$ and squashed by $\\tanh$ once per later step. Order is information, which a model of " +
          "independent samples cannot use.",
      },
      {
        tag: "seq-no-recurrence",
        value: noRecurrence(reversed),
        message: "You left out $u A_{l-1}$, so the output only saw the last input of the reversed sequence.",
      },
      {
        tag: "seq-output-activation",
        value: Math.tanh(reversedKey),
        message: "The output layer is linear, $O_L = \\beta_0 + \\beta_1 A_L$; $\\tanh$ is applied in the hidden unit only.",
      },
    ];
    checkMisconceptionsSeparated("forward-output", forwardKey, forwardMistakes, { tolerance, factor: SEPARATION });
    checkMisconceptionsSeparated("reversed-output", reversedKey, reversedMistakes, { tolerance, factor: SEPARATION });
    const roundingEdges = { tolerance, roundings: { significantFigures: [1, 2, 3] }, edgeShare: 0.1 };
    checkRoundingEdges("forward-output", [forwardKey], roundingEdges);
    checkRoundingEdges("reversed-output", [reversedKey], roundingEdges);

    // Part 4: what the hidden state carries.
    const carryOptions: ChoiceOption[] = params.carryOptions.map((kind, position) => ({ id: optionId(position), text: carryText(kind, l) }));
    assertDistinctOptions(carryOptions);
    const carryKey = optionId(params.carryOptions.indexOf("correct"));
    const carryMistakes: Misconception[] = params.carryOptions.flatMap((kind, position) =>
      kind === "correct" ? [] : [{ tag: CARRY_FEEDBACK[kind].tag, value: optionId(position), message: CARRY_FEEDBACK[kind].message }],
    );

    const prompt = [
      "Recurrent networks are built for data whose order carries information: each element depends on the ones " +
        "before it, so a hidden state that carries the past forward is useful. For independent samples there is " +
        "nothing to carry.",
      "",
      `**Order matters.** A simple RNN with one hidden unit reads $p = 1$ input per step: ` +
        "$A_l = \\tanh(w_0 + w_1 X_l + u A_{l-1})$ with $A_0 = 0$, and $O_l = \\beta_0 + \\beta_1 A_l$, where " +
        `$w_0 = ${w0}$, $w_1 = ${w1}$, $u = ${u}$, $\\beta_0 = ${beta0}$, $\\beta_1 = ${beta1}$. ` +
        `It reads the sequence $(X_1, \\dots, X_{${L}}) = (${sequence.join(",\\ ")})$, and then the same values in reverse order, ` +
        `$(${reversed.join(",\\ ")})$. Give the outputs to at least three decimals.`,
    ].join("\n");
    const labels = {
      sequential: "Which of these data sets are sequential, so that an RNN can use their order? Select all that apply.",
      forward: `Last output $O_{${L}}$ for $(${sequence.join(",\\ ")})$`,
      reversed: `Last output $O_{${L}}$ for the reversed sequence $(${reversed.join(",\\ ")})$`,
      carry: `In a trained RNN, what does the hidden state $A_{${l}}$ carry?`,
    };
    checkKeysNotShown(
      "forward-output or reversed-output",
      [forwardKey, reversedKey],
      [prompt, ...Object.values(labels), ...scenarioOptions.map((option) => option.text), ...carryOptions.map((option) => option.text)].join("\n"),
      { skipShort: "always" },
    );

    const stateTrace = (input: readonly number[]) =>
      simpleRnnForward(
        input.map((x) => [x]),
        { W: [[w0, w1]], U: [[u]], B: [beta0, beta1], activation: "tanh" },
      )
        .hiddenStates.map((state) => formatSignificant(state[0]!, 4))
        .join(",\\ ");
    const solution = [
      `**Sequential data:** ${scenarios
        .filter((scenario) => scenario.kind !== "independent")
        .map((scenario) => `“${scenario.text.replace(/\.$/, "")}”`)
        .join("; ")}. The other data sets are independent samples: their rows have no order in which one depends on the previous.`,
      "",
      `**Order matters.** Forward, the hidden states are $A_1, \\dots, A_{${L}} = ${stateTrace(sequence)}$, so ` +
        `$O_{${L}} = ${beta0} + ${beta1}\\cdot A_{${L}} = ${formatSignificant(forwardKey, 4)}$. Reversed they are ` +
        `$${stateTrace(reversed)}$, so $O_{${L}} = ${formatSignificant(reversedKey, 4)}$. The same inputs give different outputs ` +
        "because each input enters at its own step and is damped by $u$ and $\\tanh$ once per later step.",
      "",
      `**Hidden state:** ${carryText("correct", l)}`,
    ].join("\n");

    return {
      prompt,
      parts: [
        {
          id: "sequential",
          label: labels.sequential,
          spec: { type: "multiple-choice", options: scenarioOptions },
          key: sequentialKey,
          misconceptions: sequentialMistakes,
        },
        {
          id: "forward-output",
          label: labels.forward,
          spec: { type: "number", tolerance: { abs: tolerance } },
          key: forwardKey,
          misconceptions: forwardMistakes,
        },
        {
          id: "reversed-output",
          label: labels.reversed,
          spec: { type: "number", tolerance: { abs: tolerance } },
          key: reversedKey,
          misconceptions: reversedMistakes,
        },
        {
          id: "hidden-state",
          label: labels.carry,
          spec: { type: "single-choice", options: carryOptions },
          key: carryKey,
          misconceptions: carryMistakes,
        },
      ],
      solution,
    };
  },
});
