import { assertDistinctOptions, shuffleOptions, type ChoiceOption, type Misconception } from "@/lib/grading";
import { defineQuestion } from "@/lib/questions/definition";
import { checkKeysNotShown, checkMisconceptionsSeparated, checkRoundingEdges } from "@/lib/questions/draw-checks";
import { RejectDraw } from "@/lib/questions/errors";
import { formatSignificant } from "@/lib/questions/format-key";
import { hittersSplit, hittersSplitCsv, type HittersSplit } from "@/lib/questions/hitters-split";
import {
  HITTERS_PREDICTORS,
  lassoFit,
  lassoLambdaMax,
  linearPredict,
  loadHitters,
  meanAbsoluteError,
  olsFit,
  trainTestSplit,
  type LinearFit,
  type Rng,
} from "@/lib/numerics";

type OptionKey = "lasso-better" | "ols-better" | "network-wins" | "training-error" | "same-error";

interface Params {
  /** 0-based rows (of the 263 players with a salary) in the test set, ascending. */
  test: number[];
  /** λ of the glmnet objective, at the three significant figures shown. */
  lambda: number;
  /** Option keys in display order; the displayed ids are "a", "b", … in this order. */
  optionOrder: OptionKey[];
}

const OPTION_TEXT: Record<OptionKey, string> = {
  "lasso-better": "The lasso predicts the test players' salaries more accurately than least squares, and it uses fewer predictors.",
  "ols-better":
    "Least squares predicts the test players' salaries more accurately than the lasso: on this split the lasso's " +
    "smaller model costs some accuracy.",
  "network-wins":
    "A network with one hidden layer of 64 units (1,345 parameters) would certainly beat both, because it is the most flexible model.",
  "training-error": "The model with the lower training MAE is the one to report; the test players add no information.",
  "same-error": "Both models make the same test error, so the number of predictors kept does not matter.",
};

const DISTRACTORS: readonly OptionKey[] = ["network-wins", "training-error", "same-error"];

/** Size of the test set: a third of the players, as in the book's split (87 of 263). */
const TEST_PLAYERS = 87;
/** MAE answers are asked to one decimal (thousands of dollars); half a unit is 0.05. */
const ROUNDING_TOLERANCE = 0.06;
/**
 * Relative change of λ that stands in for solver differences. Standardizing with the n − 1 sd instead of the
 * n sd scales the effective λ by √(n/(n − 1)), 1.0029 for 176 training players, and a solver stopped early
 * moves the coefficients by a similar amount; the tolerance covers the MAE's change over λ(1 ± this).
 */
const LAMBDA_SENSITIVITY = 0.003;
/** The kept-variable count must not change within λ(1 ± this), so the count is not on an edge of the path. */
const COUNT_MARGIN = 0.02;
/** Test MAEs of the two models closer than this (thousands of dollars) make the comparison a tie. */
const MIN_MAE_GAP = 1;

function generate(rng: Rng): Params {
  const hitters = loadHitters();
  const split = trainTestSplit(hitters.salary.length, TEST_PLAYERS, rng);
  const inTest = new Set(split.test);
  const xTrain = hitters.X.filter((_, i) => !inTest.has(i));
  const yTrain = hitters.salary.filter((_, i) => !inTest.has(i));
  // λ log-uniform between 1 % and 40 % of the training data's λ_max, where the lasso keeps a handful to most predictors.
  const lambdaMax = lassoLambdaMax(xTrain, yTrain);
  const lambda = Number((lambdaMax * Math.exp(rng.uniform(Math.log(0.01), Math.log(0.4)))).toPrecision(3));
  const distractors = shuffleOptions(
    DISTRACTORS.map((key) => ({ id: key, text: OPTION_TEXT[key] })),
    rng,
  ).slice(0, 2);
  const order = shuffleOptions([{ id: "lasso-better", text: "" }, { id: "ols-better", text: "" }, ...distractors], rng);
  return { test: split.test, lambda, optionOrder: order.map((option) => option.id as OptionKey) };
}


/** Share of the allowed error within which a plausible rounding of the key counts as sitting on the tolerance's edge. */
const EDGE_SHARE = 0.02;

/**
 * Rejects the draw when a plausible rounding of the key sits on the tolerance's edge, or when the
 * key and the mistakes are not more than twice the tolerance apart.
 */
function checkMaeAnswers(partId: string, key: number, misconceptions: readonly Misconception[], tolerance: number): void {
  // One decimal is asked for; a whole number of thousands is the rounding a student would plausibly type instead.
  checkRoundingEdges(partId, [key], { tolerance, roundings: { decimals: [0, 1] }, edgeShare: EDGE_SHARE });
  checkMisconceptionsSeparated(partId, key, misconceptions, { tolerance, factor: 2 });
}

/** Rounds a positive tolerance up to two significant figures, so the spec carries a readable number. */
function roundUp(value: number): number {
  const unit = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Number((Math.ceil(value / unit - 1e-9) * unit).toPrecision(2));
}

