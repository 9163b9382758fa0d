import { assertDistinctOptions, shuffleOptions, type ChoiceOption, type Misconception } from "@/lib/grading";
import { defineQuestion } from "@/lib/questions/definition";
import { RejectDraw } from "@/lib/questions/errors";
import { denseParameterCount, type Rng } from "@/lib/numerics";

type Method = "l1" | "l2" | "dropout" | "sgd" | "none";

interface Scenario {
  /** Task of the network, in Markdown. */
  task: string;
  /** Layer sizes, inputs first. */
  layers: number[];
  /** Training examples. */
  n: number;
}

/** One observation of the trained network, made under one method, with the numbers it quotes. */
interface Observation {
  method: Method;
  /** Zeroed weights (L1), dropout rate in percent, batch size, epochs. */
  numbers: number[];
  /** Methods in display order; the displayed ids are "a", "b", … in this order. */
  optionOrder: Method[];
}

interface Params {
  scenario: Scenario;
  observations: Observation[];
}

const SCENARIOS: readonly { task: string; layers: number[]; n: number }[] = [
  { task: "predicts a baseball player's salary from the 19 Hitters predictors", layers: [19, 64, 1], n: 176 },
  { task: "classifies 28 × 28 digit images (784 pixel values) into 10 digits", layers: [784, 256, 128, 10], n: 60000 },
  { task: "forecasts the next day's NYSE log volume from 5 lagged days of 3 series (15 inputs)", layers: [15, 32, 1], n: 4281 },
  { task: "predicts a patient's lab value from 12 clinical measurements", layers: [12, 16, 1], n: 400 },
];

const METHOD_TEXT: Record<Method, string> = {
  l1: "An L1 (lasso) penalty $\\lambda\\sum_j |w_j|$ added to the loss",
  l2: "An L2 (ridge, weight-decay) penalty $\\lambda\\sum_j w_j^2$ added to the loss",
  dropout: "Dropout on the hidden units",
  sgd: "Mini-batch stochastic gradient descent, stopped early",
  none: "No regularization at all",
};

