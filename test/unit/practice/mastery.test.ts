import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createRng } from "@/lib/numerics";
import {
  attemptWeight,
  computeMastery,
  MASTERY_PARAMETERS,
  MasteryInputError,
  reviewIntervalDays,
  type MasteryAttempt,
  type MasteryParameters,
} from "@/lib/practice/mastery";
import { TOPIC_IDS, type TopicId } from "@/lib/questions/topics";

// Expected values come from hand arithmetic (in the comments) and from
// fixtures/make-mastery-fixtures.py, which reimplements the model in exact rational arithmetic.

interface FixtureAttempt {
  topics: TopicId[];
  score: number;
  tryNumber: number;
  afterSolution: boolean;
  atMs: number;
}

interface FixtureState {
  estimate: number;
  attempts: number;
  lastAttemptMs: number;
  mastered: boolean;
  reviewLevel: number;
}

interface MasteryFixture {
  workedExample: { attempts: FixtureAttempt[]; after: FixtureState[] };
  randomHistory: { attempts: FixtureAttempt[]; after: Record<string, FixtureState>[] };
}

const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/mastery.json", import.meta.url), "utf8"),
) as MasteryFixture;

function fromFixture({ atMs, ...rest }: FixtureAttempt): MasteryAttempt {
  return { ...rest, at: new Date(atMs) };
}

const T0 = Date.parse("2025-03-03T09:00:00Z");
const MINUTE = 60_000;
const DAY = 86_400_000;

function attempt(topic: TopicId, score: number, atMs: number, tryNumber = 1, afterSolution = false): MasteryAttempt {
  return { topics: [topic], score, tryNumber, afterSolution, at: new Date(atMs) };
}

describe("computeMastery worked example", () => {
  // Defaults: prior 0.25, learning rate α = 0.35, try discount 0.5, after-solution weight 0.2.
  const history: MasteryAttempt[] = [
    attempt("bias-variance", 0, T0, 1), // m = 0.25 + 0.35·(0 − 0.25) = 0.1625
    attempt("bias-variance", 0.5, T0 + 5 * MINUTE, 2), // w = 0.5: 0.1625 + 0.175·0.3375 = 0.2215625
    attempt("bias-variance", 1, T0 + 10 * MINUTE, 3), // w = 0.25: 0.2215625 + 0.0875·0.7784375 = 0.28967578125
    attempt("bias-variance", 1, T0 + 20 * MINUTE, 1, true), // w = 0.2: 0.28967578125 + 0.07·0.71032421875 = 0.3393984765625
    // Each clean correct first try multiplies the gap 1 − m by 1 − 0.35 = 0.65.
    attempt("bias-variance", 1, T0 + DAY), // 1 − 0.65·0.6606015234375 = 0.570609009765625
    attempt("bias-variance", 1, T0 + DAY + 10 * MINUTE), // 1 − 0.65·0.429390990234375 = 0.72089585634765625
    attempt("bias-variance", 1, T0 + DAY + 20 * MINUTE), // 1 − 0.65·0.27910414365234375 = 0.81858230662597656 ≥ 0.8
    attempt("bias-variance", 1, T0 + 2 * DAY + 60 * MINUTE), // gap 24 h 40 min ≥ 1 day: level 1, m = 0.88207849930688477
    attempt("bias-variance", 1, T0 + 3 * DAY + 60 * MINUTE), // gap 1 day < 3 days: level stays 1, m = 0.92335102454947510
  ];
  const handEstimates = [
    0.1625, 0.2215625, 0.28967578125, 0.3393984765625, 0.570609009765625, 0.72089585634765625, 0.8185823066259765625,
    0.882078499306884765625, 0.92335102454947509765625,
  ];
  const handLevels = [0, 0, 0, 0, 0, 0, 0, 1, 1];

  it("matches the hand-computed estimates", () => {
    history.forEach((_, i) => {
      const state = computeMastery(history.slice(0, i + 1))["bias-variance"];
      expect(state.estimate, `estimate after attempt ${i + 1}`).toBeCloseTo(handEstimates[i] as number, 14);
      expect(state.reviewLevel, `review level after attempt ${i + 1}`).toBe(handLevels[i]);
      expect(state.mastered, `mastered after attempt ${i + 1}`).toBe(i >= 6);
    });
  });

  it("matches the exact-arithmetic fixture", () => {
    const attempts = fixture.workedExample.attempts.map(fromFixture);
    expect(attempts).toEqual(history);
    fixture.workedExample.after.forEach((expected, i) => {
      const state = computeMastery(attempts.slice(0, i + 1))["bias-variance"];
      expect(state.estimate, `estimate after attempt ${i + 1}`).toBeCloseTo(expected.estimate, 14);
      expect(state.attempts).toBe(expected.attempts);
      expect(state.lastAttemptAt?.getTime()).toBe(expected.lastAttemptMs);
      expect(state.mastered).toBe(expected.mastered);
      expect(state.reviewLevel).toBe(expected.reviewLevel);
    });
  });

  it("leaves other topics at the prior", () => {
    const mastery = computeMastery(history);
    expect(mastery["double-descent"].estimate).toBe(0.25);
    expect(mastery["double-descent"].attempts).toBe(0);
  });
});

