import { invalidArgument } from "./errors";
import { checkFiniteNumber, checkInteger, checkNonNegativeNumber } from "./validate";

/**
 * Seeded pseudo-random number generator with a reproducible stream on every platform.
 *
 * Algorithm: xoshiro128** (Blackman and Vigna, 2018; 128-bit state of four unsigned
 * 32-bit words). The state is seeded from a 32-bit seed by four outputs of
 * splitmix32: a Weyl sequence `c += 0x9e3779b9` passed through the MurmurHash3
 * 32-bit finaliser (`z ^= z >>> 16; z *= 0x85ebca6b; z ^= z >>> 13; z *= 0xc2b2ae35;
 * z ^= z >>> 16`). All integer steps use `Math.imul` and `>>> 0`, so the uint32 stream is
 * bit-identical in every JavaScript engine. Floating-point draws use only IEEE 754 basic
 * operations (+ − × ÷ and `Math.sqrt`, which are correctly rounded) plus a logarithm built
 * from those operations, so `uniform` and `normal` are bit-identical across engines too.
 * `Math.random` is never used.
 */
export interface Rng {
  /** Returns the next raw output, an integer in [0, 2³² − 1]. Consumes one word. */
  nextUint32(): number;
  /**
   * Returns a uniform draw on [min, max) with 53 random bits (consumes two words,
   * more in the rare case that rounding lands on `max` and the draw is repeated).
   * Throws NumericsError unless min < max are finite and max − min is finite.
   */
  uniform(min?: number, max?: number): number;
  /**
   * Returns a normal draw by the Marsaglia polar method (the second variate of each
   * accepted pair is discarded, so a draw consumes four words per attempt, about 5.1 words
   * on average). Throws NumericsError unless mean is finite and sd is finite and >= 0.
   */
  normal(mean?: number, sd?: number): number;
  /**
   * Returns an integer uniformly distributed on [min, max], both inclusive, without modulo
   * bias (rejection sampling). min and max must be safe integers with max − min < 2⁵³.
   */
  integer(min: number, max: number): number;
  /** Returns one element chosen uniformly. Throws NumericsError for an empty array. */
  choice<T>(items: readonly T[]): T;
  /** Returns a new array with the elements in uniformly random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /**
   * Returns an independent generator derived from this generator's current state and
   * `label`. Forking does not advance this generator, so the same label at the same state
   * always gives the same child stream, and draws made from one child never shift another.
   */
  fork(label: string): Rng;
}

const GOLDEN_GAMMA = 0x9e3779b9;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

