import { assertDistinctOptions, shuffleOptions, type ChoiceOption, type Misconception } from "@/lib/grading";
import { doubleDescentSweep, squarePulseTruth, type DoubleDescentPoint, type Rng } from "@/lib/numerics";
import { defineQuestion } from "@/lib/questions/definition";
import { RejectDraw } from "@/lib/questions/errors";
import { formatSignificant } from "@/lib/questions/format-key";
import { renderSvgPlot } from "@/lib/questions/svg-plot";

/** Number of equally spaced points on [−1, 1] at which the test error against f is measured. */
const TEST_POINTS = 201;
/**
 * Largest condition number of a training design that the variant accepts. Beyond about 1e10 the
 * minimum-norm fits depend on the pseudo-inverse cut-off. The stratified design keeps variants
 * far below this bound (at most 3.6e5 over seeds 1–300, n = 12–20).
 */
const MAX_CONDITION_NUMBER = 1e8;
/**
 * Factor by which the peak and the first minimum must beat their runners-up, so that the degree
 * read from the CSV at three significant figures is unambiguous.
 */
const SEPARATION = 1.01;

type MinimumChoice = "first" | "second" | "no-second-descent" | "equal";
type MechanismChoice =
  | "minimum-norm"
  | "not-interpolating"
  | "decomposition-breaks"
  | "noise-shrinks"
  | "unique-solution"
  | "test-data-used";

