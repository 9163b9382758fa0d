import { assertDistinctOptions, type Misconception } from "@/lib/grading";
import {
  knnRegressionPredict,
  layoutPoints,
  polynomialFit,
  polynomialPredict,
  type BiasVarianceEstimator,
  type Rng,
} from "@/lib/numerics";
import { defineQuestion } from "@/lib/questions/definition";
import { RejectDraw } from "@/lib/questions/errors";
import { formatSignificant } from "@/lib/questions/format-key";
import { renderSvgPlot } from "@/lib/questions/svg-plot";

const TEST_POINTS = 11;
/** A relative change below this counts as "about the same". */
const UNCHANGED_BELOW = 0.05;
/** Changes between the two bounds are too small to reason about with confidence, so the draw is rejected. */
const CLEAR_CHANGE_ABOVE = 0.2;

type Term = "squared-bias" | "variance" | "noise" | "test-mse";
type Direction = "increases" | "decreases" | "stays about the same";
type Change = "double-n" | "double-sigma" | "halve-sigma" | "more-flexible" | "less-flexible";

interface Scenario {
  n: number;
  sigma: number;
  estimator: BiasVarianceEstimator;
}

interface Params {
  amplitude: number;
  frequency: number;
  before: Scenario;
  change: Change;
  /** One statement per term, in display order; `claimed` may differ from the true direction. */
  statements: { term: Term; claimed: Direction }[];
}

const TERMS: Term[] = ["squared-bias", "variance", "noise", "test-mse"];
const DIRECTIONS: Direction[] = ["increases", "decreases", "stays about the same"];
const TERM_TEXT: Record<Term, string> = {
  "squared-bias": "The squared bias (averaged over the test points)",
  variance: "The variance of the fit (averaged over the test points)",
  noise: "The irreducible error",
  "test-mse": "The expected test MSE",
};

function applyChange(before: Scenario, change: Change): Scenario {
  const { estimator } = before;
  switch (change) {
    case "double-n":
      return { ...before, n: 2 * before.n };
    case "double-sigma":
      return { ...before, sigma: 2 * before.sigma };
    case "halve-sigma":
      return { ...before, sigma: before.sigma / 2 };
    case "more-flexible":
      return {
        ...before,
        estimator: estimator.kind === "knn" ? { kind: "knn", k: 1 } : { kind: "polynomial", degree: estimator.degree + 3 },
      };
    case "less-flexible":
      return {
        ...before,
        estimator: estimator.kind === "knn" ? { kind: "knn", k: estimator.k * 3 } : { kind: "polynomial", degree: 1 },
      };
  }
}

function changeText(before: Scenario, after: Scenario, change: Change): string {
  switch (change) {
    case "double-n":
      return `the number of training points is doubled to $n = ${after.n}$ (still equally spaced on $[0, 4]$)`;
    case "double-sigma":
      return `the noise sd is doubled to $\\sigma = ${after.sigma}$`;
    case "halve-sigma":
      return `the noise sd is halved to $\\sigma = ${after.sigma}$`;
    case "more-flexible":
    case "less-flexible":
      return after.estimator.kind === "knn"
        ? `the number of neighbours changes from $k = ${(before.estimator as { k: number }).k}$ to $k = ${after.estimator.k}$`
        : `the degree changes from $d = ${(before.estimator as { degree: number }).degree}$ to $d = ${after.estimator.degree}$`;
  }
}

function estimatorText(estimator: BiasVarianceEstimator): string {
  return estimator.kind === "knn"
    ? `$k$-nearest-neighbour regression with $k = ${estimator.k}$`
    : `least-squares polynomial regression of degree $d = ${estimator.degree}$`;
}

function generate(rng: Rng): Params {
  const estimator: BiasVarianceEstimator =
    rng.uniform() < 0.5 ? { kind: "knn", k: rng.integer(3, 6) } : { kind: "polynomial", degree: rng.integer(2, 4) };
  const before: Scenario = { n: rng.integer(10, 20), sigma: rng.choice([0.2, 0.4, 0.6, 0.8]), estimator };
  const change = rng.choice<Change>(["double-n", "double-sigma", "halve-sigma", "more-flexible", "less-flexible"]);
  // Each statement claims the true direction or a wrong one; `build` computes which is which.
  const statements = rng.shuffle(TERMS).map((term) => ({ term, claimed: rng.choice(DIRECTIONS) }));
  return { amplitude: rng.choice([1, 1.5, 2]), frequency: rng.choice([1, 1.5, 2]), before, change, statements };
}

interface Terms {
  squaredBias: number;
  variance: number;
  noise: number;
  testMse: number;
}