export default defineQuestion<Params>({
  meta: {
    id: "hitters-lasso-comparison",
    version: "1",
    title: "Lasso against least squares on the Hitters data",
    topics: ["when-deep-learning", "regularization"],
    difficulty: 3,
    expectedMinutes: 15,
  },
  generate,
  build(params) {
    const { lambda, optionOrder } = params;
    const data = hittersSplit(params.test);
    const nTrain = data.yTrain.length;
    const testMae = (fit: LinearFit) => meanAbsoluteError(data.yTest, linearPredict(fit, data.xTest));

    const lasso = lassoFit(data.xTrain, data.yTrain, lambda);
    const kept = lasso.nonzeroCount;
    if (kept < 2 || kept > HITTERS_PREDICTORS.length - 2) throw new RejectDraw("the lasso keeps almost none or almost all predictors");
    const lower = lassoFit(data.xTrain, data.yTrain, lambda * (1 - COUNT_MARGIN));
    const upper = lassoFit(data.xTrain, data.yTrain, lambda * (1 + COUNT_MARGIN));
    if (lower.nonzeroCount !== kept || upper.nonzeroCount !== kept) throw new RejectDraw("λ sits near a change of the active set");

    // Typical scalings of the objective: without 1/(2n) on the loss (λ effectively divided by n, then by
    // 2), without the ½ (λ halved), and a lasso on unstandardized predictors.
    const sumOfSquares = lassoFit(data.xTrain, data.yTrain, lambda / (2 * nTrain));
    const noHalf = lassoFit(data.xTrain, data.yTrain, lambda / 2);
    const unstandardized = lassoFit(data.xTrain, data.yTrain, lambda, { standardize: false });

    const keptWrong: Misconception[] = [
      {
        tag: "dl-lasso-unstandardized",
        value: unstandardized.nonzeroCount,
        message:
          "You ran the lasso on the raw predictors. The objective penalizes coefficients of standardized columns " +
          "(glmnet's default): unstandardized, the penalty hits predictors on small scales (the dummies, Years) far " +
          "harder than career totals in the thousands.",
      },
      {
        tag: "dl-lasso-lambda-halved",
        value: noHalf.nonzeroCount,
        message:
          "Your fit matches the objective (1/n)‖y − β₀ − Zβ‖² + λ‖β‖₁, without the ½ on the loss: that is the stated " +
          "objective at λ/2, a weaker penalty. Use (1/(2n)) as glmnet and scikit-learn's Lasso do.",
      },
      {
        tag: "dl-lasso-loss-not-averaged",
        value: sumOfSquares.nonzeroCount,
        message:
          "Your fit matches ½‖y − β₀ − Zβ‖² + λ‖β‖₁, a sum of squares not divided by n: that is the stated objective " +
          "at λ/n, and the penalty almost vanishes. The loss in the prompt is averaged over the n training players.",
      },
    ];
    const counts = [kept, ...keptWrong.map((item) => item.value as number)];
    if (new Set(counts).size !== counts.length) throw new RejectDraw("two kept-variable counts coincide");

    const lassoKey = testMae(lasso);
    const sensitivity = Math.max(
      Math.abs(testMae(lassoFit(data.xTrain, data.yTrain, lambda * (1 - LAMBDA_SENSITIVITY))) - lassoKey),
      Math.abs(testMae(lassoFit(data.xTrain, data.yTrain, lambda * (1 + LAMBDA_SENSITIVITY))) - lassoKey),
    );
    const lassoTolerance = roundUp(ROUNDING_TOLERANCE + 2 * sensitivity);
    const lassoWrong: Misconception[] = [
      {
        tag: "dl-lasso-training-mae",
        value: meanAbsoluteError(data.yTrain, linearPredict(lasso, data.xTrain)),
        message: "That is the lasso's MAE on the training players; the question asks for the test players.",
      },
      {
        tag: "dl-lasso-mae-unstandardized",
        value: testMae(unstandardized),
        message: "That is the test MAE of a lasso on unstandardized predictors. Standardize each column with the training mean and sd first.",
      },
      {
        tag: "dl-lasso-mae-lambda-halved",
        value: testMae(noHalf),
        message: "That is the lasso at λ/2: your loss lacks the ½ in (1/(2n))‖y − β₀ − Zβ‖².",
      },
    ];
    checkMaeAnswers("lasso-test-mae", lassoKey, lassoWrong, lassoTolerance);

    const ols = olsFit(data.xTrain, data.yTrain);
    const olsKey = testMae(ols);
    const olsTolerance = ROUNDING_TOLERANCE;
    const olsWrong: Misconception[] = [
      {
        tag: "dl-ols-training-mae",
        value: meanAbsoluteError(data.yTrain, ols.fitted),
        message: "That is least squares' MAE on the training players; the comparison needs the test players.",
      },
      {
        tag: "dl-ols-is-lasso-at-lambda",
        value: lassoKey,
        message: "That is the lasso's test MAE. Least squares is the unpenalized fit on all 19 predictors.",
      },
    ];
    checkMaeAnswers("ols-test-mae", olsKey, olsWrong, olsTolerance);
    if (Math.abs(lassoKey - olsKey) < MIN_MAE_GAP) throw new RejectDraw("the two test MAEs nearly tie");

    const options: ChoiceOption[] = optionOrder.map((optionKey, i) => ({ id: String.fromCharCode(97 + i), text: OPTION_TEXT[optionKey] }));
    assertDistinctOptions(options);
    const idOf = (optionKey: OptionKey) => options[optionOrder.indexOf(optionKey)]?.id;
    const lassoWins = lassoKey < olsKey;
    const correctId = idOf(lassoWins ? "lasso-better" : "ols-better")!;
    const choiceWrong: Misconception[] = [
      {
        tag: lassoWins ? "dl-compare-ols-wins" : "dl-compare-lasso-wins",
        value: idOf(lassoWins ? "ols-better" : "lasso-better")!,
        message: "Compare the two test MAEs you computed: the lower one is the more accurate model on this split.",
      },
    ];
    if (optionOrder.includes("network-wins")) {
      choiceWrong.push({
        tag: "dl-compare-network-wins",
        value: idOf("network-wins")!,
        message:
          "Flexibility is not accuracy: with 176 training players a 1,345-parameter network has high variance, and " +
          "in the book's Hitters comparison it did slightly worse than both linear models.",
      });
    }

    const prompt = [
      `The CSV download holds the ${data.yAll.length} Hitters players with a known 1987 salary (\`Salary\`, in ` +
        `thousands of dollars) and the ${HITTERS_PREDICTORS.length} predictors coded as in R's \`model.matrix\`. ` +
        `The column \`split\` assigns ${nTrain} players to training and ${data.yTest.length} to test.`,
      "",
      `Fit the lasso at $\\lambda = ${lambda}$ to the training players: minimize`,
      "$$\\frac{1}{2n}\\sum_{i=1}^{n}\\Big(y_i - \\beta_0 - \\sum_{j=1}^{19}\\beta_j z_{ij}\\Big)^2 + \\lambda\\sum_{j=1}^{19}|\\beta_j|,$$",
      `where $n = ${nTrain}$ and $z_{ij} = (x_{ij} - \\bar x_j)/s_j$ standardizes each predictor with the mean and ` +
        "standard deviation of the training players, $s_j^2 = \\frac1n\\sum_i (x_{ij} - \\bar x_j)^2$ (divisor $n$). " +
        "This is R's `glmnet(x, y, alpha = 1, lambda = λ)` with its default standardization, or scikit-learn's " +
        "`Lasso(alpha=λ)` on columns scaled by a `StandardScaler` fitted to the training players.",
      "",
      "Also fit least squares with an intercept on all predictors to the same players. Give MAEs in thousands of " +
        "dollars to one decimal.",
    ].join("\n");

    const shownText = [prompt, "Number of predictors the lasso keeps (non-zero coefficients, intercept not counted)"].join("\n");
    checkKeysNotShown("kept-predictors, lasso-test-mae or ols-test-mae", [kept, lassoKey, olsKey], shownText);

    const solution = [
      `At $\\lambda = ${lambda}$ the lasso keeps **${kept}** of the ${HITTERS_PREDICTORS.length} predictors ` +
        `(non-zero coefficients, intercept not counted); its test MAE is $${formatSignificant(lassoKey, 5)}$.`,
      `Least squares on all ${HITTERS_PREDICTORS.length} predictors has test MAE $${formatSignificant(olsKey, 5)}$.`,
      "",
      lassoWins
        ? `On this split the lasso is more accurate by $${formatSignificant(olsKey - lassoKey, 3)}$ thousand dollars with ` +
          `${HITTERS_PREDICTORS.length - kept} fewer predictors: the shrinkage removes more variance than it adds bias.`
        : `On this split least squares is more accurate by $${formatSignificant(lassoKey - olsKey, 3)}$ thousand dollars: ` +
          `at this λ the penalty adds more bias than it removes variance. Another λ (for instance chosen by ` +
          "cross-validation) or another split can reverse the ranking.",
      "",
      "Neither result argues for a neural network here: with under 200 training players, a model with over a " +
        "thousand parameters needs strong regularization just to match these.",
    ].join("\n");

    return {
      prompt,
      parts: [
        {
          id: "kept-predictors",
          label: "Number of predictors the lasso keeps (non-zero coefficients, intercept not counted)",
          spec: { type: "integer" },
          key: kept,
          misconceptions: keptWrong,
        },
        {
          id: "lasso-test-mae",
          label: "Test MAE of the lasso",
          spec: { type: "number", tolerance: { abs: lassoTolerance } },
          key: lassoKey,
          misconceptions: lassoWrong,
        },
        {
          id: "ols-test-mae",
          label: "Test MAE of least squares",
          spec: { type: "number", tolerance: { abs: olsTolerance } },
          key: olsKey,
          misconceptions: olsWrong,
        },
        {
          id: "comparison",
          label: "Which statement does this split support?",
          spec: { type: "single-choice", options },
          key: correctId,
          misconceptions: choiceWrong,
        },
      ],
      solution,
      csv: { filename: "hitters-split.csv", text: hittersSplitCsv(data) },
    };
  },
});