function finalizeMix32(value: number): number {
  let z = value >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function rotateLeft(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}

/** FNV-1a 32-bit hash of the label's UTF-8 bytes. */
function hashLabel(label: string): number {
  const bytes = new TextEncoder().encode(label);
  let hash = 0x811c9dc5;
  for (const byte of bytes) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  return hash;
}

const LN2_HIGH = 6.93147180369123816490e-1; // upper bits of ln 2: e · LN2_HIGH is exact for |e| < 2¹¹
const LN2_LOW = 1.90821492927058770002e-10; // ln 2 − LN2_HIGH
const SQRT_HALF = 0.7071067811865476;
const SQRT_TWO = 1.4142135623730951;

/**
 * Natural logarithm of a positive finite double from basic IEEE operations only, so the
 * result is the same in every engine (ECMAScript does not fix the rounding of Math.log).
 * x = m · 2^e with m in [√½, √2), then log m = 2 atanh(f), f = (m − 1)/(m + 1), |f| < 0.1716,
 * summed to 13 odd powers (truncation error below 1e-18). Error: a few ulp.
 */
export function portableLog(x: number): number {
  let exponent = 0;
  let mantissa = x;
  while (mantissa < SQRT_HALF) {
    mantissa *= 2;
    exponent -= 1;
  }
  while (mantissa >= SQRT_TWO) {
    mantissa /= 2;
    exponent += 1;
  }
  const f = (mantissa - 1) / (mantissa + 1);
  const z = f * f;
  let series = 1 / 25;
  for (let k = 11; k >= 0; k--) {
    series = 1 / (2 * k + 1) + z * series;
  }
  return exponent * LN2_HIGH + (2 * f * series + exponent * LN2_LOW);
}

class Xoshiro128StarStar implements Rng {
  private readonly state: Uint32Array;

  constructor(state: Uint32Array) {
    this.state = state;
  }

  nextUint32(): number {
    const s = this.state;
    const s0 = s[0] as number;
    const s1 = s[1] as number;
    const s2 = s[2] as number;
    const s3 = s[3] as number;
    const result = Math.imul(rotateLeft(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    const n2 = (s2 ^ s0) >>> 0;
    const n3 = (s3 ^ s1) >>> 0;
    s[1] = (s1 ^ n2) >>> 0;
    s[0] = (s0 ^ n3) >>> 0;
    s[2] = (n2 ^ t) >>> 0;
    s[3] = rotateLeft(n3, 11);
    return result;
  }

  /** Uniform on [0, 1) with 53 bits: (a >>> 5) · 2²⁶ + (b >>> 6), divided by 2⁵³. */
  private unitInterval(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / TWO_POW_53;
  }

  uniform(min = 0, max = 1): number {
    checkFiniteNumber("min", min);
    checkFiniteNumber("max", max);
    if (!(min < max)) {
      throw invalidArgument("max", max, `a number greater than min (${min})`, "pass min < max");
    }
    const width = max - min;
    if (!Number.isFinite(width)) {
      throw invalidArgument("max", max, "max − min to be finite", "use a narrower interval");
    }
    for (;;) {
      const value = min + width * this.unitInterval();
      if (value < max) return value;
    }
  }

  normal(mean = 0, sd = 1): number {
    checkFiniteNumber("mean", mean);
    checkNonNegativeNumber("sd", sd);
    for (;;) {
      const u = 2 * this.unitInterval() - 1;
      const v = 2 * this.unitInterval() - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const factor = Math.sqrt((-2 * portableLog(s)) / s);
      return mean + sd * (u * factor);
    }
  }

  integer(min: number, max: number): number {
    checkInteger("min", min);
    checkInteger("max", max);
    if (max < min) {
      throw invalidArgument("max", max, `an integer >= min (${min})`, "pass min <= max");
    }
    const range = max - min + 1;
    if (!(range <= TWO_POW_53)) {
      throw invalidArgument("max", max, "max − min < 2^53", "use a narrower range");
    }
    if (range <= TWO_POW_32) {
      // Reject the top (2³² mod range) outputs so every residue is equally likely.
      const limit = TWO_POW_32 - (TWO_POW_32 % range);
      for (;;) {
        const draw = this.nextUint32();
        if (draw < limit) return min + (draw % range);
      }
    }
    const limit = TWO_POW_53 - (TWO_POW_53 % range);
    for (;;) {
      const draw = (this.nextUint32() >>> 5) * 67108864 + (this.nextUint32() >>> 6);
      if (draw < limit) return min + (draw % range);
    }
  }

  choice<T>(items: readonly T[]): T {
    if (!Array.isArray(items) || items.length === 0) {
      throw invalidArgument("items", items, "a non-empty array", "pass at least one item to choose from");
    }
    return items[this.integer(0, items.length - 1)] as T;
  }

  shuffle<T>(items: readonly T[]): T[] {
    if (!Array.isArray(items)) {
      throw invalidArgument("items", items, "an array", "pass an array to shuffle");
    }
    const result = items.slice();
    for (let i = result.length - 1; i > 0; i--) {
      const j = this.integer(0, i);
      const swap = result[i] as T;
      result[i] = result[j] as T;
      result[j] = swap;
    }
    return result;
  }

  fork(label: string): Rng {
    if (typeof label !== "string") {
      throw invalidArgument("label", label, "a string", "pass a string label such as \"noise\"");
    }
    // Two passes absorb every parent word into a splitmix32 counter that starts at the
    // label's hash, so each child word depends on the label and on all four parent words.
    const words = Uint32Array.from(this.state);
    let counter = hashLabel(label);
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < 4; i++) {
        counter = ((counter ^ (words[i] as number)) + GOLDEN_GAMMA) >>> 0;
        words[i] = finalizeMix32(counter);
      }
    }
    if (words.every((word) => word === 0)) words[0] = 1; // the all-zero state is a fixed point
    return new Xoshiro128StarStar(words);
  }
}

/**
 * Creates a generator from a raw xoshiro128** state (four unsigned 32-bit words, not all
 * zero). Used to check the published reference outputs; {@link createRng} is the normal entry point.
 */
export function createRngFromState(state: readonly [number, number, number, number]): Rng {
  if (!Array.isArray(state) || state.length !== 4) {
    throw invalidArgument("state", state, "four unsigned 32-bit integers", "pass [s0, s1, s2, s3]");
  }
  state.forEach((word, i) => checkInteger(`state[${i}]`, word, 0, TWO_POW_32 - 1));
  if (state.every((word) => word === 0)) {
    throw invalidArgument("state", state, "a state that is not all zero", "set at least one word to a non-zero value");
  }
  return new Xoshiro128StarStar(Uint32Array.from(state));
}

/**
 * Creates a xoshiro128** generator seeded through splitmix32 (see {@link Rng}).
 *
 * @param seed - an unsigned 32-bit integer in [0, 4294967295].
 * @throws NumericsError (argument `"seed"`) for anything else, including negative numbers,
 * fractions, NaN and values ≥ 2³².
 */
export function createRng(seed: number): Rng {
  if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed >= TWO_POW_32) {
    throw invalidArgument(
      "seed",
      seed,
      "an unsigned 32-bit integer (0 to 4294967295)",
      "pass a whole number in that range, e.g. a stored variant seed or `value >>> 0`",
    );
  }
  const state = new Uint32Array(4);
  let counter = seed >>> 0;
  for (let i = 0; i < 4; i++) {
    counter = (counter + GOLDEN_GAMMA) >>> 0;
    state[i] = finalizeMix32(counter);
  }
  // splitmix32 outputs are a bijection of distinct counters, so at most one word is zero.
  return new Xoshiro128StarStar(state);
}

