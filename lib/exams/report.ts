import { AppError } from "@/lib/http/app-error";
import { buildVariant, listTopics, questionTopics, renderMarkdown, solutionView, toStudentView } from "@/lib/questions";
import type { SessionUser } from "@/lib/auth/session";

import { serverNow } from "./clock";
import { topicScores, weakestTopics } from "./rules";
import { finalizeIfDue } from "./sittings";

export interface ReportPart {
  partId: string;
  labelHtml: string;
  rawInput: string;
  /** 0..1 */
  score: number;
  unanswered: boolean;
  feedback: string | null;
  formatError: { code: string; message: string; hint?: string } | null;
  /** The key, rendered; shown only after the exam has ended. */
  answerHtml: string | null;
}

export interface ReportItem {
  position: number;
  questionId: string;
  title: string;
  topics: string[];
  promptHtml: string;
  /** Null when the question could not be rebuilt for grading. */
  score: number | null;
  feedback: string | null;
  parts: ReportPart[];
  solutionHtml: string | null;
}

export interface ExamReport {
  id: string;
  title: string;
  startedAt: string;
  deadline: string;
  finishedAt: string;
  /** Mean item score, 0..1. */
  score: number;
  topics: { topic: string; title: string; items: number; meanScore: number }[];
  /** Lowest-scoring topics first; empty when every topic was answered fully. */
  weakestTopics: string[];
  items: ReportItem[];
}

/**
 * The report of a finished sitting: total score, a score per topic, and each question with the
 * student's answers, per-part feedback and the worked solution. A sitting that is due is graded
 * first; one still running is a conflict.
 */
export async function getExamReport(args: { user: SessionUser; unsafeExamId: string; now?: Date }): Promise<ExamReport> {
  const now = args.now ?? serverNow();
  const exam = await finalizeIfDue(args.user, args.unsafeExamId, now);
  if (exam.status !== "finished" || exam.finishedAt === null) {
    throw new AppError("conflict", `Exam "${exam.title}" is still in progress; its report is available once it ends.`);
  }

  const topicTitles = new Map(listTopics().map((topic) => [topic.id as string, topic.title]));
  const items: ReportItem[] = exam.items.map((item) => {
    let built: ReturnType<typeof buildVariant> | null = null;
    try {
      built = buildVariant({ questionId: item.questionId, seed: item.seed, version: String(item.questionVersion) });
    } catch {
      built = null;
    }
    const view = built === null ? null : toStudentView(built);
    const solution = built === null ? null : solutionView(built);
    const submissionParts = new Map((item.submission?.parts ?? []).map((part) => [part.partId, part]));
    const answerByPart = new Map((solution?.answers ?? []).map((answer) => [answer.partId, answer.answerHtml]));

    return {
      position: item.position,
      questionId: item.questionId,
      title: view?.title ?? item.questionId,
      topics: view?.topics ?? safeTopics(item.questionId),
      promptHtml: view?.promptHtml ?? renderMarkdown("This question could not be rebuilt, so it was left out of the score."),
      score: item.submission?.totalScore ?? null,
      feedback: item.submission?.feedback ?? null,
      parts: (view?.parts ?? []).map((part) => {
        const stored = submissionParts.get(part.id);
        const rawInput = stored?.rawInput ?? "";
        return {
          partId: part.id,
          labelHtml: part.labelHtml,
          rawInput,
          score: stored?.score ?? 0,
          unanswered: rawInput.trim() === "",
          feedback: stored?.feedback ?? null,
          formatError: stored?.formatError ? { code: stored.formatError.code, message: stored.formatError.message, ...(stored.formatError.hint ? { hint: stored.formatError.hint } : {}) } : null,
          answerHtml: answerByPart.get(part.id) ?? null,
        };
      }),
      solutionHtml: solution?.solutionHtml ?? null,
    };
  });

  const scored = items.flatMap((item) => (item.score === null ? [] : [{ topics: item.topics, score: item.score }]));
  const topics = topicScores(scored).map((entry) => ({ ...entry, title: topicTitles.get(entry.topic) ?? entry.topic }));
  return {
    id: exam.id,
    title: exam.title,
    startedAt: exam.startedAt.toISOString(),
    deadline: exam.deadline.toISOString(),
    finishedAt: exam.finishedAt.toISOString(),
    score: exam.score ?? 0,
    topics,
    weakestTopics: weakestTopics(topics),
    items,
  };
}

function safeTopics(questionId: string): string[] {
  try {
    return questionTopics(questionId);
  } catch {
    return [];
  }
}
