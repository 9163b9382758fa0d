import { describe, expect, it } from "vitest";

import { buildVariant } from "@/lib/questions";

/** What each observation describes, and the option text of the method that produces it. */
const EXPECTED: { observation: RegExp; method: RegExp }[] = [
  { observation: /of the network's [\d,]+ weights and biases are exactly zero/, method: /^An L1 \(lasso\) penalty/ },
  { observation: /Afterwards no weight is exactly zero/, method: /^An L2 \(ridge, weight-decay\) penalty/ },
  { observation: /hidden units, at random positions, output zero/, method: /^Dropout/ },
  { observation: /randomly chosen training examples/, method: /^Mini-batch stochastic gradient descent/ },
  { observation: /every update uses all [\d,]+ training examples/, method: /^No regularization/ },
];

const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

describe("regularization-methods keys", () => {
  it.each(SEEDS)("seed %i keys the matching method", (seed) => {
    const { content } = buildVariant({ questionId: "regularization-methods", seed });
    expect(content.parts).toHaveLength(3);
    for (const part of content.parts) {
      if (part.spec.type !== "single-choice") throw new Error("expected a single choice");
      const expected = EXPECTED.filter((item) => item.observation.test(part.label));
      expect(expected, part.label).toHaveLength(1);
      const chosen = part.spec.options.find((option) => option.id === part.key)!;
      expect(chosen.text).toMatch(expected[0]!.method);
      expect(part.spec.options.map((option) => option.id)).toEqual(["a", "b", "c", "d"]);
      for (const misconception of part.misconceptions) expect(misconception.value).not.toBe(part.key);
    }
  });

  it("varies the keyed position", () => {
    const keys = new Set(SEEDS.map((seed) => buildVariant({ questionId: "regularization-methods", seed }).content.parts[0]!.key));
    expect(keys.size).toBeGreaterThan(2);
  });
});
