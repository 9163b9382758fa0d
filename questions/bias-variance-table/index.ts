import type { Misconception } from "@/lib/grading";
import { biasVarianceMonteCarlo, createRng, type Rng } from "@/lib/numerics";
import { defineQuestion } from "@/lib/questions/definition";
import { checkKeysNotShown, checkMisconceptionsSeparated, checkRoundingEdges } from "@/lib/questions/draw-checks";
import { RejectDraw } from "@/lib/questions/errors";
import { formatSignificant } from "@/lib/questions/format-key";
import { renderSvgPlot } from "@/lib/questions/svg-plot";

/**
 * Simulated training sets per degree. The table shows the simulated values, and every key is
 * computed from the table as shown, so the Monte Carlo error moves the table but never the
 * agreement between a student's arithmetic and the key.
 */
export const REPETITIONS = 800;
/** Seed of the simulation, fixed so that a variant's table never changes. */
export const SIMULATION_SEED = 20_260_427;
/** Significant figures of the table (prompt and CSV). */
const TABLE_DIGITS = 4;
/**
 * Relative tolerance of the numeric parts. Each table entry is rounded to 4 significant figures
 * (at most 0.05 % relative error), so a sum of entries typed at 3 figures still lands within 1 %.
 */
const RELATIVE_TOLERANCE = 0.01;
/** The best degree must beat the runner-up by this factor in squared bias + variance. */
const BEST_DEGREE_MARGIN = 1.03;
const DEGREES = [0, 1, 2, 3, 4, 5, 6] as const;
const TEST_POINTS = 11;

type Truth =
  | { kind: "sine"; amplitude: number; frequency: number }
  | { kind: "cubic"; c1: number; c3: number };

