import { assertDistinctOptions, shuffleOptions, type ChoiceOption, type Misconception } from "@/lib/grading";
import { defineQuestion } from "@/lib/questions/definition";
import { checkKeysNotShown, checkMisconceptionsSeparated, checkRoundingEdges } from "@/lib/questions/draw-checks";
import { RejectDraw } from "@/lib/questions/errors";
import { formatSignificant } from "@/lib/questions/format-key";
import { hittersSplit, hittersSplitCsv, type HittersSplit } from "@/lib/questions/hitters-split";
import {
  HITTERS_PREDICTORS,
  linearPredict,
  loadHitters,
  meanAbsoluteError,
  meanSquaredError,
  olsFit,
  trainTestSplit,
  type Rng,
} from "@/lib/numerics";

/** Kind of situation: a small problem that must be explained, or a huge unstructured one. */
type ScenarioKind = "small-data" | "large-data";

interface Scenario {
  kind: ScenarioKind;
  text: string;
}

interface Params {
  /** 0-based rows (of the 263 players with a salary) in the test set, ascending. */
  test: number[];
  scenario: Scenario;
  /** Option keys in display order; the displayed ids are "a", "b", … in this order. */
  optionOrder: OptionKey[];
}

const SCENARIOS: readonly Scenario[] = [
  {
    kind: "small-data",
    text:
      "The club's analysts want to predict next season's salaries for these same kinds of players and to tell " +
      "the players' agents which statistics drive pay.",
  },
  {
    kind: "small-data",
    text:
      "A hospital has records of 400 patients with 12 clinical measurements each and wants to predict a " +
      "lab value and know which measurements matter.",
  },
  {
    kind: "small-data",
    text: "A shop wants to forecast weekly sales of 150 stores from 10 store features and explain the forecast to managers.",
  },
  {
    kind: "large-data",
    text:
      "A photo service has 20 million labelled images and wants the most accurate automatic tags it can get; " +
      "nobody needs to explain why an image got its tag.",
  },
  {
    kind: "large-data",
    text:
      "A voice assistant is trained on 50,000 hours of transcribed speech, and only the accuracy of the " +
      "transcripts matters.",
  },
];

type OptionKey = "simple-model" | "deep-network" | "more-parameters" | "network-always" | "ols-never-overfits";

const OPTION_TEXT: Record<OptionKey, string> = {
  "simple-model":
    "A linear model (least squares or the lasso): there are few observations for a flexible model to learn " +
    "from, and its coefficients show which predictors matter.",
  "deep-network":
    "A deep neural network trained with regularization (dropout, weight decay, early stopping): the training " +
    "set is very large and interpretability is not a priority.",
  "more-parameters":
    "An unregularized network with as many hidden units as possible: more parameters always lower the test error.",
  "network-always":
    "A neural network in every case: once it has more parameters than observations it is guaranteed to beat a linear model on test data.",
  "ols-never-overfits":
    "Least squares on every predictor without any selection: a model with fewer parameters than observations cannot overfit.",
};

const DISTRACTORS: readonly OptionKey[] = ["more-parameters", "network-always", "ols-never-overfits"];

/** Size of the test set: a third of the players, as in the book's split (87 of 263). */
const TEST_PLAYERS = 87;
/** Answers are asked to one decimal (thousands of dollars); the tolerance covers that rounding with room to spare. */
const ROUNDING_TOLERANCE = 0.06;

function generate(rng: Rng): Params {
  const split = trainTestSplit(loadHitters().salary.length, TEST_PLAYERS, rng);
  const scenario = rng.choice(SCENARIOS);
  const distractors = shuffleOptions(
    DISTRACTORS.map((key) => ({ id: key, text: OPTION_TEXT[key] })),
    rng,
  ).slice(0, 2);
  const options = shuffleOptions([{ id: "simple-model", text: "" }, { id: "deep-network", text: "" }, ...distractors], rng);
  return { test: split.test, scenario, optionOrder: options.map((option) => option.id as OptionKey) };
}


/** Mutated versions of the test MAE, each computed on the variant's split. */
function maeMisconceptions(data: HittersSplit): Misconception[] {
  const fit = olsFit(data.xTrain, data.yTrain);
  const allFit = olsFit(data.xAll, data.yAll);
  const noIntercept = olsFit(data.xTrain, data.yTrain, { intercept: false });
  return [
    {
      tag: "dl-training-mae",
      value: meanAbsoluteError(data.yTrain, fit.fitted),
      message:
        "That is the MAE on the training players. The fit has seen their salaries, so it is optimistic; the test " +
        "MAE averages |y − ŷ| over the test players only.",
    },
    {
      tag: "dl-test-rmse",
      value: Math.sqrt(meanSquaredError(data.yTest, linearPredict(fit, data.xTest))),
      message: "That is the root mean squared error. The mean absolute error averages |y − ŷ| without squaring.",
    },
    {
      tag: "dl-fit-on-all-players",
      value: meanAbsoluteError(data.yTest, linearPredict(allFit, data.xTest)),
      message:
        "Your fit used the test players too. Fit on the rows marked train only, then predict the rows marked " +
        "test; otherwise the test error is no longer an honest estimate.",
    },
    {
      tag: "dl-no-intercept",
      value: meanAbsoluteError(data.yTest, linearPredict(noIntercept, data.xTest)),
      message: "Your model has no intercept. Least squares here includes β_0 (R's lm and scikit-learn add it by default).",
    },
  ];
}

