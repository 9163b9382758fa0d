import { describe, expect, it } from "vitest";
import { createRng, kFolds, NumericsError, portableLog, trainTestSplit } from "@/lib/numerics";
import { createRngFromState } from "@/lib/numerics/random";
import { loadFixture } from "./load-fixture";

interface RandomCase {
  seed: number;
  uint32: number[];
  uniform: number[];
  uniformScaled: number[];
  normal: number[];
  normalScaled: number[];
  integerSmall: number[];
  integerLarge: number[];
  integerFull: number[];
  shuffle: number[];
  forkNoise: number[];
  forkUnicode: number[];
  afterFork: number[];
}

const fixture = loadFixture<{ publishedState1234: number[]; cases: RandomCase[]; tolerance: { normalRelative: number } }>(
  "random.json",
);

function take(count: number, draw: () => number): number[] {
  return Array.from({ length: count }, draw);
}

describe("xoshiro128** stream", () => {
  it("matches the published outputs from state {1, 2, 3, 4}", () => {
    const rng = createRngFromState([1, 2, 3, 4]);
    expect(take(10, () => rng.nextUint32())).toEqual(fixture.publishedState1234);
  });

  it.each(fixture.cases.map((c) => [c.seed, c] as const))("seed %i matches the Python reference", (seed, reference) => {
    const rng = createRng(seed);
    expect(take(16, () => rng.nextUint32())).toEqual(reference.uint32);
    expect(take(8, () => rng.uniform())).toEqual(reference.uniform);
    expect(take(8, () => rng.uniform(-5, 5))).toEqual(reference.uniformScaled);
    const normals = take(16, () => rng.normal());
    normals.forEach((value, i) => {
      const expected = reference.normal[i] as number;
      expect(Math.abs(value - expected)).toBeLessThanOrEqual(fixture.tolerance.normalRelative * Math.max(1, Math.abs(expected)));
    });
    const scaled = take(8, () => rng.normal(3, 0.5));
    scaled.forEach((value, i) => {
      expect(Math.abs(value - (reference.normalScaled[i] as number))).toBeLessThanOrEqual(fixture.tolerance.normalRelative * 4);
    });
    expect(take(16, () => rng.integer(1, 6))).toEqual(reference.integerSmall);
    expect(take(8, () => rng.integer(-(2 ** 40), 2 ** 40))).toEqual(reference.integerLarge);
    expect(take(4, () => rng.integer(0, 2 ** 32 - 1))).toEqual(reference.integerFull);
    expect(rng.shuffle(Array.from({ length: 20 }, (_, i) => i))).toEqual(reference.shuffle);
    const child = rng.fork("noise");
    expect(take(8, () => child.nextUint32())).toEqual(reference.forkNoise);
    const unicodeChild = rng.fork("données ü");
    expect(take(8, () => unicodeChild.nextUint32())).toEqual(reference.forkUnicode);
    expect(take(4, () => rng.nextUint32())).toEqual(reference.afterFork);
  });
});

describe("createRng seed validation", () => {
  it.each([-1, 1.5, 2 ** 32, Number.NaN, Number.POSITIVE_INFINITY])("rejects %s", (seed) => {
    expect(() => createRng(seed)).toThrow(NumericsError);
    try {
      createRng(seed);
    } catch (error) {
      expect((error as NumericsError).argument).toBe("seed");
      expect((error as NumericsError).message).toContain("unsigned 32-bit integer");
    }
  });

  it("rejects a non-number seed", () => {
    expect(() => createRng("7" as unknown as number)).toThrow(NumericsError);
  });

  it("accepts 0 and 2^32 - 1", () => {
    expect(() => createRng(0)).not.toThrow();
    expect(() => createRng(2 ** 32 - 1)).not.toThrow();
  });
});

