import type { Misconception } from "@/lib/grading";
import { defineQuestion } from "@/lib/questions/definition";
import { checkKeysNotShown, checkMisconceptionsSeparated, checkRoundingEdges } from "@/lib/questions/draw-checks";
import { RejectDraw } from "@/lib/questions/errors";
import { formatSignificant } from "@/lib/questions/format-key";
import { lassoFit, ridgeFit, type Rng } from "@/lib/numerics";

/**
 * Scaling of the objectives. With orthonormal columns (XᵀX = I) ridge shrinks β̂ by 1/(1 + a) and
 * the lasso soft-thresholds it at t, where a and t depend on the scaling:
 * - "half-lasso": ‖y − Xβ‖² + λ‖β‖² (a = λ) and ½‖y − Xβ‖² + λ‖β‖₁ (t = λ);
 * - "full": ‖y − Xβ‖² + λ‖β‖² (a = λ) and ‖y − Xβ‖² + λ‖β‖₁ (t = λ/2);
 * - "half-both": ½‖y − Xβ‖² + λ‖β‖² (a = 2λ) and ½‖y − Xβ‖² + λ‖β‖₁ (t = λ);
 * - "glmnet": XᵀX = nI (standardized orthogonal columns), (1/(2n))‖y − Xβ‖² + (λ/2)‖β‖² (a = λ) and
 *   (1/(2n))‖y − Xβ‖² + λ‖β‖₁ (t = λ).
 */
type Convention = "half-lasso" | "full" | "half-both" | "glmnet";

interface Params {
  convention: Convention;
  /** Rows of the design: n = 8, 16 or 32 (Sylvester Hadamard sizes). */
  n: number;
  lambda: number;
  /** Least-squares coefficients β̂, two decimals. */
  betaOls: number[];
}

/** Answers are asked to three decimals; half a unit is 0.0005. */
const TOLERANCE = 0.001;
/** A |β̂_j| this close to a threshold (or to a misconception's threshold) puts the answer on an edge. */
const EDGE_MARGIN = 0.05;

function generate(rng: Rng): Params {
  const convention = rng.choice<Convention>(["half-lasso", "full", "half-both", "glmnet"]);
  const p = rng.integer(4, 6);
  const threshold = rng.uniform(0.4, 1.2);
  const lambda = Number((convention === "full" ? 2 * threshold : threshold).toFixed(2));
  const t = convention === "full" ? lambda / 2 : lambda;
  // One |β̂| below t/2, one between t/2 and t, one between t and 2t, so the lasso zeroes some but not all
  // coefficients and the factor-2 mistakes give different answers; the rest anywhere in [0.05, 3].
  const gap = EDGE_MARGIN + 0.01;
  const magnitudes = [
    rng.uniform(0.05, t / 2 - gap),
    rng.uniform(t / 2 + gap, t - gap),
    rng.uniform(t + gap, 2 * t - gap),
    ...Array.from({ length: p - 3 }, () => rng.uniform(0.05, 3)),
  ];
  const betaOls = rng.shuffle(magnitudes).map((magnitude) => Number((rng.choice([-1, 1]) * magnitude).toFixed(2)));
  const n = rng.choice([8, 16, 32]);
  return { convention, n, lambda, betaOls };
}

/** Columns 2 … p + 1 of the n × n Sylvester Hadamard matrix: ±1 entries, each column sums to 0, XᵀX = nI. */
function hadamardColumns(n: number, p: number): number[][] {
  let matrix = [[1]];
  while (matrix.length < n) {
    matrix = [...matrix.map((row) => [...row, ...row]), ...matrix.map((row) => [...row, ...row.map((value) => -value)])];
  }
  return matrix.map((row) => row.slice(1, p + 1));
}

/** Builds a design with the convention's XᵀX and a response whose least-squares fit is exactly β̂. */
function designFor(params: Params): { X: number[][]; y: number[]; gram: number } {
  const { n, betaOls } = params;
  const columns = hadamardColumns(n, betaOls.length);
  const gram = params.convention === "glmnet" ? n : 1;
  const scale = Math.sqrt(gram / n);
  const X = columns.map((row) => row.map((value) => value * scale));
  const y = X.map((row) => row.reduce((sum, value, j) => sum + value * betaOls[j]!, 0));
  return { X, y, gram };
}