/**
 * Computes the exact terms averaged over the test points. Both estimators are linear in y for a
 * fixed design, f̂(x0) = Σ_i h_i y_i: the mean fit is the fit to the noise-free f(x_i), and the
 * variance is σ² Σ_i h_i², with h read off the fits to unit responses.
 */
function exactTerms(scenario: Scenario, truth: (x: number) => number): Terms {
  const xTrain = layoutPoints(scenario.n, [0, 4], "equally-spaced");
  const testPoints = Array.from({ length: TEST_POINTS }, (_, i) => 0.2 + (3.6 * i) / (TEST_POINTS - 1));
  const { estimator } = scenario;
  const predict = (y: readonly number[]) =>
    estimator.kind === "knn"
      ? knnRegressionPredict({ xTrain, yTrain: y, k: estimator.k, x: testPoints })
      : polynomialPredict(polynomialFit(xTrain, y, estimator.degree), testPoints);

  const meanFit = predict(xTrain.map(truth));
  const squaredBias = meanFit.reduce((sum, value, j) => sum + (value - truth(testPoints[j]!)) ** 2, 0) / TEST_POINTS;
  const sumSquaredWeights = new Array<number>(TEST_POINTS).fill(0);
  xTrain.forEach((_, i) => {
    const unitFit = predict(xTrain.map((__, other) => (other === i ? 1 : 0)));
    unitFit.forEach((weight, j) => (sumSquaredWeights[j]! += weight * weight));
  });
  const noise = scenario.sigma * scenario.sigma;
  const variance = (noise * sumSquaredWeights.reduce((sum, value) => sum + value, 0)) / TEST_POINTS;
  return { squaredBias, variance, noise, testMse: squaredBias + variance + noise };
}

function termValue(terms: Terms, term: Term): number {
  switch (term) {
    case "squared-bias":
      return terms.squaredBias;
    case "variance":
      return terms.variance;
    case "noise":
      return terms.noise;
    case "test-mse":
      return terms.testMse;
  }
}

/** Direction of a relative change; rejects changes in the ambiguous band between the two bounds. */
function classify(before: number, after: number, term: Term): Direction {
  const relative = (after - before) / before;
  if (Math.abs(relative) < UNCHANGED_BELOW) return "stays about the same";
  if (Math.abs(relative) < CLEAR_CHANGE_ABOVE) throw new RejectDraw(`the change of ${term} is too small to call`);
  return relative > 0 ? "increases" : "decreases";
}

/** Explains why a term moves (or stays) under the change, for feedback and the worked solution. */
function reason(term: Term, change: Change, estimator: BiasVarianceEstimator): string {
  if (term === "test-mse") {
    return "The expected test MSE is squared bias + variance + σ², so it follows the net change of the three terms.";
  }
  if (term === "noise") {
    return change === "double-sigma" || change === "halve-sigma"
      ? "σ² is the variance of the noise, so it follows the noise sd squared."
      : "σ² belongs to the data-generating process; no change of model or sample size touches it.";
  }
  if (change === "double-sigma" || change === "halve-sigma") {
    return term === "squared-bias"
      ? "The noise has mean zero, so the average fit, and hence the bias, does not depend on σ."
      : "The fit is linear in y, so its variance σ² Σ h_i² scales with σ².";
  }
  if (change === "double-n") {
    if (estimator.kind === "knn") {
      return term === "squared-bias"
        ? "With twice the points, the k nearest neighbours lie closer to x₀, so their average is less biased."
        : "k-NN averages k responses whatever n is, so its variance σ²/k does not change with n.";
    }
    return term === "squared-bias"
      ? "The polynomial's best approximation of f hardly depends on how many points define it, so the bias stays."
      : "More points pin down the same number of coefficients, so the fit varies less between training sets.";
  }
  return term === "squared-bias"
    ? "A more flexible fit follows f more closely (lower bias); a less flexible one misses more of its shape."
    : "A more flexible fit follows the noise more (higher variance); a less flexible one averages it out.";
}

