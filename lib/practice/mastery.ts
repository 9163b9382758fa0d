import { CORRECT_SCORE_THRESHOLD } from "@/lib/grading/score";
import { z } from "zod";
import { TOPIC_IDS, type TopicId } from "@/lib/questions/topics";

/**
 * Per-topic mastery estimate from a student's graded attempts: an exponentially weighted moving
 * average of scores, in which repeated tries within a variant and answers given after the worked
 * solution count for less. docs/mastery.md gives the model, the reasons for choosing it over
 * Bayesian knowledge tracing and a worked example. Pure: no database access and no clock.
 */

/** Length of one review-interval day in milliseconds (a fixed 24 h, not a calendar day). */
export const MS_PER_DAY = 86_400_000;


/** Tuning constants of the mastery model and of the spaced-review levels. */
export interface MasteryParameters {
  /** Estimate of a topic with no attempts, in [0, 1]. */
  prior: number;
  /** Step size α in (0, 1] of the moving average: a full-weight attempt moves the estimate α of the way to its score. */
  learningRate: number;
  /** Factor in (0, 1] per extra try on one variant: try k has weight tryDiscount^(k − 1). */
  tryDiscount: number;
  /** Factor in [0, 1] on the weight of an answer given after the worked solution was shown. */
  afterSolutionWeight: number;
  /** A topic is mastered while its estimate is at least this value, in (0, 1]. */
  masteryThreshold: number;
  /**
   * Days until a mastered topic is due for review, indexed by review level (0, 1, 2, …).
   * Levels past the end use the last entry. Strictly increasing positive numbers.
   */
  reviewIntervalsDays: readonly number[];
}

/**
 * Default parameters. From the prior 0.25, clean correct first tries give 0.5125, 0.6831,
 * 0.7940 and 0.8661, so a new topic is mastered after four of them in a row. A student who
 * always needs a second try settles near 0.377 and is never marked mastered (docs/mastery.md).
 */
export const MASTERY_PARAMETERS: MasteryParameters = Object.freeze({
  prior: 0.25,
  learningRate: 0.35,
  tryDiscount: 0.5,
  afterSolutionWeight: 0.2,
  masteryThreshold: 0.8,
  reviewIntervalsDays: Object.freeze([1, 3, 7, 14, 30, 60]),
});

/** Error raised for attempts or parameters that fail validation; the message names the value. */
export class MasteryInputError extends Error {
  override readonly name = "MasteryInputError";
}

/**
 * One graded attempt as the caller loads it. Submissions with format errors use no try and
 * must be left out by the caller.
 */
export interface MasteryAttempt {
  /** Topics of the attempted question; each listed topic receives the attempt in full. */
  topics: readonly TopicId[];
  /** Total score of the submission in [0, 1]. */
  score: number;
  /** Try number within its variant, from 1. */
  tryNumber: number;
  /** True when the student had seen the worked solution of this question before answering. */
  afterSolution: boolean;
  /** Time the submission was graded. */
  at: Date;
}

/** Mastery state of one topic after all attempts. */
export interface TopicMastery {
  topic: TopicId;
  /** Mastery estimate in [0, 1]; equals the prior before the first attempt. */
  estimate: number;
  /** Attempts on the topic, including those after the solution. */
  attempts: number;
  /** Time of the latest attempt on the topic, or null without attempts. */
  lastAttemptAt: Date | null;
  /** True while estimate ≥ masteryThreshold. */
  mastered: boolean;
  /**
   * Spaced-review level of a mastered topic: 0 when it became mastered, one more after each
   * clean correct first try that came at least the current interval after the previous attempt.
   * Always 0 for a topic that is not mastered.
   */
  reviewLevel: number;
}

export type MasteryByTopic = Record<TopicId, TopicMastery>;

const attemptSchema = z.object({
  topics: z.array(z.enum(TOPIC_IDS)).min(1, { message: "Give at least one topic id." }),
  score: z.number().min(0).max(1),
  tryNumber: z.number().int().min(1),
  afterSolution: z.boolean(),
  at: z.date(),
});

