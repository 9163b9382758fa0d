import { assertDistinctOptions, type Misconception } from "@/lib/grading";
import { createRng, lassoCv, linearPredict, meanSquaredError, olsFit, type Rng } from "@/lib/numerics";
import { defineQuestion } from "@/lib/questions/definition";
import { RejectDraw } from "@/lib/questions/errors";
import { formatSignificant } from "@/lib/questions/format-key";

/** Size of the simulated test set. */
const TEST_SIZE = 300;
/** Seed of the cross-validation folds, fixed so that a variant's λ never changes. */
export const FOLD_SEED = 20_260_429;
const FOLDS = 5;
const LAMBDAS = 40;
/** The preferred model must beat the runner-up's test MSE by this factor. */
const PREFERENCE_MARGIN = 1.05;

type Model = "linear" | "lasso" | "intercept";
type StatementKind = "ols-lowest-training" | "lasso-beats-ols" | "ols-larger-gap" | "intercept-worst" | "training-unbiased" | "ols-interpolates";

interface Params {
  n: number;
  p: number;
  /** True coefficients β_1 … β_p (most are zero). */
  beta: number[];
  sigma: number;
  /** Seed of the simulated training and test data. */
  dataSeed: number;
  modelOrder: Model[];
  statements: StatementKind[];
}

const MODEL_TEXT: Record<Model, string> = {
  linear: "Linear regression on all predictors",
  lasso: "The lasso with λ chosen by cross-validation",
  intercept: "The intercept-only model (predict the training mean)",
};

function generate(rng: Rng): Params {
  const n = rng.choice([30, 40, 60, 100]);
  const p = rng.choice([10, 15, 20].filter((value) => value < n - 5));
  const active = rng.integer(1, 4);
  const positions = rng.shuffle(Array.from({ length: p }, (_, j) => j)).slice(0, active);
  const beta = Array.from({ length: p }, (_, j) =>
    positions.includes(j) ? Math.round(rng.choice([-1, 1]) * rng.uniform(0.5, 2.5) * 10) / 10 : 0,
  );
  const pool: StatementKind[] = ["ols-lowest-training", "lasso-beats-ols", "ols-larger-gap", "intercept-worst", "training-unbiased", "ols-interpolates"];
  return {
    n,
    p,
    beta,
    sigma: rng.choice([1, 2, 3, 4]),
    dataSeed: rng.integer(1, 1_000_000),
    modelOrder: rng.shuffle<Model>(["linear", "lasso", "intercept"]),
    statements: rng.shuffle(pool).slice(0, 4),
  };
}

interface Row {
  trainMse: number;
  testMse: number;
  predictors: number;
  /** λ of the lasso row (glmnet scaling: (1/2n)‖y − Xβ‖² + λ‖β‖₁ on standardised columns). */
  lambda?: number;
}

/** Simulates X with independent N(0, 1) columns and y = Xβ + ε; returns the rows drawn. */
function simulate(params: Params, size: number, rng: Rng): { X: number[][]; y: number[] } {
  const X = Array.from({ length: size }, () => Array.from({ length: params.p }, () => rng.normal()));
  const y = X.map((row) => row.reduce((sum, value, j) => sum + value * params.beta[j]!, 0) + rng.normal(0, params.sigma));
  return { X, y };
}

/** Training and test data of a variant; exported so the reference script can refit them independently. */
export function variantData(params: Params): { train: { X: number[][]; y: number[] }; test: { X: number[][]; y: number[] } } {
  const dataRng = createRng(params.dataSeed);
  const train = simulate(params, params.n, dataRng);
  return { train, test: simulate(params, TEST_SIZE, dataRng) };
}

