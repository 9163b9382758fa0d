import { describe, expect, it } from "vitest";
import { createRng } from "@/lib/numerics";
import { computeMastery, MasteryInputError, type MasteryAttempt, type MasteryByTopic, type TopicMastery } from "@/lib/practice/mastery";
import { pickNextPractice, reviewDueAt, type QuestionTopics } from "@/lib/practice/scheduler";
import type { TopicId } from "@/lib/questions/topics";

// Expected picks follow the rule in docs/mastery.md by hand; the reasoning is in each comment.

const MINUTE = 60_000;
const DAY = 86_400_000;
const T0 = Date.parse("2025-03-03T09:00:00Z");

function attempt(topic: TopicId, score: number, atMs: number, tryNumber = 1, afterSolution = false): MasteryAttempt {
  return { topics: [topic], score, tryNumber, afterSolution, at: new Date(atMs) };
}

/** Mastery with the given topics overridden; every other topic keeps the state of no attempts. */
function masteryWith(overrides: Partial<Record<TopicId, Partial<TopicMastery>>>): MasteryByTopic {
  const mastery = computeMastery([]);
  for (const [topic, override] of Object.entries(overrides) as [TopicId, Partial<TopicMastery>][]) {
    mastery[topic] = { ...mastery[topic], ...override };
  }
  return mastery;
}

const QUESTIONS: QuestionTopics[] = [
  { id: "bias-variance-table", topics: ["bias-variance"] },
  { id: "interpolation-threshold", topics: ["double-descent"] },
  { id: "regularization-methods", topics: ["regularization"] },
  { id: "ridge-lasso-orthonormal", topics: ["regularization"] },
];

describe("pickNextPractice worked example", () => {
  // bias-variance: the mastery worked example, mastered at review level 1 with its last attempt
  // at 2025-03-06T10:00Z, so due 3 days later at 2025-03-09T10:00Z.
  // double-descent: one correct first try, 0.25 + 0.35·0.75 = 0.5125.
  // regularization: one wrong first try, 0.25 − 0.35·0.25 = 0.1625.
  const history: MasteryAttempt[] = [
    attempt("bias-variance", 0, T0, 1),
    attempt("bias-variance", 0.5, T0 + 5 * MINUTE, 2),
    attempt("bias-variance", 1, T0 + 10 * MINUTE, 3),
    attempt("bias-variance", 1, T0 + 20 * MINUTE, 1, true),
    attempt("bias-variance", 1, T0 + DAY),
    attempt("bias-variance", 1, T0 + DAY + 10 * MINUTE),
    attempt("bias-variance", 1, T0 + DAY + 20 * MINUTE),
    attempt("bias-variance", 1, T0 + 2 * DAY + 60 * MINUTE),
    attempt("double-descent", 1, T0 + 2 * DAY + 60 * MINUTE),
    attempt("regularization", 0, T0 + 2 * DAY + 90 * MINUTE),
    attempt("bias-variance", 1, T0 + 3 * DAY + 60 * MINUTE),
  ];
  const mastery = computeMastery(history);

  it("computes the due time of the mastered topic", () => {
    expect(mastery["bias-variance"].mastered).toBe(true);
    expect(mastery["bias-variance"].reviewLevel).toBe(1);
    expect(reviewDueAt(mastery["bias-variance"])?.toISOString()).toBe("2025-03-09T10:00:00.000Z");
    expect(reviewDueAt(mastery.regularization)).toBeNull();
  });

  it("picks the weakest topic before the review is due", () => {
    // 2025-03-08T12:00Z: bias-variance is not due; regularization (0.1625) is below
    // double-descent (0.5125). Topics without questions are never offered.
    const pick = pickNextPractice({
      mastery,
      questions: QUESTIONS,
      now: new Date("2025-03-08T12:00:00Z"),
      rng: createRng(7),
      recentQuestionIds: ["regularization-methods"],
    });
    expect(pick).toEqual({
      topic: "regularization",
      questionId: "ridge-lasso-orthonormal",
      reason: "weakest",
      estimate: 0.1625,
      dueAt: null,
    });
  });

  it("picks the due review first", () => {
    // 2025-03-09T12:00Z is two hours after bias-variance fell due.
    const pick = pickNextPractice({ mastery, questions: QUESTIONS, now: new Date("2025-03-09T12:00:00Z"), rng: createRng(7) });
    expect(pick?.topic).toBe("bias-variance");
    expect(pick?.questionId).toBe("bias-variance-table");
    expect(pick?.reason).toBe("review-due");
    expect(pick?.dueAt?.toISOString()).toBe("2025-03-09T10:00:00.000Z");
    expect(pick?.estimate).toBeCloseTo(0.92335102454947509765625, 14);
  });
});

