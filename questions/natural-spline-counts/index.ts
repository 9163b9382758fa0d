import type { Misconception } from "@/lib/grading";
import {
  interpolationThreshold,
  meanSquaredError,
  minimumNormLeastSquares,
  naturalSplineBasis,
  naturalSplineKnots,
  type Rng,
} from "@/lib/numerics";
import { defineQuestion } from "@/lib/questions/definition";
import { RejectDraw } from "@/lib/questions/errors";
import { formatSignificant } from "@/lib/questions/format-key";

/** A fit counts as interpolating when its training MSE is below this fraction of the variance of y. */
const INTERPOLATION_RELATIVE_MSE = 1e-12;

interface Params {
  /** Training inputs (sorted, distinct, 3 decimals) and responses (3 decimals), as in the CSV. */
  x: number[];
  y: number[];
  /** Degrees of freedom of the four fits offered in the multiple-choice part, ascending. */
  offered: number[];
  /** Display order of `offered`, as indices into it. */
  order: number[];
  /** Degrees of freedom of the spline whose knots and cubic-spline counterpart are counted. */
  countDf: number;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

function generate(rng: Rng): Params {
  const n = rng.integer(10, 30);
  const seen = new Set<number>();
  const x: number[] = [];
  while (x.length < n) {
    const value = round3(rng.uniform(-5, 5));
    if (seen.has(value)) continue;
    seen.add(value);
    x.push(value);
  }
  x.sort((a, b) => a - b);
  const y = x.map((value) => round3(Math.sin(value) + rng.normal(0, 0.3)));

  // Candidate sizes around the threshold d = n, as in the book's d = 8, 20, 42, 80 for n = 20.
  // Sizes just above n are left out: uniform knots that sparse can leave a knot interval
  // without data, and the fit then has rank below n and does not interpolate.
  const candidates = [rng.integer(4, n - 3), n - 2, n - 1, n, 2 * n + rng.integer(0, 3), 4 * n];
  const offered = rng.shuffle([...new Set(candidates)]).slice(0, 4).sort((a, b) => a - b);
  return { x, y, offered, order: rng.shuffle([0, 1, 2, 3]), countDf: rng.integer(7, 16) };
}

/** Fits the minimum-norm natural spline with df degrees of freedom (quantile knots, or uniform ones past n) and returns its training MSE. */
function trainingMse(x: readonly number[], y: readonly number[], df: number): number {
  const knots = naturalSplineKnots(x, df, { placement: df <= x.length ? "quantile" : "uniform" });
  const design = naturalSplineBasis(x, knots);
  const fit = minimumNormLeastSquares(design, y);
  const fitted = design.map((row) => row.reduce((sum, value, j) => sum + value * fit.coefficients[j]!, 0));
  return meanSquaredError(y, fitted);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

export default defineQuestion<Params>({
  meta: {
    id: "natural-spline-counts",
    version: "2",
    title: "Natural splines in the sine example: interpolation and knot counts",
    topics: ["splines-and-legendre", "double-descent"],
    difficulty: 2,
    expectedMinutes: 6,
  },
  generate,
  build(params) {
    const { x, y, offered, order, countDf } = params;
    const n = x.length;
    const threshold = interpolationThreshold({ basis: "natural-spline", n });
    const meanY = y.reduce((sum, value) => sum + value, 0) / n;
    const varianceY = y.reduce((sum, value) => sum + (value - meanY) ** 2, 0) / n;

    const interiorKnots = naturalSplineKnots(x, countDf).length - 2;
    const cubicCoefficients = interiorKnots + 4;
    const shownNumbers = new Set([...offered, n, countDf, 5, -5, 0.3, 1, 2, 3]);
    if (shownNumbers.has(interiorKnots) || shownNumbers.has(cubicCoefficients)) throw new RejectDraw("a count is shown in the prompt");

    // The key comes from the fits themselves; the rule d ≥ n must agree with them.
    const mses = offered.map((df) => trainingMse(x, y, df));
    const interpolates = mses.map((mse) => mse < INTERPOLATION_RELATIVE_MSE * varianceY);
    offered.forEach((df, index) => {
      if (interpolates[index] !== df >= threshold) throw new RejectDraw(`the fit with d = ${df} disagrees with the rule d ≥ n`);
    });
    if (interpolates.every(Boolean) || !interpolates.some(Boolean)) throw new RejectDraw("all or none of the offered fits interpolate");

    const options = order.map((index, position) => ({ id: String.fromCharCode(97 + position), text: `$d = ${offered[index]}$`, df: offered[index]! }));
    const idsWhere = (rule: (df: number) => boolean) => options.filter((option) => rule(option.df)).map((option) => option.id);
    const key = idsWhere((df) => df >= threshold);

    const choiceMisconceptions: Misconception[] = [];
    const addChoice = (tag: string, ids: string[], message: string) => {
      if (ids.length === 0 || sameSet(ids, key)) return;
      if (choiceMisconceptions.some((item) => sameSet(item.value as string[], ids))) return;
      choiceMisconceptions.push({ tag, value: ids, message });
    };
    addChoice(
      "ns-polynomial-rule",
      idsWhere((df) => df >= n - 1),
      "You used the polynomial rule d = n − 1. A natural spline's d already counts the constant, so it interpolates from d = n on.",
    );
    addChoice(
      "ns-only-at-threshold",
      idsWhere((df) => df === threshold),
      "Every fit with d ≥ n interpolates, not only d = n: past the threshold the minimum-norm fit picks one of infinitely many interpolants.",
    );
    addChoice(
      "ns-added-four-parameters",
      idsWhere((df) => df + 4 >= n && df < n),
      "You added four parameters as for an unrestricted cubic spline. The natural spline is linear beyond its boundary knots, and its d basis functions include the constant.",
    );

    const prompt = [
      `The book's sine example: $n = ${n}$ training points with $y = \\sin(x) + \\varepsilon$, $x \\sim U(-5, 5)$ and ` +
        "$\\varepsilon \\sim N(0, \\sigma^2)$, $\\sigma = 0.3$ (CSV download). A natural cubic spline with $d$ degrees of freedom " +
        "has $d$ basis functions, the constant included; its knots are two boundary knots at the ends of the data plus " +
        "interior knots at equally spaced quantiles of $x$ between them (equally spaced over the range of $x$ when $d > n$). " +
        "Each fit below is the minimum-norm least-squares fit.",
      "",
      "1. Which of the fits listed below pass through every training point?",
      `2. How many interior knots does a natural cubic spline with $d = ${countDf}$ have?`,
      "3. An unrestricted cubic regression spline (no linearity beyond the boundary) with the same interior knots, and an " +
        "intercept, has how many coefficients?",
    ].join("\n");

    const mseText = offered
      .map((df, index) => `$d = ${df}$: ${formatSignificant(mses[index]!, 3)}`)
      .join("; ");
    const solution = [
      `1. A natural spline with $d$ degrees of freedom has $d$ coefficients, so it can interpolate the ${n} distinct ` +
        `inputs once $d \\ge ${threshold}$. The fits' training MSEs confirm it: ${mseText} (zero up to rounding from ` +
        `$d = ${threshold}$ on). Past the threshold every fit interpolates; the minimum-norm rule picks one.`,
      `2. The $d = ${countDf}$ knots are $2$ boundary knots and $${countDf} - 2 = ${interiorKnots}$ interior knots.`,
      `3. A cubic spline with $K = ${interiorKnots}$ interior knots has $K + 4 = ${cubicCoefficients}$ coefficients (intercept, ` +
        "$x$, $x^2$, $x^3$ and one truncated cube per knot). The natural spline with the same interior knots has " +
        `$d = K + 2 = ${countDf}$: its two boundary knots add two truncated cubes, and linearity beyond them removes four coefficients.`,
    ].join("\n");

    return {
      prompt,
      parts: [
        {
          id: "interpolating-fits",
          label: "Fits that interpolate the training data",
          spec: { type: "multiple-choice", options: options.map(({ id, text }) => ({ id, text })) },
          key,
          misconceptions: choiceMisconceptions,
        },
        {
          id: "interior-knots",
          label: `Interior knots at $d = ${countDf}$`,
          spec: { type: "integer" },
          key: interiorKnots,
          misconceptions: [
            {
              tag: "ns-boundary-knots-counted",
              value: countDf,
              message: "That counts every knot. Two of the $d$ knots are boundary knots at the ends of the data; the rest are interior.",
            },
            {
              tag: "ns-cubic-spline-rule",
              value: countDf - 4,
              message:
                "You used the cubic-spline rule (K interior knots give K + 4 coefficients). The natural spline's linearity " +
                "beyond the boundary removes those 4 again, so d = K + 2 counts the two boundary knots.",
            },
          ],
        },
        {
          id: "cubic-spline-coefficients",
          label: "Coefficients of the unrestricted cubic spline",
          spec: { type: "integer" },
          key: cubicCoefficients,
          misconceptions: [
            {
              tag: "ns-natural-count-reused",
              value: countDf,
              message: "That is the natural spline's count. Without the linearity constraints the cubic spline keeps 4 more coefficients.",
            },
            {
              tag: "ns-boundary-knots-as-interior",
              value: countDf + 4,
              message:
                "You counted the two boundary knots as interior knots. Knots at the ends of the data add no truncated cube " +
                "inside the data range; only the interior knots do.",
            },
          ],
        },
      ],
      solution,
      csv: { filename: `sine-data-n${n}.csv`, text: ["x,y", ...x.map((value, i) => `${value},${y[i]}`)].join("\n") + "\n" },
    };
  },
});
