/** The source a new template starts from: a small working question to edit. */
export const STARTER_TEMPLATE = `${JSON.stringify(
  {
    format: 1,
    title: "Parameters of a one-hidden-layer network",
    topics: ["feed-forward-counts"],
    difficulty: 1,
    expectedMinutes: 4,
    variables: [
      { name: "p", value: "randint(3, 20)" },
      { name: "K", value: "pick([8, 16, 32, 64])" },
    ],
    conditions: [{ require: "p != K", message: "the hidden layer must differ in size from the input" }],
    prompt: "A network has $p = {{p}}$ inputs, one hidden layer of $K = {{K}}$ units and one output unit. Every unit has a bias.",
    parts: [
      {
        id: "total",
        label: "Number of trainable parameters",
        type: "integer",
        answer: "dense_params([p, K, 1])",
        misconceptions: [{ tag: "no-biases", answer: "p*K + K", message: "Every hidden and output unit also has a bias." }],
      },
    ],
    solution: "The hidden layer has $({{p}} + 1) \\cdot {{K}}$ parameters and the output layer ${{K}} + 1$, in total ${{answer_total}}$.",
  },
  null,
  2,
)}\n`;