describe("reviewDueAt", () => {
  it("grows the interval with the review level", () => {
    const last = new Date("2025-03-01T00:00:00Z");
    const expectedDays = [1, 3, 7, 14, 30, 60, 60];
    expectedDays.forEach((days, level) => {
      const state = masteryWith({ regularization: { estimate: 0.9, mastered: true, lastAttemptAt: last, reviewLevel: level } }).regularization;
      expect(reviewDueAt(state)?.getTime(), `level ${level}`).toBe(last.getTime() + days * DAY);
    });
  });

  it("returns null for a topic never attempted", () => {
    expect(reviewDueAt(computeMastery([]).regularization)).toBeNull();
  });
});

describe("pickNextPractice rule", () => {
  const now = new Date("2025-04-01T12:00:00Z");

  it("orders due reviews by due time", () => {
    // double-descent (level 0, last attempt 3 days ago) fell due 2 days ago. bias-variance
    // (level 1, last attempt 4 days ago) fell due 1 day ago. The earlier due time wins.
    const mastery = masteryWith({
      "double-descent": { estimate: 0.85, mastered: true, lastAttemptAt: new Date(now.getTime() - 3 * DAY), reviewLevel: 0 },
      "bias-variance": { estimate: 0.82, mastered: true, lastAttemptAt: new Date(now.getTime() - 4 * DAY), reviewLevel: 1 },
      regularization: { estimate: 0.1, attempts: 4, lastAttemptAt: new Date(now.getTime() - DAY) },
    });
    const pick = pickNextPractice({ mastery, questions: QUESTIONS, now, rng: createRng(1) });
    expect(pick?.topic).toBe("double-descent");
    expect(pick?.reason).toBe("review-due");
  });

  it("treats a review due exactly now as due", () => {
    const mastery = masteryWith({
      "double-descent": { estimate: 0.85, mastered: true, lastAttemptAt: new Date(now.getTime() - DAY), reviewLevel: 0 },
    });
    const pick = pickNextPractice({ mastery, questions: QUESTIONS, now, rng: createRng(1) });
    expect(pick?.topic).toBe("double-descent");
    const justBefore = pickNextPractice({ mastery, questions: QUESTIONS, now: new Date(now.getTime() - 1), rng: createRng(1) });
    expect(justBefore?.topic).not.toBe("double-descent");
  });

  it("breaks equal estimates by least recent practice", () => {
    // Both at 0.3; regularization was practised 5 days ago, double-descent 1 day ago.
    // bias-variance is mastered and not due, so it is skipped.
    const mastery = masteryWith({
      "bias-variance": { estimate: 0.9, mastered: true, lastAttemptAt: new Date(now.getTime() - MINUTE), reviewLevel: 0 },
      "double-descent": { estimate: 0.3, attempts: 2, lastAttemptAt: new Date(now.getTime() - DAY) },
      regularization: { estimate: 0.3, attempts: 2, lastAttemptAt: new Date(now.getTime() - 5 * DAY) },
    });
    for (let seed = 0; seed < 10; seed++) {
      const pick = pickNextPractice({ mastery, questions: QUESTIONS, now, rng: createRng(seed) });
      expect(pick?.topic, `seed ${seed}`).toBe("regularization");
    }
  });

  it("schedules ahead when every topic is mastered", () => {
    // Due times: bias-variance now + 1 day − 1 h, double-descent now + 2 days, regularization
    // now + 3 days − 1 h (level 1, last attempt 1 h ago). The soonest is bias-variance.
    const mastery = masteryWith({
      "bias-variance": { estimate: 0.9, mastered: true, lastAttemptAt: new Date(now.getTime() - 60 * MINUTE), reviewLevel: 0 },
      "double-descent": { estimate: 0.95, mastered: true, lastAttemptAt: new Date(now.getTime() - DAY), reviewLevel: 1 },
      regularization: { estimate: 0.99, mastered: true, lastAttemptAt: new Date(now.getTime() - 60 * MINUTE), reviewLevel: 1 },
    });
    const pick = pickNextPractice({ mastery, questions: QUESTIONS, now, rng: createRng(3) });
    expect(pick?.topic).toBe("bias-variance");
    expect(pick?.reason).toBe("ahead-of-schedule");
    expect(pick?.dueAt?.getTime()).toBe(now.getTime() + DAY - 60 * MINUTE);
  });

  it("draws among tied new topics with the Rng", () => {
    // With no attempts, the three topics with questions tie at the prior and were never practised.
    const mastery = computeMastery([]);
    const picked = new Set<string>();
    for (let seed = 0; seed < 30; seed++) {
      const first = pickNextPractice({ mastery, questions: QUESTIONS, now, rng: createRng(seed) });
      const again = pickNextPractice({ mastery, questions: QUESTIONS, now, rng: createRng(seed) });
      expect(again, `seed ${seed}`).toEqual(first);
      expect(first?.reason).toBe("weakest");
      picked.add(first?.topic ?? "none");
    }
    expect([...picked].sort()).toEqual(["bias-variance", "double-descent", "regularization"]);
  });

  it("ignores the order of the question list", () => {
    const mastery = computeMastery([]);
    const reversed = [...QUESTIONS].reverse();
    for (let seed = 0; seed < 20; seed++) {
      const forward = pickNextPractice({ mastery, questions: QUESTIONS, now, rng: createRng(seed) });
      const backward = pickNextPractice({ mastery, questions: reversed, now, rng: createRng(seed) });
      expect(backward, `seed ${seed}`).toEqual(forward);
    }
  });

  it("falls back to a recent question", () => {
    const mastery = masteryWith({ "double-descent": { estimate: 0.05, attempts: 3, lastAttemptAt: new Date(now.getTime() - DAY) } });
    const pick = pickNextPractice({
      mastery,
      questions: QUESTIONS,
      now,
      rng: createRng(1),
      recentQuestionIds: ["interpolation-threshold"],
    });
    expect(pick?.topic).toBe("double-descent");
    expect(pick?.questionId).toBe("interpolation-threshold");
  });

  it("returns null without usable questions", () => {
    const mastery = computeMastery([]);
    expect(pickNextPractice({ mastery, questions: [], now, rng: createRng(1) })).toBeNull();
    expect(pickNextPractice({ mastery, questions: [{ id: "untagged", topics: [] }], now, rng: createRng(1) })).toBeNull();
  });

  it("rejects invalid input", () => {
    const mastery = computeMastery([]);
    const unknownTopic = [{ id: "q", topics: ["not-a-topic"] }] as unknown as QuestionTopics[];
    expect(() => pickNextPractice({ mastery, questions: unknownTopic, now, rng: createRng(1) })).toThrow(MasteryInputError);
    expect(() => pickNextPractice({ mastery, questions: QUESTIONS, now: new Date(Number.NaN), rng: createRng(1) })).toThrow(/now/);
  });
});