const parametersSchema = z
  .object({
    prior: z.number().min(0).max(1),
    learningRate: z.number().gt(0).max(1),
    tryDiscount: z.number().gt(0).max(1),
    afterSolutionWeight: z.number().min(0).max(1),
    masteryThreshold: z.number().gt(0).max(1),
    reviewIntervalsDays: z.array(z.number().positive().finite()).min(1),
  })
  .refine(
    (parameters) => parameters.reviewIntervalsDays.every((days, i, all) => i === 0 || days > (all[i - 1] as number)),
    { message: "reviewIntervalsDays must be strictly increasing.", path: ["reviewIntervalsDays"] },
  );

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return error.message;
  const path = issue.path.length > 0 ? issue.path.join(".") : "(root)";
  return `${path}: ${issue.message}`;
}

/** Validates a parameter set; throws MasteryInputError naming the first invalid field. */
export function checkMasteryParameters(parameters: MasteryParameters): MasteryParameters {
  const parsed = parametersSchema.safeParse(parameters);
  if (!parsed.success) {
    throw new MasteryInputError(`Invalid mastery parameters, ${describeIssue(parsed.error)}`);
  }
  return parameters;
}

function checkAttempts(attempts: readonly MasteryAttempt[]): void {
  if (!Array.isArray(attempts)) {
    throw new MasteryInputError("Invalid attempts: expected an array of graded attempts.");
  }
  let previousTime = Number.NEGATIVE_INFINITY;
  attempts.forEach((attempt, index) => {
    const parsed = attemptSchema.safeParse(attempt);
    if (!parsed.success) {
      throw new MasteryInputError(`Invalid attempt at index ${index}, ${describeIssue(parsed.error)}`);
    }
    const time = attempt.at.getTime();
    if (Number.isNaN(time)) {
      throw new MasteryInputError(`Invalid attempt at index ${index}: "at" is an invalid Date.`);
    }
    if (time < previousTime) {
      throw new MasteryInputError(
        `Attempts must be in chronological order, but attempt ${index} (${attempt.at.toISOString()}) ` +
          `is earlier than attempt ${index - 1}. Sort them by time before calling.`,
      );
    }
    previousTime = time;
  });
}

/** Returns the weight in [0, 1] of one attempt: tryDiscount^(try − 1), times afterSolutionWeight after the solution. */
export function attemptWeight(
  attempt: Pick<MasteryAttempt, "tryNumber" | "afterSolution">,
  parameters: MasteryParameters = MASTERY_PARAMETERS,
): number {
  const tryWeight = parameters.tryDiscount ** (attempt.tryNumber - 1);
  return attempt.afterSolution ? tryWeight * parameters.afterSolutionWeight : tryWeight;
}

/** Returns the review interval in days for a review level; levels past the table use its last entry. */
export function reviewIntervalDays(reviewLevel: number, parameters: MasteryParameters = MASTERY_PARAMETERS): number {
  const intervals = parameters.reviewIntervalsDays;
  const index = Math.min(Math.max(0, Math.floor(reviewLevel)), intervals.length - 1);
  return intervals[index] as number;
}

/** Returns the state of a topic without attempts. */
export function initialTopicMastery(topic: TopicId, parameters: MasteryParameters = MASTERY_PARAMETERS): TopicMastery {
  return {
    topic,
    estimate: parameters.prior,
    attempts: 0,
    lastAttemptAt: null,
    mastered: parameters.prior >= parameters.masteryThreshold,
    reviewLevel: 0,
  };
}