/** Fits the three models; exported so the reference script can reuse the λ that cross-validation chose. */
export function fitModels(params: Params): Record<Model, Row> {
  const { train, test } = variantData(params);

  const ols = olsFit(train.X, train.y);
  const cv = lassoCv({ X: train.X, y: train.y, nFolds: FOLDS, nLambda: LAMBDAS, rng: createRng(FOLD_SEED) });
  const mean = train.y.reduce((sum, value) => sum + value, 0) / train.y.length;
  const interceptFit = { intercept: mean, coefficients: new Array<number>(params.p).fill(0) };

  const row = (fit: { intercept: number; coefficients: number[] }, predictors: number): Row => ({
    trainMse: meanSquaredError(train.y, linearPredict(fit, train.X)),
    testMse: meanSquaredError(test.y, linearPredict(fit, test.X)),
    predictors,
  });
  return {
    linear: row(ols, params.p),
    lasso: { ...row(cv.fitMin, cv.fitMin.nonzeroCount), lambda: cv.lambdaMin },
    intercept: row(interceptFit, 0),
  };
}

export default defineQuestion<Params>({
  meta: {
    id: "model-preference-table",
    version: "1",
    title: "Choosing between linear regression, the lasso and a baseline",
    topics: ["exam-reasoning", "bias-variance", "regularization"],
    difficulty: 2,
    expectedMinutes: 5,
  },
  generate,
  build(params) {
    const { n, p, beta, sigma } = params;
    const rows = fitModels(params);
    const byTest = (Object.keys(rows) as Model[]).sort((a, b) => rows[a].testMse - rows[b].testMse);
    const preferred = byTest[0]!;
    if (rows[byTest[1]!].testMse < PREFERENCE_MARGIN * rows[preferred].testMse) throw new RejectDraw("near tie in test MSE");
    const gap = (model: Model) => rows[model].testMse - rows[model].trainMse;
    const lassoGapRatio = gap("linear") / gap("lasso");
    if (lassoGapRatio > 0.9 && lassoGapRatio < 1.1) throw new RejectDraw("the two gaps are too close to compare");

    const truth: Record<StatementKind, boolean> = {
      "ols-lowest-training": rows.linear.trainMse <= Math.min(rows.lasso.trainMse, rows.intercept.trainMse),
      "lasso-beats-ols": rows.lasso.testMse < rows.linear.testMse,
      "ols-larger-gap": gap("linear") > gap("lasso"),
      "intercept-worst": rows.intercept.testMse > Math.max(rows.linear.testMse, rows.lasso.testMse),
      "training-unbiased": false,
      "ols-interpolates": false,
    };
    const statementText: Record<StatementKind, string> = {
      "ols-lowest-training": "Linear regression has the lowest training MSE of the three models.",
      "lasso-beats-ols": "The lasso has a lower test MSE than linear regression.",
      "ols-larger-gap": "The gap between test and training MSE is larger for linear regression than for the lasso.",
      "intercept-worst": "The intercept-only model has the largest test MSE.",
      "training-unbiased": "Linear regression's training MSE is an unbiased estimate of its test MSE.",
      "ols-interpolates": `With $p = ${p}$ predictors, linear regression fits the ${n} training points exactly.`,
    };
    const statementFeedback: Record<StatementKind, { tag: string; message: string }> = {
      "ols-lowest-training": {
        tag: "mp-training-error-ranking",
        message: "Least squares minimises the training MSE over every linear fit in these predictors, and the other two models are such fits.",
      },
      "lasso-beats-ols": { tag: "mp-misread-test-column", message: "Compare the two test MSEs in the table directly." },
      "ols-larger-gap": {
        tag: "mp-gap-misjudged",
        message: "Subtract each model's training MSE from its test MSE; the unpenalised fit usually fits the noise more and so has the larger gap.",
      },
      "intercept-worst": { tag: "mp-baseline-misread", message: "Compare the intercept-only model's test MSE with both others in the table." },
      "training-unbiased": {
        tag: "mp-training-error-unbiased",
        message: "The fit was chosen to make the training errors small, so the training MSE underestimates the test MSE (by about 2pσ²/n for least squares).",
      },
      "ols-interpolates": {
        tag: "mp-ols-interpolates",
        message: `With an intercept, linear regression has ${p + 1} coefficients for ${n} points, far below the interpolation threshold, so its residuals are not zero.`,
      },
    };

    const modelOptions = params.modelOrder.map((model, index) => ({ id: String.fromCharCode(97 + index), text: MODEL_TEXT[model], model }));
    assertDistinctOptions(modelOptions);
    const modelId = (model: Model) => modelOptions.find((option) => option.model === model)!.id;
    const modelMisconceptions: Misconception[] = [];
    const lowestTraining = (Object.keys(rows) as Model[]).sort((a, b) => rows[a].trainMse - rows[b].trainMse)[0]!;
    if (lowestTraining !== preferred) {
      modelMisconceptions.push({
        tag: "mp-chose-by-training-error",
        value: modelId(lowestTraining),
        message: "That model has the lowest training MSE, but training error always falls with flexibility. Choose by the test MSE.",
      });
    }
    for (const model of ["lasso", "intercept", "linear"] as const) {
      if (model === preferred || model === lowestTraining) continue;
      modelMisconceptions.push({
        tag: `mp-chose-${model}`,
        value: modelId(model),
        message: `${MODEL_TEXT[model]} has a higher test MSE than the preferred model in this table.`,
      });
    }

    const statementOptions = params.statements.map((kind, index) => ({ id: String.fromCharCode(97 + index), text: statementText[kind], kind }));
    assertDistinctOptions(statementOptions);
    const key = statementOptions.filter((option) => truth[option.kind]).map((option) => option.id);
    if (key.length === 0) throw new RejectDraw("no statement is true");
    const flip = (id: string) => (key.includes(id) ? key.filter((other) => other !== id) : [...key, id].sort());
    const statementMisconceptions: Misconception[] = statementOptions
      .map((option) => ({ option, value: flip(option.id) }))
      .filter(({ value }) => value.length > 0)
      .map(({ option, value }) => ({ tag: statementFeedback[option.kind].tag, value, message: statementFeedback[option.kind].message }));

    const format = (value: number) => formatSignificant(value, 4);
    const table = [
      "| model | predictors used | training MSE | test MSE |",
      "| --- | --- | --- | --- |",
      ...(["linear", "lasso", "intercept"] as const).map(
        (model) => `| ${MODEL_TEXT[model]} | ${rows[model].predictors} | ${format(rows[model].trainMse)} | ${format(rows[model].testMse)} |`,
      ),
    ];
    const active = beta.filter((value) => value !== 0).length;
    const prompt = [
      `A data set has $n = ${n}$ training observations of $p = ${p}$ predictors (independent standard normal) and a ` +
        `response with noise sd $\\sigma = ${sigma}$; only ${active === 1 ? "one predictor affects" : `${active} predictors affect`} the response. ` +
        `Three models were fitted to the training data and evaluated on ${TEST_SIZE} new observations (also in the CSV download):`,
      "",
      ...table,
    ].join("\n");

    const solution = [
      `1. Prefer the model with the lowest test MSE: ${MODEL_TEXT[preferred].toLowerCase()} (${format(rows[preferred].testMse)}). ` +
        "The training MSE cannot decide, because the most flexible fit always has the lowest one.",
      `2. Gaps between test and training MSE: linear ${format(gap("linear"))}, lasso ${format(gap("lasso"))}, intercept-only ` +
        `${format(gap("intercept"))}. ${statementOptions.map((option) => `"${option.text}" is ${truth[option.kind] ? "true" : "false"}.`).join(" ")}`,
      `With ${active} of ${p} predictors active, the lasso can drop the noise predictors: it trades a little bias for a large cut in variance.`,
    ].join("\n");

    return {
      prompt,
      parts: [
        {
          id: "preferred-model",
          label: "Which model would you use for prediction?",
          spec: { type: "single-choice", options: modelOptions.map(({ id, text }) => ({ id, text })) },
          key: modelId(preferred),
          misconceptions: modelMisconceptions,
        },
        {
          id: "supported-statements",
          label: "Select every statement that the table supports",
          spec: { type: "multiple-choice", options: statementOptions.map(({ id, text }) => ({ id, text })) },
          key,
          misconceptions: statementMisconceptions,
        },
      ],
      solution,
      csv: {
        filename: "model-comparison.csv",
        text:
          [
            "model,predictors_used,train_mse,test_mse",
            ...(["linear", "lasso", "intercept"] as const).map(
              (model) => `${model},${rows[model].predictors},${rows[model].trainMse},${rows[model].testMse}`,
            ),
          ].join("\n") + "\n",
      },
    };
  },
});
