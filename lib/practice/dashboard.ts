import { selectTopicProgressForUser } from "@/lib/db";
import { listTopics, type QuestionSummary } from "@/lib/questions";
import type { SessionUser } from "@/lib/auth/session";

import { listQuestionsForUser } from "./question-source";

export interface TopicOverview {
  id: string;
  title: string;
  questions: QuestionSummary[];
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

/** Topics with their questions and the user's progress counters, in course order. */
export async function getDashboard({ user }: { user: SessionUser }): Promise<TopicOverview[]> {
  const questions = await listQuestionsForUser({ userId: user.id });
  const progressRows = await selectTopicProgressForUser({ userId: user.id });
  const progressByTopic = new Map(progressRows.map((row) => [row.topic, row]));

  return listTopics().map((topic) => {
    const progress = progressByTopic.get(topic.id);
    return {
      id: topic.id,
      title: topic.title,
      questions: questions.filter((question) => question.topics.includes(topic.id)),
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
