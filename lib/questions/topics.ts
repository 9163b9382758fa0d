/**
 * The module's topics. Question metadata refers to these ids; mastery and analytics are kept per
 * topic, so an id never changes once students have attempts on it (retitle instead).
 */
export const TOPICS = [
  { id: "why-recurrence", title: "Why recurrence" },
  { id: "rnn-forward-pass", title: "RNN forward pass" },
  { id: "weight-sharing", title: "Weight sharing and parameter counts" },
  { id: "output-and-loss", title: "Output activation and loss" },
  { id: "nyse-forecasting", title: "NYSE forecasting" },
  { id: "feed-forward-counts", title: "Feed-forward parameter counts" },
  { id: "when-deep-learning", title: "When to use deep learning" },
  { id: "regularization", title: "Regularization" },
  { id: "bias-variance", title: "Bias–variance decomposition" },
  { id: "double-descent", title: "Double descent" },
  { id: "splines-and-legendre", title: "Splines and Legendre bases" },
  { id: "exam-reasoning", title: "Exam-style reasoning" },
] as const;

export type TopicId = (typeof TOPICS)[number]["id"];

export const TOPIC_IDS = TOPICS.map((topic) => topic.id) as [TopicId, ...TopicId[]];

export function listTopics(): { id: TopicId; title: string }[] {
  return TOPICS.map((topic) => ({ ...topic }));
}
