import { describe, expect, it } from "vitest";

import {
  AssemblyError,
  assembleFromBank,
  computeDeadline,
  defaultTimeLimitMinutes,
  examScore,
  expandAssessmentSpec,
  isPastDeadline,
  secondsLeft,
  topicScores,
  weakestTopics,
  windowProblem,
  type BankQuestion,
} from "@/lib/exams/rules";

/** Deterministic stand-in for Math.random: a linear congruential generator (Numerical Recipes constants). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const BANK: BankQuestion[] = [
  { id: "a1", topics: ["a"], expectedMinutes: 4 },
  { id: "a2", topics: ["a"], expectedMinutes: 6 },
  { id: "a3", topics: ["a"], expectedMinutes: 5 },
  { id: "b1", topics: ["b"], expectedMinutes: 10 },
  { id: "b2", topics: ["b", "c"], expectedMinutes: 8 },
  { id: "c1", topics: ["c"], expectedMinutes: 3 },
];

describe("deadline arithmetic", () => {
  const start = new Date("2026-12-05T14:00:00.000Z");

  it("adds the limit in minutes", () => {
    // 14:00 + 45 min = 14:45.
    expect(computeDeadline({ startedAt: start, timeLimitMinutes: 45 }).toISOString()).toBe("2026-12-05T14:45:00.000Z");
  });

  it("adds extra minutes", () => {
    // 14:00 + 45 + 20 = 15:05.
    expect(computeDeadline({ startedAt: start, timeLimitMinutes: 45, extraMinutes: 20 }).toISOString()).toBe("2026-12-05T15:05:00.000Z");
  });

  it("caps the deadline at closesAt", () => {
    const closesAt = new Date("2026-12-05T14:30:00.000Z");
    // 14:00 + 45 + 20 = 15:05, later than the 14:30 close.
    expect(computeDeadline({ startedAt: start, timeLimitMinutes: 45, extraMinutes: 20, closesAt }).toISOString()).toBe(closesAt.toISOString());
  });

  it("ignores a closesAt after the limit", () => {
    const closesAt = new Date("2026-12-05T18:00:00.000Z");
    expect(computeDeadline({ startedAt: start, timeLimitMinutes: 1, closesAt }).toISOString()).toBe("2026-12-05T14:01:00.000Z");
  });

  it("treats the deadline instant as late", () => {
    const deadline = new Date("2026-12-05T14:05:00.000Z");
    expect(isPastDeadline(deadline, new Date("2026-12-05T14:04:59.999Z"))).toBe(false);
    expect(isPastDeadline(deadline, deadline)).toBe(true);
    expect(isPastDeadline(deadline, new Date("2026-12-05T14:05:00.001Z"))).toBe(true);
  });

  it("counts whole seconds left, never negative", () => {
    const deadline = new Date("2026-12-05T14:05:00.000Z");
    // 90.5 s left rounds up to 91 s.
    expect(secondsLeft(deadline, new Date("2026-12-05T14:03:29.500Z"))).toBe(91);
    expect(secondsLeft(deadline, new Date("2026-12-05T14:06:00.000Z"))).toBe(0);
  });

  it("sums and rounds up the default limit", () => {
    expect(defaultTimeLimitMinutes([4, 6, 10])).toBe(20);
    expect(defaultTimeLimitMinutes([2.5, 3.25])).toBe(6);
    expect(defaultTimeLimitMinutes([])).toBe(1);
  });

  it("reports the opening window", () => {
    const window = { opensAt: new Date("2026-12-05T09:00:00Z"), closesAt: new Date("2026-12-05T17:00:00Z") };
    expect(windowProblem(window, new Date("2026-12-05T08:59:59Z"))).toBe("not_open");
    expect(windowProblem(window, new Date("2026-12-05T09:00:00Z"))).toBeNull();
    expect(windowProblem(window, new Date("2026-12-05T17:00:00Z"))).toBe("closed");
    expect(windowProblem({ opensAt: null, closesAt: null }, new Date())).toBeNull();
  });
});

describe("assembly from the bank", () => {
  it("draws distinct questions", () => {
    for (let seed = 1; seed <= 50; seed += 1) {
      const chosen = assembleFromBank({ questions: BANK, count: 6, random: seededRandom(seed) });
      expect(new Set(chosen.map((question) => question.id)).size).toBe(6);
    }
  });

  it("spreads questions across topics", () => {
    // Three topics, three questions: one round of the round robin takes one question per topic,
    // so topics a, b and c each appear (b2 may stand for b or c, but then c1 or b1 covers the other).
    for (let seed = 1; seed <= 50; seed += 1) {
      const chosen = assembleFromBank({ questions: BANK, count: 3, random: seededRandom(seed) });
      const aCount = chosen.filter((question) => question.topics.includes("a")).length;
      expect(aCount, `seed ${seed}: ${chosen.map((q) => q.id).join(",")}`).toBe(1);
    }
  });

  it("keeps to the chosen topics", () => {
    for (let seed = 1; seed <= 20; seed += 1) {
      const chosen = assembleFromBank({ questions: BANK, count: 3, topics: ["b", "c"], random: seededRandom(seed) });
      expect(chosen.map((question) => question.id).sort()).toEqual(["b1", "b2", "c1"]);
    }
  });

  it("rejects a count above the eligible questions", () => {
    expect(() => assembleFromBank({ questions: BANK, count: 4, topics: ["b", "c"], random: seededRandom(1) })).toThrow(AssemblyError);
    expect(() => assembleFromBank({ questions: BANK, count: 4, topics: ["b", "c"], random: seededRandom(1) })).toThrow(/Only 3 questions/);
  });
});

describe("assessment question lists", () => {
  it("puts fixed questions first", () => {
    const chosen = expandAssessmentSpec({ spec: [{ questionId: "b1" }, { questionId: "a2" }], questions: BANK, random: seededRandom(3) });
    expect(chosen.map((question) => question.id)).toEqual(["b1", "a2"]);
  });

  it("draws pools without repeating fixed questions", () => {
    for (let seed = 1; seed <= 30; seed += 1) {
      const chosen = expandAssessmentSpec({ spec: [{ topic: "a", count: 2 }, { questionId: "a1" }], questions: BANK, random: seededRandom(seed) });
      const ids = chosen.map((question) => question.id);
      expect(ids[0]).toBe("a1");
      expect(ids.slice(1).sort()).toEqual(["a2", "a3"]);
    }
  });

  it("rejects an unknown question", () => {
    expect(() => expandAssessmentSpec({ spec: [{ questionId: "zz" }], questions: BANK, random: seededRandom(1) })).toThrow(/"zz" is not in the question bank/);
  });

  it("rejects an oversized pool", () => {
    // Topic c has b2 and c1; b2 is fixed, so one is left for a pool of 2.
    expect(() =>
      expandAssessmentSpec({ spec: [{ questionId: "b2" }, { topic: "c", count: 2 }], questions: BANK, random: seededRandom(1) }),
    ).toThrow(/Topic "c" has 1 questions left/);
  });
});

describe("scores", () => {
  it("averages item scores", () => {
    // (1 + 0.5 + 0 + 0.25) / 4 = 0.4375
    expect(examScore([1, 0.5, 0, 0.25])).toBeCloseTo(0.4375, 12);
    expect(examScore([])).toBe(0);
  });

  it("scores each topic of a question", () => {
    const scores = topicScores([
      { topics: ["a"], score: 1 },
      { topics: ["a", "b"], score: 0.5 },
      { topics: ["b"], score: 0 },
    ]);
    // a: (1 + 0.5) / 2 = 0.75 over 2 items; b: (0.5 + 0) / 2 = 0.25 over 2 items.
    expect(scores).toEqual([
      { topic: "a", items: 2, meanScore: 0.75 },
      { topic: "b", items: 2, meanScore: 0.25 },
    ]);
  });

  it("orders weakest topics and skips full ones", () => {
    const weakest = weakestTopics([
      { topic: "a", meanScore: 0.75 },
      { topic: "b", meanScore: 0.25 },
      { topic: "c", meanScore: 1 },
      { topic: "d", meanScore: 0.5 },
    ]);
    expect(weakest).toEqual(["b", "d", "a"]);
  });
});
