import type { Misconception } from "@/lib/grading";
import { defineQuestion } from "@/lib/questions/definition";
import { checkMisconceptionsSeparated, checkRoundingEdges } from "@/lib/questions/draw-checks";
import { RejectDraw } from "@/lib/questions/errors";
import { formatSignificant } from "@/lib/questions/format-key";
import { renderSvgPlot } from "@/lib/questions/svg-plot";
import { autocorrelation, createRng, loadNyse, olsFit, rSquared, simulateAr1, type Rng } from "@/lib/numerics";

type NyseColumn = "logVolume" | "djReturn" | "logVolatility";

type Source =
  | {
      kind: "ar1";
      /** φ, the lag-1 coefficient of the generating process. */
      phi: number;
      /** μ, the stationary mean. */
      mean: number;
      /** σ of the innovations. */
      noiseSd: number;
      /** The simulated series at the 4 decimals shown in the CSV; the key is computed on exactly these. */
      series: number[];
    }
  | {
      kind: "nyse";
      column: NyseColumn;
      /** 0-based first row of the window in the NYSE data. */
      start: number;
      /** T: days in the window. */
      days: number;
    };

interface Params {
  source: Source;
  /** ℓ of the second part (the first part always asks for lag 1). */
  lag: number;
}

/** Decimals of the simulated series in the CSV. */
const AR1_DECIMALS = 4;
/** Answers are asked to three decimals: half a unit is 0.0005, and the tolerance leaves room for it. */
const ROUNDING_TOLERANCE = 0.001;
/** Seed of the perturbation that measures how far rounding of the shown data could move the key. */
const SENSITIVITY_SEED = 7_340_651;

/** `unit` is the axis unit of the figure: the NYSE columns are logarithms or log returns. */
const COLUMN_TEXT: Record<NyseColumn, { symbol: string; name: string; csv: string; unit: string }> = {
  logVolume: { symbol: "v", name: "log trading volume (detrended)", csv: "log_volume", unit: "log units" },
  djReturn: { symbol: "r", name: "Dow Jones return", csv: "DJ_return", unit: "log of the price ratio" },
  logVolatility: { symbol: "z", name: "log volatility", csv: "log_volatility", unit: "log units" },
};

const roundTo = (value: number, decimals: number) => Number(value.toFixed(decimals));

/** Rounds a positive tolerance up to two significant figures, so the spec carries a readable number. */
function roundUp(value: number): number {
  const unit = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Number((Math.ceil(value / unit - 1e-9) * unit).toPrecision(2));
}

function generate(rng: Rng): Params {
  const lag = rng.integer(2, 5);
  if (rng.uniform() < 0.5) {
    const T = rng.integer(30, 80);
    const phi = roundTo(rng.choice([-1, 1, 1]) * rng.uniform(0.3, 0.9), 2);
    const mean = rng.choice([0, roundTo(rng.uniform(1, 10), 1)]);
    const noiseSd = rng.choice([0.5, 1, 2]);
    const series = simulateAr1({ n: T, phi, noiseSd, mean, rng }).map((value) => roundTo(value, AR1_DECIMALS));
    return { source: { kind: "ar1", phi, mean, noiseSd, series }, lag };
  }
  const column = rng.choice<NyseColumn>(["logVolume", "djReturn", "logVolatility"]);
  const days = rng.integer(40, 120);
  const start = rng.integer(0, loadNyse().date.length - days);
  return { source: { kind: "nyse", column, start, days }, lag };
}

function seriesOf(source: Source): { values: number[]; dates?: string[] } {
  if (source.kind === "ar1") return { values: source.series.slice() };
  const nyse = loadNyse();
  const end = source.start + source.days;
  return { values: nyse[source.column].slice(source.start, end), dates: nyse.date.slice(source.start, end) };
}

/** Half a unit in the last decimal of a value as printed in the CSV. */
function halfUnitShown(value: number): number {
  const text = String(value);
  const decimals = text.includes("e") ? 15 : (text.split(".")[1]?.length ?? 0);
  return 0.5 * 10 ** -decimals;
}

/**
 * How much ρ(ℓ) moves when every value is perturbed by half a unit of its printed rounding, with
 * signs from a fixed-seed generator: the part of the tolerance that covers data read at the shown
 * precision.
 */
function roundingSensitivity(values: readonly number[], lag: number, key: number): number {
  const signs = createRng(SENSITIVITY_SEED);
  const perturbed = values.map((value) => value + (signs.uniform() < 0.5 ? -1 : 1) * halfUnitShown(value));
  return Math.abs(autocorrelation(perturbed, lag)[lag]! - key);
}