describe("Rng draws", () => {
  it("uniform stays in [min, max)", () => {
    const rng = createRng(7);
    for (let i = 0; i < 10_000; i++) {
      const value = rng.uniform(2, 2.5);
      expect(value >= 2 && value < 2.5).toBe(true);
    }
  });

  it("uniform rejects an empty interval", () => {
    const rng = createRng(7);
    expect(() => rng.uniform(1, 1)).toThrow(NumericsError);
    expect(() => rng.uniform(0, Number.NaN)).toThrow(/"max"/);
  });

  it("normal has mean 0 and variance 1 within sampling error", () => {
    const rng = createRng(11);
    const n = 100_000;
    const draws = take(n, () => rng.normal());
    const mean = draws.reduce((s, v) => s + v, 0) / n;
    const variance = draws.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    // Kurtosis of a normal is 3; the sd of the sample kurtosis is about √(24/n).
    const kurtosis = draws.reduce((s, v) => s + (v - mean) ** 4, 0) / n / variance ** 2;
    expect(Math.abs(kurtosis - 3)).toBeLessThan(4 * Math.sqrt(24 / n));
  });

  it("normal rejects a negative sd", () => {
    expect(() => createRng(1).normal(0, -1)).toThrow(/"sd"/);
  });

  it("integer is uniform on a die (chi-square)", () => {
    const rng = createRng(3);
    const counts = new Array<number>(6).fill(0);
    const n = 60_000;
    for (let i = 0; i < n; i++) {
      const face = rng.integer(1, 6);
      counts[face - 1] = (counts[face - 1] as number) + 1;
    }
    const expected = n / 6;
    const chiSquare = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 99.9th percentile of chi-square with 5 degrees of freedom is 20.52.
    expect(chiSquare).toBeLessThan(20.52);
  });

  it("integer rejects reversed or fractional bounds", () => {
    const rng = createRng(3);
    expect(() => rng.integer(5, 4)).toThrow(/"max"/);
    expect(() => rng.integer(0.5, 4)).toThrow(/"min"/);
    expect(rng.integer(4, 4)).toBe(4);
  });

  it("choice and shuffle keep the items", () => {
    const rng = createRng(5);
    const items = ["a", "b", "c", "d"] as const;
    expect(items).toContain(rng.choice(items));
    const shuffled = rng.shuffle(items);
    expect([...shuffled].sort()).toEqual([...items]);
    expect(shuffled).not.toBe(items);
    expect(() => rng.choice([])).toThrow(/"items"/);
  });

  it("fork does not advance the parent and separates labels", () => {
    const a = createRng(9);
    const b = createRng(9);
    const childA = a.fork("x");
    expect(a.nextUint32()).toBe(b.nextUint32());
    const childB = createRng(9).fork("x");
    expect(take(5, () => childA.nextUint32())).toEqual(take(5, () => childB.nextUint32()));
    const other = createRng(9).fork("y");
    const same = createRng(9).fork("x");
    expect(take(5, () => other.nextUint32())).not.toEqual(take(5, () => same.nextUint32()));
  });

  it("portableLog agrees with Math.log to 2 ulp-scale", () => {
    for (const x of [1e-300, 1e-17, 0.001, 0.3, 0.5, 0.7071, 0.99999, 1, 1.5, 2, 10, 1e10]) {
      expect(Math.abs(portableLog(x) - Math.log(x))).toBeLessThanOrEqual(4 * Number.EPSILON * Math.max(1, Math.abs(Math.log(x))));
    }
  });
});

describe("trainTestSplit and kFolds", () => {
  it("splits 10 into 3 test (ceil of 0.25 · 10) and 7 train", () => {
    const split = trainTestSplit(10, 0.25, createRng(1));
    expect(split.test).toHaveLength(3);
    expect(split.train).toHaveLength(7);
    expect([...split.train, ...split.test].sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });

  it("accepts an integer test count", () => {
    expect(trainTestSplit(263, 87, createRng(1)).test).toHaveLength(87);
  });

  it.each([0, 1.5, 10, -0.2, Number.NaN])("rejects testSize %s for n = 10", (testSize) => {
    expect(() => trainTestSplit(10, testSize, createRng(1))).toThrow(/"testSize"/);
  });

  it("kFolds partitions with sizes differing by at most one", () => {
    const folds = kFolds(23, 5, createRng(2));
    expect(folds.map((f) => f.test.length)).toEqual([5, 5, 5, 4, 4]);
    const all = folds.flatMap((f) => f.test).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 23 }, (_, i) => i));
    for (const fold of folds) {
      expect(fold.train.length + fold.test.length).toBe(23);
      expect(fold.train.some((i) => fold.test.includes(i))).toBe(false);
    }
  });

  it("kFolds rejects k > n and a missing rng", () => {
    expect(() => kFolds(3, 4, createRng(2))).toThrow(/"k"/);
    expect(() => kFolds(5, 2, undefined as unknown as ReturnType<typeof createRng>)).toThrow(/"rng"/);
  });
});
