// Pure rules of timed exams: deadlines, default time limits and question assembly. No database,
// no clock: callers pass the current time and a random source, so tests can fix both.

const MINUTE_MS = 60_000;

/** Questions a student may ask for in a practice exam assembled from the bank. */
export const MIN_EXAM_QUESTIONS = 4;
export const MAX_EXAM_QUESTIONS = 12;
/** Longest time limit, in minutes, that a student may choose for a practice exam (3 hours). */
export const MAX_PRACTICE_LIMIT_MINUTES = 180;

/**
 * The deadline of a sitting: start + time limit + extra minutes, but never later than the
 * assessment's closing time. Minutes are whole minutes; the result is exact to the millisecond.
 */
export function computeDeadline(input: {
  startedAt: Date;
  timeLimitMinutes: number;
  extraMinutes?: number;
  closesAt?: Date | null;
}): Date {
  const minutes = input.timeLimitMinutes + (input.extraMinutes ?? 0);
  const byLimit = input.startedAt.getTime() + minutes * MINUTE_MS;
  const cap = input.closesAt ? input.closesAt.getTime() : Number.POSITIVE_INFINITY;
  return new Date(Math.min(byLimit, cap));
}

/** Whole seconds left until the deadline at `now`, never negative. */
export function secondsLeft(deadline: Date, now: Date): number {
  return Math.max(0, Math.ceil((deadline.getTime() - now.getTime()) / 1000));
}

/** True when a request at `now` comes at or after the deadline: the server treats it as late. */
export function isPastDeadline(deadline: Date, now: Date): boolean {
  return now.getTime() >= deadline.getTime();
}

/** Default time limit of an assembled exam: the questions' expected minutes summed and rounded up. */
export function defaultTimeLimitMinutes(expectedMinutes: readonly number[]): number {
  const total = expectedMinutes.reduce((sum, minutes) => sum + minutes, 0);
  return Math.max(1, Math.ceil(total));
}

/** Why an assessment cannot be started now, or null when its window is open at `now`. */
export function windowProblem(window: { opensAt: Date | null; closesAt: Date | null }, now: Date): "not_open" | "closed" | null {
  if (window.opensAt !== null && now.getTime() < window.opensAt.getTime()) return "not_open";
  if (window.closesAt !== null && now.getTime() >= window.closesAt.getTime()) return "closed";
  return null;
}

/** A question as assembly sees it: its id, topics and expected minutes. */
export interface BankQuestion {
  id: string;
  topics: readonly string[];
  expectedMinutes: number;
}