describe("pickNextPractice spaced review", () => {
  it("brings a mastered topic back after 1, 3 and 7 days", () => {
    // The student masters regularization with four correct first tries, then answers each review
    // correctly exactly when it falls due. double-descent stays weak, so it is picked whenever
    // no review is due.
    const history: MasteryAttempt[] = [
      attempt("double-descent", 0, T0),
      ...[1, 2, 3, 4].map((k) => attempt("regularization", 1, T0 + k * MINUTE)),
    ];
    let last = T0 + 4 * MINUTE;
    for (const days of [1, 3, 7]) {
      const mastery = computeMastery(history);
      const due = last + days * DAY;
      const before = pickNextPractice({ mastery, questions: QUESTIONS, now: new Date(due - MINUTE), rng: createRng(5) });
      expect(before?.topic, `one minute before the ${days}-day review`).toBe("double-descent");
      const atDue = pickNextPractice({ mastery, questions: QUESTIONS, now: new Date(due), rng: createRng(5) });
      expect(atDue?.topic, `at the ${days}-day review`).toBe("regularization");
      expect(atDue?.reason).toBe("review-due");
      history.push(attempt("regularization", 1, due));
      last = due;
    }
    expect(computeMastery(history).regularization.reviewLevel).toBe(3);
  });
});
