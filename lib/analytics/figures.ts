import { CORRECT_SCORE_THRESHOLD } from "@/lib/grading/score";

import { computeDiscrimination, type Discrimination } from "./discrimination";
import { median } from "./stats";

/** One gradable submission in scope, as selectGradedAttempts returns it. */
export interface GradedAttempt {
  userId: string;
  questionId: string;
  score: number;
  tryNumber: number;
  timeTakenMs: number | null;
}

export interface RawQuestionFigures {
  questionId: string;
  attempts: number;
  students: number;
  facility: number;
  discrimination: Discrimination;
  medianTimeMs: number | null;
  firstTry: { variants: number; correct: number; rate: number | null };
}

/**
 * Computes the per-question figures of docs/analytics.md in one pass over the gradable
 * submissions, so a page reads the submission rows once instead of once per figure.
 */
export function computeQuestionFigures(attempts: readonly GradedAttempt[]): RawQuestionFigures[] {
  const byQuestion = new Map<string, { scoreSum: number; count: number; students: Set<string>; times: number[]; firstTries: number; firstTryCorrect: number }>();
  // Best score per student, then question; nested maps avoid a composite string key per attempt.
  const best = new Map<string, Map<string, { userId: string; questionId: string; bestScore: number }>>();

  for (const attempt of attempts) {
    let entry = byQuestion.get(attempt.questionId);
    if (entry === undefined) {
      entry = { scoreSum: 0, count: 0, students: new Set(), times: [], firstTries: 0, firstTryCorrect: 0 };
      byQuestion.set(attempt.questionId, entry);
    }
    entry.scoreSum += attempt.score;
    entry.count += 1;
    entry.students.add(attempt.userId);
    if (attempt.timeTakenMs !== null) entry.times.push(attempt.timeTakenMs);
    if (attempt.tryNumber === 1) {
      entry.firstTries += 1;
      if (attempt.score >= CORRECT_SCORE_THRESHOLD) entry.firstTryCorrect += 1;
    }
    let studentBest = best.get(attempt.userId);
    if (studentBest === undefined) {
      studentBest = new Map();
      best.set(attempt.userId, studentBest);
    }
    const previous = studentBest.get(attempt.questionId);
    if (previous === undefined) studentBest.set(attempt.questionId, { userId: attempt.userId, questionId: attempt.questionId, bestScore: attempt.score });
    else if (attempt.score > previous.bestScore) previous.bestScore = attempt.score;
  }

  const discrimination = computeDiscrimination([...best.values()].flatMap((studentBest) => [...studentBest.values()]));
  return [...byQuestion.entries()].map(([questionId, entry]) => ({
    questionId,
    attempts: entry.count,
    students: entry.students.size,
    facility: entry.scoreSum / entry.count,
    discrimination: discrimination.get(questionId) ?? { r: null, students: 0 },
    medianTimeMs: median(entry.times),
    firstTry: {
      variants: entry.firstTries,
      correct: entry.firstTryCorrect,
      rate: entry.firstTries === 0 ? null : entry.firstTryCorrect / entry.firstTries,
    },
  }));
}