/** Ridge on the design with ‖y − Xβ‖² + penalty·‖β‖², no intercept (the columns are centred). */
function ridgeCoefficients(params: Params, shrink: number): number[] {
  const { X, y, gram } = designFor(params);
  // With XᵀX = gI, β = Xᵀy/(g + penalty) = β̂/(1 + penalty/g), so shrinking by 1/(1 + a) needs penalty = a·g.
  return ridgeFit(X, y, shrink * gram, { intercept: false }).coefficients;
}

/** Lasso on the design, soft-thresholding β̂ at t. */
function lassoCoefficients(params: Params, threshold: number): number[] {
  const { X, y, gram } = designFor(params);
  // lassoFit minimizes (1/(2n))‖y − Xβ‖² + λ_g‖β‖₁; with XᵀX = gI its solution soft-thresholds β̂ at
  // nλ_g/g, so the threshold t needs λ_g = t·g/n. The columns are not rescaled (standardize: false).
  return lassoFit(X, y, (threshold * gram) / params.n, { standardize: false }).coefficients.map((value) =>
    Math.abs(value) < 1e-12 ? 0 : value,
  );
}

function shrinkOf({ convention, lambda }: Params): number {
  return convention === "half-both" ? 2 * lambda : lambda;
}

function thresholdOf({ convention, lambda }: Params): number {
  return convention === "full" ? lambda / 2 : lambda;
}

function objectivesLatex({ convention }: Params): { ridge: string; lasso: string; design: string } {
  switch (convention) {
    case "half-lasso":
      return {
        design: "X^\\top X = I",
        ridge: "\\|y - X\\beta\\|_2^2 + \\lambda\\|\\beta\\|_2^2",
        lasso: "\\tfrac12\\|y - X\\beta\\|_2^2 + \\lambda\\|\\beta\\|_1",
      };
    case "full":
      return {
        design: "X^\\top X = I",
        ridge: "\\|y - X\\beta\\|_2^2 + \\lambda\\|\\beta\\|_2^2",
        lasso: "\\|y - X\\beta\\|_2^2 + \\lambda\\|\\beta\\|_1",
      };
    case "half-both":
      return {
        design: "X^\\top X = I",
        ridge: "\\tfrac12\\|y - X\\beta\\|_2^2 + \\lambda\\|\\beta\\|_2^2",
        lasso: "\\tfrac12\\|y - X\\beta\\|_2^2 + \\lambda\\|\\beta\\|_1",
      };
    case "glmnet":
      return {
        design: "X^\\top X = nI",
        ridge: "\\tfrac{1}{2n}\\|y - X\\beta\\|_2^2 + \\tfrac{\\lambda}{2}\\|\\beta\\|_2^2",
        lasso: "\\tfrac{1}{2n}\\|y - X\\beta\\|_2^2 + \\lambda\\|\\beta\\|_1",
      };
  }
}

function ridgeMisconceptions(params: Params): Misconception[] {
  const a = shrinkOf(params);
  const list: Misconception[] = [
    {
      tag: "reg-ridge-lambda-doubled",
      value: ridgeCoefficients(params, 2 * a),
      message:
        "You shrank by 1/(1 + 2a) where the objective gives 1/(1 + a): a factor 2 slipped in. Set the gradient to " +
        "zero with the objective's own constants: both the loss and the penalty bring a 2 when differentiated.",
    },
    {
      tag: "reg-ridge-lambda-halved",
      value: ridgeCoefficients(params, a / 2),
      message:
        "You shrank too little: a factor 2 was lost between the loss and the penalty. Differentiate the objective " +
        "as written, with its ½ (or 1/(2n)) on the loss.",
    },
    {
      tag: "reg-ridge-soft-threshold",
      value: lassoCoefficients(params, a),
      message:
        "That is soft-thresholding, the lasso's solution. Ridge's squared penalty shrinks every coefficient by the " +
        "same factor 1/(1 + a) and sets none exactly to zero.",
    },
  ];
  if (params.convention === "glmnet") {
    list.push({
      tag: "reg-ridge-lambda-times-n",
      value: ridgeCoefficients(params, params.n * a),
      message:
        "You scaled λ by n. With the loss averaged, (1/(2n))‖y − Xβ‖², and XᵀX = nI, the n cancels: the " +
        "gradient is −(1/n)Xᵀ(y − Xβ) + λβ = β − β̂ + λβ.",
    });
  }
  return list;
}

