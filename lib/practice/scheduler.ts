import { z } from "zod";
import type { Rng } from "@/lib/numerics/random";
import { TOPIC_IDS, type TopicId } from "@/lib/questions/topics";
import {
  checkMasteryParameters,
  MASTERY_PARAMETERS,
  MS_PER_DAY,
  MasteryInputError,
  reviewIntervalDays,
  type MasteryByTopic,
  type MasteryParameters,
  type TopicMastery,
} from "./mastery";

/**
 * "Practise my weakest topics": picks the next topic and question from the mastery state.
 * Rule, in order (docs/mastery.md):
 *   1. a mastered topic whose review is due, earliest due time first;
 *   2. otherwise the topic that is not mastered with the lowest estimate, least recently
 *      practised first on equal estimates;
 *   3. otherwise, when every topic with questions is mastered and none is due, the topic due
 *      soonest.
 * Remaining ties and the question within the topic are drawn from the given Rng, so the pick is
 * a function of its inputs. Pure: the current time is an argument.
 */

/** Reason a topic was picked. */
export type PracticeReason = "review-due" | "weakest" | "ahead-of-schedule";

/** The part of a question summary the scheduler reads; QuestionSummary fits. */
export interface QuestionTopics {
  id: string;
  topics: readonly TopicId[];
}

export interface NextPracticeRequest {
  /** Output of computeMastery for the student. */
  mastery: MasteryByTopic;
  /** Questions that may be offered. Only topics with at least one of them can be picked. */
  questions: readonly QuestionTopics[];
  now: Date;
  /** Stream for tie-breaks and for the question draw, e.g. createRng(seed). */
  rng: Rng;
  /** Question ids to avoid, such as the last few answered; used only if the topic has other questions. */
  recentQuestionIds?: readonly string[];
  parameters?: MasteryParameters;
}

export interface PracticePick {
  topic: TopicId;
  questionId: string;
  reason: PracticeReason;
  /** The topic's estimate in [0, 1] at the time of the pick. */
  estimate: number;
  /** When the picked topic's review falls due; null for a topic that is not mastered. */
  dueAt: Date | null;
}

const questionsSchema = z.array(
  z.object({
    id: z.string().min(1, { message: "Give a question id." }),
    topics: z.array(z.enum(TOPIC_IDS)),
  }),
);

/**
 * Returns when a mastered topic is due for review: its last attempt plus the interval of its
 * review level. Returns null for a topic that is not mastered, which is always eligible.
 */
export function reviewDueAt(state: TopicMastery, parameters: MasteryParameters = MASTERY_PARAMETERS): Date | null {
  if (!state.mastered || state.lastAttemptAt === null) return null;
  const intervalMs = reviewIntervalDays(state.reviewLevel, parameters) * MS_PER_DAY;
  return new Date(state.lastAttemptAt.getTime() + intervalMs);
}

function checkRequest(request: NextPracticeRequest): void {
  const parsed = questionsSchema.safeParse(request.questions);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join(".")}: ${issue.message}` : parsed.error.message;
    throw new MasteryInputError(`Invalid question list, ${where}`);
  }
  if (!(request.now instanceof Date) || Number.isNaN(request.now.getTime())) {
    throw new MasteryInputError("Invalid argument now: expected a valid Date.");
  }
  if (typeof request.rng?.nextUint32 !== "function") {
    throw new MasteryInputError("Invalid argument rng: expected an Rng, e.g. createRng(seed).");
  }
}

/** Elements of `items` whose key equals the smallest key; `items` must be non-empty. */
function withSmallestKey<T>(items: readonly T[], key: (item: T) => number): T[] {
  const smallest = Math.min(...items.map(key));
  return items.filter((item) => key(item) === smallest);
}

/** Draws one element; the list is in course-topic or question-id order, so the draw does not depend on input order. */
function drawOne<T>(items: readonly T[], rng: Rng): T {
  return items.length === 1 ? (items[0] as T) : rng.choice(items);
}

/** Orders by id in UTF-16 code-unit order, which unlike localeCompare is the same in every locale. */
function compareIds(a: QuestionTopics, b: QuestionTopics): number {
  if (a.id < b.id) return -1;
  if (a.id > b.id) return 1;
  return 0;
}

function lastAttemptTime(state: TopicMastery): number {
  // A topic never practised counts as the least recently practised.
  return state.lastAttemptAt === null ? Number.NEGATIVE_INFINITY : state.lastAttemptAt.getTime();
}

function pickTopic(
  states: readonly TopicMastery[],
  now: number,
  rng: Rng,
  parameters: MasteryParameters,
): { state: TopicMastery; reason: PracticeReason; dueAt: Date | null } {
  const dueTimes = new Map(states.map((state) => [state.topic, reviewDueAt(state, parameters)]));
  const dueTime = (state: TopicMastery): number => (dueTimes.get(state.topic) as Date).getTime();

  const mastered = states.filter((state) => dueTimes.get(state.topic) !== null);
  const dueReviews = mastered.filter((state) => dueTime(state) <= now);
  if (dueReviews.length > 0) {
    const state = drawOne(withSmallestKey(dueReviews, dueTime), rng);
    return { state, reason: "review-due", dueAt: dueTimes.get(state.topic) ?? null };
  }

  const learning = states.filter((state) => dueTimes.get(state.topic) === null);
  if (learning.length > 0) {
    const weakest = withSmallestKey(learning, (state) => state.estimate);
    const state = drawOne(withSmallestKey(weakest, lastAttemptTime), rng);
    return { state, reason: "weakest", dueAt: null };
  }

  const state = drawOne(withSmallestKey(mastered, dueTime), rng);
  return { state, reason: "ahead-of-schedule", dueAt: dueTimes.get(state.topic) ?? null };
}

/**
 * Picks the next topic to practise and a question on it.
 *
 * @returns the pick, or null when no question in `questions` has a topic.
 * @throws MasteryInputError for an invalid question list, time, Rng or parameter set.
 */
export function pickNextPractice(request: NextPracticeRequest): PracticePick | null {
  const parameters = checkMasteryParameters(request.parameters ?? MASTERY_PARAMETERS);
  checkRequest(request);

  // Sorted by id, so that reordering the input list does not change the draw.
  const questions = [...request.questions].sort(compareIds);
  const topicsWithQuestions = new Set(questions.flatMap((question) => question.topics));
  const states = TOPIC_IDS.filter((topic) => topicsWithQuestions.has(topic)).map((topic) => request.mastery[topic]);
  if (states.length === 0) return null;
  if (states.some((state) => state === undefined)) {
    throw new MasteryInputError("Invalid argument mastery: expected an entry for every topic, as computeMastery returns.");
  }

  const { state, reason, dueAt } = pickTopic(states, request.now.getTime(), request.rng, parameters);

  const onTopic = questions.filter((question) => question.topics.includes(state.topic));
  const recent = new Set(request.recentQuestionIds ?? []);
  const fresh = onTopic.filter((question) => !recent.has(question.id));
  const question = drawOne(fresh.length > 0 ? fresh : onTopic, request.rng);

  return { topic: state.topic, questionId: question.id, reason, estimate: state.estimate, dueAt };
}