/** Applies one attempt to one topic's state and returns the new state. */
function applyAttempt(state: TopicMastery, attempt: MasteryAttempt, parameters: MasteryParameters): TopicMastery {
  const weight = attemptWeight(attempt, parameters);
  const step = parameters.learningRate * weight;
  // A convex combination of the old estimate and a score in [0, 1], because step ≤ 1.
  const estimate = Math.min(1, Math.max(0, state.estimate + step * (attempt.score - state.estimate)));
  const mastered = estimate >= parameters.masteryThreshold;

  const fullyCorrect = attempt.score >= CORRECT_SCORE_THRESHOLD;
  const cleanCorrect = fullyCorrect && attempt.tryNumber === 1 && !attempt.afterSolution;
  let reviewLevel = state.reviewLevel;
  if (!mastered) {
    reviewLevel = 0;
  } else if (weight > 0 && !fullyCorrect) {
    // A lapse: the topic is still mastered but starts the review intervals again.
    reviewLevel = 0;
  } else if (cleanCorrect && state.mastered && state.lastAttemptAt !== null) {
    const gapDays = (attempt.at.getTime() - state.lastAttemptAt.getTime()) / MS_PER_DAY;
    // Practice before the interval has passed keeps the level, so repeating a topic within
    // one sitting does not push its next review weeks ahead.
    if (gapDays >= reviewIntervalDays(state.reviewLevel, parameters)) reviewLevel = state.reviewLevel + 1;
  }

  return {
    topic: state.topic,
    estimate,
    attempts: state.attempts + 1,
    lastAttemptAt: attempt.at,
    mastered,
    reviewLevel,
  };
}

/**
 * Computes the mastery state of every course topic from a student's graded attempts.
 *
 * For each attempt and each of its topics, with weight w = tryDiscount^(try − 1), further
 * multiplied by afterSolutionWeight after the solution, the estimate m becomes
 * m + learningRate · w · (score − m). Topics without attempts keep the prior.
 *
 * @param attempts - graded attempts in chronological order (equal times keep their given order).
 * @throws MasteryInputError for an invalid attempt, attempts out of order or invalid parameters.
 */
export function computeMastery(
  attempts: readonly MasteryAttempt[],
  parameters: MasteryParameters = MASTERY_PARAMETERS,
): MasteryByTopic {
  checkMasteryParameters(parameters);
  checkAttempts(attempts);

  const byTopic = Object.fromEntries(
    TOPIC_IDS.map((topic) => [topic, initialTopicMastery(topic, parameters)]),
  ) as MasteryByTopic;

  for (const attempt of attempts) {
    // A topic listed twice in one question still receives the attempt once.
    for (const topic of new Set(attempt.topics)) {
      byTopic[topic] = applyAttempt(byTopic[topic], attempt, parameters);
    }
  }
  return byTopic;
}

/**
 * Computes the mastery state after each prefix of the attempts in one pass: entry i equals
 * computeMastery(attempts.slice(0, prefixLengths[i])). One pass costs one model step per attempt,
 * where calling computeMastery per prefix would cost one per attempt and prefix.
 *
 * @param prefixLengths - non-decreasing whole numbers from 0 to attempts.length.
 * @throws MasteryInputError as computeMastery, and for invalid prefix lengths.
 */
export function computeMasteryAfterPrefixes(
  attempts: readonly MasteryAttempt[],
  prefixLengths: readonly number[],
  parameters: MasteryParameters = MASTERY_PARAMETERS,
): MasteryByTopic[] {
  checkMasteryParameters(parameters);
  checkAttempts(attempts);
  prefixLengths.forEach((length, index) => {
    const previous = index === 0 ? 0 : (prefixLengths[index - 1] as number);
    if (!Number.isInteger(length) || length < previous || length > attempts.length) {
      throw new MasteryInputError(
        `Invalid prefix length ${length} at index ${index}: expected a whole number from ${previous} to ${attempts.length}, not below the one before.`,
      );
    }
  });

  let byTopic = Object.fromEntries(
    TOPIC_IDS.map((topic) => [topic, initialTopicMastery(topic, parameters)]),
  ) as MasteryByTopic;
  const snapshots: MasteryByTopic[] = [];
  let applied = 0;
  for (const length of prefixLengths) {
    for (; applied < length; applied += 1) {
      const attempt = attempts[applied] as MasteryAttempt;
      // applyAttempt returns new objects, so earlier snapshots stay unchanged.
      byTopic = { ...byTopic };
      for (const topic of new Set(attempt.topics)) {
        byTopic[topic] = applyAttempt(byTopic[topic], attempt, parameters);
      }
    }
    snapshots.push(byTopic);
  }
  return snapshots;
}
