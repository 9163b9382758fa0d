import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ClosedVariantRow, GradedHistoryRow } from "@/lib/db";
import { replayMasteryByDay, toMasteryInput } from "@/lib/practice/mastery-history";
import { computeMastery, computeMasteryAfterPrefixes, MasteryInputError, type MasteryAttempt } from "@/lib/practice/mastery";
import type { TopicId } from "@/lib/questions/topics";

// Expected estimates are hand arithmetic with the default parameters (prior 0.25, α = 0.35,
// try discount 0.5, after-solution weight 0.2), written out beside each check.

const T0 = Date.parse("2025-03-03T09:00:00Z");
const MINUTE = 60_000;

const TOPICS: Record<string, TopicId[]> = {
  "rnn-parameter-count": ["weight-sharing"],
  "keras-summary-table": ["weight-sharing"],
  "bias-variance-table": ["bias-variance", "exam-reasoning"],
};
const topicsOf = (questionId: string): TopicId[] | null => TOPICS[questionId] ?? null;

function row(submissionId: string, variantId: string, questionId: string, totalScore: number, minutes: number): GradedHistoryRow {
  return { submissionId, variantId, questionId, totalScore, createdAt: new Date(T0 + minutes * MINUTE) };
}

function closed(variantId: string, questionId: string, minutes: number): ClosedVariantRow {
  return { variantId, questionId, closedAt: new Date(T0 + minutes * MINUTE) };
}

describe("toMasteryInput", () => {
  const history = {
    attempts: [
      row("s1", "v1", "rnn-parameter-count", 0, 0),
      row("s2", "v1", "rnn-parameter-count", 1, 5),
      row("s3", "v2", "rnn-parameter-count", 1, 10),
      row("s4", "v3", "keras-summary-table", 0.5, 15),
      row("s5", "v4", "removed-question", 1, 20),
    ],
    // v1 closed when s2 solved it, a moment after s2 was stored.
    closedVariants: [closed("v1", "rnn-parameter-count", 5.001)],
  };

  it("numbers tries within each variant", () => {
    const input = toMasteryInput(history, topicsOf);
    expect(input.attempts.map((attempt) => attempt.tryNumber)).toEqual([1, 2, 1, 1]);
  });

  it("flags answers after another variant closed", () => {
    const input = toMasteryInput(history, topicsOf);
    // s1, s2 are on v1 itself; s3 follows v1's close on the same question; s4 is another question.
    expect(input.attempts.map((attempt) => attempt.afterSolution)).toEqual([false, false, true, false]);
  });

  it("ignores a variant closed after the answer", () => {
    const input = toMasteryInput(
      { attempts: [row("s1", "v1", "rnn-parameter-count", 1, 0), row("s2", "v2", "rnn-parameter-count", 1, 10)], closedVariants: [closed("v1", "rnn-parameter-count", 10)] },
      topicsOf,
    );
    // v1 closed at exactly s2's time, which is not strictly before.
    expect(input.attempts[1]?.afterSolution).toBe(false);
  });

  it("skips questions without known topics", () => {
    const input = toMasteryInput(history, topicsOf);
    expect(input.attempts.map((attempt) => attempt.submissionId)).toEqual(["s1", "s2", "s3", "s4"]);
    expect(input.skippedQuestionIds).toEqual(["removed-question"]);
  });

  it("gives the hand-computed estimate", () => {
    const mastery = computeMastery(toMasteryInput(history, topicsOf).attempts);
    // s1: 0.25 + 0.35·(0 − 0.25) = 0.1625
    // s2: try 2, weight 0.5: 0.1625 + 0.175·(1 − 0.1625) = 0.3090625
    // s3: after the solution, weight 0.2: 0.3090625 + 0.07·(1 − 0.3090625) = 0.357428125
    // s4: 0.357428125 + 0.35·(0.5 − 0.357428125) = 0.40732828125
    expect(mastery["weight-sharing"].estimate).toBeCloseTo(0.40732828125, 12);
    expect(mastery["weight-sharing"].attempts).toBe(4);
    expect(mastery["weight-sharing"].mastered).toBe(false);
    expect(mastery["bias-variance"].estimate).toBe(0.25);
  });

  it("returns empty input for an empty history", () => {
    const input = toMasteryInput({ attempts: [], closedVariants: [] }, topicsOf);
    expect(input.attempts).toEqual([]);
    expect(input.skippedQuestionIds).toEqual([]);
  });
});

