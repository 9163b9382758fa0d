import { defineQuestion } from "@/lib/questions/definition";
import { interpolationThreshold, type Rng } from "@/lib/numerics";

type Basis = "polynomial" | "natural-spline";

interface Params {
  /** Number of training points. */
  n: number;
  basis: Basis;
  truth: "sine" | "square-pulse";
  /** Training inputs, rounded to 3 decimals as shown in the CSV. */
  x: number[];
  /** Training responses, rounded to 3 decimals as shown in the CSV. */
  y: number[];
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

function generate(rng: Rng): Params {
  const basis: Basis = rng.uniform() < 0.5 ? "polynomial" : "natural-spline";
  const truth = rng.uniform() < 0.5 ? "sine" : "square-pulse";
  const n = rng.integer(8, 120);

  // Inputs are drawn without repeats at the displayed rounding, because repeated x values with
  // different y could never be interpolated and would make the question wrong.
  const seen = new Set<number>();
  const x: number[] = [];
  while (x.length < n) {
    const value = truth === "sine" ? round3(rng.uniform(-5, 5)) : round3(rng.uniform(-1, 1));
    if (seen.has(value)) continue;
    seen.add(value);
    x.push(value);
  }
  x.sort((a, b) => a - b);
  const y =
    truth === "sine"
      ? x.map((value) => round3(Math.sin(value) + rng.normal(0, 0.3)))
      : x.map((value) => round3((Math.abs(value) <= 0.5 ? 1 : 0) + rng.normal(0, 0.1)));
  return { n, basis, truth, x, y };
}

export default defineQuestion<Params>({
  meta: {
    id: "interpolation-threshold",
    version: "2",
    title: "Interpolation threshold of a least-squares fit",
    topics: ["double-descent"],
    difficulty: 1,
    expectedMinutes: 3,
  },
  generate,
  build(params) {
    const { n, basis, truth, x } = params;
    const key = interpolationThreshold({ basis, n });

    const truthText =
      truth === "sine"
        ? "$y = \\sin(x) + \\varepsilon$ with $x \\sim U(-5, 5)$ and $\\varepsilon \\sim N(0, 0.3^2)$"
        : "$y = f(x) + \\varepsilon$, where $f(x) = 1$ for $|x| \\le 0.5$ and $0$ elsewhere on $[-1, 1]$, " +
          "and $\\varepsilon \\sim N(0, 0.1^2)$";
    const modelText =
      basis === "polynomial"
        ? "polynomials of degree $d$ in $x$ (an intercept plus $x, x^2, \\dots, x^d$)"
        : "natural cubic splines with $d$ degrees of freedom (the $d$ basis functions include the intercept)";
    const question =
      basis === "polynomial"
        ? "What is the smallest degree $d$ at which the least-squares fit passes through every training point?"
        : "What is the smallest number of degrees of freedom $d$ at which the least-squares fit passes through every training point?";

    const prompt = [
      `A training set of $n = ${n}$ points was drawn from ${truthText}; the $x$ values are distinct. ` +
        "The data are in the CSV download below.",
      "",
      `We fit ${modelText} by least squares and increase $d$ step by step, as in the double-descent experiment.`,
      "",
      question,
      "",
      "Answer by counting free parameters, as in exact arithmetic. (In floating point a fit of this size is badly " +
        "conditioned, so software may not reach zero training error; the data are there to look at, not to fit.)",
    ].join("\n");

    const misconceptions =
      basis === "polynomial"
        ? [
            {
              tag: "threshold-n-instead-of-n-minus-1",
              value: n,
              message:
                "A polynomial of degree d has d + 1 coefficients, the intercept included, so it reaches n " +
                "free parameters, and can interpolate n points, at degree n − 1, not n.",
            },
            {
              tag: "threshold-n-minus-2",
              value: n - 2,
              message:
                "With degree d there are d + 1 coefficients. Interpolating n points needs n of them, so " +
                "d + 1 = n; you subtracted one too many.",
            },
          ]
        : [
            {
              tag: "threshold-spline-n-minus-1",
              value: n - 1,
              message:
                "You applied the polynomial rule d = n − 1. The degrees of freedom of a natural spline already " +
                "count every basis function, the intercept included, so the fit interpolates once d = n.",
            },
            {
              tag: "threshold-spline-n-plus-4",
              value: n + 4,
              message:
                "A natural cubic spline is linear beyond its boundary knots, so it does not need the four extra " +
                "parameters of an unrestricted cubic spline: with d degrees of freedom it has exactly d " +
                "coefficients, and it interpolates n points at d = n.",
            },
          ];

    const solution =
      basis === "polynomial"
        ? [
            `A polynomial of degree $d$ has $d + 1$ coefficients. With $n = ${n}$ distinct inputs, the ` +
              "least-squares fit interpolates (training error zero) once the number of coefficients reaches " +
              `$n$: $d + 1 = ${n}$, so $d = ${key}$.`,
            "",
            "This is the interpolation threshold: in the double-descent curve the test error peaks near " +
              `$d = ${key}$; past it, the minimum-norm solution is chosen among the many interpolants.`,
          ].join("\n")
        : [
            "A natural cubic spline with $d$ degrees of freedom has $d$ basis functions, the intercept included. " +
              `With $n = ${n}$ distinct inputs the least-squares fit interpolates once $d = n = ${key}$.`,
            "",
            "This is the interpolation threshold of the book's sine example (there $n = 20$ and $d = 20$); " +
              "the test error is largest near it and falls again for larger $d$ with minimum-norm fits.",
          ].join("\n");

    const csvRows = x.map((value, index) => `${value},${params.y[index]}`);
    return {
      prompt,
      parts: [
        {
          id: "threshold",
          label: basis === "polynomial" ? "Smallest interpolating degree $d$" : "Smallest interpolating degrees of freedom $d$",
          spec: { type: "integer" },
          key,
          misconceptions,
          ...(basis === "natural-spline"
            ? { keyShownInPromptBecause: "a natural spline interpolates at d = n, and n is given" }
            : {}),
        },
      ],
      solution,
      csv: { filename: `training-data-n${n}.csv`, text: ["x,y", ...csvRows].join("\n") + "\n" },
      figures: [],
    };
  },
});