describe("computeMastery random history", () => {
  it("matches the fixture after every attempt", () => {
    const attempts = fixture.randomHistory.attempts.map(fromFixture);
    fixture.randomHistory.after.forEach((expectedByTopic, i) => {
      const mastery = computeMastery(attempts.slice(0, i + 1));
      for (const [topic, expected] of Object.entries(expectedByTopic)) {
        const state = mastery[topic as TopicId];
        const where = `${topic} after attempt ${i + 1}`;
        expect(state.estimate, where).toBeCloseTo(expected.estimate, 12);
        expect(state.attempts, where).toBe(expected.attempts);
        expect(state.lastAttemptAt?.getTime(), where).toBe(expected.lastAttemptMs);
        expect(state.mastered, where).toBe(expected.mastered);
        expect(state.reviewLevel, where).toBe(expected.reviewLevel);
      }
    });
  });
});

describe("computeMastery edge cases", () => {
  it("returns the prior for every topic without attempts", () => {
    // Also the case where every submission was a format error and the caller excluded them all.
    const mastery = computeMastery([]);
    expect(Object.keys(mastery).sort()).toEqual([...TOPIC_IDS].sort());
    for (const topic of TOPIC_IDS) {
      expect(mastery[topic]).toEqual({
        topic,
        estimate: 0.25,
        attempts: 0,
        lastAttemptAt: null,
        mastered: false,
        reviewLevel: 0,
      });
    }
  });

  it("rejects an ungraded score", () => {
    // A format-error submission has no score; passing it through by mistake must fail loudly.
    expect(() => computeMastery([attempt("regularization", Number.NaN, T0)])).toThrow(MasteryInputError);
    expect(() => computeMastery([attempt("regularization", 1.5, T0)])).toThrow(/score/);
  });

  it("discounts later tries on one variant", () => {
    // Six wrong tries: the estimate is multiplied by 1 − 0.35·0.5^(k−1), i.e. by
    // 0.65, 0.825, 0.9125, 0.95625, 0.978125, 0.9890625.
    const tries = [1, 2, 3, 4, 5, 6].map((k) => attempt("weight-sharing", 0, T0 + k * MINUTE, k));
    const factors = [0.65, 0.825, 0.9125, 0.95625, 0.978125, 0.9890625];
    let expected = 0.25;
    let previousDrop = Number.POSITIVE_INFINITY;
    let previous = 0.25;
    tries.forEach((_, i) => {
      expected *= factors[i] as number;
      const estimate = computeMastery(tries.slice(0, i + 1))["weight-sharing"].estimate;
      expect(estimate, `after try ${i + 1}`).toBeCloseTo(expected, 14);
      const drop = previous - estimate;
      expect(drop, `drop at try ${i + 1}`).toBeLessThan(previousDrop);
      previousDrop = drop;
      previous = estimate;
    });
    // 0.25 · 0.65 · 0.825 · 0.9125 · 0.95625 · 0.978125 · 0.9890625 ≈ 0.12654
    expect(computeMastery(tries)["weight-sharing"].attempts).toBe(6);
  });

  it("gives a correct third try less credit than a correct first try", () => {
    // First try: 0.25 + 0.35·0.75 = 0.5125. Third try alone: 0.25 + 0.0875·0.75 = 0.315625.
    const first = computeMastery([attempt("regularization", 1, T0, 1)]).regularization.estimate;
    const third = computeMastery([attempt("regularization", 1, T0, 3)]).regularization.estimate;
    expect(first).toBeCloseTo(0.5125, 14);
    expect(third).toBeCloseTo(0.315625, 14);
  });

  it("never masters a student who always needs two tries", () => {
    // A wrong try 1 then a correct try 2 maps m to 0.65·m + 0.175·(1 − 0.65·m) = 0.175 + 0.53625·m,
    // whose fixed point is 0.175 / 0.46375 ≈ 0.37736.
    const history = Array.from({ length: 100 }, (_, k) => [
      attempt("output-and-loss", 0, T0 + k * DAY, 1),
      attempt("output-and-loss", 1, T0 + k * DAY + MINUTE, 2),
    ]).flat();
    const state = computeMastery(history)["output-and-loss"];
    expect(state.estimate).toBeCloseTo(0.175 / 0.46375, 12);
    expect(state.mastered).toBe(false);
  });

  it("weights answers after the solution by 0.2", () => {
    // Correct after the solution: 0.25 + 0.35·0.2·0.75 = 0.3025; wrong: 0.25 − 0.07·0.25 = 0.2325.
    const correct = computeMastery([attempt("double-descent", 1, T0, 1, true)])["double-descent"];
    const wrong = computeMastery([attempt("double-descent", 0, T0, 1, true)])["double-descent"];
    expect(correct.estimate).toBeCloseTo(0.3025, 14);
    expect(wrong.estimate).toBeCloseTo(0.2325, 14);
    expect(correct.attempts).toBe(1);
    expect(correct.lastAttemptAt?.getTime()).toBe(T0);
  });

  it("ignores answers after the solution at weight 0", () => {
    const parameters: MasteryParameters = { ...MASTERY_PARAMETERS, afterSolutionWeight: 0 };
    const state = computeMastery([attempt("double-descent", 1, T0, 1, true)], parameters)["double-descent"];
    expect(state.estimate).toBe(0.25);
    expect(state.attempts).toBe(1);
    expect(state.lastAttemptAt?.getTime()).toBe(T0);
  });

  it("credits every topic of a multi-topic question once", () => {
    const mastery = computeMastery([
      { topics: ["double-descent", "regularization", "double-descent"], score: 1, tryNumber: 1, afterSolution: false, at: new Date(T0) },
    ]);
    // Each topic: 0.25 + 0.35·0.75 = 0.5125, with one attempt even though one id is listed twice.
    expect(mastery["double-descent"].estimate).toBeCloseTo(0.5125, 14);
    expect(mastery["double-descent"].attempts).toBe(1);
    expect(mastery.regularization.estimate).toBeCloseTo(0.5125, 14);
    expect(mastery["bias-variance"].attempts).toBe(0);
  });

  it("rejects attempts out of order", () => {
    const history = [attempt("regularization", 1, T0 + MINUTE), attempt("regularization", 1, T0)];
    expect(() => computeMastery(history)).toThrow(/chronological order/);
  });

  it("accepts attempts with equal times", () => {
    const history = [attempt("regularization", 0, T0), attempt("regularization", 1, T0, 2)];
    // 0.1625, then w = 0.5: 0.1625 + 0.175·0.8375 = 0.3090625
    expect(computeMastery(history).regularization.estimate).toBeCloseTo(0.3090625, 14);
  });

  it("rejects an unknown topic and a bad try number", () => {
    const unknownTopic = { ...attempt("regularization", 1, T0), topics: ["not-a-topic"] } as unknown as MasteryAttempt;
    expect(() => computeMastery([unknownTopic])).toThrow(MasteryInputError);
    expect(() => computeMastery([attempt("regularization", 1, T0, 0)])).toThrow(/tryNumber/);
    expect(() => computeMastery([attempt("regularization", 1, Number.NaN)])).toThrow(MasteryInputError);
  });

  it("rejects invalid parameters", () => {
    expect(() => computeMastery([], { ...MASTERY_PARAMETERS, learningRate: 0 })).toThrow(/learningRate/);
    expect(() => computeMastery([], { ...MASTERY_PARAMETERS, reviewIntervalsDays: [1, 1] })).toThrow(/strictly increasing/);
  });
});