/** Integer with comma thousands separators, for plain text outside formulas. */
function withCommas(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

const METHODS: readonly Method[] = ["l1", "l2", "dropout", "sgd", "none"];

/** The methods most often confused with each one, with the feedback for that confusion. */
const CONFUSIONS: Record<Method, { with: Method; tag: string; message: string }[]> = {
  l1: [
    {
      with: "l2",
      tag: "reg-ridge-for-exact-zeros",
      message: "A squared (L2) penalty shrinks weights but never sets one exactly to zero. Exact zeros come from the L1 penalty's corner at 0.",
    },
    {
      with: "dropout",
      tag: "reg-dropout-for-exact-zeros",
      message: "Dropout zeroes random units only during training steps; the fitted weights themselves are not set to zero.",
    },
  ],
  l2: [
    {
      with: "l1",
      tag: "reg-lasso-for-proportional-shrinkage",
      message: "An L1 penalty would set the smallest weights exactly to zero. Shrinkage of every weight with none at zero is the L2 penalty's signature.",
    },
  ],
  dropout: [
    {
      with: "l1",
      tag: "reg-lasso-for-random-zeros",
      message: "The L1 penalty zeroes the same weights permanently. Units that output zero at random positions during training, and all work at prediction time, are dropout.",
    },
  ],
  sgd: [
    {
      with: "none",
      tag: "reg-sgd-not-regularization",
      message:
        "There is no penalty term, but small random batches and stopping before the training error is minimal keep " +
        "the weights from fitting the training data exactly: an implicit regularization.",
    },
  ],
  none: [
    {
      with: "sgd",
      tag: "reg-full-batch-as-sgd",
      message:
        "Every update uses all training examples and training runs until the training error is zero: there is no " +
        "batch noise and no early stop, so nothing regularizes the fit.",
    },
  ],
};

function drawNumbers(method: Method, scenario: Scenario, rng: Rng): number[] {
  const weights = denseParameterCount(scenario.layers);
  switch (method) {
    case "l1":
      return [rng.integer(Math.ceil(weights * 0.2), Math.floor(weights * 0.8))];
    case "dropout":
      return [rng.choice([20, 25, 30, 40, 50])];
    case "sgd":
      return [rng.choice([16, 32, 64, 128]), rng.integer(10, 60)];
    case "l2":
    case "none":
      return [];
  }
}

function generate(rng: Rng): Params {
  const scenario = rng.choice(SCENARIOS);
  const methods = rng.shuffle(METHODS).slice(0, 3);
  const observations = methods.map((method) => {
    const others = rng.shuffle(METHODS.filter((other) => other !== method)).slice(0, 3);
    const order = shuffleOptions(
      [method, ...others].map((id) => ({ id, text: METHOD_TEXT[id] })),
      rng,
    ).map((option) => option.id as Method);
    return { method, numbers: drawNumbers(method, scenario, rng), optionOrder: order };
  });
  return { scenario: { ...scenario, layers: [...scenario.layers] }, observations };
}

function observationText(observation: Observation, scenario: Scenario): string {
  const weights = denseParameterCount(scenario.layers);
  const [first, second] = observation.numbers;
  switch (observation.method) {
    case "l1":
      return (
        `After training, ${withCommas(first!)} of the network's ${withCommas(weights)} weights and biases ` +
        "are exactly zero, and the others are smaller in magnitude than in an unpenalized fit."
      );
    case "l2":
      return (
        "At every step all units are active and every update uses all training examples, and the loss converges. " +
        "Afterwards no weight is exactly zero, but the sum of squared weights is much smaller than in the same " +
        "training run without the method."
      );
    case "dropout":
      return (
        `At each training step about ${first}% of the hidden units, at random positions, output zero; at prediction ` +
        "time every unit is active, with its outgoing weights scaled to match."
      );
    case "sgd":
      return (
        `The loss has no penalty term. Each update uses the gradient of ${first} randomly ` +
        `chosen training examples, and training stops after ${second} epochs, when the validation error stops improving ` +
        "although the training error is still falling."
      );
    case "none":
      return (
        `The loss has no penalty term, every update uses all ${withCommas(scenario.n)} training examples, and ` +
        "training runs until the training error no longer decreases."
      );
  }
}

export default defineQuestion<Params>({
  meta: {
    id: "regularization-methods",
    version: "1",
    title: "Which regularization did this?",
    topics: ["regularization", "when-deep-learning"],
    difficulty: 1,
    expectedMinutes: 5,
  },
  generate,
  build(params) {
    const { scenario, observations } = params;
    if (new Set(observations.map((item) => item.method)).size !== observations.length) {
      throw new RejectDraw("two observations come from the same method");
    }
    const weights = denseParameterCount(scenario.layers);

    const parts = observations.map((observation, index) => {
      const options: ChoiceOption[] = observation.optionOrder.map((method, i) => ({
        id: String.fromCharCode(97 + i),
        text: METHOD_TEXT[method],
      }));
      assertDistinctOptions(options);
      const idOf = (method: Method) => {
        const position = observation.optionOrder.indexOf(method);
        return position < 0 ? undefined : options[position]!.id;
      };
      const misconceptions: Misconception[] = CONFUSIONS[observation.method].flatMap((confusion) => {
        const id = idOf(confusion.with);
        return id === undefined ? [] : [{ tag: confusion.tag, value: id, message: confusion.message }];
      });
      return {
        id: `observation-${index + 1}`,
        label: `**Observation ${index + 1}.** ${observationText(observation, scenario)} Which method explains it?`,
        spec: { type: "single-choice" as const, options },
        key: idOf(observation.method)!,
        misconceptions,
      };
    });

    const hidden = scenario.layers.slice(1, -1).join(" and ");
    const prompt = [
      `A feed-forward network ${scenario.task}. It has hidden layers of ${hidden} units ` +
        `(${withCommas(weights)} weights and biases in all) and is trained on ${withCommas(scenario.n)} examples.`,
      "",
      "The team trains it several times, each time with exactly one of the methods listed in the options (or none), " +
        "and notes what it sees. For each observation, pick the method that produces it.",
    ].join("\n");

    const explanation: Record<Method, string> = {
      l1: "the L1 penalty has a corner at zero, so it sets some weights exactly to zero and shrinks the rest (selection and shrinkage).",
      l2: "the squared penalty shrinks every weight towards zero, larger weights by more in absolute terms, but never exactly to zero.",
      dropout:
        "dropout switches off a random share of units at each step, so no unit can rely on particular others; it acts " +
        "like a ridge-type penalty, and all units are used at prediction time.",
      sgd:
        "mini-batch SGD adds no penalty, but its noisy steps and the early stop keep the weights from fitting the " +
        "training data exactly: implicit regularization.",
      none: "full-batch training to the lowest training error, with no penalty, regularizes nothing.",
    };
    const solution = observations
      .map((observation, index) => `${index + 1}. **${METHOD_TEXT[observation.method]}**: ${explanation[observation.method]}`)
      .join("\n");

    return { prompt, parts, solution };
  },
});
