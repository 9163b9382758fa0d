import { selectGradedHistoryForUser } from "@/lib/db";
import { logger } from "@/lib/log";
import { hasQuestion, listTopics, questionTopics } from "@/lib/questions";
import { TOPIC_IDS, type TopicId } from "@/lib/questions/topics";
import type { SessionUser } from "@/lib/auth/session";

import { computeMastery, MASTERY_PARAMETERS, type MasteryByTopic } from "./mastery";
import { replayMasteryByDay, toMasteryInput, type MasteryDayPoint, type MasteryInput } from "./mastery-history";
import { templateTopicsForUser } from "./question-source";
import { reviewDueAt } from "./scheduler";

/** The signed-in student's mastery, computed from every gradable submission they have stored. */
export interface StudentMastery {
  input: MasteryInput;
  mastery: MasteryByTopic;
  /** True when the history was cut at MAX_GRADED_HISTORY submissions (the newest left out). */
  truncated: boolean;
}

/** One topic's mastery as pages show it; times are ISO strings so the object can cross to client components. */
export interface TopicMasteryView {
  id: TopicId;
  title: string;
  /** Estimate in [0, 1]. */
  estimate: number;
  mastered: boolean;
  reviewLevel: number;
  /** Gradable submissions on questions of this topic. */
  attempts: number;
  lastAttemptAt: string | null;
  /** When a mastered topic falls due for review; null while not mastered. */
  reviewDueAt: string | null;
  /** True when the topic is mastered and its review time has come. */
  reviewDue: boolean;
}

const KNOWN_TOPICS = new Set<string>(TOPIC_IDS);

/**
 * Returns the course topics of a bank question, or of a template question listed in
 * `templateTopics`; null for an unknown question.
 */
export function topicsOfQuestion(questionId: string, templateTopics: ReadonlyMap<string, readonly string[]> = new Map()): TopicId[] | null {
  const topics = hasQuestion(questionId) ? questionTopics(questionId) : templateTopics.get(questionId);
  if (topics === undefined) return null;
  return topics.filter((topic): topic is TopicId => KNOWN_TOPICS.has(topic));
}

/** Loads the student's gradable submissions and runs the mastery model over them. */
export async function loadStudentMastery({ user }: { user: SessionUser }): Promise<StudentMastery> {
  const history = await selectGradedHistoryForUser({ userId: user.id });
  if (history.truncated) {
    logger.warn({ userId: user.id, rows: history.attempts.length }, "mastery history truncated at the row limit");
  }
  const templateTopics = await templateTopicsForUser({ userId: user.id });
  const input = toMasteryInput(history, (questionId) => topicsOfQuestion(questionId, templateTopics));
  if (input.skippedQuestionIds.length > 0) {
    logger.info({ userId: user.id, questionIds: input.skippedQuestionIds }, "submissions on questions without known topics left out of mastery");
  }
  return { input, mastery: computeMastery(input.attempts, MASTERY_PARAMETERS), truncated: history.truncated };
}

/** Returns the view of every course topic, in course order, at time `now`. */
export function toTopicMasteryViews(mastery: MasteryByTopic, now: Date): TopicMasteryView[] {
  return listTopics().map((topic) => {
    const state = mastery[topic.id];
    const dueAt = reviewDueAt(state, MASTERY_PARAMETERS);
    return {
      id: topic.id,
      title: topic.title,
      estimate: state.estimate,
      mastered: state.mastered,
      reviewLevel: state.reviewLevel,
      attempts: state.attempts,
      lastAttemptAt: state.lastAttemptAt?.toISOString() ?? null,
      reviewDueAt: dueAt?.toISOString() ?? null,
      reviewDue: dueAt !== null && dueAt.getTime() <= now.getTime(),
    };
  });
}

/** Mastery per topic over time, one point per UTC day with attempts, for the progress page. */
export interface MasteryTimeline {
  topics: { id: TopicId; title: string }[];
  points: MasteryDayPoint[];
  /** Estimate of a topic before its first attempt. */
  prior: number;
  masteryThreshold: number;
  truncated: boolean;
}

/** Replays the student's mastery day by day. */
export async function getMasteryTimeline({ user }: { user: SessionUser }): Promise<MasteryTimeline> {
  const { input, truncated } = await loadStudentMastery({ user });
  return {
    topics: listTopics(),
    points: replayMasteryByDay(input.attempts, MASTERY_PARAMETERS),
    prior: MASTERY_PARAMETERS.prior,
    masteryThreshold: MASTERY_PARAMETERS.masteryThreshold,
    truncated,
  };
}
