import type { Misconception } from "@/lib/grading";
import { defineQuestion } from "@/lib/questions/definition";
import { RejectDraw } from "@/lib/questions/errors";
import { formatThousands } from "@/lib/questions/format-key";
import { denseParameterCount, HITTERS_PREDICTORS, type Rng } from "@/lib/numerics";

/**
 * The network's story. "hitters" is the book's salary network: p comes from dummy-coding the
 * Hitters columns (16 counts and three two-level factors give 19 predictors).
 */
type Story =
  | { kind: "regression"; text: string; p: number }
  | { kind: "classification"; text: string; p: number; classes: number }
  | { kind: "hitters" };

interface Params {
  story: Story;
  /** K: hidden units. */
  K: number;
}

const REGRESSION_STORIES = [
  "predicts a house's sale price from $p$ numeric features of the house",
  "predicts a patient's blood pressure from $p$ clinical measurements",
  "predicts tomorrow's log trading volume from $p$ market indicators of the last few days",
] as const;

const CLASSIFICATION_STORIES = [
  "classifies a handwritten digit from $p$ pixel intensities into one of $M$ digits",
  "assigns a news article, described by $p$ word counts, to one of $M$ sections",
  "classifies a land plot from $p$ satellite band readings into one of $M$ land-cover types",
] as const;

/** Predictors of the Hitters data before coding: the counts, and the factors with their two levels each. */
const HITTERS_FACTORS = ["League", "Division", "NewLeague"] as const;
const HITTERS_COUNT_COLUMNS = HITTERS_PREDICTORS.length - HITTERS_FACTORS.length;

function generate(rng: Rng): Params {
  const roll = rng.uniform();
  if (roll < 0.25) return { story: { kind: "hitters" }, K: rng.choice([16, 32, 64, 64, 128]) };
  const p = rng.integer(3, 60);
  const K = rng.integer(4, 128);
  if (roll < 0.6) return { story: { kind: "regression", text: rng.choice(REGRESSION_STORIES), p }, K };
  return { story: { kind: "classification", text: rng.choice(CLASSIFICATION_STORIES), p, classes: rng.integer(3, 12) }, K };
}

function inputsOf(story: Story): number {
  return story.kind === "hitters" ? HITTERS_PREDICTORS.length : story.p;
}

function outputsOf(story: Story): number {
  return story.kind === "classification" ? story.classes : 1;
}

/** Mutated counts of the whole network, one per typical error. */
function totalMisconceptions(story: Story, K: number): Misconception[] {
  const p = inputsOf(story);
  const M = outputsOf(story);
  const list: Misconception[] = [
    {
      tag: "ff-no-biases",
      value: K * p + M * K,
      message:
        "You counted the weights but no biases. Each hidden unit has a bias w_k0 and each output unit a bias β_0." +
        (M === 1
          ? " (The same number is also the hidden layer alone, K(p + 1); the output layer adds K + 1 more.)"
          : ""),
    },
    {
      tag: "ff-no-output-bias",
      value: K * (p + 1) + M * K,
      message:
        M === 1
          ? "You left out the output unit's bias β_0. The output layer has K weights and one bias, K + 1 parameters " +
            "(your count, K(p + 2), is what the hidden layer plus K output weights give)."
          : "You left out the output biases: each of the M output units has K weights and one bias.",
    },
    {
      tag: "ff-no-hidden-bias",
      value: K * p + M * (K + 1),
      message: "You left out the hidden biases: each of the K hidden units has p weights and one bias w_k0, so K(p + 1).",
    },
  ];
  // With p = 19 two biases per hidden unit give the same count as Salary taken for a 20th input, so the
  // Hitters story keeps only the input-count error, the likelier cause there.
  if (story.kind !== "hitters") {
    list.push({
      tag: "ff-two-biases-per-unit",
      value: K * (p + 2) + M * (K + 1),
      message:
        "You gave each hidden unit two biases, K(p + 2). A dense unit computes w_k0 + Σ_j w_kj X_j: one bias per unit.",
    });
  }
  if (story.kind === "classification") {
    // With one output unit the hidden layer alone, K(p + 1), equals the weights-only count above.
    list.push(
      {
        tag: "ff-hidden-layer-only",
        value: K * (p + 1),
        message: "That is the hidden layer alone. The output layer adds its own weights and biases, M(K + 1) for M output units.",
      },
      {
        tag: "ff-scalar-output-for-softmax",
        value: K * (p + 1) + (K + 1),
        message: "You counted one output unit. A softmax over M classes has M output units, each with K weights and a bias.",
      },
      {
        tag: "ff-softmax-reference-class",
        value: K * (p + 1) + (M - 1) * (K + 1),
        message:
          "You dropped one class as a reference, as in multinomial logistic regression with a baseline. The network's " +
          "softmax layer has a unit for every one of the M classes, so M(K + 1) output parameters.",
      },
    );
  }
  if (story.kind === "hitters") {
    list.push(
      {
        tag: "ff-hitters-salary-as-input",
        value: denseParameterCount([p + 1, K, 1]),
        message:
          "You used 20 inputs. Salary is the response, not a predictor; the 16 counts and one dummy per two-level " +
          "factor give p = 19.",
      },
      {
        tag: "ff-hitters-dummy-per-level",
        value: denseParameterCount([HITTERS_COUNT_COLUMNS + 2 * HITTERS_FACTORS.length, K, 1]),
        message:
          "You coded each factor with one dummy per level (22 inputs). With treatment coding a two-level factor " +
          "needs one 0/1 column, as R's model.matrix makes it: p = 16 + 3 = 19.",
      },
    );
  }
  return list;
}

