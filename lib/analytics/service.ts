import type { SessionUser } from "@/lib/auth/session";
import { requireCourseAccess } from "@/lib/courses/access";
import {
  selectClosedVariants,
  selectGradedAttempts,
  selectMisconceptionFigures,
  selectRoster,
  selectVariantScores,
  type CourseRecord,
} from "@/lib/db";
import { AppError } from "@/lib/http/app-error";
import { TOPICS, type TopicId } from "@/lib/questions";

import { computeClassMastery } from "./class-mastery";
import type { Discrimination } from "./discrimination";
import { computeQuestionFigures } from "./figures";
import { breakDownByParameters, type QuestionParameterReport } from "./parameters";
import { labelQuestion, refreshTemplateLabels, topicTitle } from "./questions";
import { pageStudents, type StudentListQuery, type StudentPage } from "./student-pages";

/** Most common misconception tags listed per question and per topic. */
export const TOP_TAGS = 5;
/** Example answers shown per (question, tag). */
export const EXAMPLES_PER_TAG = 3;
/** Variants per question whose parameters are rebuilt for the parameter breakdown. */
export const PARAMETER_VARIANT_CAP = 300;
/** Time budget of one parameter breakdown, in milliseconds. */
export const PARAMETER_BUDGET_MS = 3_000;

export interface QuestionFigures {
  questionId: string;
  title: string;
  topics: TopicId[];
  inRegistry: boolean;
  /** Gradable submissions. */
  attempts: number;
  /** Students with at least one gradable submission. */
  students: number;
  /** Mean totalScore over gradable submissions, 0..1. */
  facility: number;
  discrimination: Discrimination;
  /** Median timeTakenMs of gradable submissions that recorded a time; null without any. */
  medianTimeMs: number | null;
  /** Variants with a gradable submission, and those fully correct on the first one. */
  firstTry: { variants: number; correct: number; rate: number | null };
}

export interface MisconceptionFigure {
  tag: string;
  count: number;
  students: number;
  examples: { rawInput: string; count: number }[];
}

export interface ClassAnalytics {
  course: CourseRecord;
  studentCount: number;
  questions: QuestionFigures[];
  topics: { id: TopicId; title: string }[];
  /** Every enrolled student, or only one page of them when a student list query was given. */
  heatmap: { userId: string; name: string; email: string; estimates: Record<TopicId, { estimate: number; attempts: number; mastered: boolean }> }[];
  /** Position of `heatmap` in the searched class; null when `heatmap` lists every student. */
  heatmapPage: Omit<StudentPage<unknown>, "rows"> | null;
  misconceptionsByQuestion: { questionId: string; title: string; tags: MisconceptionFigure[] }[];
  misconceptionsByTopic: {
    topic: TopicId;
    title: string;
    tags: { tag: string; questionId: string; questionTitle: string; count: number; examples: { rawInput: string; count: number }[] }[];
  }[];
}

/**
 * Every class figure of the course (docs/analytics.md defines each one). With `students`, the
 * heatmap contains one page of the searched roster; every other figure still covers the whole class.
 */
export async function getClassAnalytics(
  user: SessionUser,
  unsafeCourseId: string,
  options: { students?: StudentListQuery; pageSize?: number } = {},
): Promise<ClassAnalytics> {
  const course = await requireCourseAccess(user, unsafeCourseId);
  await refreshTemplateLabels();
  const courseId = course.id;

  // One read of the gradable submissions feeds every per-question figure and the mastery model.
  const attempts = await selectGradedAttempts({ courseId });
  const closedVariants = await selectClosedVariants({ courseId });
  const { counts, examples } = await selectMisconceptionFigures({ courseId, perTag: EXAMPLES_PER_TAG });
  const roster = await selectRoster({ courseId });

  const questions: QuestionFigures[] = computeQuestionFigures(attempts).map((figures) => ({
    ...labelQuestion(figures.questionId),
    ...figures,
  }));
  questions.sort((a, b) => a.title.localeCompare(b.title));

  const mastery = computeClassMastery({ attempts, closedVariants, userIds: roster.map((student) => student.userId) });
  const masteryByUser = new Map(mastery.map((entry) => [entry.userId, entry.estimates]));
  let shown = roster;
  let heatmapPage: ClassAnalytics["heatmapPage"] = null;
  if (options.students !== undefined) {
    const { rows, ...position } = pageStudents(roster, options.students, options.pageSize);
    shown = rows;
    heatmapPage = position;
  }
  const heatmap = shown.map((student) => ({
    userId: student.userId,
    name: student.name,
    email: student.email,
    estimates: masteryByUser.get(student.userId) as ClassAnalytics["heatmap"][number]["estimates"],
  }));

  const examplesByKey = new Map<string, { rawInput: string; count: number }[]>();
  for (const example of examples) {
    const key = `${example.questionId}\u0000${example.tag}`;
    const list = examplesByKey.get(key) ?? [];
    list.push({ rawInput: example.rawInput, count: example.count });
    examplesByKey.set(key, list);
  }
  const tagsByQuestion = new Map<string, MisconceptionFigure[]>();
  for (const row of counts) {
    const list = tagsByQuestion.get(row.questionId) ?? [];
    list.push({ tag: row.tag, count: row.count, students: row.students, examples: examplesByKey.get(`${row.questionId}\u0000${row.tag}`) ?? [] });
    tagsByQuestion.set(row.questionId, list);
  }
  const misconceptionsByQuestion = [...tagsByQuestion.entries()]
    .map(([questionId, tags]) => ({
      questionId,
      title: labelQuestion(questionId).title,
      tags: tags.sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)).slice(0, TOP_TAGS),
    }))
    .sort((a, b) => a.title.localeCompare(b.title));

  // A tag belongs to the question that detected it; per topic, the same tag of two questions stays two rows.
  const misconceptionsByTopic = TOPICS.map((topic) => {
    const tags = counts
      .filter((row) => labelQuestion(row.questionId).topics.includes(topic.id))
      .map((row) => ({
        tag: row.tag,
        questionId: row.questionId,
        questionTitle: labelQuestion(row.questionId).title,
        count: row.count,
        examples: examplesByKey.get(`${row.questionId}\u0000${row.tag}`) ?? [],
      }))
      .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag))
      .slice(0, TOP_TAGS);
    return { topic: topic.id, title: topicTitle(topic.id), tags };
  }).filter((entry) => entry.tags.length > 0);

  return {
    course,
    studentCount: roster.length,
    questions,
    topics: TOPICS.map((topic) => ({ id: topic.id, title: topic.title })),
    heatmap,
    heatmapPage,
    misconceptionsByQuestion,
    misconceptionsByTopic,
  };
}

/** Scores of one question's variants grouped by each variant parameter: which values make it hard. */
export async function getParameterBreakdown(
  user: SessionUser,
  unsafeCourseId: string,
  questionId: string,
): Promise<{ course: CourseRecord; title: string; report: QuestionParameterReport }> {
  const course = await requireCourseAccess(user, unsafeCourseId);
  await refreshTemplateLabels();
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(questionId)) {
    throw new AppError("invalid_input", `"${questionId}" is not a question id; use a kebab-case id such as rnn-parameter-count.`);
  }
  const variants = await selectVariantScores({ courseId: course.id, questionId, limit: PARAMETER_VARIANT_CAP });
  const report = breakDownByParameters(questionId, variants, { budgetMs: PARAMETER_BUDGET_MS });
  return { course, title: labelQuestion(questionId).title, report };
}
