import type { Misconception } from "@/lib/grading";
import {
  interpolationThreshold,
  legendreBasis,
  legendrePowerCoefficients,
  mapToUnitInterval,
  polynomialTruth,
  type Rng,
} from "@/lib/numerics";
import { defineQuestion } from "@/lib/questions/definition";
import { RejectDraw } from "@/lib/questions/errors";
import { formatSignificant } from "@/lib/questions/format-key";
import { linearTicks, renderSvgPlot } from "@/lib/questions/svg-plot";

/** Absolute tolerance of P_k(t). The prompt requests four decimals, and rounding to four moves the value by at most 5e-5. */
const VALUE_TOLERANCE = 5e-4;
/** A misconception must lie this many tolerances away from the key and from every other misconception. */
const SEPARATION_IN_TOLERANCES = 3;
/** |P_k(t)| ≤ 1 on [−1, 1], so the figure's value axis always spans [−1, 1] with gridlines every 0.5. */
const VALUE_AXIS = [-1, 1] as const;
const VALUE_TICK_COUNT = 5;
/** Points on the figure's curve of P_k; 201 keep P_5 smooth at 560 px. */
const CURVE_POINTS = 201;

/** Intervals of the raw input; the square-pulse example lives on [−1, 1], the others need the affine map. */
const INTERVALS: readonly (readonly [number, number])[] = [
  [-1, 1],
  [0, 2],
  [-2, 2],
  [0, 4],
  [-5, 5],
  [0, 10],
];

interface Params {
  /** Interval [a, b] of the raw input x, mapped onto [−1, 1] before the basis is applied. */
  interval: readonly [number, number];
  /** Raw input at which P_k is evaluated, two decimals. */
  x0: number;
  /** Degree of the Legendre polynomial to evaluate, 2–5. */
  k: number;
  /** Largest degree of the regression whose coefficients are counted. */
  degree: number;
  /** Number of training points whose interpolation threshold is asked for. */
  n: number;
}

function generate(rng: Rng): Params {
  const interval = rng.choice(INTERVALS);
  const [a, b] = interval;
  const x0 = Math.round(rng.uniform(a + 0.05 * (b - a), b - 0.05 * (b - a)) * 100) / 100;
  return { interval, x0, k: rng.integer(2, 5), degree: rng.integer(8, 60), n: rng.integer(10, 150) };
}

function formatNumber(value: number): string {
  return formatSignificant(value, 6);
}

