import type { SessionUser } from "@/lib/auth/session";
import { requireCourseAccess } from "@/lib/courses/access";
import { selectBestScores, selectExportParts, selectQuestionAggregates, selectRoster, type CourseRecord } from "@/lib/db";
import { logger } from "@/lib/log";
import { TOPICS } from "@/lib/questions";

import { csvHeader, csvNumber, csvRecord, csvText } from "./csv";
import { labelQuestion, refreshTemplateLabels } from "./questions";

export type ScoreColumns = "question" | "topic";

/** Students whose answer parts are read per query while streaming the submissions export. */
export const EXPORT_STUDENTS_PER_QUERY = 25;

/** File name safe for a Content-Disposition header: the join code and what the file contains. */
export function exportFileName(course: CourseRecord, kind: "scores" | "submissions"): string {
  return `${course.joinCode.toLowerCase()}-${kind}.csv`;
}

/**
 * Builds the gradebook CSV: one row per enrolled student, "Email","Name","Total", then one column
 * per question (best score in percent, empty when not attempted) or per topic. Total and each topic
 * column are the mean over the course's questions (those with a gradable submission) of the
 * student's best score, counting a question they did not attempt as 0.
 */
export async function buildScoresCsv(
  user: SessionUser,
  unsafeCourseId: string,
  columns: ScoreColumns,
): Promise<{ course: CourseRecord; csv: string }> {
  const course = await requireCourseAccess(user, unsafeCourseId);
  await refreshTemplateLabels();
  const roster = await selectRoster({ courseId: course.id });
  const questions = (await selectQuestionAggregates({ courseId: course.id })).map((row) => labelQuestion(row.questionId));
  const bestScores = await selectBestScores({ courseId: course.id });

  const best = new Map<string, number>();
  for (const row of bestScores) best.set(`${row.userId}\u0000${row.questionId}`, row.bestScore);
  const scoreOf = (userId: string, questionId: string) => best.get(`${userId}\u0000${questionId}`);
  const percent = (fraction: number | null) => csvNumber(fraction === null ? null : fraction * 100, 1);

  const topics = TOPICS.filter((topic) => questions.some((question) => question.topics.includes(topic.id)));
  const header =
    columns === "question"
      ? ["Email", "Name", "Total", ...questions.map((question) => `${question.title} (${question.questionId})`)]
      : ["Email", "Name", "Total", ...topics.map((topic) => topic.title)];

  let csv = csvHeader(header);
  for (const student of roster) {
    const perQuestion = questions.map((question) => scoreOf(student.userId, question.questionId) ?? null);
    const meanWithZeros = (values: (number | null)[]) =>
      values.length === 0 ? null : values.reduce<number>((sum, value) => sum + (value ?? 0), 0) / values.length;
    const total = meanWithZeros(perQuestion);
    const cells =
      columns === "question"
        ? perQuestion.map(percent)
        : topics.map((topic) => percent(meanWithZeros(questions.map((question, i) => (question.topics.includes(topic.id) ? perQuestion[i] ?? null : undefined)).filter((value) => value !== undefined))));
    csv += csvRecord([csvText(student.email), csvText(student.name), percent(total), ...cells]);
  }
  return { course, csv };
}

export const SUBMISSION_EXPORT_COLUMNS = [
  "Submission id",
  "Submitted at",
  "Email",
  "Name",
  "Question id",
  "Question version",
  "Seed",
  "Gradable",
  "Total score",
  "Time taken ms",
  "Part position",
  "Part id",
  "Raw input",
  "Part score",
  "Misconception",
] as const;

/**
 * Streams every answer part in scope as CSV, one row per part, ordered by student (as on the
 * roster), then submission time and part position. It reads EXPORT_STUDENTS_PER_QUERY students per
 * query, so memory use does not grow with the course. Access is checked before the first byte.
 */
export async function streamSubmissionsCsv(
  user: SessionUser,
  unsafeCourseId: string,
  context: { requestId: string },
): Promise<{ course: CourseRecord; stream: ReadableStream<Uint8Array> }> {
  const course = await requireCourseAccess(user, unsafeCourseId);
  const studentIds = (await selectRoster({ courseId: course.id })).map((student) => student.userId);
  const encoder = new TextEncoder();
  let next = 0;
  let headerSent = false;
  let rowCount = 0;

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(csvHeader(SUBMISSION_EXPORT_COLUMNS)));
          return;
        }
        if (next >= studentIds.length) {
          logger.info({ requestId: context.requestId, userId: user.id, courseId: course.id, rows: rowCount }, "submissions export finished");
          controller.close();
          return;
        }
        const userIds = studentIds.slice(next, next + EXPORT_STUDENTS_PER_QUERY);
        next += userIds.length;
        const rows = await selectExportParts({ courseId: course.id, userIds });
        let chunk = "";
        for (const row of rows) {
          chunk += csvRecord([
            csvText(row.submissionId),
            csvText(row.submittedAt.toISOString()),
            csvText(row.email),
            csvText(row.name),
            csvText(row.questionId),
            csvNumber(row.questionVersion),
            csvNumber(row.seed),
            row.gradable ? "true" : "false",
            csvNumber(row.totalScore),
            csvNumber(row.timeTakenMs),
            csvNumber(row.position),
            csvText(row.partId),
            csvText(row.rawInput),
            csvNumber(row.partScore),
            csvText(row.misconceptionTag ?? ""),
          ]);
        }
        rowCount += rows.length;
        if (chunk !== "") controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        // The status line is already sent, so the failure can only cut the file short; the log has the cause.
        logger.error({ requestId: context.requestId, courseId: course.id, err: error, rows: rowCount }, "submissions export failed");
        controller.error(error);
      }
    },
  });
  return { course, stream };
}
