import { pearson } from "./stats";

/** Discrimination of one question: Pearson r between its score and the rest score, over `students` students. */
export interface Discrimination {
  /** Null when fewer than 3 students qualify or either score has zero variance. */
  r: number | null;
  /** Students who attempted this question and at least one other question. */
  students: number;
}

/**
 * Computes every question's discrimination from best scores (docs/analytics.md). For question q
 * and each student s who attempted q and at least one other question: x = best score of s on q,
 * y = mean of the best scores of s on every other question s attempted. r = Pearson(x, y).
 */
export function computeDiscrimination(
  bestScores: readonly { userId: string; questionId: string; bestScore: number }[],
): Map<string, Discrimination> {
  const byStudent = new Map<string, Map<string, number>>();
  const questionIds = new Set<string>();
  for (const row of bestScores) {
    let scores = byStudent.get(row.userId);
    if (scores === undefined) {
      scores = new Map();
      byStudent.set(row.userId, scores);
    }
    scores.set(row.questionId, row.bestScore);
    questionIds.add(row.questionId);
  }

  const result = new Map<string, Discrimination>();
  for (const questionId of questionIds) {
    const xs: number[] = [];
    const ys: number[] = [];
    for (const scores of byStudent.values()) {
      const own = scores.get(questionId);
      if (own === undefined || scores.size < 2) continue;
      // The mean of the other questions' best scores, summed in the same order as mean() would.
      let sum = 0;
      for (const [otherId, score] of scores) if (otherId !== questionId) sum += score;
      xs.push(own);
      ys.push(sum / (scores.size - 1));
    }
    result.set(questionId, { r: pearson(xs, ys), students: xs.length });
  }
  return result;
}
