import type { GradedHistory } from "@/lib/db";
import { TOPIC_IDS, type TopicId } from "@/lib/questions/topics";

import { computeMastery, MASTERY_PARAMETERS, type MasteryAttempt, type MasteryParameters } from "./mastery";

/**
 * Turns a student's stored submissions into the input of the mastery model and replays the model
 * over time. Pure: the caller loads the history (lib/db) and looks up question topics.
 */

/** A mastery-model attempt together with the stored submission and question it came from. */
export interface HistoryAttempt extends MasteryAttempt {
  submissionId: string;
  variantId: string;
  questionId: string;
}

export interface MasteryInput {
  /** Oldest first, one per gradable submission whose question has known topics. */
  attempts: HistoryAttempt[];
  /** Question ids of submissions left out because the question has no known topics (removed, or not in the registry). */
  skippedQuestionIds: string[];
}

/**
 * Derives the model input from the stored history.
 *
 * - tryNumber: the submission's position among the gradable submissions of its variant, from 1.
 * - afterSolution: true when another variant of the same question was closed strictly before the
 *   submission. A closed variant shows its worked solution, so from then on the student could
 *   have read it.
 *
 * NOTE: "New variant" also closes the old variant, so a student who drew a new variant without
 * opening the old one again is still counted as having seen that solution. The variant row does
 * not record whether the solution was viewed.
 */
export function toMasteryInput(
  history: Pick<GradedHistory, "attempts" | "closedVariants">,
  topicsOf: (questionId: string) => readonly TopicId[] | null,
): MasteryInput {
  // The two earliest closings per question suffice: if the earliest is the submission's own
  // variant, the second earliest decides.
  const earliestClosings = new Map<string, { variantId: string; closedAt: number }[]>();
  for (const closed of history.closedVariants) {
    const list = earliestClosings.get(closed.questionId) ?? [];
    list.push({ variantId: closed.variantId, closedAt: closed.closedAt.getTime() });
    list.sort((a, b) => a.closedAt - b.closedAt);
    earliestClosings.set(closed.questionId, list.slice(0, 2));
  }

  const triesByVariant = new Map<string, number>();
  const attempts: HistoryAttempt[] = [];
  const skipped = new Set<string>();
  for (const row of history.attempts) {
    const tryNumber = (triesByVariant.get(row.variantId) ?? 0) + 1;
    triesByVariant.set(row.variantId, tryNumber);

    const topics = topicsOf(row.questionId);
    if (topics === null || topics.length === 0) {
      skipped.add(row.questionId);
      continue;
    }

    const at = row.createdAt.getTime();
    const otherClosing = (earliestClosings.get(row.questionId) ?? []).find((closing) => closing.variantId !== row.variantId);
    attempts.push({
      submissionId: row.submissionId,
      variantId: row.variantId,
      questionId: row.questionId,
      topics: [...topics],
      score: row.totalScore,
      tryNumber,
      afterSolution: otherClosing !== undefined && otherClosing.closedAt < at,
      at: row.createdAt,
    });
  }
  return { attempts, skippedQuestionIds: [...skipped].sort() };
}

/** Mastery estimates of every topic at the end of one UTC day with attempts. */
export interface MasteryDayPoint {
  /** UTC calendar day, YYYY-MM-DD. */
  day: string;
  /** Attempts on that day (all topics). */
  attemptsThatDay: number;
  /** Estimate in [0, 1] per topic after the day's last attempt. */
  estimates: Record<TopicId, number>;
}

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Replays the model over the attempts and returns one point per UTC day that has attempts, in
 * time order, with every topic's estimate after that day. Attempts must be oldest first, as
 * toMasteryInput returns them.
 *
 * NOTE: each day recomputes the model from the first attempt, so the cost is days × attempts
 * model steps (e.g. 365 days × 5,000 attempts ≈ 1.8 million steps, each one line of arithmetic).
 */
export function replayMasteryByDay(
  attempts: readonly MasteryAttempt[],
  parameters: MasteryParameters = MASTERY_PARAMETERS,
): MasteryDayPoint[] {
  const points: MasteryDayPoint[] = [];
  let dayStart = 0;
  for (let index = 1; index <= attempts.length; index += 1) {
    const current = attempts[index - 1] as MasteryAttempt;
    const next = attempts[index];
    if (next !== undefined && utcDay(next.at) === utcDay(current.at)) continue;

    const mastery = computeMastery(attempts.slice(0, index), parameters);
    const estimates = Object.fromEntries(TOPIC_IDS.map((topic) => [topic, mastery[topic].estimate])) as Record<TopicId, number>;
    points.push({ day: utcDay(current.at), attemptsThatDay: index - dayStart, estimates });
    dayStart = index;
  }
  return points;
}
