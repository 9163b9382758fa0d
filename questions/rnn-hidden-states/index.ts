import type { AnswerSpec, Misconception } from "@/lib/grading";
import { defineQuestion } from "@/lib/questions/definition";
import { drawNonZeroTenth } from "@/lib/questions/draws";
import {
  checkKeysNotShown,
  checkMisconceptionsSeparated,
  checkRoundingEdges,
  maxAbsDifference,
} from "@/lib/questions/draw-checks";
import { RejectDraw } from "@/lib/questions/errors";
import { formatSignificant } from "@/lib/questions/format-key";
import { simpleRnnForward, type RnnActivation, type Rng, type SimpleRnnWeights } from "@/lib/numerics";

interface Params {
  /** L × p inputs, row l − 1 is X_l, one decimal each. */
  sequence: number[][];
  /** K × (p + 1), bias first. */
  W: number[][];
  /** K × K. */
  U: number[][];
  /** (β_0, …, β_K). */
  B: number[];
  activation: RnnActivation;
}

/** Smallest tolerance of every part: answers to three decimals are accepted. */
const BASE_TOLERANCE = 0.002;
/** Answers of one part (key and mistakes) must be this many tolerances apart. */
const SEPARATION = 2;

const round1 = (value: number) => Math.round(value * 10) / 10;
const round3 = (value: number) => Math.round(value * 1000) / 1000;

function generate(rng: Rng): Params {
  const L = rng.integer(2, 4);
  const p = rng.integer(1, 2);
  const K = rng.integer(1, 2);
  const activation: RnnActivation = rng.uniform() < 0.7 ? "tanh" : "relu";
  const W = Array.from({ length: K }, () => Array.from({ length: p + 1 }, () => drawNonZeroTenth(rng, 1)));
  const U = Array.from({ length: K }, () => Array.from({ length: K }, () => drawNonZeroTenth(rng, 0.9)));
  const B = Array.from({ length: K + 1 }, () => drawNonZeroTenth(rng, 1.5));
  const sequence = Array.from({ length: L }, () => Array.from({ length: p }, () => round1(rng.uniform(-2, 2))));
  return { sequence, W, U, B, activation };
}

const weightsOf = (params: Params, change: Partial<SimpleRnnWeights> = {}): SimpleRnnWeights => ({
  W: params.W,
  U: params.U,
  B: params.B,
  activation: params.activation,
  ...change,
});

/**
 * Runs one step of the recurrence from a given previous state. The library's forward pass starts at
 * A_0 = 0, so the recurrent term U·A_{l−1} is folded into the hidden bias of a one-step run.
 */
function stepFrom(params: Params, x: readonly number[], previous: readonly number[]): { state: number[]; preActivation: number[] } {
  const shifted = params.W.map((row, k) => {
    const recurrent = params.U[k]!.reduce((sum, u, s) => sum + u * previous[s]!, 0);
    return [row[0]! + recurrent, ...row.slice(1)];
  });
  const zeroU = params.U.map((row) => row.map(() => 0));
  const state = simpleRnnForward([x], { W: shifted, U: zeroU, B: params.B, activation: params.activation }).hiddenStates[0]!;
  const preActivation = shifted.map((row, k) => row[0]! + row.slice(1).reduce((sum, w, j) => sum + w * x[j]!, 0));
  return { state, preActivation };
}

/** Runs the forward pass with every hidden state rounded to three decimals, as a student writes it down. */
function roundedForward(params: Params): { states: number[][]; output: number } {
  let previous = params.W.map(() => 0);
  const states: number[][] = [];
  for (const x of params.sequence) {
    previous = stepFrom(params, x, previous).state.map(round3);
    states.push(previous);
  }
  const output = params.B[0]! + previous.reduce((sum, a, k) => sum + params.B[k + 1]! * a, 0);
  return { states, output };
}

/**
 * Gauss–Seidel mistake: unit 2 at step l uses the already updated A_l1 instead of A_{l−1,1}.
 * Only defined for K = 2.
 */
