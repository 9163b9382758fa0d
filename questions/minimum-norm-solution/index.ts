import type { Misconception } from "@/lib/grading";
import { defineQuestion } from "@/lib/questions/definition";
import { checkMisconceptionsSeparated } from "@/lib/questions/draw-checks";
import { RejectDraw } from "@/lib/questions/errors";
import { formatSignificant } from "@/lib/questions/format-key";
import { nearMissProbes } from "@/lib/questions/near-miss";
import { minimumNormLeastSquares, type Rng } from "@/lib/numerics";

interface Params {
  /** n × p design with small integer entries, n = 2 < p (3 or 4): an underdetermined system. */
  X: number[][];
  /** n integer responses. */
  y: number[];
}

/** Answers are asked to three decimals; rounding there moves an entry by at most 0.0005. */
const TOLERANCE = 0.002;
/** Smallest gap, as a fraction of the tolerance, between a rounded key and the tolerance's edge. */
const ROUNDING_EDGE_MARGIN = 0.1;

function generate(rng: Rng): Params {
  const p = rng.integer(3, 4);
  const entry = () => rng.integer(-3, 3);
  const X = [0, 1].map(() => Array.from({ length: p }, entry));
  const y = [rng.integer(-6, 6), rng.integer(-6, 6)];
  return { X, y };
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);
const norm = (values: readonly number[]) => Math.sqrt(dot(values, values));

/** Solves the 2 × 2 system A w = b by Cramer's rule; null when A is singular. */
function solve2(A: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const [a11, a12] = A[0]!;
  const [a21, a22] = A[1]!;
  const det = a11! * a22! - a12! * a21!;
  if (det === 0) return null;
  return [(b[0]! * a22! - a12! * b[1]!) / det, (a11! * b[1]! - b[0]! * a21!) / det];
}

const vectorTex = (values: readonly number[]) => `(${values.map((value) => formatSignificant(value, 4)).join(",\\ ")})`;
const matrixTex = (rows: readonly (readonly number[])[], digits = 4) =>
  `\\begin{pmatrix}${rows.map((row) => row.map((value) => formatSignificant(value, digits)).join(" & ")).join(" \\\\ ")}\\end{pmatrix}`;

