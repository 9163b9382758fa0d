import type { Misconception } from "@/lib/grading";
import { defineQuestion } from "@/lib/questions/definition";
import { answersClose, checkMisconceptionsSeparated, checkNearMissMargins } from "@/lib/questions/draw-checks";
import { RejectDraw } from "@/lib/questions/errors";
import { formatSignificant } from "@/lib/questions/format-key";
import { renderSvgPlot } from "@/lib/questions/svg-plot";
import { biasVarianceMonteCarlo, createRng, knnRegressionPredict, polynomialFit, polynomialPredict, type Rng } from "@/lib/numerics";

/**
 * Monte Carlo settings of the answer key. With R = 40,000 simulated training sets the standard
 * error of the variance estimate is about √(2/R) ≈ 0.7 % of the variance; the squared-bias error
 * depends on the variant and is reported by the simulation. Each part accepts the larger of 3 %
 * and five standard errors of its key, and `build` redraws a variant whenever the exact value
 * would not sit inside half of that.
 */
export const MONTE_CARLO_REPETITIONS = 40_000;
/** Seed of the key's simulation: fixed, so every build of a variant gives the same key. */
export const MONTE_CARLO_SEED = 20_261_204;
/** Relative tolerance of every part, on top of the Monte Carlo allowance. */
const RELATIVE_TOLERANCE = 0.03;
/** Smallest distance, as a fraction of the tolerance, between a rounded key and the tolerance's edge. */
const ROUNDING_EDGE_MARGIN = 0.1;
/** The key's Monte Carlo standard errors that the tolerance must cover. */
const STANDARD_ERRORS_COVERED = 5;

type Truth =
  | { kind: "sine"; amplitude: number; frequency: number }
  | { kind: "quadratic"; c0: number; c1: number; c2: number };

type Estimator = { kind: "knn"; k: number } | { kind: "polynomial"; degree: number };