function lassoMisconceptions(params: Params): Misconception[] {
  const t = thresholdOf(params);
  const key = lassoCoefficients(params, t);
  const list: Misconception[] = [
    {
      tag: "reg-lasso-threshold-doubled",
      value: lassoCoefficients(params, 2 * t),
      message:
        "You thresholded at twice the right value: a factor 2 between the loss and λ went astray. With the " +
        "objective as written, the subgradient condition gives the threshold directly.",
    },
    {
      tag: "reg-lasso-threshold-halved",
      value: lassoCoefficients(params, t / 2),
      message:
        "You thresholded at half the right value: a factor 2 between the loss and λ went astray. Write the " +
        "subgradient condition of the objective exactly as given.",
    },
    {
      tag: "reg-lasso-proportional",
      value: ridgeCoefficients(params, t),
      message:
        "That shrinks every coefficient by the same factor, as ridge does. The L1 penalty subtracts a fixed amount " +
        "from each |β̂_j| and sets coefficients below the threshold exactly to zero.",
    },
    {
      tag: "reg-lasso-hard-threshold",
      value: params.betaOls.map((beta, j) => (key[j] === 0 ? 0 : beta)),
      message:
        "You zeroed the small coefficients but left the others unchanged (hard thresholding). The lasso also " +
        "shrinks the surviving coefficients towards zero by the threshold.",
    },
  ];
  if (params.betaOls.some((beta, j) => beta < 0 && key[j] !== 0)) {
    list.push({
      tag: "reg-lasso-sign-dropped",
      value: key.map((value) => Math.abs(value)),
      message: "Soft-thresholding keeps the sign: sign(β̂_j)(|β̂_j| − t)₊. A negative estimate stays negative.",
    });
  }
  if (params.convention === "glmnet") {
    list.push({
      tag: "reg-lasso-lambda-times-n",
      value: lassoCoefficients(params, params.n * t),
      message:
        "You scaled λ by n. With the loss averaged, (1/(2n))‖y − Xβ‖², and XᵀX = nI, the n cancels and the " +
        "threshold is λ itself.",
    });
  }
  return list;
}

/**
 * Rejects the draw when an entry's plausible rounding sits on the tolerance's edge, or when a
 * mistake's vector is within twice the tolerance of the key or another mistake in every entry.
 */
function checkVectorAnswers(partId: string, key: readonly number[], misconceptions: readonly Misconception[]): void {
  // Three decimals are asked for; two decimals is the rounding a student would plausibly type instead.
  checkRoundingEdges(partId, key, { tolerance: TOLERANCE, roundings: { decimals: [2, 3] }, edgeShare: 0.02 });
  checkMisconceptionsSeparated(partId, key, misconceptions, { tolerance: TOLERANCE, factor: 2 });
}