interface Params {
  truth: Truth;
  /** Noise sd σ. */
  sigma: number;
  /** Fixed training inputs on [0, 4], sorted, two decimals. */
  x: number[];
  /** Factor by which the noise sd is multiplied in the what-if part. */
  noiseFactor: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const roundTable = (value: number) => Number(value.toPrecision(TABLE_DIGITS));

function truthFunction(truth: Truth): (x: number) => number {
  if (truth.kind === "sine") return (x) => truth.amplitude * Math.sin(truth.frequency * x);
  return (x) => truth.c1 * (x - 2) + truth.c3 * (x - 2) ** 3;
}

function truthLatex(truth: Truth): string {
  if (truth.kind === "sine") {
    const amplitude = truth.amplitude === 1 ? "" : String(truth.amplitude);
    const frequency = truth.frequency === 1 ? "" : `${truth.frequency}\\,`;
    return `f(x) = ${amplitude}\\sin(${frequency}x)`;
  }
  const c1 = truth.c1 >= 0 ? `${truth.c1}` : `-${Math.abs(truth.c1)}`;
  const c3 = truth.c3 >= 0 ? `+ ${truth.c3}` : `- ${Math.abs(truth.c3)}`;
  return `f(x) = ${c1}\\,(x - 2) ${c3}\\,(x - 2)^3`;
}

function generate(rng: Rng): Params {
  const truth: Truth =
    rng.uniform() < 0.5
      ? { kind: "sine", amplitude: rng.choice([1, 1.5, 2]), frequency: rng.choice([1, 1.5, 2]) }
      : { kind: "cubic", c1: round2(rng.uniform(-1, 1)), c3: round2(rng.choice([-1, 1]) * rng.uniform(0.2, 0.6)) };
  const sigma = rng.choice([0.2, 0.3, 0.4, 0.5, 0.7]);
  const n = rng.integer(12, 20);
  const x: number[] = [];
  while (x.length < n) {
    const value = round2(rng.uniform(0, 4));
    if (x.every((other) => Math.abs(other - value) >= 0.05)) x.push(value);
  }
  x.sort((a, b) => a - b);
  return { truth, sigma, x, noiseFactor: rng.choice([2, 3, 0.5]) };
}

interface Row {
  degree: number;
  squaredBias: number;
  variance: number;
}

function argmin(values: readonly number[]): number {
  return values.reduce((best, value, index) => (value < values[best]! ? index : best), 0);
}

export default defineQuestion<Params>({
  meta: {
    id: "bias-variance-table",
    version: "2",
    title: "Bias–variance table by polynomial degree",
    topics: ["bias-variance", "exam-reasoning"],
    difficulty: 2,
    expectedMinutes: 7,
  },
  generate,
  build(params) {
    const { truth, sigma, x, noiseFactor } = params;
    const f = truthFunction(truth);
    const low = x[0]!;
    const high = x[x.length - 1]!;
    const testPoints = Array.from({ length: TEST_POINTS }, (_, i) => low + ((high - low) * i) / (TEST_POINTS - 1));

    const rows: Row[] = DEGREES.map((degree) => {
      const result = biasVarianceMonteCarlo({
        truth: f,
        noiseSd: sigma,
        xTrain: x,
        estimator: { kind: "polynomial", degree },
        testPoints,
        repetitions: REPETITIONS,
        rng: createRng(SIMULATION_SEED + degree),
      });
      return { degree, squaredBias: roundTable(result.average.squaredBias), variance: roundTable(result.average.variance) };
    });
    if (rows.some((row) => row.squaredBias <= 0 || row.variance <= 0)) throw new RejectDraw("a table entry rounds to zero");

    const reducible = rows.map((row) => row.squaredBias + row.variance);
    const best = argmin(reducible);
    const sorted = [...reducible].sort((a, b) => a - b);
    if (sorted[1]! < BEST_DEGREE_MARGIN * sorted[0]!) throw new RejectDraw("near tie for the best degree");
    const bestRow = rows[best]!;
    const noise = sigma * sigma;

    // Degree-choice misconceptions: minimising one term alone, or taking the crossing of the two curves.
    const minBias = rows[argmin(rows.map((row) => row.squaredBias))]!.degree;
    const minVariance = rows[argmin(rows.map((row) => row.variance))]!.degree;
    const crossing = rows[argmin(rows.map((row) => Math.abs(row.squaredBias - row.variance)))]!.degree;
    const degreeCandidates: Misconception[] = [
      {
        tag: "bvt-min-squared-bias",
        value: minBias,
        message: "That degree has the smallest squared bias, but its variance is larger. The expected test MSE adds both terms.",
      },
      {
        tag: "bvt-min-variance",
        value: minVariance,
        message: "That degree has the smallest variance, but its squared bias is larger. The expected test MSE adds both terms.",
      },
      {
        tag: "bvt-bias-equals-variance",
        value: crossing,
        message:
          "The best degree minimises the sum squared bias + variance; it need not be where the two terms are equal. " +
          "Add them row by row and take the smallest sum.",
      },
    ];
    // A rule that happens to give the right degree is no mistake on this variant, and of two rules
    // that give the same wrong degree only the first is kept, so each wrong degree has one message.
    const degreeMisconceptions = degreeCandidates.filter(
      (item, index) =>
        item.value !== bestRow.degree && degreeCandidates.findIndex((other) => other.value === item.value) === index,
    );
    if (degreeMisconceptions.length === 0) throw new RejectDraw("no degree misconception differs from the key");

    const testMse = bestRow.squaredBias + bestRow.variance + noise;
    const msePart: Misconception[] = [
      {
        tag: "bvt-noise-left-out",
        value: bestRow.squaredBias + bestRow.variance,
        message: "You left out the irreducible error σ². A new response carries its own noise, so add σ² to squared bias + variance.",
      },
      {
        tag: "bvt-sd-instead-of-variance",
        value: bestRow.squaredBias + bestRow.variance + sigma,
        message: "The irreducible error is the noise variance σ², not the standard deviation σ.",
      },
    ];
    checkMisconceptionsSeparated("test-mse", testMse, msePart, { tolerance: RELATIVE_TOLERANCE * testMse, factor: 2.5 });

    const scaledVariance = noiseFactor * noiseFactor * bestRow.variance;
    // A rounding to 1–3 significant figures within 1 % of the allowed error of the boundary would be
    // judged by its last digit.
    const roundingEdges = {
      tolerance: { rel: RELATIVE_TOLERANCE },
      roundings: { significantFigures: [1, 2, 3] },
      edgeShare: 0.01,
    };
    checkRoundingEdges("test-mse", [testMse], roundingEdges);
    checkRoundingEdges("scaled-variance", [scaledVariance], roundingEdges);
    const variancePart: Misconception[] = [
      {
        tag: "bvt-variance-scales-with-sd",
        value: noiseFactor * bestRow.variance,
        message: `The fit is linear in $y$, so its variance is $\\sigma^2 \\sum_i h_i^2$: it scales with the square of the factor, ${noiseFactor}² here.`,
      },
      {
        tag: "bvt-variance-unchanged",
        value: bestRow.variance,
        message: "The noise of the training responses enters the fit, so its variance changes too, not only the irreducible error.",
      },
    ];
    checkMisconceptionsSeparated("scaled-variance", scaledVariance, variancePart, {
      tolerance: RELATIVE_TOLERANCE * scaledVariance,
      factor: 2.5,
    });

    const table = [
      "| degree $d$ | squared bias | variance |",
      "| --- | --- | --- |",
      ...rows.map((row) => `| ${row.degree} | ${formatSignificant(row.squaredBias, TABLE_DIGITS)} | ${formatSignificant(row.variance, TABLE_DIGITS)} |`),
    ];
    const factorText = noiseFactor === 0.5 ? "halved" : `multiplied by ${noiseFactor}`;
    const prompt = [
      `Training inputs are fixed at $n = ${x.length}$ points in $[0, 4]$, and each training set has responses ` +
        `$y_i = f(x_i) + \\varepsilon_i$ with $$${truthLatex(truth)}$$ and independent $\\varepsilon_i \\sim N(0, \\sigma^2)$, ` +
        `$\\sigma = ${sigma}$. Polynomials of degree $d$ were fitted by least squares to ${REPETITIONS.toLocaleString("en-US")} ` +
        `simulated training sets. The table gives squared bias and variance of the fit, averaged over ${TEST_POINTS} ` +
        "equally spaced test points spanning the training inputs (also in the CSV download).",
      "",
      ...table,
      "",
      `1. Which degree has the smallest expected test MSE?`,
      "2. What is the expected test MSE $\\mathrm{E}\\big(y_0 - \\hat f(x_0)\\big)^2$ for a new response, irreducible " +
        "error included, averaged over the test points, at that degree?",
      `3. Keep the same inputs and that degree, but let the noise sd be ${factorText}. What is the variance of the fit now?`,
    ].join("\n");

    // A key that rounds to a number of the prompt (at 3–6 significant figures) would give itself away.
    // The table may print tiny entries as "1.234e-7"; its digits are read as separate numbers.
    checkKeysNotShown("test-mse or scaled-variance", [testMse, scaledVariance], prompt, { exponents: false });

    const solution = [
      "1. The expected test MSE is squared bias + variance + σ², and σ² is the same for every degree, so compare " +
        `squared bias + variance: ${rows.map((row, index) => `$d = ${row.degree}$: ${formatSignificant(reducible[index]!, 4)}`).join(", ")}. ` +
        `The smallest is at $d = ${bestRow.degree}$.`,
      `2. ${formatSignificant(bestRow.squaredBias, 4)} + ${formatSignificant(bestRow.variance, 4)} + ${sigma}² = ${formatSignificant(testMse, 4)}.`,
      `3. The least-squares fit is linear in $y$, $\\hat f(x_0) = \\sum_i h_i y_i$, so its variance is $\\sigma^2 \\sum_i h_i^2$. ` +
        `With the sd ${factorText} the variance is multiplied by ${formatSignificant(noiseFactor * noiseFactor, 3)}: ` +
        `${formatSignificant(bestRow.variance, 4)} × ${formatSignificant(noiseFactor * noiseFactor, 3)} = ${formatSignificant(scaledVariance, 4)}. ` +
        "The squared bias does not change, because the noise has mean zero.",
    ].join("\n");

    return {
      prompt,
      parts: [
        {
          id: "best-degree",
          label: "Degree with the smallest expected test MSE",
          spec: { type: "integer" },
          key: bestRow.degree,
          misconceptions: degreeMisconceptions,
          keyShownInPromptBecause: "the table lists every candidate degree, and the part asks which one to pick",
        },
        {
          id: "test-mse",
          label: "Expected test MSE at that degree",
          spec: { type: "number", tolerance: { rel: RELATIVE_TOLERANCE } },
          key: testMse,
          misconceptions: msePart,
        },
        {
          id: "scaled-variance",
          label: `Variance with the noise sd ${factorText}`,
          spec: { type: "number", tolerance: { rel: RELATIVE_TOLERANCE } },
          key: scaledVariance,
          misconceptions: variancePart,
        },
      ],
      solution,
      figures: [renderFigure(params)],
      csv: {
        filename: "bias-variance-by-degree.csv",
        text:
          ["degree,squared_bias,variance", ...rows.map((row) => `${row.degree},${row.squaredBias},${row.variance}`)].join("\n") + "\n",
      },
    };
  },
});

/** Points per unit of x on the curve of f; 40 keep the sharpest sine (frequency 2) smooth at 560 px. */
const CURVE_POINTS_PER_UNIT = 40;
/** Inputs are drawn from [0, 4], so the figure always spans that interval. */
const INPUT_RANGE = [0, 4] as const;

/**
 * Plots f on [0, 4] and f at the training inputs, so the student sees how much curvature a low
 * degree misses. The table's terms are not drawn: a curve of squared bias + variance would show
 * the best degree, which the first part asks for.
 */
function renderFigure(params: Params) {
  const { truth, x } = params;
  const f = truthFunction(truth);
  const [low, high] = INPUT_RANGE;
  const count = (high - low) * CURVE_POINTS_PER_UNIT + 1;
  const curveX = Array.from({ length: count }, (_, i) => low + ((high - low) * i) / (count - 1));
  const shape = truth.kind === "sine" ? "a sine wave" : "a cubic centred at x = 2";
  const alt =
    `The true function f on the interval from ${low} to ${high}, drawn as a curve (${shape}). Points mark f at the ` +
    `${x.length} training inputs.`;
  const svg = renderSvgPlot({
    title: "True function f with the training inputs",
    desc: alt,
    xLabel: "input x (no unit)",
    yLabel: "f(x) (no unit)",
    xDomain: INPUT_RANGE,
    series: [
      { label: "f(x)", x: curveX, y: curveX.map(f), style: "line" },
      { label: "f at the training inputs", x, y: x.map(f), style: "scatter" },
    ],
  });
  return { svg, alt, caption: "The responses scatter around f with noise sd σ; the figure shows f itself." };
}