export default defineQuestion<Params>({
  meta: {
    id: "test-error-what-if",
    version: "1",
    title: "What happens to the test error when n, noise or flexibility change",
    topics: ["exam-reasoning", "bias-variance"],
    difficulty: 2,
    expectedMinutes: 5,
  },
  generate,
  build(params) {
    const { amplitude, frequency, before, change, statements } = params;
    const after = applyChange(before, change);
    if (after.estimator.kind === "knn" && after.estimator.k > after.n) throw new RejectDraw("k exceeds n");
    if (after.estimator.kind === "polynomial" && after.estimator.degree >= after.n - 1) throw new RejectDraw("degree too high for n");
    const truth = (x: number) => amplitude * Math.sin(frequency * x);
    const termsBefore = exactTerms(before, truth);
    const termsAfter = exactTerms(after, truth);
    const actual = new Map<Term, Direction>(TERMS.map((term) => [term, classify(termValue(termsBefore, term), termValue(termsAfter, term), term)]));

    const options = statements.map((statement, index) => ({
      id: String.fromCharCode(97 + index),
      text: `${TERM_TEXT[statement.term]} ${statement.claimed}.`,
      statement,
    }));
    assertDistinctOptions(options);
    const key = options.filter((option) => actual.get(option.statement.term) === option.statement.claimed).map((option) => option.id);
    if (key.length === 0) throw new RejectDraw("no statement is true");

    // Each misconception gets one statement's verdict wrong, the mistake a student makes about that term.
    const flip = (id: string) => (key.includes(id) ? key.filter((other) => other !== id) : [...key, id].sort());
    const misconceptions: Misconception[] = options
      .map((option) => ({ option, value: flip(option.id) }))
      .filter(({ value }) => value.length > 0)
      .map(({ option, value }) => ({
        tag: `wi-${option.statement.term}-direction`,
        value,
        message: `Check the statement about ${TERM_TEXT[option.statement.term].toLowerCase()}: ${reason(option.statement.term, change, before.estimator)}`,
      }));

    const prompt = [
      `Training inputs are $n = ${before.n}$ equally spaced points on $[0, 4]$, with responses $y = f(x) + \\varepsilon$, ` +
        `$f(x) = ${amplitude}\\sin(${frequency}\\,x)$ and $\\varepsilon \\sim N(0, \\sigma^2)$, $\\sigma = ${before.sigma}$. ` +
        `The model is ${estimatorText(before.estimator)}. Bias and variance are averaged over test points spread across $[0.2, 3.8]$.`,
      "",
      `Now ${changeText(before, after, change)}; everything else stays as it was. Which statements are true? ` +
        `("About the same" means a change of less than ${UNCHANGED_BELOW * 100} %.)`,
    ].join("\n");

    const row = (terms: Terms) => TERMS.map((term) => formatSignificant(termValue(terms, term), 3)).join(" | ");
    const solution = [
      "For a fixed design both fits are linear in $y$, $\\hat f(x_0) = \\sum_i h_i y_i$, so squared bias and variance follow " +
        "exactly from the weights $h$. Averaged over the test points, before and after the change:",
      "",
      "| | squared bias | variance | irreducible error | expected test MSE |",
      "| --- | --- | --- | --- | --- |",
      `| before | ${row(termsBefore)} |`,
      `| after | ${row(termsAfter)} |`,
      "",
      ...TERMS.map((term) => `- ${TERM_TEXT[term]} ${actual.get(term)}: ${reason(term, change, before.estimator)}`),
    ].join("\n");

    return {
      prompt,
      parts: [
        {
          id: "true-statements",
          label: "Select every true statement",
          spec: { type: "multiple-choice", options: options.map(({ id, text }) => ({ id, text })) },
          key,
          misconceptions,
        },
      ],
      solution,
      figures: [renderFigure(amplitude, frequency, before.n)],
    };
  },
});

/** Points on the curve of f; 161 keep the sharpest sine (frequency 2) smooth at 560 px. */
const CURVE_POINTS = 161;

/**
 * Plots f on [0, 4] and f at the n equally spaced training inputs before the change. No fit is
 * drawn, before or after, so the figure shows no term of the decomposition and no direction of
 * change.
 */
function renderFigure(amplitude: number, frequency: number, n: number) {
  const truth = (x: number) => amplitude * Math.sin(frequency * x);
  const curveX = Array.from({ length: CURVE_POINTS }, (_, i) => (4 * i) / (CURVE_POINTS - 1));
  const inputs = layoutPoints(n, [0, 4], "equally-spaced");
  const alt =
    `The true function f on the interval from 0 to 4, drawn as a sine wave, with points marking f at the ${n} equally ` +
    "spaced training inputs before the change.";
  const svg = renderSvgPlot({
    title: "True function f with the training inputs",
    desc: alt,
    xLabel: "input x (no unit)",
    yLabel: "f(x) (no unit)",
    // Margins of 0.1 in x and 10 % of the amplitude in f keep the points at the ends and at the
    // peaks inside the frame.
    xDomain: [-0.1, 4.1],
    yDomain: [-1.1 * amplitude, 1.1 * amplitude],
    series: [
      { label: "f(x)", x: curveX, y: curveX.map(truth), style: "line" },
      { label: "f at the training inputs", x: inputs, y: inputs.map(truth), style: "scatter" },
    ],
  });
  return { svg, alt, caption: "The responses scatter around f with noise sd σ; the figure shows f itself." };
}
