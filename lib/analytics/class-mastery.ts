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
  // Closed variants by student, then question. Nested maps avoid building a composite string key
  // per attempt, which cost more than the mastery model itself on a large class.
  const closedByUser = new Map<string, Map<string, { variantId: string; closedAt: number }[]>>();
  for (const closed of input.closedVariants) {
    let byQuestion = closedByUser.get(closed.userId);
    if (byQuestion === undefined) {
      byQuestion = new Map();
      closedByUser.set(closed.userId, byQuestion);
    }
    const list = byQuestion.get(closed.questionId) ?? [];
    list.push({ variantId: closed.variantId, closedAt: closed.closedAt.getTime() });
    byQuestion.set(closed.questionId, list);
  }

  const topicsByQuestion = new Map<string, TopicId[]>();
  const attemptsByUser = new Map<string, MasteryAttempt[]>();
  const noClosed = new Map<string, { variantId: string; closedAt: number }[]>();
  // The attempts arrive grouped by student, so the student's lookups are kept between rows.
  let currentUserId: string | null = null;
  let currentClosed = noClosed;
  let currentList: MasteryAttempt[] = [];
  for (const attempt of input.attempts) {
    let topics = topicsByQuestion.get(attempt.questionId);
    if (topics === undefined) {
      topics = labelQuestion(attempt.questionId).topics;
      topicsByQuestion.set(attempt.questionId, topics);
    }
    if (topics.length === 0) continue;
    if (attempt.userId !== currentUserId) {
      currentUserId = attempt.userId;
      currentClosed = closedByUser.get(attempt.userId) ?? noClosed;
      let list = attemptsByUser.get(attempt.userId);
      if (list === undefined) {
        list = [];
        attemptsByUser.set(attempt.userId, list);
      }
      currentList = list;
    }
    const at = attempt.createdAt.getTime();
    const closed = currentClosed.get(attempt.questionId);
    const afterSolution = closed !== undefined && closed.some((entry) => entry.variantId !== attempt.variantId && entry.closedAt <= at);
    currentList.push({ topics, score: attempt.score, tryNumber: attempt.tryNumber, afterSolution, at: attempt.createdAt });
  }

  return input.userIds.map((userId) => {
    // The query orders by time already; the check keeps computeMastery's order contract if that changes.
    const attempts = attemptsByUser.get(userId) ?? [];
    if (!isInTimeOrder(attempts)) attempts.sort((a, b) => a.at.getTime() - b.at.getTime());
    const byTopic = computeMastery(attempts);
    const estimates = Object.fromEntries(
      Object.values(byTopic).map((state) => [state.topic, { estimate: state.estimate, attempts: state.attempts, mastered: state.mastered }]),
    ) as StudentMastery["estimates"];
    return { userId, estimates };
  });
}

function isInTimeOrder(attempts: readonly MasteryAttempt[]): boolean {
  for (let i = 1; i < attempts.length; i += 1) {
    if ((attempts[i - 1] as MasteryAttempt).at.getTime() > (attempts[i] as MasteryAttempt).at.getTime()) return false;
  }
  return true;
}