/** Uniform random integer in [0, n) from `random` (a function returning [0, 1)). */
function pick(n: number, random: () => number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = pick(i + 1, random);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export class AssemblyError extends Error {
  override name = "AssemblyError";
}

/**
 * Picks `count` distinct questions spread across topics: topics are visited in a shuffled round
 * robin, and each visit takes one not-yet-chosen question of that topic. A question with several
 * topics counts for the topic that drew it. With `topics`, only questions with at least one of
 * them are eligible. Throws AssemblyError when fewer than `count` questions are eligible.
 */
export function assembleFromBank(input: {
  questions: readonly BankQuestion[];
  count: number;
  topics?: readonly string[];
  random: () => number;
}): BankQuestion[] {
  const wanted = input.topics && input.topics.length > 0 ? new Set(input.topics) : null;
  const eligible = input.questions.filter((question) => wanted === null || question.topics.some((topic) => wanted.has(topic)));
  if (eligible.length < input.count) {
    throw new AssemblyError(
      `Only ${eligible.length} questions match the chosen topics, fewer than the ${input.count} asked for. Choose more topics or fewer questions.`,
    );
  }

  const topicIds = [...new Set(eligible.flatMap((question) => question.topics.filter((topic) => wanted === null || wanted.has(topic))))];
  const pools = new Map(topicIds.map((topic) => [topic, shuffled(eligible.filter((question) => question.topics.includes(topic)), input.random)]));
  const chosen: BankQuestion[] = [];
  const chosenIds = new Set<string>();

  let order = shuffled(topicIds, input.random);
  while (chosen.length < input.count) {
    let progressed = false;
    for (const topic of order) {
      if (chosen.length >= input.count) break;
      const pool = pools.get(topic)!;
      const next = pool.find((question) => !chosenIds.has(question.id));
      if (next === undefined) continue;
      chosen.push(next);
      chosenIds.add(next.id);
      progressed = true;
    }
    // Unreachable while eligible.length >= count, because every eligible question is in some pool.
    if (!progressed) throw new AssemblyError("Question assembly ran out of questions.");
    order = shuffled(topicIds, input.random);
  }
  return chosen;
}

/** One entry of an instructor's question list. */
export type SpecEntry = { questionId: string } | { topic: string; count: number };

/**
 * Expands an assessment's question list into distinct questions, fixed questions first in the
 * given order, then each topic pool drawn at random from the questions not yet chosen. Throws
 * AssemblyError naming the entry that cannot be filled.
 */
export function expandAssessmentSpec(input: {
  spec: readonly SpecEntry[];
  questions: readonly BankQuestion[];
  random: () => number;
}): BankQuestion[] {
  const byId = new Map(input.questions.map((question) => [question.id, question]));
  const chosen: BankQuestion[] = [];
  const chosenIds = new Set<string>();

  for (const entry of input.spec) {
    if (!("questionId" in entry)) continue;
    const question = byId.get(entry.questionId);
    if (question === undefined) throw new AssemblyError(`Question "${entry.questionId}" is not in the question bank.`);
    if (chosenIds.has(question.id)) throw new AssemblyError(`Question "${entry.questionId}" is listed twice.`);
    chosen.push(question);
    chosenIds.add(question.id);
  }

  for (const entry of input.spec) {
    if ("questionId" in entry) continue;
    const pool = shuffled(
      input.questions.filter((question) => question.topics.includes(entry.topic) && !chosenIds.has(question.id)),
      input.random,
    );
    if (pool.length < entry.count) {
      throw new AssemblyError(
        `Topic "${entry.topic}" has ${pool.length} questions left after the other entries, fewer than the ${entry.count} asked for.`,
      );
    }
    for (const question of pool.slice(0, entry.count)) {
      chosen.push(question);
      chosenIds.add(question.id);
    }
  }
  return chosen;
}

/**
 * Score of a sitting: the mean of the item scores, each 0..1. An exam with no gradable item
 * scores 0.
 */
export function examScore(itemScores: readonly number[]): number {
  if (itemScores.length === 0) return 0;
  return itemScores.reduce((sum, score) => sum + score, 0) / itemScores.length;
}

/**
 * Score per topic: for each topic, the mean score of the items whose question has that topic.
 * A question with several topics counts in each of them.
 */
export function topicScores(items: readonly { topics: readonly string[]; score: number }[]): { topic: string; items: number; meanScore: number }[] {
  const totals = new Map<string, { sum: number; count: number }>();
  for (const item of items) {
    for (const topic of item.topics) {
      const entry = totals.get(topic) ?? { sum: 0, count: 0 };
      entry.sum += item.score;
      entry.count += 1;
      totals.set(topic, entry);
    }
  }
  return [...totals.entries()].map(([topic, { sum, count }]) => ({ topic, items: count, meanScore: sum / count }));
}

/**
 * The weakest topics of a report: those whose mean score is lowest, up to `limit`, skipping topics
 * answered fully. Ties keep the order given.
 */
export function weakestTopics(scores: readonly { topic: string; meanScore: number }[], limit = 3): string[] {
  return [...scores]
    .filter((entry) => entry.meanScore < 1 - 1e-9)
    .sort((a, b) => a.meanScore - b.meanScore)
    .slice(0, limit)
    .map((entry) => entry.topic);
}