describe("replayMasteryByDay", () => {
  function attempt(topics: TopicId[], score: number, iso: string): MasteryAttempt {
    return { topics, score, tryNumber: 1, afterSolution: false, at: new Date(iso) };
  }

  const attempts = [
    attempt(["bias-variance"], 1, "2025-03-03T09:00:00Z"),
    attempt(["bias-variance"], 1, "2025-03-03T09:10:00Z"),
    attempt(["regularization"], 0, "2025-03-04T23:59:59Z"),
    attempt(["bias-variance", "exam-reasoning"], 1, "2025-03-05T00:00:00Z"),
  ];

  it("gives one point per UTC day", () => {
    const points = replayMasteryByDay(attempts);
    expect(points.map((point) => point.day)).toEqual(["2025-03-03", "2025-03-04", "2025-03-05"]);
    expect(points.map((point) => point.attemptsThatDay)).toEqual([2, 1, 1]);
  });

  it("gives the estimates at each day's end", () => {
    const points = replayMasteryByDay(attempts);
    // Day 1: 0.25 → 0.5125 → 1 − 0.65·0.4875 = 0.683125.
    expect(points[0]?.estimates["bias-variance"]).toBeCloseTo(0.683125, 12);
    expect(points[0]?.estimates.regularization).toBe(0.25);
    // Day 2: regularization 0.25 − 0.35·0.25 = 0.1625; bias-variance unchanged.
    expect(points[1]?.estimates.regularization).toBeCloseTo(0.1625, 12);
    expect(points[1]?.estimates["bias-variance"]).toBeCloseTo(0.683125, 12);
    // Day 3: bias-variance 1 − 0.65·0.316875 = 0.79403125; exam-reasoning 0.5125.
    expect(points[2]?.estimates["bias-variance"]).toBeCloseTo(0.79403125, 12);
    expect(points[2]?.estimates["exam-reasoning"]).toBeCloseTo(0.5125, 12);
  });

  it("returns no points without attempts", () => {
    expect(replayMasteryByDay([])).toEqual([]);
  });
});

describe("computeMasteryAfterPrefixes", () => {
  interface FixtureState {
    estimate: number;
    attempts: number;
    lastAttemptMs: number;
    mastered: boolean;
    reviewLevel: number;
  }
  // The 60-attempt history and its states after every attempt, computed in exact rational
  // arithmetic by fixtures/make-mastery-fixtures.py.
  const fixture = JSON.parse(readFileSync(new URL("./fixtures/mastery.json", import.meta.url), "utf8")) as {
    randomHistory: {
      attempts: { topics: TopicId[]; score: number; tryNumber: number; afterSolution: boolean; atMs: number }[];
      after: Record<string, FixtureState>[];
    };
  };
  const attempts = fixture.randomHistory.attempts.map(({ atMs, ...rest }) => ({ ...rest, at: new Date(atMs) }));

  it("matches the reference after every attempt", () => {
    const lengths = attempts.map((_, index) => index + 1);
    const snapshots = computeMasteryAfterPrefixes(attempts, lengths);
    expect(snapshots).toHaveLength(attempts.length);
    fixture.randomHistory.after.forEach((expectedByTopic, index) => {
      for (const [topic, expected] of Object.entries(expectedByTopic)) {
        const state = snapshots[index]?.[topic as TopicId];
        const where = `${topic} after attempt ${index + 1}`;
        expect(state?.estimate, where).toBeCloseTo(expected.estimate, 12);
        expect(state?.attempts, where).toBe(expected.attempts);
        expect(state?.mastered, where).toBe(expected.mastered);
        expect(state?.reviewLevel, where).toBe(expected.reviewLevel);
      }
    });
  });

  it("keeps earlier snapshots unchanged", () => {
    const [empty, all] = computeMasteryAfterPrefixes(attempts, [0, attempts.length]);
    expect(empty?.["bias-variance"].estimate).toBe(0.25);
    expect(empty?.["bias-variance"].attempts).toBe(0);
    expect(all?.["bias-variance"].attempts).toBe(attempts.filter((attempt) => attempt.topics.includes("bias-variance")).length);
  });

  it.each([[[2, 1]], [[1.5]], [[-1]], [[61]]])("rejects prefix lengths %j", (lengths) => {
    expect(() => computeMasteryAfterPrefixes(attempts, lengths)).toThrow(MasteryInputError);
  });
});