/** Pearson correlation of the pairs (v_t, v_{t−ℓ}), as pandas' Series.autocorr computes: sign of the OLS slope times √R². */
function pairCorrelation(values: readonly number[], lag: number): number {
  const later = values.slice(lag);
  const earlier = values.slice(0, values.length - lag);
  const fit = olsFit(
    earlier.map((value) => [value]),
    later,
  );
  return Math.sign(fit.coefficients[0]!) * Math.sqrt(Math.max(0, rSquared(later, fit.fitted)));
}

/** ρ(ℓ) without centring: Σ v_t v_{t−ℓ} / Σ v_t². */
function uncentredRatio(values: readonly number[], lag: number): number {
  let numerator = 0;
  let denominator = 0;
  values.forEach((value, t) => {
    denominator += value * value;
    if (t >= lag) numerator += value * values[t - lag]!;
  });
  return numerator / denominator;
}

interface PartPlan {
  id: string;
  lag: number;
  key: number;
  tolerance: number;
  misconceptions: Misconception[];
}

function planPart(id: string, values: readonly number[], lag: number, source: Source): PartPlan {
  const T = values.length;
  const key = autocorrelation(values, lag)[lag]!;
  const tolerance = roundUp(ROUNDING_TOLERANCE + 3 * roundingSensitivity(values, lag, key));
  const misconceptions: Misconception[] = [
    {
      tag: "acf-sums-averaged-separately",
      value: (key * T) / (T - lag),
      message:
        `You divided the numerator by its T − ℓ = ${T - lag} products and the denominator by T = ${T}. The ` +
        "estimator in the prompt leaves both sums undivided, so ρ(ℓ) is their plain ratio.",
    },
    {
      tag: "acf-correlation-of-pairs",
      value: pairCorrelation(values, lag),
      message:
        "That is the Pearson correlation of the pairs (v_t, v_{t−ℓ}) (what pandas' Series.autocorr returns): it " +
        "centres and scales each of the two shifted series by its own mean and sd. The autocorrelation uses the " +
        "mean v̄ of the whole series and the sum of squares of all T values.",
    },
  ];
  const seriesMean = values.reduce((sum, value) => sum + value, 0) / T;
  const spread = Math.sqrt(values.reduce((sum, value) => sum + (value - seriesMean) ** 2, 0) / T);
  if (Math.abs(seriesMean) > 0.5 * spread) {
    misconceptions.push({
      tag: "acf-not-centred",
      value: uncentredRatio(values, lag),
      message:
        "You did not subtract the mean v̄ before multiplying. This series has a mean far from 0, so the raw " +
        "products are all dominated by v̄² and the ratio comes out near 1 whatever the dependence.",
    });
  }
  if (source.kind === "ar1") {
    misconceptions.push({
      tag: "acf-theoretical-value",
      value: source.phi ** lag,
      message:
        "φ^ℓ is the autocorrelation of the process that generated the series. The question asks for the " +
        "sample autocorrelation of these T values, which differs from φ^ℓ by sampling error.",
    });
  }
  return { id, lag, key, tolerance, misconceptions };
}

/**
 * Rejects the draw when a plausible rounding of the key sits on the tolerance's edge, or when the
 * key and the mistakes are not at least twice the tolerance apart.
 */
function checkPlan(plan: PartPlan): void {
  // Three decimals are asked for; two decimals (one fewer) is the rounding a student would plausibly type instead.
  checkRoundingEdges(plan.id, [plan.key], { tolerance: plan.tolerance, roundings: { decimals: [2, 3] }, edgeShare: 0.02 });
  checkMisconceptionsSeparated(plan.id, plan.key, plan.misconceptions, { tolerance: plan.tolerance, factor: 2 });
}

function describeSource(source: Source, T: number, dates?: string[]): { text: string; symbol: string; csvColumn: string } {
  if (source.kind === "ar1") {
    return {
      text:
        `The CSV download holds a series of $T = ${T}$ values simulated from a stationary AR(1) process ` +
        `$v_t = \\mu + \\phi\\,(v_{t-1} - \\mu) + \\varepsilon_t$ with $\\phi = ${source.phi}$, $\\mu = ${source.mean}$ and ` +
        `$\\varepsilon_t \\sim N(0, ${source.noiseSd}^2)$, rounded to ${AR1_DECIMALS} decimals. A series like this ` +
        "stands in for a day-to-day market indicator.",
      symbol: "v",
      csvColumn: "v",
    };
  }
  const column = COLUMN_TEXT[source.column];
  return {
    text:
      `The CSV download holds $T = ${T}$ consecutive trading days of the NYSE data (${dates![0]} to ` +
      `${dates![T - 1]}): the ${column.name} $${column.symbol}_t$, column \`${column.csv}\`.`,
    symbol: column.symbol,
    csvColumn: column.csv,
  };
}