function choiceMisconceptions(scenario: Scenario, idOf: (key: OptionKey) => string | undefined): Misconception[] {
  const list: Misconception[] = [];
  const add = (key: OptionKey, tag: string, message: string) => {
    const id = idOf(key);
    if (id !== undefined) list.push({ tag, value: id, message });
  };
  if (scenario.kind === "small-data") {
    add(
      "deep-network",
      "dl-network-for-small-data",
      "With a few hundred observations a network has little to learn beyond what a linear model captures, and its " +
        "fit cannot be read. Deep learning pays off with very large training sets when interpretability does not matter.",
    );
  } else {
    add(
      "simple-model",
      "dl-linear-for-unstructured-data",
      "With millions of examples of images or speech a linear model on raw inputs leaves most of the signal unused. " +
        "This is the setting where a regularized deep network is worth its cost.",
    );
  }
  add(
    "more-parameters",
    "dl-more-parameters-better",
    "More parameters lower the training error, not necessarily the test error; an unregularized network overfits. " +
      "Networks should always be trained with some regularization.",
  );
  add(
    "network-always",
    "dl-network-always-wins",
    "No model wins on every data set. In the book's Hitters comparison the network did slightly worse than least " +
      "squares and the lasso.",
  );
  add(
    "ols-never-overfits",
    "dl-ols-cannot-overfit",
    "A model with fewer parameters than observations can still overfit: with 19 predictors and a few hundred " +
      "players, least squares has noticeable variance, which the lasso reduces.",
  );
  return list;
}

export default defineQuestion<Params>({
  meta: {
    id: "hitters-linear-test-mae",
    version: "1",
    title: "Test error of least squares on the Hitters data",
    topics: ["when-deep-learning"],
    difficulty: 2,
    expectedMinutes: 10,
  },
  generate,
  build(params) {
    const { scenario, optionOrder } = params;
    const data = hittersSplit(params.test);
    const fit = olsFit(data.xTrain, data.yTrain);
    const key = meanAbsoluteError(data.yTest, linearPredict(fit, data.xTest));

    // The CSV contains the data exactly (integer counts, salaries as printed in the data set), so a student's
    // least-squares fit reproduces the key to rounding error: the tolerance only covers the requested
    // rounding to one decimal.
    const tolerance = ROUNDING_TOLERANCE;
    const maeWrong = maeMisconceptions(data);
    // One decimal is asked for; a whole number of thousands is the rounding a student would plausibly type instead.
    checkRoundingEdges("test-mae", [key], { tolerance, roundings: { decimals: [0, 1] }, edgeShare: 0.02 });
    checkMisconceptionsSeparated("test-mae", key, maeWrong, { tolerance, factor: 2 });

    const options: ChoiceOption[] = optionOrder.map((optionKey, i) => ({ id: String.fromCharCode(97 + i), text: OPTION_TEXT[optionKey] }));
    assertDistinctOptions(options);
    const idOf = (optionKey: OptionKey) => {
      const index = optionOrder.indexOf(optionKey);
      return index < 0 ? undefined : options[index]!.id;
    };
    const correctKey: OptionKey = scenario.kind === "small-data" ? "simple-model" : "deep-network";
    const correctId = idOf(correctKey);
    if (correctId === undefined) throw new RejectDraw("the correct option is missing");

    const nTrain = data.yTrain.length;
    const nTest = data.yTest.length;
    const prompt = [
      `The CSV download holds the ${data.yAll.length} Hitters players with a known 1987 salary (\`Salary\`, in ` +
        `thousands of dollars) and the ${HITTERS_PREDICTORS.length} predictors coded as in R's \`model.matrix\` ` +
        "(the factors League, Division and NewLeague as 0/1 dummies). The column `split` assigns " +
        `${nTrain} players to training and ${nTest} to test; this split is your variant's own.`,
      "",
      "Fit least squares with an intercept, `Salary` on all the predictors, to the training players, and " +
        "predict the test players' salaries.",
      "",
      `Then choose a modelling approach for this situation: ${scenario.text}`,
    ].join("\n");

    checkKeysNotShown("test-mae", [key], prompt);

    const solution = [
      `Least squares on the ${nTrain} training players has ${HITTERS_PREDICTORS.length + 1} coefficients ` +
        `(intercept included). Its predictions for the ${nTest} test players miss by ` +
        `$\\frac{1}{${nTest}}\\sum_{i \\in \\text{test}} |y_i - \\hat y_i| = ${formatSignificant(key, 5)}$ ` +
        "thousand dollars on average.",
      "",
      `For comparison, the same fit's training MAE is $${formatSignificant(maeWrong[0]!.value as number, 5)}$: ` +
        "errors on the data the model was fitted to are optimistic.",
      "",
      scenario.kind === "small-data"
        ? "**Which model.** The problem is small and the users want to know which inputs matter, so a linear model " +
          "(least squares, or the lasso to select predictors) is the right tool. In the book's Hitters comparison " +
          "a one-hidden-layer network did no better than these."
        : "**Which model.** With millions of examples of unstructured data (images, sound) and no need to explain " +
          "single predictions, a regularized deep network is where deep learning pays off.",
    ].join("\n");

    return {
      prompt,
      parts: [
        {
          id: "test-mae",
          label: "Test MAE of least squares, in thousands of dollars (one decimal)",
          spec: { type: "number", tolerance: { abs: tolerance } },
          key,
          misconceptions: maeWrong,
        },
        {
          id: "recommendation",
          label: "Which approach fits that situation best?",
          spec: { type: "single-choice", options },
          key: correctId,
          misconceptions: choiceMisconceptions(scenario, idOf),
        },
      ],
      solution,
      csv: { filename: "hitters-split.csv", text: hittersSplitCsv(data) },
    };
  },
});
