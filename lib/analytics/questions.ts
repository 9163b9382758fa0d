import { hasQuestion, getQuestionSummary, TOPICS } from "@/lib/questions";
import type { TopicId } from "@/lib/questions";

/** What analytics shows about a question id, also for ids that the TypeScript registry does not know. */
export interface QuestionLabel {
  questionId: string;
  /** Registry title; the id itself for a question written in the browser (a template). */
  title: string;
  topics: TopicId[];
  /** False for template questions, whose variants lib/questions cannot rebuild here. */
  inRegistry: boolean;
}

export function labelQuestion(questionId: string): QuestionLabel {
  if (!hasQuestion(questionId)) return { questionId, title: questionId, topics: [], inRegistry: false };
  const summary = getQuestionSummary(questionId);
  return { questionId, title: summary.title, topics: [...summary.topics], inRegistry: true };
}

const TOPIC_TITLES = new Map<string, string>(TOPICS.map((topic) => [topic.id, topic.title]));

export function topicTitle(topicId: string): string {
  return TOPIC_TITLES.get(topicId) ?? topicId;
}
