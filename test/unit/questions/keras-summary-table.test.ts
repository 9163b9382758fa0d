import { describe, expect, it } from "vitest";

import { checkAnswer } from "@/lib/grading";
import question from "@/questions/keras-summary-table";

type Params = Parameters<typeof question.build>[0];

function partsOf(params: Params) {
  return new Map(question.build(params).parts.map((part) => [part.id, part]));
}

const mistake = (parts: ReturnType<typeof partsOf>, partId: string, tag: string) =>
  parts.get(partId)!.misconceptions.find((item) => item.tag === tag)?.value;

describe("keras-summary-table counts", () => {
  // ISLR 2nd ed. §10.5: the recurrent layer of the NYSE network (p = 3, K = 12) has
  // 12·(12 + 3 + 1) = 192 parameters in Keras; PyTorch's extra hidden bias gives 204. The book's
  // linear output makes the total 205, the number in the integer input hint, so such variants are
  // redrawn; with a two-class softmax the Dense layer has 2·13 = 26.
  const book = partsOf({ p: 3, L: 5, newL: 20, K1: 12, K2: null, everyStep: false, M: 2 } as Params);

  it("matches the recurrent layer of the book's NYSE network", () => {
    expect(book.get("first-layer")!.key).toBe(192);
    expect(book.get("dense")!.key).toBe(26);
    expect(book.get("new-length-total")!.key).toBe(218);
    expect(mistake(book, "first-layer", "ws-two-hidden-biases")).toBe(204);
    expect(mistake(book, "first-layer", "ws-times-length")).toBe(5 * 192);
    expect(mistake(book, "new-length-total", "ws-recurrent-per-step")).toBe(20 * 192 + 26);
  });

  it("redraws the total that the input hint shows", () => {
    expect(() => question.build({ p: 3, L: 5, newL: 20, K1: 12, K2: null, everyStep: false, M: 1 } as Params)).toThrow(/appears in the view/);
  });

  // Keras SimpleRNN(units).count_params() = units·(units + input_dim + 1); a stacked layer's
  // input_dim is the previous layer's units; Dense(M) adds M·(units + 1) also on every step.
  it("counts a stacked model with a softmax on every step", () => {
    const parts = partsOf({ p: 10, L: 30, newL: 7, K1: 32, K2: 16, everyStep: true, M: 4 } as Params);
    expect(parts.get("first-layer")!.key).toBe(32 * (32 + 10 + 1));
    expect(parts.get("second-layer")!.key).toBe(16 * (16 + 32 + 1));
    expect(parts.get("dense")!.key).toBe(4 * 17);
    expect(parts.get("new-length-total")!.key).toBe(1376 + 784 + 68);
    expect(mistake(parts, "second-layer", "ws-second-layer-reads-p")).toBe(16 * (16 + 10 + 1));
    expect(mistake(parts, "dense", "ws-dense-per-step")).toBe(30 * 68);
  });
});

describe("keras-summary-table expression", () => {
  it("accepts equivalent forms and names the ×L mistake", () => {
    const part = partsOf({ p: 3, L: 5, newL: 20, K1: 12, K2: null, everyStep: false, M: 6 } as Params).get("expression")!;
    const grade = (input: string) => checkAnswer({ spec: part.spec, key: part.key, input, misconceptions: part.misconceptions, seed: 1 });
    const right = grade("K(K+p+1) + M(K+1)");
    expect(right).toMatchObject({ gradable: true, score: 1 });
    const perStep = grade("L*(K*(K+p+1)) + M*(K+1)");
    expect(perStep).toMatchObject({ gradable: true, misconceptionTag: "ws-times-length" });
    const scalar = grade("K*(K+p+1) + K + 1");
    expect(scalar).toMatchObject({ gradable: true, misconceptionTag: "ws-scalar-output" });
  });

  it("asks for the second layer of a stacked model", () => {
    const part = partsOf({ p: 10, L: 30, newL: 7, K1: 32, K2: 16, everyStep: false, M: 1 } as Params).get("expression")!;
    const grade = (input: string) => checkAnswer({ spec: part.spec, key: part.key, input, misconceptions: part.misconceptions, seed: 1 });
    const right = grade("K2*(K2 + K1 + 1)");
    expect(right).toMatchObject({ gradable: true, score: 1 });
    const readsP = grade("K2*(K2 + p + 1)");
    expect(readsP).toMatchObject({ gradable: true, misconceptionTag: "ws-second-layer-reads-p" });
  });
});
