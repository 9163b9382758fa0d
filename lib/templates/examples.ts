/**
 * A complete template: the demo question seeded into the demo course and the example of
 * docs/templates.md. The JSON text is kept as written, so error lines refer to it.
 */
export const DENSE_NETWORK_TEMPLATE = String.raw`{
  "format": 1,
  "title": "Parameters of a dense network",
  "topics": ["feed-forward-counts"],
  "difficulty": 1,
  "expectedMinutes": 4,
  "variables": [
    { "name": "p", "value": "randint(4, 30)" },
    { "name": "K1", "value": "pick([16, 32, 64, 128])" },
    { "name": "K2", "value": "randint(5, 40)" },
    { "name": "M", "value": "pick([1, 3, 10])" }
  ],
  "conditions": [
    { "require": "K2 != p", "message": "the second hidden layer must differ in size from the input" }
  ],
  "prompt": "A fully connected network has $p = {{p}}$ inputs, two hidden layers with $K_1 = {{K1}}$ and $K_2 = {{K2}}$ units, and an output layer with $M = {{M}}$ units. Every unit has a bias.",
  "parts": [
    {
      "id": "total",
      "label": "Total number of trainable parameters",
      "type": "integer",
      "answer": "dense_params([p, K1, K2, M])",
      "misconceptions": [
        {
          "tag": "no-biases",
          "answer": "p*K1 + K1*K2 + K2*M",
          "message": "You counted the weights but not the biases: every hidden and output unit has one bias."
        },
        {
          "tag": "one-bias-per-layer",
          "answer": "p*K1 + K1*K2 + K2*M + 3",
          "message": "Each unit has its own bias, not each layer."
        }
      ]
    }
  ],
  "solution": "Each layer contributes $(n_{\\text{in}} + 1) \\cdot n_{\\text{out}}$ parameters: $({{p}} + 1) \\cdot {{K1}} + ({{K1}} + 1) \\cdot {{K2}} + ({{K2}} + 1) \\cdot {{M}} = {{answer_total}}$."
}
`;
