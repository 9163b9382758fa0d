import { computeMastery, type MasteryAttempt } from "@/lib/practice/mastery";
import type { TopicId } from "@/lib/questions";

import { labelQuestion } from "./questions";

/** Mastery estimates of one student, per topic id, 0..1; topics without attempts keep the prior. */
export interface StudentMastery {
  userId: string;
  estimates: Record<TopicId, { estimate: number; attempts: number; mastered: boolean }>;
}

/**
 * Runs the per-topic mastery model (lib/practice/mastery.ts) for every student from their graded
 * attempts. An attempt counts as after the solution when the same student had closed another
 * variant of the same question before it, because a closed variant shows its worked solution.
 * Attempts at questions that the registry does not know (templates) carry no topics and are left out.
 */
export function computeClassMastery(input: {
  attempts: readonly { userId: string; questionId: string; variantId: string; score: number; tryNumber: number; createdAt: Date }[];
  closedVariants: readonly { userId: string; questionId: string; variantId: string; closedAt: Date }[];
  userIds: readonly string[];
}): StudentMastery[] {
  const closedByUserQuestion = new Map<string, { variantId: string; closedAt: number }[]>();
  for (const closed of input.closedVariants) {
    const key = `${closed.userId}\u0000${closed.questionId}`;
    const list = closedByUserQuestion.get(key) ?? [];
    list.push({ variantId: closed.variantId, closedAt: closed.closedAt.getTime() });
    closedByUserQuestion.set(key, list);
  }

  const topicsByQuestion = new Map<string, TopicId[]>();
  const attemptsByUser = new Map<string, MasteryAttempt[]>();
  for (const attempt of input.attempts) {
    let topics = topicsByQuestion.get(attempt.questionId);
    if (topics === undefined) {
      topics = labelQuestion(attempt.questionId).topics;
      topicsByQuestion.set(attempt.questionId, topics);
    }
    if (topics.length === 0) continue;
    const at = attempt.createdAt.getTime();
    const closed = closedByUserQuestion.get(`${attempt.userId}\u0000${attempt.questionId}`) ?? [];
    const afterSolution = closed.some((entry) => entry.variantId !== attempt.variantId && entry.closedAt <= at);
    const list = attemptsByUser.get(attempt.userId) ?? [];
    list.push({ topics, score: attempt.score, tryNumber: attempt.tryNumber, afterSolution, at: attempt.createdAt });
    attemptsByUser.set(attempt.userId, list);
  }

  return input.userIds.map((userId) => {
    // The query orders by time already; sorting again keeps computeMastery's order contract if it changes.
    const attempts = (attemptsByUser.get(userId) ?? []).sort((a, b) => a.at.getTime() - b.at.getTime());
    const byTopic = computeMastery(attempts);
    const estimates = Object.fromEntries(
      Object.values(byTopic).map((state) => [state.topic, { estimate: state.estimate, attempts: state.attempts, mastered: state.mastered }]),
    ) as StudentMastery["estimates"];
    return { userId, estimates };
  });
}