export default defineQuestion<Params>({
  meta: {
    id: "nyse-autocorrelation",
    version: "1",
    title: "Sample autocorrelation of a daily series",
    topics: ["nyse-forecasting"],
    difficulty: 2,
    expectedMinutes: 8,
  },
  generate,
  build(params) {
    const { source, lag } = params;
    const { values, dates } = seriesOf(source);
    const T = values.length;
    if (new Set(values).size < 3) throw new RejectDraw("the series is nearly constant");

    const plans = [planPart("lag-1", values, 1, source), planPart("lag-l", values, lag, source)];
    plans.forEach(checkPlan);

    const { text, symbol: s, csvColumn } = describeSource(source, T, dates);
    const prompt = [
      text,
      "",
      `Compute the sample autocorrelation at lag $\\ell$ as in the NYSE example,`,
      `$$\\hat\\rho(\\ell) = \\frac{\\sum_{t=\\ell+1}^{T} (${s}_t - \\bar ${s})(${s}_{t-\\ell} - \\bar ${s})}{\\sum_{t=1}^{T} (${s}_t - \\bar ${s})^2},$$`,
      `where $\\bar ${s}$ is the mean of all $T$ values. Give each answer to three decimals.`,
    ].join("\n");

    const solution = [
      `With $\\bar ${s} = ${formatSignificant(values.reduce((sum, value) => sum + value, 0) / T, 6)}$ over all ` +
        `$T = ${T}$ values, centre the series, multiply each value by the one $\\ell$ steps earlier ` +
        `($T - \\ell$ products) and divide the sum by the sum of all $T$ squared deviations:`,
      "",
      ...plans.map((plan) => `- $\\hat\\rho(${plan.lag}) = ${formatSignificant(plan.key, 5)}$`),
      "",
      "Both sums keep their full length: dividing each by its own number of terms, or correlating the two " +
        "shifted copies of the series with their own means, gives a slightly different number.",
      source.kind === "ar1"
        ? `For comparison, the process's own autocorrelations are $\\phi = ${source.phi}$ and ` +
          `$\\phi^{${lag}} = ${formatSignificant(source.phi ** lag, 4)}$; the sample values scatter around them.`
        : "Daily market series such as these are strongly autocorrelated, which is why consecutive days cannot be " +
          "treated as independent samples.",
    ].join("\n");

    const csvRows =
      source.kind === "ar1"
        ? values.map((value, t) => `${t + 1},${value.toFixed(AR1_DECIMALS)}`)
        : values.map((value, t) => `${t + 1},${dates![t]},${value}`);
    const header = source.kind === "ar1" ? `t,${csvColumn}` : `t,date,${csvColumn}`;

    return {
      prompt,
      parts: plans.map((plan) => ({
        id: plan.id,
        label: `$\\hat\\rho(${plan.lag})$`,
        spec: { type: "number" as const, tolerance: { abs: plan.tolerance } },
        key: plan.key,
        misconceptions: plan.misconceptions,
      })),
      solution,
      figures: [renderFigure(source, values, dates)],
      csv: { filename: source.kind === "ar1" ? "ar1-series.csv" : `nyse-${csvColumn}.csv`, text: [header, ...csvRows].join("\n") + "\n" },
    };
  },
});

/**
 * Plots the series against the day t, as in the CSV. The figure shows persistence (long runs on
 * one side of the mean) or alternation, but no autocorrelation value: neither ρ̂ nor the mean is
 * drawn, and the tick labels are round numbers on the data's scale.
 */
function renderFigure(source: Source, values: readonly number[], dates?: string[]) {
  const T = values.length;
  const days = values.map((_, t) => t + 1);
  const described =
    source.kind === "ar1"
      ? { name: "simulated series", symbol: "v", unit: "no unit", period: "" }
      : {
          ...COLUMN_TEXT[source.column],
          period: ` (${dates![0]} to ${dates![T - 1]})`,
        };
  const alt =
    `Line plot of the ${T} values of the ${described.name} against the day t, from 1 to ${T}` +
    `${described.period}, with one point per day joined in order.`;
  const svg = renderSvgPlot({
    title: `The ${described.name} over ${T} days`,
    desc: alt,
    xLabel: source.kind === "ar1" ? "day t (time steps)" : "trading day t (days)",
    yLabel: `${described.symbol}ₜ (${described.unit})`,
    // Half a day of margin keeps the first and last points inside the frame.
    xDomain: [0.5, T + 0.5],
    series: [{ label: described.symbol, x: days, y: values, style: "line-and-points" }],
  });
  return { svg, alt, caption: "The series in the order of the CSV download." };
}