describe("computeMastery review levels", () => {
  // Four clean correct first tries from the prior reach 1 − 0.75·0.65⁴ = 0.8661203125 ≥ 0.8.
  const reachMastery = [0, 1, 2, 3].map((k) => attempt("exam-reasoning", 1, T0 + k * MINUTE));

  it("masters a new topic after four correct first tries", () => {
    expect(computeMastery(reachMastery.slice(0, 3))["exam-reasoning"].estimate).toBeCloseTo(0.79403125, 14);
    expect(computeMastery(reachMastery.slice(0, 3))["exam-reasoning"].mastered).toBe(false);
    const state = computeMastery(reachMastery)["exam-reasoning"];
    expect(state.estimate).toBeCloseTo(0.8661203125, 14);
    expect(state.mastered).toBe(true);
    expect(state.reviewLevel).toBe(0);
  });

  it("promotes once per interval of 1, 3, 7, 14, 30 and 60 days", () => {
    const history = [...reachMastery];
    let at = T0 + 3 * MINUTE;
    for (const [level, days] of [1, 3, 7, 14, 30, 60, 60].entries()) {
      at += days * DAY;
      history.push(attempt("exam-reasoning", 1, at));
      expect(computeMastery(history)["exam-reasoning"].reviewLevel, `review after ${days} days`).toBe(level + 1);
    }
  });

  it("keeps the level for practice before the interval", () => {
    const early = [...reachMastery, attempt("exam-reasoning", 1, T0 + 3 * MINUTE + DAY - 1)];
    expect(computeMastery(early)["exam-reasoning"].reviewLevel).toBe(0);
  });

  it("resets the level after a partly correct answer", () => {
    // A review two days later reaches level 1. A 0.9 first try then moves m 35 % of the way
    // down to 0.9, so the topic stays mastered, but the intervals restart.
    const history = [...reachMastery, attempt("exam-reasoning", 1, T0 + 2 * DAY)];
    expect(computeMastery(history)["exam-reasoning"].reviewLevel).toBe(1);
    history.push(attempt("exam-reasoning", 0.9, T0 + 6 * DAY));
    const state = computeMastery(history)["exam-reasoning"];
    expect(state.mastered).toBe(true);
    expect(state.reviewLevel).toBe(0);
  });

  it("unmasters a topic after a wrong first try", () => {
    // From any m ≤ 1, a wrong first try gives at most 0.65 < 0.8.
    const history = [...reachMastery, attempt("exam-reasoning", 0, T0 + 2 * DAY)];
    const state = computeMastery(history)["exam-reasoning"];
    expect(state.estimate).toBeCloseTo(0.65 * 0.8661203125, 14);
    expect(state.mastered).toBe(false);
    expect(state.reviewLevel).toBe(0);
  });

  it("does not promote on a correct answer after the solution", () => {
    const history = [...reachMastery, attempt("exam-reasoning", 1, T0 + 2 * DAY, 1, true)];
    expect(computeMastery(history)["exam-reasoning"].reviewLevel).toBe(0);
  });

  it("reads the interval table", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((level) => reviewIntervalDays(level))).toEqual([1, 3, 7, 14, 30, 60, 60, 60]);
    expect(attemptWeight({ tryNumber: 3, afterSolution: true })).toBeCloseTo(0.05, 15);
  });
});