interface Params {
  truth: Truth;
  /** Noise sd σ. */
  sigma: number;
  /** Fixed training inputs, sorted, at the displayed two decimals. */
  x: number[];
  estimator: Estimator;
  /** Test point. */
  x0: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

function truthFunction(truth: Truth): (x: number) => number {
  return truth.kind === "sine"
    ? (x) => truth.amplitude * Math.sin(truth.frequency * x)
    : (x) => truth.c0 + truth.c1 * x + truth.c2 * x * x;
}

function truthLatex(truth: Truth): string {
  if (truth.kind === "sine") {
    const amplitude = truth.amplitude === 1 ? "" : String(truth.amplitude);
    const frequency = truth.frequency === 1 ? "" : `${truth.frequency}\\,`;
    return `f(x) = ${amplitude}\\sin(${frequency}x)`;
  }
  const c1 = truth.c1 >= 0 ? `+ ${truth.c1}` : `- ${Math.abs(truth.c1)}`;
  const c2 = truth.c2 >= 0 ? `+ ${truth.c2}` : `- ${Math.abs(truth.c2)}`;
  return `f(x) = ${truth.c0} ${c1}\\,x ${c2}\\,x^2`;
}

function generate(rng: Rng): Params {
  const truth: Truth =
    rng.uniform() < 0.5
      ? { kind: "sine", amplitude: rng.choice([1, 1.5, 2]), frequency: rng.choice([0.5, 1, 1.5, 2]) }
      : {
          kind: "quadratic",
          c0: round2(rng.uniform(-1, 1)),
          c1: round2(rng.uniform(-1.5, 1.5)),
          c2: round2(rng.choice([-1, 1]) * rng.uniform(0.2, 0.8)),
        };
  const sigma = rng.choice([0.1, 0.2, 0.3, 0.5]);
  const n = rng.integer(6, 12);

  const x: number[] = [];
  while (x.length < n) {
    const value = round2(rng.uniform(0, 4));
    // Distinct inputs at least 0.05 apart keep the nearest neighbours unambiguous.
    if (x.every((other) => Math.abs(other - value) >= 0.05)) x.push(value);
  }
  x.sort((a, b) => a - b);

  const estimator: Estimator =
    rng.uniform() < 0.6 ? { kind: "knn", k: rng.integer(2, 5) } : { kind: "polynomial", degree: rng.integer(0, 2) };
  const x0 = round2(rng.uniform(0.3, 3.7));
  return { truth, sigma, x, estimator, x0 };
}

/** Indices of the k nearest training inputs to x0, nearest first; rejects a tie at the k-th place. */
function nearestIndices(x: readonly number[], x0: number, k: number): number[] {
  const order = x.map((value, index) => ({ index, distance: Math.abs(value - x0) })).sort((a, b) => a.distance - b.distance);
  const kth = order[k - 1]!.distance;
  const next = order[k]?.distance;
  if (next !== undefined && next - kth < 0.005) throw new RejectDraw("tie between the k-th and (k+1)-th nearest neighbour");
  return order.slice(0, k).map((entry) => entry.index);
}

/**
 * Weights h with f̂(x0) = Σ h_i y_i. Both estimators are linear in y for a fixed design, which is
 * what makes the exact decomposition of the worked solution possible.
 */
function smootherWeights(params: Params): number[] {
  const { x, x0, estimator } = params;
  return x.map((_, i) => {
    const unit = x.map((__, j) => (i === j ? 1 : 0));
    return estimator.kind === "knn"
      ? knnRegressionPredict({ xTrain: x, yTrain: unit, k: estimator.k, x: [x0] })[0]!
      : polynomialPredict(polynomialFit(x, unit, estimator.degree), [x0])[0]!;
  });
}

interface PartPlan {
  id: string;
  label: string;
  key: number;
  standardError: number;
  misconceptions: Misconception[];
}

function tolerance(key: number, standardError: number): { abs: number; rel: number } {
  return { rel: RELATIVE_TOLERANCE, abs: STANDARD_ERRORS_COVERED * standardError };
}

/** The decomposition's values that the parts and their mistakes are computed from. */
interface Decomposition {
  bias: number;
  squaredBias: number;
  variance: number;
  standardError: { squaredBias: number; variance: number };
}

function planParts(params: Params, values: Decomposition): PartPlan[] {
  const { sigma, x, estimator } = params;
  const noise = sigma * sigma;
  const point = { ...values, expectedTestMse: values.squaredBias + values.variance + noise };
  const bias = values.bias;
  const n = x.length;
  const varianceWrong: Misconception[] =
    estimator.kind === "knn"
      ? [
          {
            tag: "bv-variance-not-averaged",
            value: noise,
            message:
              "σ² is the variance of one noisy response. The k-NN fit averages k independent responses, " +
              "so its variance is σ²/k.",
          },
          {
            tag: "bv-sd-instead-of-variance",
            value: sigma / Math.sqrt(estimator.k),
            message: "That is the standard deviation of the fitted value, σ/√k; the variance is its square, σ²/k.",
          },
        ]
      : [
          {
            tag: "bv-variance-not-averaged",
            value: noise,
            message:
              "σ² is the variance of one noisy response. The fitted value is a weighted sum Σ h_i y_i of the " +
              "responses, so its variance is σ² Σ h_i².",
          },
          ...(estimator.degree === 0
            ? []
            : [
          {
            tag: "bv-variance-of-mean",
            value: noise / n,
            message:
              "σ²/n is the variance of the sample mean. A least-squares fit weights the responses unequally " +
              "(more so near the ends of the data), so its variance at x₀ is σ² Σ h_i².",
          },
              ]),
        ];

  return [
    {
      id: "squared-bias",
      label: "Squared bias $\\big(\\mathrm{E}\\,\\hat f(x_0) - f(x_0)\\big)^2$",
      key: point.squaredBias,
      standardError: point.standardError.squaredBias,
      misconceptions: [
        {
          tag: "bv-bias-not-squared",
          value: bias,
          message: "That is the bias E f̂(x₀) − f(x₀) itself; the decomposition uses its square.",
        },
      ],
    },
    {
      id: "variance",
      label: "Variance $\\operatorname{Var}\\hat f(x_0)$",
      key: point.variance,
      standardError: point.standardError.variance,
      misconceptions: varianceWrong,
    },
    {
      id: "test-mse",
      label: "Expected test MSE $\\mathrm{E}\\big(y_0 - \\hat f(x_0)\\big)^2$",
      key: point.expectedTestMse,
      standardError: Math.hypot(point.standardError.squaredBias, point.standardError.variance),
      misconceptions: [
        {
          tag: "bv-mse-without-noise",
          value: point.squaredBias + point.variance,
          message:
            "You left out the irreducible error σ². A new response y₀ carries its own noise, so the " +
            "expected test MSE is squared bias + variance + σ².",
        },
        {
          tag: "bv-mse-without-variance",
          value: point.squaredBias + noise,
          message:
            "You left out the variance of the fit. The fitted value changes from one training set to " +
            "the next, and that spread adds Var f̂(x₀) to the expected test MSE.",
        },
      ],
    },
  ];
}

/**
 * Rejects the draw unless every mistake lies well outside the tolerance around the key. The
 * relative tolerance of a pair is taken of its earlier value, as if that were the key.
 */
function checkPlansSeparated(plans: readonly PartPlan[], factor: number): void {
  for (const plan of plans) {
    const options = { tolerance: tolerance(plan.key, plan.standardError), factor, relativeTo: "earlier" as const };
    checkMisconceptionsSeparated(plan.id, plan.key, plan.misconceptions, options);
  }
}

export default defineQuestion<Params>({
  meta: {
    id: "bias-variance-simulation",
    version: "2",
    title: "Bias–variance decomposition at a test point",
    topics: ["bias-variance"],
    difficulty: 2,
    expectedMinutes: 10,
  },
  generate,
  build(params) {
    const { truth, sigma, x, estimator, x0 } = params;
    const f = truthFunction(truth);
    if (x.includes(x0)) throw new RejectDraw("the test point coincides with a training input");
    if (estimator.kind === "knn") nearestIndices(x, x0, estimator.k);

    // Exact values for a fixed design. They screen out degenerate draws before the (slower)
    // simulation runs, and they appear in the worked solution; the keys come from the simulation.
    const noise = sigma * sigma;
    const h = smootherWeights(params);
    const exactMean = h.reduce((sum, weight, i) => sum + weight * f(x[i]!), 0);
    const exactBias = exactMean - f(x0);
    const exactVariance = noise * h.reduce((sum, weight) => sum + weight * weight, 0);
    if (exactBias * exactBias < 1e-3 || exactBias * exactBias < 0.05 * exactVariance) {
      throw new RejectDraw("the squared bias is too small to tell apart from its mistakes");
    }

    // Screen with the exact values and the standard errors the simulation will have, so that
    // most rejected draws cost no simulation.
    const repetitions = MONTE_CARLO_REPETITIONS;
    const exactPlans = planParts(params, {
      bias: exactBias,
      squaredBias: exactBias * exactBias,
      variance: exactVariance,
      standardError: {
        squaredBias: (2 * Math.abs(exactBias) * Math.sqrt(exactVariance)) / Math.sqrt(repetitions),
        variance: exactVariance * Math.sqrt(2 / repetitions),
      },
    });
    checkPlansSeparated(exactPlans, 2.5);

    const simulation = biasVarianceMonteCarlo({
      truth: f,
      noiseSd: sigma,
      xTrain: x,
      estimator,
      testPoints: [x0],
      repetitions,
      rng: createRng(MONTE_CARLO_SEED),
    });
    const point = simulation.points[0]!;
    const plans = planParts(params, {
      bias: point.meanPrediction - point.truth,
      squaredBias: point.squaredBias,
      variance: point.variance,
      standardError: point.standardError,
    });
    checkPlansSeparated(plans, 2);

    // A student who computes the exact value must be well inside the tolerance of the simulated
    // key. Rounding the key to 1–3 significant figures must not land near the tolerance's edge,
    // because there the verdict would hinge on the last digit.
    for (const [index, plan] of plans.entries()) {
      const exactKey = exactPlans[index]!.key;
      const spec = { type: "number" as const, tolerance: tolerance(plan.key, plan.standardError) };
      if (!answersClose(plan.key, exactKey, { tolerance: spec.tolerance, factor: 0.5 })) {
        throw new RejectDraw(`Monte Carlo error too large for ${plan.id}`);
      }
      checkNearMissMargins(plan.id, spec, plan.key, ROUNDING_EDGE_MARGIN);
    }

    const estimatorText =
      estimator.kind === "knn"
        ? `$k$-nearest-neighbour regression with $k = ${estimator.k}$: $\\hat f(x_0)$ is the mean of the $y_i$ at the $${estimator.k}$ training inputs nearest to $x_0$`
        : `least-squares polynomial regression of degree $d = ${estimator.degree}$` +
          (estimator.degree === 0 ? " (a constant: $\\hat f$ is the mean of the $y_i$)" : " (with an intercept)");

    const n = x.length;
    const prompt = [
      `Training inputs are fixed at these $n = ${n}$ values (also in the CSV download):`,
      "",
      `| $i$ | ${x.map((_, i) => i + 1).join(" | ")} |`,
      `| --- | ${x.map(() => "---").join(" | ")} |`,
      `| $x_i$ | ${x.map((value) => value.toFixed(2)).join(" | ")} |`,
      "",
      `Each training set has responses $y_i = f(x_i) + \\varepsilon_i$ with $$${truthLatex(truth)}$$ and independent ` +
        `$\\varepsilon_i \\sim N(0, \\sigma^2)$, $\\sigma = ${sigma}$; a new training set redraws only the noise.`,
      "",
      `The estimator is ${estimatorText}. A new observation at the test point $x_0 = ${x0.toFixed(2)}$ is ` +
        `$y_0 = f(x_0) + \\varepsilon_0$ with independent noise of the same distribution.`,
      "",
      "Give the three terms of the decomposition at $x_0$ over repeated training sets. Answers are accepted within " +
        `${RELATIVE_TOLERANCE * 100}% (or a small absolute margin for simulation error); three significant figures are enough.`,
    ].join("\n");

    const hText = h.map((weight) => formatSignificant(weight, 4)).join(", ");
    const fText = x.map((value) => formatSignificant(f(value), 4)).join(", ");
    const solution = [
      `For a fixed design the fit is linear in the responses: $\\hat f(x_0) = \\sum_i h_i y_i$ with weights`,
      `$h = (${hText})$.`,
      estimator.kind === "knn"
        ? `(Each of the $k = ${estimator.k}$ nearest inputs gets weight $1/k$; the others get 0.)`
        : `(These are the entries of the row $x_0^\\top (X^\\top X)^{-1} X^\\top$ of the degree-${estimator.degree} design.)`,
      "",
      `1. $f$ at the training inputs: $(${fText})$; $f(x_0) = ${formatSignificant(f(x0), 5)}$.`,
      `2. $\\mathrm{E}\\,\\hat f(x_0) = \\sum_i h_i f(x_i) = ${formatSignificant(exactMean, 5)}$, so the bias is ` +
        `$${formatSignificant(exactBias, 4)}$ and the squared bias $${formatSignificant(exactBias * exactBias, 4)}$.`,
      `3. $\\operatorname{Var}\\hat f(x_0) = \\sigma^2 \\sum_i h_i^2 = ${noise.toPrecision(2)} \\times ${formatSignificant(
        exactVariance / noise,
        4,
      )} = ${formatSignificant(exactVariance, 4)}$.`,
      `4. Expected test MSE $=$ squared bias $+$ variance $+\\ \\sigma^2 = ${formatSignificant(exactBias * exactBias + exactVariance + noise, 4)}$.`,
      "",
      `A simulation of $R = ${MONTE_CARLO_REPETITIONS.toLocaleString("en-US")}$ training sets gives ` +
        `$${formatSignificant(point.squaredBias, 4)}$, $${formatSignificant(point.variance, 4)}$ and ` +
        `$${formatSignificant(point.expectedTestMse, 4)}$ for the three terms; answers within the stated tolerance of these are accepted.`,
    ].join("\n");

    return {
      prompt,
      parts: plans.map((plan) => ({
        id: plan.id,
        label: plan.label,
        spec: { type: "number" as const, tolerance: tolerance(plan.key, plan.standardError) },
        key: plan.key,
        misconceptions: plan.misconceptions,
      })),
      solution,
      figures: [renderFigure(params)],
      csv: {
        filename: "design.csv",
        text: ["i,x", ...x.map((value, i) => `${i + 1},${value.toFixed(2)}`)].join("\n") + "\n",
      },
    };
  },
});

/** Points per unit of x on the curve of f; 40 keep the sharpest sine (frequency 2) smooth at 560 px. */
const CURVE_POINTS_PER_UNIT = 40;
/** Inputs are drawn from [0, 4], so the figure always spans that interval. */
const INPUT_RANGE = [0, 4] as const;

/**
 * Plots f on [0, 4], f at the training inputs and a dashed line at x₀. Nothing drawn depends on the
 * noise or the estimator, so the figure shows no term of the decomposition: the bias needs the
 * estimator's weights, and the variance needs σ and the weights.
 */
function renderFigure(params: Params) {
  const { truth, x, x0 } = params;
  const f = truthFunction(truth);
  const [low, high] = INPUT_RANGE;
  const count = (high - low) * CURVE_POINTS_PER_UNIT + 1;
  const curveX = Array.from({ length: count }, (_, i) => low + ((high - low) * i) / (count - 1));
  const shape =
    truth.kind === "sine"
      ? "a sine wave"
      : `a parabola opening ${truth.c2 > 0 ? "upward" : "downward"}`;
  const alt =
    `The true function f on the interval from ${low} to ${high}, drawn as a curve (${shape}). Points mark f at the ` +
    `${x.length} training inputs, and a dashed vertical line marks the test point x0 = ${x0.toFixed(2)}.`;
  const svg = renderSvgPlot({
    title: "True function f with the training inputs and the test point",
    desc: alt,
    xLabel: "input x (no unit)",
    yLabel: "f(x) (no unit)",
    xDomain: INPUT_RANGE,
    series: [
      { label: "f(x)", x: curveX, y: curveX.map(f), style: "line" },
      { label: "f at the training inputs", x, y: x.map(f), style: "scatter" },
    ],
    verticalMarkers: [{ x: x0, label: "x₀" }],
  });
  return { svg, alt, caption: "The responses scatter around f with noise sd σ; the figure shows f itself." };
}