function inPlaceForward(params: Params): number[] {
  let state = [0, 0];
  for (const x of params.sequence) {
    const first = stepFrom(params, x, state).state[0]!;
    const second = stepFrom(params, x, [first, state[1]!]).state[1]!;
    state = [first, second];
  }
  return state;
}

const vectorTex = (values: readonly number[], digits = 4) => `(${values.map((value) => formatSignificant(value, digits)).join(",\\ ")})`;
const matrixTex = (rows: readonly (readonly number[])[]) =>
  `\\begin{pmatrix}${rows.map((row) => row.join(" & ")).join(" \\\\ ")}\\end{pmatrix}`;

function stateSpec(K: number, tolerance: number): AnswerSpec {
  return K === 1 ? { type: "number", tolerance: { abs: tolerance } } : { type: "vector", length: K, tolerance: { abs: tolerance } };
}

const asAnswer = (values: number[]): number | number[] => (values.length === 1 ? values[0]! : values);

export default defineQuestion<Params>({
  meta: {
    id: "rnn-hidden-states",
    version: "1",
    title: "Hidden states and output of a simple RNN",
    topics: ["rnn-forward-pass"],
    difficulty: 2,
    expectedMinutes: 10,
  },
  generate,
  build(params) {
    const { sequence, W, U, B, activation } = params;
    const L = sequence.length;
    const p = sequence[0]!.length;
    const K = W.length;
    const g = activation === "tanh" ? Math.tanh : (z: number) => Math.max(0, z);
    const gName = activation === "tanh" ? "\\tanh" : "\\operatorname{ReLU}";

    const forward = simpleRnnForward(sequence, weightsOf(params));
    const states = forward.hiddenStates;
    const A1 = states[0]!;
    const AL = states[L - 1]!;
    const OL = forward.outputs[L - 1]!;

    // Pre-activations of every step are recomputed from the library's states for the solution and
    // the "forgot g" mistakes. A value within 0.01 of the ReLU kink would make the key fragile.
    const preActivations = sequence.map((x, l) => stepFrom(params, x, l === 0 ? W.map(() => 0) : states[l - 1]!).preActivation);
    if (activation === "relu" && preActivations.flat().some((z) => Math.abs(z) < 0.01)) {
      throw new RejectDraw("a ReLU pre-activation sits at the kink");
    }
    if (AL.every((a) => Math.abs(a) < 0.05)) throw new RejectDraw("the last hidden state is nearly zero");

    // Tolerance from sensitivity: a student who rounds each state to three decimals must pass.
    const rounded = roundedForward(params);
    const stateTolerance = Math.max(BASE_TOLERANCE, 2 * maxAbsDifference(rounded.states[L - 1]!, AL));
    const outputTolerance = Math.max(BASE_TOLERANCE, 2 * Math.abs(rounded.output - OL));

    const zeroBiasW = W.map((row) => [0, ...row.slice(1)]);
    const zeroU = U.map((row) => row.map(() => 0));
    const noRecurrence = simpleRnnForward(sequence, weightsOf(params, { U: zeroU }));
    const noHiddenBias = simpleRnnForward(sequence, weightsOf(params, { W: zeroBiasW }));
    const reversed = simpleRnnForward([...sequence].reverse(), weightsOf(params));

    const firstMistakes: Misconception[] = [
      {
        tag: "fwd-no-activation",
        value: asAnswer(preActivations[0]!),
        message: `That is the pre-activation $w_{k0} + \\sum_j w_{kj}X_{1j}$. The hidden unit applies $g = ${gName}$ to it: $A_{1k} = g(\\dots)$.`,
      },
      {
        tag: "fwd-no-hidden-bias",
        value: asAnswer(noHiddenBias.hiddenStates[0]!),
        message: "You left out the hidden bias $w_{k0}$, the first column of $W$. It is added at every step.",
      },
    ];

    const lastMistakes: Misconception[] = [
      {
        tag: "fwd-no-recurrence",
        value: asAnswer(noRecurrence.hiddenStates[L - 1]!),
        message:
          "You left out the recurrent term $\\sum_s u_{ks}A_{l-1,s}$, so $A_L$ only saw $X_L$. The previous hidden state " +
          "enters every step; that is how earlier inputs reach later steps.",
      },
      {
        tag: "fwd-no-hidden-bias",
        value: asAnswer(noHiddenBias.hiddenStates[L - 1]!),
        message: "You left out the hidden bias $w_{k0}$, the first column of $W$. It is added at every step.",
      },
      {
        tag: "fwd-no-activation-last-step",
        value: asAnswer(preActivations[L - 1]!),
        message: `That is the pre-activation of the last step. The hidden state is $A_L = ${gName}(\\dots)$ of it.`,
      },
      {
        tag: "fwd-reversed-order",
        value: asAnswer(reversed.hiddenStates[L - 1]!),
        message: "You processed the sequence from $X_L$ back to $X_1$. The recurrence starts at $X_1$ with $A_0 = 0$ and ends at $X_L$.",
      },
    ];
    if (K === 2) {
      lastMistakes.push(
        {
          tag: "fwd-in-place-update",
          value: inPlaceForward(params),
          message:
            "You updated the units one after the other and used the new $A_{l1}$ when computing $A_{l2}$. Both units " +
            "of step $l$ use the previous state $A_{l-1}$ only.",
        },
        {
          tag: "fwd-transposed-u",
          value: simpleRnnForward(sequence, weightsOf(params, { U: [[U[0]![0]!, U[1]![0]!], [U[0]![1]!, U[1]![1]!]] })).hiddenStates[L - 1]!,
          message: "You used $U$ transposed. Row $k$ of $U$ holds the weights $u_{ks}$ of unit $k$: $A_{lk}$ uses $\\sum_s u_{ks} A_{l-1,s}$.",
        },
      );
    }

    const outputMistakes: Misconception[] = [
      {
        tag: "fwd-output-activation",
        value: g(OL),
        message: `The output of this network is linear, $O_L = \\beta_0 + \\sum_k \\beta_k A_{Lk}$; $g$ is applied in the hidden layer only.`,
      },
      {
        tag: "fwd-no-output-bias",
        value: OL - B[0]!,
        message: "You left out the output bias $\\beta_0$.",
      },
      {
        tag: "fwd-output-from-previous-state",
        value: forward.outputs[L - 2] ?? Number.NaN,
        message: "You computed the output from $A_{L-1}$. The output at step $L$ uses the hidden state of the same step, $A_L$.",
      },
      {
        tag: "fwd-no-recurrence",
        value: noRecurrence.outputs[L - 1]!,
        message: "You left out the recurrent term $\\sum_s u_{ks}A_{l-1,s}$, so the output only saw $X_L$.",
      },
    ].filter((item) => Number.isFinite(item.value));

    checkMisconceptionsSeparated("first-state", asAnswer(A1), firstMistakes, { tolerance: stateTolerance, factor: SEPARATION });
    checkMisconceptionsSeparated("last-state", asAnswer(AL), lastMistakes, { tolerance: stateTolerance, factor: SEPARATION });
    checkMisconceptionsSeparated("output", OL, outputMistakes, { tolerance: outputTolerance, factor: SEPARATION });
    // A key rounded to 1–3 significant figures within 10 % of the tolerance boundary would be
    // accepted or rejected by a hair.
    const roundings = { significantFigures: [1, 2, 3] };
    checkRoundingEdges("first-state", A1, { tolerance: stateTolerance, roundings, edgeShare: 0.1 });
    checkRoundingEdges("last-state", AL, { tolerance: stateTolerance, roundings, edgeShare: 0.1 });
    checkRoundingEdges("output", [OL], { tolerance: outputTolerance, roundings, edgeShare: 0.1 });

    const xName = p === 1 ? "X_l" : "X_l = (X_{l1}, X_{l2})";
    const sequenceTable = [
      `| $l$ | ${sequence.map((_, l) => l + 1).join(" | ")} |`,
      `| --- | ${sequence.map(() => "---").join(" | ")} |`,
      ...Array.from({ length: p }, (_, j) => `| $X_{l${j + 1}}$ | ${sequence.map((x) => x[j]!.toFixed(1)).join(" | ")} |`),
    ];
    const prompt = [
      `A simple RNN with $K = ${K}$ hidden unit${K === 1 ? "" : "s"} and activation $g = ${gName}$ reads a sequence of ` +
        `$L = ${L}$ inputs, each with $p = ${p}$ feature${p === 1 ? "" : "s"} ($${xName}$):`,
      "",
      ...sequenceTable,
      "",
      "$$A_{lk} = g\\Big(w_{k0} + \\sum_{j=1}^{p} w_{kj} X_{lj} + \\sum_{s=1}^{K} u_{ks} A_{l-1,s}\\Big),\\quad A_0 = 0,\\qquad " +
        "O_l = \\beta_0 + \\sum_{k=1}^{K} \\beta_k A_{lk}.$$",
      "",
      `The weights are $W = ${matrixTex(W)}$ (row $k$ is $w_{k0}, w_{k1}, \\dots$, bias first), ` +
        `$U = ${matrixTex(U)}$ and $B = (\\beta_0, \\dots, \\beta_K) = (${B.join(",\\ ")})$.`,
      "",
      "Give each answer to at least three decimals; rounding the hidden states to three decimals along the way is fine.",
    ].join("\n");

    const labels = {
      first: K === 1 ? "Hidden state $A_1$" : "Hidden state $A_1 = (A_{11}, A_{12})$",
      last: K === 1 ? `Hidden state $A_{${L}}$` : `Hidden state $A_{${L}} = (A_{${L}1}, A_{${L}2})$`,
      output: `Output $O_{${L}}$`,
    };
    // The full-precision text is compared even when short, so a ReLU state of exactly 0 is rejected
    // whenever the prompt shows a 0.
    checkKeysNotShown("states or output", [...A1, ...AL, OL], [prompt, ...Object.values(labels)].join("\n"), {
      skipShort: "roundings",
    });

    const stepLines = sequence.map((x, l) => {
      const z = preActivations[l]!;
      return `- $l = ${l + 1}$: pre-activation $${vectorTex(z)}$, so $A_{${l + 1}} = ${gName}(\\cdot) = ${vectorTex(states[l]!)}$, ` +
        `$O_{${l + 1}} = ${formatSignificant(forward.outputs[l]!, 4)}$.`;
    });
    const solution = [
      `Start from $A_0 = 0$ and apply the same $W$, $U$, $B$ at every step (weight sharing). At step $l$ unit $k$ adds its ` +
        `bias $w_{k0}$, the weighted inputs $\\sum_j w_{kj}X_{lj}$ and the weighted previous state $\\sum_s u_{ks}A_{l-1,s}$, ` +
        `then applies $g = ${gName}$:`,
      "",
      ...stepLines,
      "",
      `The output is linear in the last hidden state: $O_{${L}} = ${B[0]} + ${AL.map((a, k) => `(${B[k + 1]})(${formatSignificant(a, 4)})`).join(" + ")} = ${formatSignificant(OL, 4)}$.`,
    ].join("\n");

    const csvHeader = ["l", ...Array.from({ length: p }, (_, j) => `x${j + 1}`)].join(",");
    const csvRows = sequence.map((x, l) => [l + 1, ...x.map((value) => value.toFixed(1))].join(","));

    return {
      prompt,
      parts: [
        { id: "first-state", label: labels.first, spec: stateSpec(K, stateTolerance), key: asAnswer(A1), misconceptions: firstMistakes },
        { id: "last-state", label: labels.last, spec: stateSpec(K, stateTolerance), key: asAnswer(AL), misconceptions: lastMistakes },
        {
          id: "output",
          label: labels.output,
          spec: { type: "number", tolerance: { abs: outputTolerance } },
          key: OL,
          misconceptions: outputMistakes,
        },
      ],
      solution,
      csv: { filename: `sequence-L${L}.csv`, text: [csvHeader, ...csvRows].join("\n") + "\n" },
    };
  },
});
