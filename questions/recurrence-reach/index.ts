import { assertDistinctOptions, shuffleOptions, type ChoiceOption, type Misconception } from "@/lib/grading";
import { defineQuestion } from "@/lib/questions/definition";
import { RejectDraw } from "@/lib/questions/errors";
import type { Rng } from "@/lib/numerics";

interface Params {
  /** Sequence length L. */
  L: number;
  /** Output step l asked about, 3 ≤ l ≤ L − 2, so that at least two inputs come later. */
  l: number;
  /** Recurrent weight u of the one-unit RNN, two decimals, 0.7 ≤ |u| ≤ 0.97. */
  u: number;
  /** Input weight w_1, one decimal, 1.5 ≤ |w_1| ≤ 4. */
  w1: number;
  /** Fraction ε of the immediate effect. */
  epsilon: number;
  /** Display order of the options X_1 … X_L, as 0-based input indices. */
  order: number[];
}

const DIFFICULTY = 2;
const EXPECTED_MINUTES = 6;
/**
 * Numbers the student's view always contains outside the prompt (the integer input hint
 * "205", "12*(3+1)", the difficulty, the minutes and the version): an integer key equal to one of
 * them would look leaked, so such draws are redrawn.
 */
const FIXED_VIEW_NUMBERS = new Set([1, 3, 12, 205, DIFFICULTY, EXPECTED_MINUTES]);
/** |u|^s must miss ε by this relative margin at the key and one step before, so rounding u cannot flip the count. */
const EDGE_MARGIN = 0.02;

const round2 = (value: number) => Math.round(value * 100) / 100;

function generate(rng: Rng): Params {
  const L = rng.integer(5, 9);
  const l = rng.integer(3, L - 2);
  const sign = rng.uniform() < 0.3 ? -1 : 1;
  const u = sign * round2(rng.uniform(0.7, 0.97));
  const w1 = (rng.uniform() < 0.5 ? -1 : 1) * Math.round(rng.uniform(1.5, 4) * 10) / 10;
  const epsilon = rng.choice([0.1, 0.05, 0.02, 0.01]);
  // The options X_1 … X_L are shuffled here, where the seeded generator is available; build
  // assigns the ids a, b, … in the displayed order.
  const authored = Array.from({ length: L }, (_, index) => ({ id: String(index), text: `$X_{${index + 1}}$` }));
  const order = shuffleOptions(authored, rng).map((option) => Number(option.id));
  return { L, l, u, w1, epsilon, order };
}

/**
 * Smallest s ≥ 1 with |factor|·|u|^s < ε. The effect of X_m on A_{m+s} in the linear recurrence
 * A_l = w_0 + w_1 X_l + u A_{l−1} is w_1 u^s, found by repeated multiplication.
 */
function stepsBelow(u: number, factor: number, epsilon: number): { steps: number; powers: number[] } {
  const powers: number[] = [];
  let effect = Math.abs(factor);
  for (let s = 1; s <= 10_000; s += 1) {
    effect *= Math.abs(u);
    powers.push(effect);
    if (effect < epsilon) return { steps: s, powers };
  }
  throw new RejectDraw("the effect never falls below ε");
}