describe("computeMastery properties", () => {
  const topics: TopicId[] = ["bias-variance", "double-descent", "regularization"];
  const scores = [0, 0.25, 0.5, 0.75, 1];

  function randomHistory(seed: number, length: number): MasteryAttempt[] {
    const rng = createRng(seed);
    let at = T0;
    return Array.from({ length }, () => {
      at += rng.integer(0, 3 * DAY);
      return {
        topics: rng.shuffle(topics).slice(0, rng.integer(1, 2)),
        score: rng.choice(scores),
        tryNumber: rng.integer(1, 5),
        afterSolution: rng.integer(0, 5) === 0,
        at: new Date(at),
      };
    });
  }

  it("keeps every estimate in [0, 1]", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const history = randomHistory(seed, 80);
      for (const state of Object.values(computeMastery(history))) {
        expect(state.estimate, `seed ${seed}, ${state.topic}`).toBeGreaterThanOrEqual(0);
        expect(state.estimate, `seed ${seed}, ${state.topic}`).toBeLessThanOrEqual(1);
      }
    }
    const allOnes = Array.from({ length: 200 }, (_, k) => attempt("regularization", 1, T0 + k * MINUTE));
    expect(computeMastery(allOnes).regularization.estimate).toBeLessThanOrEqual(1);
  });

  it("never lowers an estimate on a correct first try", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const history = randomHistory(seed, 30);
      const before = computeMastery(history);
      const last = history[history.length - 1] as MasteryAttempt;
      const after = computeMastery([...history, { ...last, score: 1, tryNumber: 1, afterSolution: false }]);
      for (const topic of topics) {
        expect(after[topic].estimate, `seed ${seed}, ${topic}`).toBeGreaterThanOrEqual(before[topic].estimate);
      }
    }
  });

  it("raises an estimate with each extra correct answer", () => {
    const history: MasteryAttempt[] = [attempt("splines-and-legendre", 0, T0)];
    let previous = computeMastery(history)["splines-and-legendre"].estimate;
    for (let k = 1; k <= 20; k++) {
      history.push(attempt("splines-and-legendre", 1, T0 + k * MINUTE, 1 + (k % 3), k % 4 === 0));
      const estimate = computeMastery(history)["splines-and-legendre"].estimate;
      expect(estimate, `after correct answer ${k}`).toBeGreaterThan(previous);
      previous = estimate;
    }
  });

  it("never lowers an estimate when a score is raised", () => {
    // The final estimate is affine in each score with a non-negative coefficient.
    for (let seed = 1; seed <= 40; seed++) {
      const history = randomHistory(seed, 25);
      const index = seed % history.length;
      const raised = history.map((item, i) => (i === index ? { ...item, score: 1 } : item));
      const before = computeMastery(history);
      const after = computeMastery(raised);
      for (const topic of topics) {
        expect(after[topic].estimate, `seed ${seed}, ${topic}`).toBeGreaterThanOrEqual(before[topic].estimate - 1e-15);
      }
    }
  });
});
