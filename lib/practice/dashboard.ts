import { selectTopicProgressForUser } from "@/lib/db";
import { AppError } from "@/lib/http/app-error";
import type { QuestionSummary } from "@/lib/questions";
import { TOPIC_IDS, type TopicId } from "@/lib/questions/topics";
import type { SessionUser } from "@/lib/auth/session";

import { loadStudentMastery, toTopicMasteryViews, type TopicMasteryView } from "./mastery-service";
import { listQuestionsForUser } from "./question-source";

export interface TopicOverview {
  id: TopicId;
  title: string;
  questions: QuestionSummary[];
  mastery: TopicMasteryView;
  progress: {
    /** Variants with at least one graded submission. */
    attempts: number;
    gradedAttempts: number;
    correctAttempts: number;
    /** Mean score of graded submissions in [0, 1]; null before the first one. */
    meanScore: number | null;
    lastAttemptAt: string | null;
  };
}

/**
 * Topics in course order with their questions, the student's mastery (from every gradable
 * submission, through the mastery model) and the stored progress counters.
 */
export async function getDashboard({ user, now = new Date() }: { user: SessionUser; now?: Date }): Promise<TopicOverview[]> {
  const questions = await listQuestionsForUser({ userId: user.id });
  const progressRows = await selectTopicProgressForUser({ userId: user.id });
  const progressByTopic = new Map(progressRows.map((row) => [row.topic, row]));
  const { mastery } = await loadStudentMastery({ user });

  return toTopicMasteryViews(mastery, now).map((view) => {
    const progress = progressByTopic.get(view.id);
    return {
      id: view.id,
      title: view.title,
      questions: questions.filter((question) => question.topics.includes(view.id)),
      mastery: view,
      progress: {
        attempts: progress?.attempts ?? 0,
        gradedAttempts: progress?.gradedAttempts ?? 0,
        correctAttempts: progress?.correctAttempts ?? 0,
        meanScore: progress && progress.gradedAttempts > 0 ? progress.scoreSum / progress.gradedAttempts : null,
        lastAttemptAt: progress?.lastAttemptAt ? progress.lastAttemptAt.toISOString() : null,
      },
    };
  });
}

/** One question of a topic with the student's record on it. */
export interface TopicQuestionRecord {
  question: QuestionSummary;
  /** Gradable submissions on the question. */
  gradedAttempts: number;
  /** Variants of the question with at least one gradable submission. */
  variantsAttempted: number;
  /** Highest total score in [0, 1]; null before the first gradable submission. */
  bestScore: number | null;
}

export interface TopicDetail {
  mastery: TopicMasteryView;
  questions: TopicQuestionRecord[];
}

const KNOWN_TOPICS = new Set<string>(TOPIC_IDS);

/** Returns the id when it names a course topic; throws AppError "not_found" naming the value otherwise. */
export function requireTopicId(unsafeTopicId: string): TopicId {
  if (!KNOWN_TOPICS.has(unsafeTopicId)) {
    throw new AppError("not_found", `Topic "${unsafeTopicId}" was not found. The topic list at /topics links every topic.`);
  }
  return unsafeTopicId as TopicId;
}

/** Returns one topic's mastery and its questions with the student's attempts and best score on each. */
export async function getTopicDetail({
  user,
  unsafeTopicId,
  now = new Date(),
}: {
  user: SessionUser;
  unsafeTopicId: string;
  now?: Date;
}): Promise<TopicDetail> {
  const topicId = requireTopicId(unsafeTopicId);
  const { input, mastery } = await loadStudentMastery({ user });
  const view = toTopicMasteryViews(mastery, now).find((candidate) => candidate.id === topicId) as TopicMasteryView;

  const questions = (await listQuestionsForUser({ userId: user.id }))
    .filter((question) => question.topics.includes(topicId))
    .map((question) => {
      const onQuestion = input.attempts.filter((attempt) => attempt.questionId === question.id);
      return {
        question,
        gradedAttempts: onQuestion.length,
        variantsAttempted: new Set(onQuestion.map((attempt) => attempt.variantId)).size,
        bestScore: onQuestion.length === 0 ? null : Math.max(...onQuestion.map((attempt) => attempt.score)),
      };
    });
  return { mastery: view, questions };
}