export default defineQuestion<Params>({
  meta: {
    id: "recurrence-reach",
    version: "2",
    title: "How far information travels in an RNN",
    topics: ["why-recurrence"],
    difficulty: DIFFICULTY,
    expectedMinutes: EXPECTED_MINUTES,
  },
  generate,
  build(params) {
    const { L, l, u, w1, epsilon, order } = params;

    // Part 1: which inputs can influence O_l. Options are X_1 … X_L in the drawn order, ids a, b, …
    const options: ChoiceOption[] = order.map((index, position) => ({ id: String.fromCharCode(97 + position), text: `$X_{${index + 1}}$` }));
    assertDistinctOptions(options);
    const idOf = (index: number) => options[order.indexOf(index)]!.id;
    const idsOf = (indices: number[]) => indices.map(idOf);
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);

    const reachKey = idsOf(range(0, l - 1));
    const reachMistakes: Misconception[] = [
      {
        tag: "reach-current-input-only",
        value: idsOf([l - 1]),
        message:
          "That is how a feed-forward net fed one step at a time would behave. In an RNN, $A_l$ depends on $A_{l-1}$, which " +
          "depends on $A_{l-2}$, and so on back to $A_1$: every earlier input can reach $O_l$.",
      },
      {
        tag: "reach-previous-step-only",
        value: idsOf([l - 2, l - 1]),
        message:
          "The chain looks like a Markov chain, but $A_{l-1}$ is not a function of $X_{l-1}$ alone: it already carries " +
          "everything from $X_1$ to $X_{l-1}$. All inputs up to step $l$ can influence $O_l$.",
      },
      {
        tag: "reach-whole-sequence",
        value: idsOf(range(0, L - 1)),
        message:
          "Inputs after step $l$ cannot influence $O_l$: the recurrence runs forward, so $O_l$ is computed before " +
          "$X_{l+1}, \\dots, X_L$ are read.",
      },
    ];

    // Part 2: steps until an input's effect on the hidden state falls below ε of its immediate effect.
    const relative = stepsBelow(u, 1, epsilon);
    const key = relative.steps;
    const power = (s: number) => Math.abs(u) ** s;
    for (const s of [key, key - 1]) {
      if (s >= 1 && Math.abs(power(s) - epsilon) < EDGE_MARGIN * epsilon) throw new RejectDraw("|u|^s sits on ε");
    }
    const absolute = stepsBelow(u, w1, epsilon);
    if (Math.abs(Math.abs(w1) * power(absolute.steps) - epsilon) < EDGE_MARGIN * epsilon) throw new RejectDraw("|w1 u^s| sits on ε");
    const linearDecay = Math.ceil((1 - epsilon) / (1 - Math.abs(u)) - 1e-9);

    const dampingMistakes: Misconception[] = [
      {
        tag: "reach-last-step-above",
        value: key - 1,
        message:
          `After $${key - 1}$ steps the effect is still $|u|^{${key - 1}} = ${power(key - 1).toPrecision(3)}$ of its immediate ` +
          "size, not below $\\varepsilon$. The question asks for the first step at which it is smaller.",
      },
      {
        tag: "reach-absolute-effect",
        value: absolute.steps,
        message:
          "You compared the absolute effect $|w_1 u^s|$ with $\\varepsilon$. The question compares the effect with its " +
          "immediate size $|w_1|$, so $w_1$ cancels and the condition is $|u|^s < \\varepsilon$.",
      },
      {
        tag: "reach-linear-decay",
        value: linearDecay,
        message:
          "You let the effect shrink by a fixed amount $1 - |u|$ per step. It is multiplied by $u$ at every step, so it " +
          "decays geometrically, as $|u|^s$.",
      },
    ];
    if (u < 0) {
      dampingMistakes.push({
        tag: "reach-signed-power",
        value: 1,
        message:
          "You compared the signed value $u^s$ with $\\varepsilon$; with $u < 0$ it is negative after one step. The size " +
          "of the effect is $|u|^s$: the sign only alternates.",
      });
    }
    const values = [key, ...dampingMistakes.map((item) => item.value as number)];
    if (new Set(values).size !== values.length || values.some((value) => value < 1)) {
      throw new RejectDraw("two answers of the damping part coincide");
    }

    const prompt = [
      `A simple RNN reads a sequence $X_1, \\dots, X_L$ of length $L = ${L}$ and produces an output $O_l$ at every step ` +
        "from its hidden state: $A_l = g(w_0 + w_1 X_l + u A_{l-1})$ with $A_0 = 0$, and $O_l = \\beta_0 + \\beta_1 A_l$ " +
        "(one hidden unit, $K = 1$).",
      "",
      `**Damping.** Take the linear version of this recurrence ($g$ the identity, a good approximation of $\\tanh$ near 0) ` +
        `with $u = ${u}$ and $w_1 = ${w1}$. An input $X_m$ changes $A_m$ by $w_1 X_m$, its immediate effect. After how many ` +
        `further steps $s$ is its effect on $A_{m+s}$ first smaller than $\\varepsilon = ${epsilon}$ times its immediate effect ` +
        "(in absolute value)? Assume the sequence continues long enough; $s$ may exceed $L$.",
    ].join("\n");
    const labels = {
      reach: `Which inputs can influence the output at step $l = ${l}$? Select all that apply.`,
      damping: "Number of steps $s$",
    };

    const tokens = new Set(
      [...[prompt, labels.reach, labels.damping, ...options.map((option) => option.text)].join("\n").matchAll(/\d+(?:\.\d+)?/g)].map(
        (match) => Number(match[0]),
      ),
    );
    if (tokens.has(key) || FIXED_VIEW_NUMBERS.has(key)) throw new RejectDraw("the damping key appears elsewhere in the view");

    const solution = [
      `**Inputs that reach $O_{${l}}$.** $O_{${l}}$ is computed from $A_{${l}}$, which depends on $X_{${l}}$ and $A_{${l - 1}}$; ` +
        `$A_{${l - 1}}$ depends on $X_{${l - 1}}$ and $A_{${l - 2}}$, and so on down to $A_1$. So $X_1, \\dots, X_{${l}}$ can all ` +
        `influence $O_{${l}}$, while $X_{${l + 1}}, \\dots, X_{${L}}$ are read only later.`,
      "",
      `**Damping.** Unrolling the linear recurrence gives $A_{m+s} = \\dots + u^s w_1 X_m + \\dots$, so the effect of $X_m$ ` +
        `after $s$ steps is $|u|^s$ times its immediate effect, whatever $w_1$ is. We need the first $s$ with ` +
        `$${Math.abs(u)}^s < ${epsilon}$: $|u|^{${key - 1}} = ${power(key - 1).toPrecision(3)}$ and $|u|^{${key}} = ` +
        `${power(key).toPrecision(3)}$, so $s = ${key}$ (equivalently $s > \\ln \\varepsilon / \\ln |u| = ` +
        `${(Math.log(epsilon) / Math.log(Math.abs(u))).toFixed(2)}$).`,
      "",
      "With $\\tanh$ the effect shrinks even faster, because each step also multiplies it by $\\tanh'(z) \\le 1$: in theory " +
        "the first input reaches every later output, in practice its trace fades.",
    ].join("\n");

    return {
      prompt,
      parts: [
        {
          id: "reach",
          label: labels.reach,
          spec: { type: "multiple-choice", options },
          key: reachKey,
          misconceptions: reachMistakes,
        },
        {
          id: "damping",
          label: labels.damping,
          spec: { type: "integer" },
          key,
          misconceptions: dampingMistakes,
        },
      ],
      solution,
    };
  },
});
