import type { GradedHistory } from "@/lib/db";
import { TOPIC_IDS, type TopicId } from "@/lib/questions/topics";

import { computeMasteryAfterPrefixes, MASTERY_PARAMETERS, type MasteryAttempt, type MasteryByTopic, type MasteryParameters } from "./mastery";

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
 * toMasteryInput returns them. The model runs once over all attempts.
 */
export function replayMasteryByDay(
  attempts: readonly MasteryAttempt[],
  parameters: MasteryParameters = MASTERY_PARAMETERS,
): MasteryDayPoint[] {
  // Prefix length at the end of each day, and the attempts on that day.
  const dayEnds: { day: string; length: number; count: number }[] = [];
  attempts.forEach((attempt, index) => {
    const day = utcDay(attempt.at);
    const last = dayEnds.at(-1);
    if (last !== undefined && last.day === day) {
      last.length = index + 1;
      last.count += 1;
    } else {
      dayEnds.push({ day, length: index + 1, count: 1 });
    }
  });

  const snapshots = computeMasteryAfterPrefixes(
    attempts,
    dayEnds.map((end) => end.length),
    parameters,
  );
  return dayEnds.map((end, index) => {
    const mastery = snapshots[index] as MasteryByTopic;
    const estimates = Object.fromEntries(TOPIC_IDS.map((topic) => [topic, mastery[topic].estimate])) as Record<TopicId, number>;
    return { day: end.day, attemptsThatDay: end.count, estimates };
  });
}