interface Params {
  /** Number of training points. */
  n: number;
  /** Noise sd σ of the training responses. */
  sigma: number;
  /** Ends of the pulse f(x) = 1 on [low, high], 0 elsewhere on [−1, 1]. */
  low: number;
  high: number;
  /** Training inputs (sorted, 3 decimals) and responses (3 decimals), as in the CSV. */
  x: number[];
  y: number[];
  /** Largest Legendre degree of the sweep. */
  maxDegree: number;
  /** Display order of the two choice parts' options. */
  minimumOrder: MinimumChoice[];
  mechanismOrder: MechanismChoice[];
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** Statements about the second descent; only "minimum-norm" is true. */
const MECHANISM_TEXT: Record<MechanismChoice, string> = {
  "minimum-norm":
    "Past the threshold infinitely many coefficient vectors fit the training data exactly, and the minimum-norm " +
    "fit picks the one with the smallest $\\|\\beta\\|_2$, which varies less between training sets.",
  "not-interpolating": "Past the threshold the fit stops passing through the training points, so it no longer chases the noise.",
  "decomposition-breaks":
    "Past the threshold the bias–variance decomposition no longer holds, so the test error is not bound by it.",
  "noise-shrinks": "Adding coefficients reduces the irreducible error $\\sigma^2$ of the test responses.",
  "unique-solution": "Past the threshold least squares has a unique solution again, so the fit is stable.",
  "test-data-used": "With more coefficients than training points, the extra coefficients are fitted to the test data.",
};

const MECHANISM_FEEDBACK: Record<Exclude<MechanismChoice, "minimum-norm">, { tag: string; message: string }> = {
  "not-interpolating": {
    tag: "ddc-thinks-fit-stops-interpolating",
    message: "The training error stays at zero past the threshold: every fit there interpolates. What changes is which interpolant is chosen.",
  },
  "decomposition-breaks": {
    tag: "ddc-thinks-decomposition-breaks",
    message:
      "Squared bias + variance + σ² still adds up to the expected test error at every degree. Double descent is a " +
      "curve of a different shape, not a violation of the identity.",
  },
  "noise-shrinks": {
    tag: "ddc-thinks-noise-shrinks",
    message: "σ² belongs to the data, not to the model; no choice of basis changes it.",
  },
  "unique-solution": {
    tag: "ddc-thinks-solution-unique",
    message:
      "With more coefficients than points the interpolants form an affine subspace of infinitely many solutions; a " +
      "rule (the minimum norm) is needed to pick one.",
  },
  "test-data-used": {
    tag: "ddc-thinks-test-data-used",
    message: "The coefficients are fitted to the training points only; the test points never enter the fit.",
  },
};

function generate(rng: Rng): Params {
  const n = rng.integer(12, 20);
  const sigma = rng.choice([0.05, 0.1, 0.15, 0.2]);
  const low = rng.choice([-0.6, -0.5, -0.4, -0.3]);
  const high = rng.choice([0.3, 0.4, 0.5, 0.6]);
  // A pulse symmetric about 0 leaves the odd Legendre terms near zero, so degrees 2k and 2k + 1
  // fit almost alike and the minimum of the test error becomes a near tie.
  if (low === -high) throw new RejectDraw("symmetric pulse");
  const f = squarePulseTruth({ low, high });

  // One input per cell of width 2/n keeps the Legendre designs well conditioned, so that every
  // number in the CSV is stable under the pseudo-inverse cut-off.
  const width = 2 / n;
  const x = Array.from({ length: n }, (_, i) => round3(-1 + width * (i + 0.15 + 0.7 * rng.uniform())));
  const y = x.map((value) => round3(f(value) + rng.normal(0, sigma)));
  const maxDegree = Math.min(50, 2 * n + 15);

  const minimumOptions: MinimumChoice[] = ["first", "second", "no-second-descent", "equal"];
  const mechanismDistractors = rng.shuffle<MechanismChoice>([
    "not-interpolating",
    "decomposition-breaks",
    "noise-shrinks",
    "unique-solution",
    "test-data-used",
  ]);
  return {
    n,
    sigma,
    low,
    high,
    x,
    y,
    maxDegree,
    minimumOrder: rng.shuffle(minimumOptions),
    mechanismOrder: rng.shuffle<MechanismChoice>(["minimum-norm", ...mechanismDistractors.slice(0, 3)]),
  };
}

/** Index of the largest (sign = 1) or smallest (sign = −1) value; rejects a near tie with the runner-up. */
function clearExtremum(values: readonly number[], sign: 1 | -1, what: string): number {
  const order = values.map((value, index) => ({ value: sign * value, index })).sort((a, b) => b.value - a.value);
  const best = order[0]!;
  const runnerUp = order[1];
  if (runnerUp !== undefined) {
    const ratio = sign === 1 ? best.value / runnerUp.value : runnerUp.value / best.value;
    if (!(ratio >= SEPARATION)) throw new RejectDraw(`no clear ${what}`);
  }
  return best.index;
}

/** Assigns opaque ids "a", "b", … in display order. */
function withIds<T extends string>(order: readonly T[], text: (choice: T) => string): (ChoiceOption & { choice: T })[] {
  return order.map((choice, index) => ({ id: String.fromCharCode(97 + index), text: text(choice), choice }));
}

export default defineQuestion<Params>({
  meta: {
    id: "double-descent-curve",
    version: "1",
    title: "Reading a double-descent curve",
    topics: ["double-descent", "splines-and-legendre", "bias-variance"],
    difficulty: 2,
    expectedMinutes: 8,
  },
  generate,
  build(params) {
    const { n, sigma, low, high, x, y, maxDegree } = params;
    const f = squarePulseTruth({ low, high });
    const xTest = Array.from({ length: TEST_POINTS }, (_, i) => -1 + (2 * i) / (TEST_POINTS - 1));
    const degrees = Array.from({ length: maxDegree + 1 }, (_, degree) => degree);
    const sweep = doubleDescentSweep({
      basis: "legendre",
      xTrain: x,
      yTrain: y,
      xTest,
      yTest: xTest.map(f),
      sizes: degrees,
      interval: [-1, 1],
    });
    const points = sweep.points;
    if (points.some((point) => !(point.conditionNumber < MAX_CONDITION_NUMBER))) {
      throw new RejectDraw("a training design is too ill-conditioned for stable minimum-norm fits");
    }
    const threshold = sweep.interpolationThreshold;
    const testMse = points.map((point) => point.testMse);

    const peakDegree = points[clearExtremum(testMse, 1, "peak")]!.size;
    if (peakDegree !== threshold) throw new RejectDraw("the test error does not peak at the interpolation threshold");

    const before = points.filter((point) => point.size < threshold);
    const after = points.filter((point) => point.size > threshold);
    const firstMinimum = before[clearExtremum(before.map((point) => point.testMse), -1, "first minimum")]!;
    // Only the value of the second minimum is asked for, so a plateau of near-equal degrees is harmless.
    const secondMinimum = after.reduce((best, point) => (point.testMse < best.testMse ? point : best));
    const ratio = firstMinimum.testMse / secondMinimum.testMse;
    if (ratio < 1.1 && ratio > 1 / 1.1) throw new RejectDraw("the two minima are within 10 % of each other");
    const lowerMinimum: MinimumChoice = ratio > 1 ? "second" : "first";
    // The degree with the smallest training error below the threshold: training error only falls.
    const trainingMinimum = before.reduce((best, point) => (point.trainMse < best.trainMse ? point : best));

    const peakMisconceptions: Misconception[] = [
      {
        tag: "ddc-peak-at-n",
        value: n,
        message:
          `Degree $d$ has $d + 1$ coefficients, so the fit first interpolates the ${n} points at degree ${n} − 1, and that ` +
          "is where the test error peaks. Read the degree column, not the number of coefficients.",
      },
      {
        tag: "ddc-peak-is-minimum",
        value: firstMinimum.size,
        message: "That degree has the smallest test error before the peak, not the largest. The peak is where the test error is highest.",
      },
    ];
    const firstMinimumMisconceptions: Misconception[] = [
      {
        tag: "ddc-training-error-minimum",
        value: trainingMinimum.size,
        message:
          "That degree minimises the training error below the threshold. Training error keeps falling with the degree; " +
          "the first minimum of the test error comes much earlier.",
      },
    ];
    if (lowerMinimum === "second" && secondMinimum.size !== trainingMinimum.size) {
      firstMinimumMisconceptions.push({
        tag: "ddc-global-minimum",
        value: secondMinimum.size,
        message: "That degree is past the interpolation threshold (the second descent). The question asks for the minimum before the peak.",
      });
    }
    const distinctValues = new Set([peakDegree, ...peakMisconceptions.map((item) => item.value as number)]);
    if (distinctValues.size !== 1 + peakMisconceptions.length) throw new RejectDraw("peak misconceptions coincide");
    const firstValues = new Set([firstMinimum.size, ...firstMinimumMisconceptions.map((item) => item.value as number)]);
    if (firstValues.size !== 1 + firstMinimumMisconceptions.length) throw new RejectDraw("first-minimum misconceptions coincide");

    const lastBefore = threshold - 1;
    const firstAfter = threshold + 1;
    const minimumOptions = withIds(params.minimumOrder, (choice) => {
      switch (choice) {
        case "first":
          return `The minimum before the peak (degrees 0 to ${lastBefore}) is lower.`;
        case "second":
          return `The minimum after the peak (degrees ${firstAfter} to ${maxDegree}) is lower.`;
        case "no-second-descent":
          return "The test error never falls again after the peak, so there is no second minimum.";
        case "equal":
          return "The two minima are equal to two significant figures.";
      }
    });
    assertDistinctOptions(minimumOptions);
    const optionId = <T extends string>(options: readonly (ChoiceOption & { choice: T })[], choice: T) =>
      options.find((option) => option.choice === choice)!.id;
    const minimumMisconceptions: Misconception[] = [
      lowerMinimum === "second"
        ? {
            tag: "ddc-expects-u-shape",
            value: optionId(minimumOptions, "first"),
            message:
              "The classical U-shape suggests the first minimum is best, but read the CSV: past the threshold the " +
              "minimum-norm fits reach a lower test error here.",
          }
        : {
            tag: "ddc-assumes-second-descent-wins",
            value: optionId(minimumOptions, "second"),
            message:
              "A second descent need not go below the first minimum. Compare the smallest test errors on each side of " +
              "the peak in the CSV.",
          },
      {
        tag: "ddc-no-second-descent",
        value: optionId(minimumOptions, "no-second-descent"),
        message: "Look past the peak: the test error falls again as the degree grows beyond the interpolation threshold.",
      },
      {
        tag: "ddc-minima-equal",
        value: optionId(minimumOptions, "equal"),
        message: "Compare the two smallest test errors to two significant figures; they differ by more than 10 %.",
      },
    ];

    const mechanismOptions = withIds(params.mechanismOrder, (choice) => MECHANISM_TEXT[choice]);
    assertDistinctOptions(mechanismOptions);
    const mechanismMisconceptions: Misconception[] = mechanismOptions
      .filter((option) => option.choice !== "minimum-norm")
      .map((option) => {
        const feedback = MECHANISM_FEEDBACK[option.choice as Exclude<MechanismChoice, "minimum-norm">];
        return { tag: feedback.tag, value: option.id, message: feedback.message };
      });

    const figure = renderFigure(points, maxDegree);
    const prompt = [
      `A training set of $n = ${n}$ points was drawn from $y = f(x) + \\varepsilon$, where $f$ is the square pulse ` +
        `$f(x) = 1$ for $${low} \\le x \\le ${high}$ and $0$ elsewhere on $[-1, 1]$, and $\\varepsilon \\sim N(0, \\sigma^2)$ ` +
        `with $\\sigma = ${sigma}$.`,
      "",
      `Legendre polynomial regressions of every degree $d$ from 0 to ${maxDegree} (coefficients of $P_0, \\dots, P_d$, ` +
        "no penalty) were fitted by least squares, taking the minimum-norm solution $\\hat\\beta = B^{+}y$ whenever " +
        "several coefficient vectors fit equally well. The test error is the mean squared difference between the fit " +
        `and $f$ on ${TEST_POINTS} equally spaced points of $[-1, 1]$.`,
      "",
      "The figure shows the training and test errors; the CSV download lists them for every degree.",
    ].join("\n");

    const solution = [
      `1. The degree-$d$ fit has $d + 1$ coefficients, so it interpolates the ${n} training points from $d = ${threshold}$ on ` +
        `(training error ${formatSignificant(points[threshold]!.trainMse, 2)}, zero up to rounding). The test error peaks ` +
        `exactly there, at $d = ${peakDegree}$ (test MSE ${formatSignificant(points[peakDegree]!.testMse, 3)}), because ` +
        "the single interpolant follows every noisy point.",
      `2. Below the threshold the test error is smallest at $d = ${firstMinimum.size}$ ` +
        `(${formatSignificant(firstMinimum.testMse, 3)}). The training error is smallest at $d = ${trainingMinimum.size}$, ` +
        "because it keeps falling with the degree.",
      `3. Past the peak the smallest test error is ${formatSignificant(secondMinimum.testMse, 3)} at $d = ${secondMinimum.size}$, ` +
        (lowerMinimum === "second"
          ? "below the first minimum: here the second descent wins."
          : "above the first minimum: here the classical fit of the first descent wins."),
      "4. Past the threshold every fit interpolates the data, so least squares cannot choose between them; the minimum-norm " +
        "solution is the interpolant with the smallest $\\|\\beta\\|_2$. As more basis functions share the fit, that " +
        "interpolant needs smaller coefficients, spikes at the training points and stays close to a local mean elsewhere, " +
        "so its variance falls, and with it the test error.",
    ].join("\n");

    const csvRows = points.map((point) => `${point.size},${point.parameters},${point.trainMse},${point.testMse}`);
    return {
      prompt,
      parts: [
        {
          id: "peak-degree",
          label: "At which degree $d$ is the test error largest?",
          spec: { type: "integer" },
          key: peakDegree,
          misconceptions: peakMisconceptions,
          placeholder: "a degree",
        },
        {
          id: "first-minimum-degree",
          label: "Below that degree, at which degree is the test error smallest?",
          spec: { type: "integer" },
          key: firstMinimum.size,
          misconceptions: firstMinimumMisconceptions,
          placeholder: "a degree",
        },
        {
          id: "lower-minimum",
          label: "Which minimum of the test error is lower?",
          spec: { type: "single-choice", options: minimumOptions.map(({ id, text }) => ({ id, text })) },
          key: optionId(minimumOptions, lowerMinimum),
          misconceptions: minimumMisconceptions,
        },
        {
          id: "mechanism",
          label: "Why can the test error fall again past the peak?",
          spec: { type: "single-choice", options: mechanismOptions.map(({ id, text }) => ({ id, text })) },
          key: optionId(mechanismOptions, "minimum-norm"),
          misconceptions: mechanismMisconceptions,
        },
      ],
      solution,
      figures: [figure],
      csv: {
        filename: `double-descent-n${n}.csv`,
        text: ["degree,coefficients,train_mse,test_mse", ...csvRows].join("\n") + "\n",
      },
    };
  },
});

/**
 * Plots training and test MSE on a log scale. The y range is set from the test error, so the
 * training error, which drops to zero at the threshold, leaves the frame at the bottom instead
 * of stretching the axis to 1e-30. No marker or label points at the peak.
 */
function renderFigure(points: readonly DoubleDescentPoint[], maxDegree: number) {
  const testValues = points.map((point) => point.testMse);
  const low = 10 ** Math.floor(Math.log10(Math.min(...testValues)) - 1);
  const high = 10 ** Math.ceil(Math.log10(Math.max(...testValues)));
  const degrees = points.map((point) => point.size);
  const alt =
    `Training and test mean squared error against the Legendre degree, from 0 to ${maxDegree}, on a logarithmic ` +
    "error axis. The training error falls steadily and drops out of the plot once the fit interpolates. The test " +
    "error falls, rises to a sharp peak, then falls a second time.";
  const svg = renderSvgPlot({
    title: "Training and test error against polynomial degree",
    desc: alt,
    xLabel: "Legendre degree d",
    yLabel: "mean squared error (log scale)",
    yScale: "log",
    yDomain: [low, high],
    xDomain: [0, maxDegree],
    series: [
      { label: "training error", x: degrees, y: points.map((point) => point.trainMse), style: "line" },
      { label: "test error", x: degrees, y: testValues, style: "line-and-points" },
    ],
  });
  return { svg, alt, caption: "Training and test error of the minimum-norm Legendre fits." };
}
