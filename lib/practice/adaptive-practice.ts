import { AppError } from "@/lib/http/app-error";
import { logger } from "@/lib/log";
import { createRng } from "@/lib/numerics";
import { drawSeed, listQuestions } from "@/lib/questions";
import { TOPIC_IDS, type TopicId } from "@/lib/questions/topics";
import type { SessionUser } from "@/lib/auth/session";

import { MASTERY_PARAMETERS } from "./mastery";
import type { HistoryAttempt } from "./mastery-history";
import { loadStudentMastery } from "./mastery-service";
import { pickNextPractice, type PracticePick, type PracticeReason, type QuestionTopics } from "./scheduler";
import { startVariant } from "./start-variant";

/** Questions answered most recently that the scheduler avoids while the topic has others. */
const RECENT_QUESTION_COUNT = 2;

/** Longest accepted `topics` filter, in characters: all twelve ids with commas fit in about 260. */
const MAX_TOPIC_FILTER_LENGTH = 1_000;

const KNOWN_TOPICS = new Set<string>(TOPIC_IDS);

/** Student-facing explanation of each reason the scheduler gives for a pick. */
export const PRACTICE_REASON_TEXT: Record<PracticeReason, string> = {
  "review-due": "review due: you mastered this topic and its spaced review has come up",
  weakest: "weakest topic: it has your lowest mastery among the topics you have not mastered",
  "ahead-of-schedule": "ahead of schedule: every topic is mastered, and this one falls due for review first",
};

/**
 * Parses a comma-separated list of topic ids (the `topics` query parameter). Empty or missing
 * means every topic. Raises AppError "invalid_input" naming every unknown id.
 */
export function parseTopicFilter(raw: string | undefined): TopicId[] | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  if (raw.length > MAX_TOPIC_FILTER_LENGTH) {
    throw new AppError("invalid_input", `The topics list is ${raw.length} characters long; give at most ${MAX_TOPIC_FILTER_LENGTH}.`, {
      fields: { topics: ["Too long."] },
    });
  }
  const ids = [...new Set(raw.split(",").map((id) => id.trim()).filter((id) => id !== ""))];
  const unknown = ids.filter((id) => !KNOWN_TOPICS.has(id));
  if (unknown.length > 0) {
    const names = unknown.map((id) => `"${id}"`).join(", ");
    throw new AppError(
      "invalid_input",
      `Unknown topic ${names} in the topics list. Use ids from the topic list, for example "${TOPIC_IDS[0]}".`,
      { fields: { topics: unknown.map((id) => `Unknown topic "${id}".`) } },
    );
  }
  return ids as TopicId[];
}

/**
 * Returns the questions the scheduler may offer: every registered question, or, with a topic
 * filter, those on a listed topic with their other topics removed, so that the scheduler can only
 * pick a listed topic.
 */
export function practiceQuestions(topics: readonly TopicId[] | undefined): QuestionTopics[] {
  const all = listQuestions().map((question) => ({ id: question.id, topics: question.topics as TopicId[] }));
  if (topics === undefined) return all;
  const allowed = new Set<TopicId>(topics);
  return all
    .map((question) => ({ id: question.id, topics: question.topics.filter((topic) => allowed.has(topic)) }))
    .filter((question) => question.topics.length > 0);
}

/** Distinct question ids of the newest attempts, newest first, at most `count`. */
export function recentQuestionIds(attempts: readonly HistoryAttempt[], count: number): string[] {
  const recent: string[] = [];
  for (let index = attempts.length - 1; index >= 0 && recent.length < count; index -= 1) {
    const questionId = (attempts[index] as HistoryAttempt).questionId;
    if (!recent.includes(questionId)) recent.push(questionId);
  }
  return recent;
}

export interface AdaptivePracticeStart {
  variantId: string;
  pick: PracticePick;
}

/**
 * "Practise my weakest topics": picks the next topic and question from the student's mastery
 * with the spaced-review scheduler, starts a new variant of it and returns both.
 */
export async function startAdaptivePractice({
  user,
  topics,
  now = new Date(),
}: {
  user: SessionUser;
  topics?: readonly TopicId[];
  now?: Date;
}): Promise<AdaptivePracticeStart> {
  const { input, mastery } = await loadStudentMastery({ user });
  const pick = pickNextPractice({
    mastery,
    questions: practiceQuestions(topics),
    now,
    rng: createRng(drawSeed()),
    recentQuestionIds: recentQuestionIds(input.attempts, RECENT_QUESTION_COUNT),
    parameters: MASTERY_PARAMETERS,
  });
  if (pick === null) {
    throw new AppError("not_found", "No question is available on the chosen topics. Pick other topics on the topic list.");
  }

  const started = await startVariant({ user, questionId: pick.questionId });
  logger.info({ userId: user.id, topic: pick.topic, questionId: pick.questionId, reason: pick.reason, variantId: started.variantId }, "adaptive practice started");
  return { variantId: started.variantId, pick };
}