export default defineQuestion<Params>({
  meta: {
    id: "legendre-basis",
    version: "2",
    title: "Legendre basis of the square-pulse example",
    topics: ["splines-and-legendre", "double-descent"],
    difficulty: 2,
    expectedMinutes: 6,
  },
  generate,
  build(params) {
    const { interval, x0, k, degree, n } = params;
    const [a, b] = interval;
    const mapped = a !== -1 || b !== 1;
    const t = mapToUnitInterval([x0], interval)[0]!;
    if (Math.abs(t) < 0.05) throw new RejectDraw("t is too close to 0, where odd Legendre polynomials vanish");

    const row = legendreBasis([t], k)[0]!;
    const key = row[k]!;
    const valueMisconceptions: Misconception[] = [];
    if (mapped) {
      valueMisconceptions.push({
        tag: "leg-unmapped-input",
        value: polynomialTruth(legendrePowerCoefficients(k)[k]!)(x0),
        message:
          `Legendre polynomials are defined on $[-1, 1]$. Map $x_0$ first: $t = (x_0 - ${(a + b) / 2}) / ${(b - a) / 2}$, ` +
          "then evaluate $P_k(t)$.",
      });
    }
    valueMisconceptions.push(
      {
        tag: "leg-monomial-instead",
        value: t ** k,
        message: "That is the monomial $t^k$. The Legendre polynomial $P_k$ mixes lower powers too; build it with the Bonnet recurrence.",
      },
      {
        tag: "leg-degree-off-by-one",
        value: row[k - 1]!,
        message: `That is $P_{${k - 1}}(t)$, one degree too low: the recurrence step $j = ${k - 1}$ gives $P_{${k}}$.`,
      },
    );
    // The self-test probes the key rounded to 1–3 significant figures; one that lands on the
    // tolerance boundary would get a coin-toss verdict.
    for (const digits of [1, 2, 3, 4]) {
      const error = Math.abs(Number(key.toPrecision(digits)) - key);
      if (Math.abs(error - VALUE_TOLERANCE) < 0.01 * VALUE_TOLERANCE) throw new RejectDraw("the key sits on a rounding edge");
    }
    const values = [key, ...valueMisconceptions.map((item) => item.value as number)];
    for (let i = 0; i < values.length; i += 1) {
      for (let j = i + 1; j < values.length; j += 1) {
        if (Math.abs(values[i]! - values[j]!) < SEPARATION_IN_TOLERANCES * VALUE_TOLERANCE) {
          throw new RejectDraw("P_k(t) and a misconception are too close to tell apart");
        }
      }
    }

    // The figure draws P_k with gridlines at its value ticks. Where the curve meets the marker at x0
    // on a gridline, the plot alone gives an accepted answer, so such draws are redrawn.
    const valueTicks = linearTicks(VALUE_AXIS[0], VALUE_AXIS[1], VALUE_TICK_COUNT);
    if (valueTicks.some((tick) => Math.abs(key - tick) < SEPARATION_IN_TOLERANCES * VALUE_TOLERANCE)) {
      throw new RejectDraw("P_k(t) lies on a gridline of the figure, where the plot shows it");
    }

    const coefficientCount = degree + 1;
    const threshold = interpolationThreshold({ basis: "polynomial", n });
    // Keys must not be among the numbers the prompt or the figure's tick labels show, or they would give them away.
    const inputTicks = linearTicks(a, b).filter((tick) => tick >= a && tick <= b);
    const shown = new Set([a, b, (a + b) / 2, (b - a) / 2, x0, k, k - 1, degree, n, 0, 1, 2, ...inputTicks, ...valueTicks]);
    if (shown.has(coefficientCount) || shown.has(threshold)) throw new RejectDraw("a key is also a number of the prompt");
    if (coefficientCount === threshold || coefficientCount === n || threshold === degree) {
      throw new RejectDraw("the two counts or their misconceptions coincide");
    }

    const mapText = mapped
      ? `The inputs live on $[${a}, ${b}]$ and are mapped onto $[-1, 1]$ by $t = (x - ${(a + b) / 2}) / ${(b - a) / 2}$ before the basis is applied.`
      : "The inputs already live on $[-1, 1]$, so $t = x$.";
    const prompt = [
      "In the square-pulse example of double descent, $f$ is fitted by least squares in the Legendre basis: the fit of " +
        "degree $d$ is $\\hat f(x) = \\sum_{j=0}^{d} \\beta_j P_j(t)$, with $P_0(t) = 1$, $P_1(t) = t$ and the Bonnet recurrence " +
        "$(j + 1) P_{j+1}(t) = (2j + 1)\\, t\\, P_j(t) - j\\, P_{j-1}(t)$.",
      "",
      mapText,
      "",
      `1. Evaluate $P_{${k}}$ at the input $x_0 = ${x0}$ (four decimals).`,
      `2. How many coefficients $\\beta_j$ does the fit of degree $d = ${degree}$ have?`,
      `3. With $n = ${n}$ training points at distinct inputs, what is the smallest degree at which the fit passes through every training point?`,
    ].join("\n");

    const recurrence = row
      .slice(2, k + 1)
      .map((value, index) => {
        const j = index + 1;
        return `$P_{${j + 1}}(t) = (${2 * j + 1} \\cdot t \\cdot P_{${j}} - ${j} \\cdot P_{${j - 1}}) / ${j + 1} = ${formatNumber(value)}$`;
      })
      .join("; ");
    const solution = [
      `1. ${mapped ? `$t = (${x0} - ${(a + b) / 2}) / ${(b - a) / 2} = ${formatNumber(t)}$.` : `$t = x_0 = ${x0}$.`} ` +
        `Then $P_0 = 1$, $P_1 = ${formatNumber(t)}$; ${recurrence}. So $P_{${k}}(t) \\approx ${key.toFixed(4)}$.`,
      `2. Degree ${degree} uses $P_0, \\dots, P_{${degree}}$: ${degree} + 1 = ${coefficientCount} coefficients, the constant $P_0$ included.`,
      `3. The fit interpolates once it has as many coefficients as points: $d + 1 = ${n}$, so $d = ${threshold}$. ` +
        "Near this degree the test error of the double-descent curve peaks.",
    ].join("\n");

    return {
      prompt,
      parts: [
        {
          id: "legendre-value",
          label: `$P_{${k}}(t)$ at $x_0 = ${x0}$`,
          spec: { type: "number", tolerance: { abs: VALUE_TOLERANCE } },
          key,
          misconceptions: valueMisconceptions,
          placeholder: "four decimals",
        },
        {
          id: "coefficient-count",
          label: `Number of coefficients at degree ${degree}`,
          spec: { type: "integer" },
          key: coefficientCount,
          misconceptions: [
            {
              tag: "leg-constant-left-out",
              value: degree,
              message: "Count $P_0$ too: degrees 0 to $d$ give $d + 1$ basis functions, the constant included.",
            },
          ],
        },
        {
          id: "threshold-degree",
          label: "Smallest interpolating degree",
          spec: { type: "integer" },
          key: threshold,
          misconceptions: [
            {
              tag: "leg-threshold-at-n",
              value: n,
              message: "Degree $d$ has $d + 1$ coefficients, so $n$ coefficients (enough to interpolate $n$ points) are reached at $d = n - 1$.",
            },
          ],
        },
      ],
      solution,
      figures: [renderFigure(params)],
    };
  },
});

const SUBSCRIPT_DIGITS = "₀₁₂₃₄₅₆₇₈₉";

/**
 * Plots P_k against the raw input x over [a, b], with a dashed line at x0. The value axis has
 * gridlines every 0.5; `build` redraws a variant whose P_k(t) lies near one of them.
 */
function renderFigure(params: Params) {
  const { interval, x0, k } = params;
  const [a, b] = interval;
  const x = Array.from({ length: CURVE_POINTS }, (_, i) => a + ((b - a) * i) / (CURVE_POINTS - 1));
  const t = mapToUnitInterval(x, interval);
  const values = legendreBasis(t, k).map((row) => row[k]!);
  const name = `P${SUBSCRIPT_DIGITS[k]}`;
  const alt =
    `The Legendre polynomial P${k} of the mapped input t, plotted against the raw input x from ${a} to ${b} on a value ` +
    `axis from -1 to 1, with a dashed vertical line at x0 = ${x0}.`;
  const svg = renderSvgPlot({
    title: `Legendre polynomial ${name} over the input interval`,
    desc: alt,
    xLabel: "raw input x (no unit)",
    yLabel: `${name}(t) (no unit)`,
    xDomain: interval,
    yDomain: VALUE_AXIS,
    tickCount: VALUE_TICK_COUNT,
    series: [{ label: `${name}(t)`, x, y: values, style: "line" }],
    verticalMarkers: [{ x: x0, label: "x₀" }],
  });
  return { svg, alt, caption: `The curve shows the shape of ${name}; the four decimals asked for come from the recurrence.` };
}