export default defineQuestion<Params>({
  meta: {
    id: "ridge-lasso-orthonormal",
    version: "1",
    title: "Ridge and lasso with orthogonal predictors",
    topics: ["regularization"],
    difficulty: 2,
    expectedMinutes: 8,
  },
  generate,
  build(params) {
    const { convention, n, lambda, betaOls } = params;
    const p = betaOls.length;
    const a = shrinkOf(params);
    const t = thresholdOf(params);

    const magnitudes = betaOls.map(Math.abs);
    for (const edge of [t, 2 * t, t / 2]) {
      if (magnitudes.some((value) => Math.abs(value - edge) < EDGE_MARGIN)) throw new RejectDraw("a coefficient sits at a threshold");
    }

    const ridgeKey = ridgeCoefficients(params, a);
    const lassoKey = lassoCoefficients(params, t);
    const zeros = lassoKey.filter((value) => value === 0).length;
    if (zeros === 0 || zeros === p) throw new RejectDraw("the lasso zeroes no coefficient or all of them");

    const ridgeWrong = ridgeMisconceptions(params);
    const lassoWrong = lassoMisconceptions(params);
    checkVectorAnswers("ridge", ridgeKey, ridgeWrong);
    checkVectorAnswers("lasso", lassoKey, lassoWrong);

    const zerosAt = (threshold: number) => magnitudes.filter((value) => value <= threshold).length;
    const zerosWrong: Misconception[] = [
      {
        tag: "reg-zeros-threshold-doubled",
        value: zerosAt(2 * t),
        message: "You counted the coefficients below twice the threshold. Check the factor 2 between the loss and λ.",
      },
      {
        tag: "reg-zeros-threshold-halved",
        value: zerosAt(t / 2),
        message: "You counted the coefficients below half the threshold. Check the factor 2 between the loss and λ.",
      },
      {
        tag: "reg-zeros-none",
        value: 0,
        message: "Unlike ridge, the lasso sets coefficients exactly to zero: every |β̂_j| at or below the threshold becomes 0.",
      },
    ];
    const zeroCounts = [zeros, ...zerosWrong.map((item) => item.value as number)];
    if (new Set(zeroCounts).size !== zeroCounts.length) throw new RejectDraw("two zero counts coincide");

    const objectives = objectivesLatex(params);
    const betaText = betaOls.map((beta) => beta.toFixed(2)).join(",\\ ");
    const prompt = [
      `A linear model without intercept has $p = ${p}$ predictors whose columns are orthogonal: ` +
        (convention === "glmnet"
          ? `$${objectives.design}$ with $n = ${n}$ observations (each column has mean zero and $\\frac1n\\sum_i x_{ij}^2 = 1$).`
          : `$${objectives.design}$.`),
      `The least-squares estimate is $\\hat\\beta = (${betaText})$, and $\\lambda = ${lambda}$.`,
      "",
      `- Ridge minimizes $${objectives.ridge}$.`,
      `- The lasso minimizes $${objectives.lasso}$.`,
      "",
      "Give the coefficient vectors to three decimals.",
    ].join("\n");

    const labels = {
      ridge: "Ridge coefficients $\\hat\\beta^{R}$",
      lasso: "Lasso coefficients $\\hat\\beta^{L}$",
      zeros: "How many lasso coefficients are exactly zero?",
    };
    const shownText = [prompt, ...Object.values(labels)].join("\n");
    checkKeysNotShown("ridge or lasso", [...ridgeKey, ...lassoKey.filter((value) => value !== 0)], shownText);

    const formatVector = (values: readonly number[]) => values.map((value) => formatSignificant(value, 4)).join(",\\ ");
    const ridgeStep =
      convention === "glmnet"
        ? "Setting the gradient $-\\frac1n X^\\top(y - X\\beta) + \\lambda\\beta$ to zero with $X^\\top X = nI$ gives $\\beta(1 + \\lambda) = \\hat\\beta$"
        : convention === "half-both"
          ? "Setting the gradient $-X^\\top(y - X\\beta) + 2\\lambda\\beta$ to zero with $X^\\top X = I$ gives $\\beta(1 + 2\\lambda) = \\hat\\beta$"
          : "Setting the gradient $-2X^\\top(y - X\\beta) + 2\\lambda\\beta$ to zero with $X^\\top X = I$ gives $\\beta(1 + \\lambda) = \\hat\\beta$";
    const lassoStep =
      convention === "full"
        ? "the subgradient condition $-2(\\hat\\beta_j - \\beta_j) + \\lambda s_j = 0$, $s_j \\in \\partial|\\beta_j|$, gives soft-thresholding at $t = \\lambda/2$"
        : "the subgradient condition $-(\\hat\\beta_j - \\beta_j) + \\lambda s_j = 0$, $s_j \\in \\partial|\\beta_j|$, gives soft-thresholding at $t = \\lambda$";
    const solution = [
      `**Ridge.** ${ridgeStep}, so every coefficient is divided by $1 + ${formatSignificant(a, 4)} = ${formatSignificant(1 + a, 4)}$:`,
      `$\\hat\\beta^{R} = (${formatVector(ridgeKey)})$.`,
      "",
      `**Lasso.** The problem separates by coordinate, and ${lassoStep} $= ${formatSignificant(t, 4)}$: ` +
        "$\\hat\\beta^{L}_j = \\operatorname{sign}(\\hat\\beta_j)\\,(|\\hat\\beta_j| - t)_+$.",
      `$\\hat\\beta^{L} = (${formatVector(lassoKey)})$, with ${zeros} coefficients exactly zero (those with $|\\hat\\beta_j| \\le ${formatSignificant(t, 4)}$).`,
      "",
      "Ridge shrinks all coefficients by the same factor and zeroes none; the lasso moves each by the same amount and zeroes the small ones.",
    ].join("\n");

    return {
      prompt,
      parts: [
        {
          id: "ridge",
          label: labels.ridge,
          spec: { type: "vector", length: p, tolerance: { abs: TOLERANCE } },
          key: ridgeKey,
          misconceptions: ridgeWrong,
        },
        {
          id: "lasso",
          label: labels.lasso,
          spec: { type: "vector", length: p, tolerance: { abs: TOLERANCE } },
          key: lassoKey,
          misconceptions: lassoWrong,
        },
        {
          id: "zero-count",
          label: labels.zeros,
          spec: { type: "integer" },
          key: zeros,
          misconceptions: zerosWrong,
          keyShownInPromptBecause: "the count is a small integer, and small integers also appear in the objectives' constants and in p",
        },
      ],
      solution,
    };
  },
});
