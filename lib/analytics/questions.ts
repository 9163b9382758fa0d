import { hasQuestion, getQuestionSummary, TOPICS } from "@/lib/questions";
import type { TopicId } from "@/lib/questions";
import { publishedTemplateLabels } from "@/lib/practice/question-source";

/** What analytics shows about a question id, also for ids that the TypeScript registry does not know. */
export interface QuestionLabel {
  questionId: string;
  /** Registry or template title; the id itself for a question that is neither (removed, unpublished). */
  title: string;
  topics: TopicId[];
  /** False for template questions, whose variants lib/questions cannot rebuild here. */
  inRegistry: boolean;
}

// Labels of published templates, replaced by refreshTemplateLabels at the start of every service
// call that labels questions. Question ids are unique and a published version never changes, so
// a label read by a concurrent request is never wrong, at worst one publication old.
let templateLabels = new Map<string, { title: string; topics: TopicId[] }>();
const KNOWN_TOPIC_IDS = new Set<string>(TOPICS.map((topic) => topic.id));

/** Reloads the titles and topics of published templates from the database. */
export async function refreshTemplateLabels(): Promise<void> {
  const fresh = new Map<string, { title: string; topics: TopicId[] }>();
  for (const [questionId, label] of await publishedTemplateLabels()) {
    fresh.set(questionId, { title: label.title, topics: label.topics.filter((topic): topic is TopicId => KNOWN_TOPIC_IDS.has(topic)) });
  }
  templateLabels = fresh;
}

export function labelQuestion(questionId: string): QuestionLabel {
  if (!hasQuestion(questionId)) {
    const template = templateLabels.get(questionId);
    if (template !== undefined) return { questionId, title: template.title, topics: [...template.topics], inRegistry: false };
    return { questionId, title: questionId, topics: [], inRegistry: false };
  }
  const summary = getQuestionSummary(questionId);
  return { questionId, title: summary.title, topics: [...summary.topics], inRegistry: true };
}

const TOPIC_TITLES = new Map<string, string>(TOPICS.map((topic) => [topic.id, topic.title]));

export function topicTitle(topicId: string): string {
  return TOPIC_TITLES.get(topicId) ?? topicId;
}