/** Index sets of a split. Indices are 0-based and sorted ascending. */
export interface IndexSplit {
  train: number[];
  test: number[];
}

function checkRng(name: string, rng: unknown): Rng {
  if (typeof rng !== "object" || rng === null || typeof (rng as Rng).nextUint32 !== "function") {
    throw invalidArgument(name, rng, "an Rng from createRng", "pass createRng(seed) or rng.fork(label)");
  }
  return rng as Rng;
}

/**
 * Splits indices 0..n−1 at random into a training and a test set.
 *
 * @param n - number of observations, an integer ≥ 2.
 * @param testSize - a fraction in (0, 1), giving ⌈testSize · n⌉ test indices (the rounding
 *   scikit-learn's train_test_split uses), or an integer count in [1, n − 1].
 * @returns `{ train, test }`, each sorted ascending; the test set is the first test-size
 *   entries of `rng.shuffle([0, …, n − 1])`.
 */
export function trainTestSplit(n: number, testSize: number, rng: Rng): IndexSplit {
  checkInteger("n", n, 2);
  checkFiniteNumber("testSize", testSize);
  checkRng("rng", rng);
  let testCount: number;
  if (testSize > 0 && testSize < 1) {
    testCount = Math.ceil(testSize * n);
  } else if (Number.isInteger(testSize) && testSize >= 1 && testSize <= n - 1) {
    testCount = testSize;
  } else {
    throw invalidArgument(
      "testSize",
      testSize,
      `a fraction in (0, 1) or an integer count between 1 and ${n - 1}`,
      "pass e.g. 0.25 or a whole number of test observations",
    );
  }
  if (testCount >= n) {
    throw invalidArgument("testSize", testSize, "a test set that leaves at least one training index", "pass a smaller testSize");
  }
  const permutation = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  const test = permutation.slice(0, testCount).sort((a, b) => a - b);
  const train = permutation.slice(testCount).sort((a, b) => a - b);
  return { train, test };
}

/**
 * Partitions indices 0..n−1 into k folds for cross-validation.
 *
 * The indices are shuffled once and cut into k consecutive blocks; the first n mod k folds
 * have ⌊n/k⌋ + 1 indices and the rest ⌊n/k⌋ (scikit-learn KFold's sizes).
 *
 * @param n - number of observations, an integer ≥ 2.
 * @param k - number of folds, an integer in [2, n].
 * @returns k splits; split i has fold i as `test` and all other indices as `train`, each sorted.
 */
export function kFolds(n: number, k: number, rng: Rng): IndexSplit[] {
  checkInteger("n", n, 2);
  checkInteger("k", k, 2, n);
  checkRng("rng", rng);
  const permutation = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  const foldOf = new Array<number>(n);
  const base = Math.floor(n / k);
  const larger = n % k;
  let position = 0;
  for (let fold = 0; fold < k; fold++) {
    const size = base + (fold < larger ? 1 : 0);
    for (let j = 0; j < size; j++) {
      foldOf[permutation[position + j] as number] = fold;
    }
    position += size;
  }
  return Array.from({ length: k }, (_, fold) => {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) {
      (foldOf[i] === fold ? test : train).push(i);
    }
    return { train, test };
  });
}

/** Internal: validates an Rng argument (exported for the other numerics modules). */
export { checkRng };
