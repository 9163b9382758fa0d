import { forbidden, notFound } from "next/navigation";

import { isAppError } from "@/lib/http/app-error";
import { listQuestions, listTopics } from "@/lib/questions";

/** Maps the service's access errors to the 403 and 404 pages. */
export async function orForbidden<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isAppError(error) && error.code === "forbidden") forbidden();
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

/** Lists the questions and topics of the bank for the assessment form, without keys. */
export function bankForForm() {
  const questions = listQuestions().map((question) => ({ id: question.id, title: question.title, topics: [...question.topics] }));
  const topics = listTopics()
    .map((topic) => ({ id: topic.id as string, title: topic.title, questionCount: questions.filter((question) => question.topics.includes(topic.id)).length }))
    .filter((topic) => topic.questionCount > 0);
  return { questions, topics };
}