function hiddenMisconceptions(story: Story, K: number): Misconception[] {
  const p = inputsOf(story);
  const list: Misconception[] = [
    {
      tag: "ff-hidden-no-bias",
      value: K * p,
      message: "You counted the hidden layer's weights but not its K biases: K(p + 1), not Kp.",
    },
    {
      tag: "ff-hidden-bias-per-input",
      value: (K + 1) * p,
      message: "The biases belong to the hidden units (one per unit, K of them), not to the inputs: K(p + 1), not (K + 1)p.",
    },
  ];
  if (story.kind === "hitters") {
    list.push({
      tag: "ff-hitters-dummy-per-level-hidden",
      value: K * (HITTERS_COUNT_COLUMNS + 2 * HITTERS_FACTORS.length + 1),
      message: "You coded each two-level factor with two dummies (22 inputs). Treatment coding uses one per factor: p = 19.",
    });
  }
  return list;
}

function assertDistinct(values: readonly number[], what: string): void {
  if (new Set(values).size !== values.length) throw new RejectDraw(`two ${what} give the same count`);
}

function storyText(story: Story, K: number): string {
  if (story.kind === "hitters") {
    return (
      "A network predicts a baseball player's 1987 salary from the Hitters data (263 players with a known " +
      `salary). Besides Salary, the data have ${HITTERS_COUNT_COLUMNS} numeric columns (1986 and career counts) and the ` +
      `${HITTERS_FACTORS.length} two-level factors ${HITTERS_FACTORS.join(", ")}. The factors enter through ` +
      "treatment (drop-first) dummies, as R's `model.matrix` codes them, and every other column is a predictor. " +
      `The network has one hidden layer of $K = ${K}$ ReLU units and a single linear output unit.`
    );
  }
  const p = story.p;
  if (story.kind === "regression") {
    return (
      `A network ${story.text.replace("$p$", `$p = ${p}$`)}. It has one hidden layer of $K = ${K}$ ReLU units ` +
      "and a single linear output unit."
    );
  }
  const M = story.classes;
  return (
    `A network ${story.text.replace("$p$", `$p = ${p}$`).replace("$M$", `$M = ${M}$`)}. It has one hidden layer of ` +
    `$K = ${K}$ ReLU units and a softmax output layer with one unit per class.`
  );
}

export default defineQuestion<Params>({
  meta: {
    id: "feed-forward-parameter-count",
    version: "1",
    title: "Parameters of a one-hidden-layer network",
    topics: ["feed-forward-counts", "when-deep-learning"],
    difficulty: 1,
    expectedMinutes: 4,
  },
  generate,
  build(params) {
    const { story, K } = params;
    const p = inputsOf(story);
    const M = outputsOf(story);

    const hidden = denseParameterCount([p, K]);
    const total = denseParameterCount([p, K, M]);
    const hiddenWrong = hiddenMisconceptions(story, K);
    const totalWrong = totalMisconceptions(story, K);
    assertDistinct([hidden, ...hiddenWrong.map((item) => item.value as number)], "hidden-layer errors");
    assertDistinct([total, ...totalWrong.map((item) => item.value as number)], "total-count errors");

    const prompt = [
      storyText(story, K),
      "",
      "Count every weight and every bias as a parameter. Each unit of a dense layer has one bias.",
    ].join("\n");

    const outputLine =
      M === 1
        ? `- Output layer: $K + 1 = ${K + 1}$ (K weights and the bias $\\beta_0$).`
        : `- Output layer: $M(K + 1) = ${M} \\cdot ${K + 1} = ${M * (K + 1)}$.`;
    const solution = [
      story.kind === "hitters"
        ? `The inputs are the ${HITTERS_COUNT_COLUMNS} numeric columns plus one dummy for each of the ` +
          `${HITTERS_FACTORS.length} two-level factors: $p = ${HITTERS_COUNT_COLUMNS} + ${HITTERS_FACTORS.length} = ${p}$.`
        : `The inputs are the $p = ${p}$ features.`,
      "",
      `- Hidden layer: $K(p + 1) = ${K} \\cdot ${p + 1} = ${formatThousands(hidden)}$ (each of the $K$ units has $p$ weights and a bias).`,
      outputLine,
      "",
      `Total: $${formatThousands(hidden)} + ${formatThousands(total - hidden)} = ${formatThousands(total)}$ parameters.` +
        (story.kind === "hitters" && K === 64
          ? " This is the book's Hitters network: $64 \\cdot 20 + 65 = 1\\,345$ parameters."
          : ""),
    ].join("\n");

    return {
      prompt,
      parts: [
        {
          id: "hidden-layer",
          label: "Parameters of the hidden layer",
          spec: { type: "integer" },
          key: hidden,
          misconceptions: hiddenWrong,
        },
        {
          id: "total",
          label: "Total number of parameters of the network",
          spec: { type: "integer" },
          key: total,
          misconceptions: totalWrong,
        },
      ],
      solution,
    };
  },
});