export default defineQuestion<Params>({
  meta: {
    id: "minimum-norm-solution",
    version: "1",
    title: "Minimum-norm solution of an underdetermined system",
    topics: ["double-descent"],
    difficulty: 2,
    expectedMinutes: 8,
  },
  generate,
  build({ X, y }) {
    const p = X[0]!.length;
    const gram = X.map((row) => X.map((other) => dot(row, other)));
    const gramDet = gram[0]![0]! * gram[1]![1]! - gram[0]![1]! * gram[1]![0]!;
    // A nearly singular XXᵀ makes the answer huge and hypersensitive; redraw it.
    if (gramDet < 4) throw new RejectDraw("the rows of X are (nearly) parallel");
    if (y.every((value) => value === 0)) throw new RejectDraw("y is zero, so the answer is zero");

    const fit = minimumNormLeastSquares(X, y);
    const beta = fit.coefficients;
    if (fit.residualSumOfSquares > 1e-18) throw new RejectDraw("the fit does not interpolate");
    if (beta.some((value) => Math.abs(value) > 20)) throw new RejectDraw("coefficients too large to type comfortably");
    // A whole-number coefficient (often 0) would be readable off the prompt's integers.
    if (beta.some((value) => Math.abs(value - Math.round(value)) < 1e-9)) throw new RejectDraw("a coefficient is a whole number");

    // A non-minimal interpolant: the last p − 2 coefficients set to zero and the first two solved for.
    const leading = solve2(
      X.map((row) => row.slice(0, 2)),
      y,
    );
    const w = solve2(gram, y)!;
    const misconceptions: Misconception[] = [
      {
        tag: "mn-skipped-gram-inverse",
        value: X[0]!.map((_, j) => X[0]![j]! * y[0]! + X[1]![j]! * y[1]!),
        message:
          "You computed Xᵀy. The minimum-norm solution is β = Xᵀ(XXᵀ)⁻¹y: the weights w = (XXᵀ)⁻¹y of the rows of X " +
          "come first, and only then β = Xᵀw.",
      },
    ];
    if (leading) {
      misconceptions.push({
        tag: "mn-basic-solution",
        value: [...leading, ...Array.from({ length: p - 2 }, () => 0)],
        message:
          "That vector solves Xβ = y, but it is not the one with the smallest norm: setting some coefficients " +
          "to zero gives one of the many interpolants. The minimum-norm solution lies in the row space of X, " +
          "β = Xᵀ(XXᵀ)⁻¹y, and usually has no zero entries.",
      });
    }

    const spec = { type: "vector" as const, length: p, tolerance: { abs: TOLERANCE } };
    // Key and mistakes, and the mistakes among themselves, must differ by more than three tolerances.
    checkMisconceptionsSeparated("coefficients", beta, misconceptions, { tolerance: TOLERANCE, factor: 3 });
    if (nearMissProbes(spec, beta).some((probe) => probe.margin < ROUNDING_EDGE_MARGIN)) {
      throw new RejectDraw("a rounded key sits on the tolerance's edge");
    }

    const normKey = norm(beta);
    // A whole-number norm would be readable off the prompt's integers.
    if (Math.abs(normKey - Math.round(normKey)) < 1e-9) throw new RejectDraw("the norm is a whole number");
    const normSpec = { type: "number" as const, tolerance: { abs: TOLERANCE } };
    const normMistakes: Misconception[] = [
      {
        tag: "mn-squared-norm",
        value: normKey * normKey,
        message: "That is the squared norm ‖β‖² = Σ β_j². The Euclidean norm is its square root.",
      },
    ];
    if (leading) {
      normMistakes.push({
        tag: "mn-basic-solution-norm",
        value: norm([...leading]),
        message:
          "That is the norm of an interpolant with some coefficients set to zero. The minimum-norm solution has " +
          "a smaller norm than every other solution of Xβ = y.",
      });
    }
    checkMisconceptionsSeparated("norm", normKey, normMistakes, { tolerance: TOLERANCE, factor: 3 });
    if (nearMissProbes(normSpec, normKey).some((probe) => probe.margin < ROUNDING_EDGE_MARGIN)) {
      throw new RejectDraw("the rounded norm sits on the tolerance's edge");
    }

    const betaNames = Array.from({ length: p }, (_, j) => `\\beta_${j + 1}`).join(", ");
    const prompt = [
      `A model with $p = ${p}$ coefficients is fitted to $n = 2$ observations, so there are more parameters than data ` +
        "points and infinitely many coefficient vectors fit the data exactly:",
      "",
      `$$X = ${matrixTex(X)}, \\qquad y = ${matrixTex(y.map((value) => [value]))}.$$`,
      "",
      "Past the interpolation threshold, the fits in the double-descent experiment pick the interpolant with the " +
        "smallest Euclidean norm, $\\hat\\beta = \\arg\\min \\|\\beta\\|_2$ subject to $X\\beta = y$ (no intercept).",
      "",
      "Give the answers to at least three decimals.",
    ].join("\n");

    const solution = [
      "The minimum-norm interpolant lies in the row space of $X$: $\\hat\\beta = X^\\top w$ with $XX^\\top w = y$, so " +
        "$\\hat\\beta = X^\\top (XX^\\top)^{-1} y = X^{+} y$.",
      "",
      `1. $XX^\\top = ${matrixTex(gram)}$, with determinant $${gramDet}$.`,
      `2. $w = (XX^\\top)^{-1} y = ${vectorTex(w)}$.`,
      `3. $\\hat\\beta = X^\\top w = ${vectorTex(beta)}$, and $X\\hat\\beta = y$ as required.`,
      `4. $\\|\\hat\\beta\\|_2 = ${formatSignificant(normKey, 5)}$.`,
      "",
      leading
        ? `Another interpolant sets $\\beta_3${p === 4 ? " = \\beta_4" : ""} = 0$ and solves for $\\beta_1, \\beta_2$: ` +
          `$${vectorTex([...leading, ...Array.from({ length: p - 2 }, () => 0)])}$, with the larger norm ` +
          `$${formatSignificant(norm(leading), 5)}$. Any vector added to $\\hat\\beta$ from the null space of $X$ keeps ` +
          "$X\\beta = y$ and only increases the norm, because it is orthogonal to $\\hat\\beta$."
        : "Any vector added to $\\hat\\beta$ from the null space of $X$ keeps $X\\beta = y$ and only increases the norm, " +
          "because it is orthogonal to $\\hat\\beta$.",
    ].join("\n");

    return {
      prompt,
      parts: [
        {
          id: "coefficients",
          label: `The minimum-norm solution $\\hat\\beta = (${betaNames})$, as a vector in brackets`,
          spec,
          key: beta,
          misconceptions,
        },
        {
          id: "norm",
          label: "Its norm $\\|\\hat\\beta\\|_2$",
          spec: normSpec,
          key: normKey,
          misconceptions: normMistakes,
        },
      ],
      solution,
    };
  },
});
