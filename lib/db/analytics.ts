import { z } from "zod";
import { Prisma } from "@/prisma/generated/client/client";
import type { PrismaClient } from "./client";
import { idSchema, parseArguments } from "./validation";

// Read-only aggregates for class analytics. Every query covers the same scope: submissions made
// by users who are enrolled in the course as students now. They count when their variant belongs
// to the course or to no course (Variant.courseId null), because the practice pages start
// variants without a course. A removed student's submissions stay in the database but leave the figures.
//
// The aggregates run in SQL, so a page reads a few thousand rows, not every submission. The
// indexes they use: Enrollment(courseId), Variant(userId, createdAt), Submission(variantId,
// gradable) and SubmissionPart(submissionId, partId).

const courseArgsSchema = z.object({ courseId: idSchema });

/** Submissions in scope, joined to their variant `v` and the student's enrollment `e`. */
function scopedSubmissions(courseId: string): Prisma.Sql {
  return Prisma.sql`
    Submission s
    JOIN Variant v ON v.id = s.variantId
    JOIN Enrollment e ON e.userId = s.userId AND e.courseId = ${courseId} AND e.role = 'student'
    WHERE (v.courseId = ${courseId} OR v.courseId IS NULL)`;
}

/** SQLite returns COUNT and SUM as BigInt through the driver adapter; figures here fit in a double. */
function toNumber(value: unknown): number {
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number") return value;
  if (typeof value === "string") return Number(value);
  return Number.NaN;
}

function toNullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}

function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

export type QuestionAggregateRow = {
  questionId: string;
  /** Gradable submissions. */
  attempts: number;
  /** Distinct students with a gradable submission. */
  students: number;
  /** Mean totalScore over gradable submissions, 0..1. */
  meanScore: number;
};

/** Per-question attempt counts and mean score over gradable submissions in the course. */
export async function selectQuestionAggregates(
  client: PrismaClient,
  args: { courseId: string },
): Promise<QuestionAggregateRow[]> {
  const { courseId } = parseArguments(courseArgsSchema, args, "selectQuestionAggregates");
  const rows = await client.$queryRaw<Record<string, unknown>[]>`
    SELECT v.questionId AS questionId, COUNT(*) AS attempts, COUNT(DISTINCT s.userId) AS students,
           AVG(s.totalScore) AS meanScore
    FROM ${scopedSubmissions(courseId)} AND s.gradable = 1
    GROUP BY v.questionId
    ORDER BY v.questionId`;
  return rows.map((row) => ({
    questionId: String(row.questionId),
    attempts: toNumber(row.attempts),
    students: toNumber(row.students),
    meanScore: toNumber(row.meanScore),
  }));
}

export type BestScoreRow = { userId: string; questionId: string; bestScore: number };

/** Best gradable score of each student on each question they attempted. */
export async function selectBestScores(client: PrismaClient, args: { courseId: string }): Promise<BestScoreRow[]> {
  const { courseId } = parseArguments(courseArgsSchema, args, "selectBestScores");
  const rows = await client.$queryRaw<Record<string, unknown>[]>`
    SELECT s.userId AS userId, v.questionId AS questionId, MAX(s.totalScore) AS bestScore
    FROM ${scopedSubmissions(courseId)} AND s.gradable = 1
    GROUP BY s.userId, v.questionId`;
  return rows.map((row) => ({
    userId: String(row.userId),
    questionId: String(row.questionId),
    bestScore: toNumber(row.bestScore),
  }));
}

export type MisconceptionCountRow = { questionId: string; tag: string; count: number; students: number };

export type MisconceptionExampleRow = { questionId: string; tag: string; rawInput: string; count: number };

const misconceptionArgsSchema = courseArgsSchema.extend({ perTag: z.number().int().min(1).max(20) });

/**
 * Per question and misconception tag: the answer parts tagged with it and the distinct students
 * behind them (`counts`), and the `perTag` most frequent raw inputs behind it (`examples`, ties
 * by raw input). One statement reads the tagged parts once into a materialized table and both
 * aggregates run over that, because the read (a seek per submission in scope) costs more than
 * the grouping.
 */
export async function selectMisconceptionFigures(
  client: PrismaClient,
  args: { courseId: string; perTag: number },
): Promise<{ counts: MisconceptionCountRow[]; examples: MisconceptionExampleRow[] }> {
  const { courseId, perTag } = parseArguments(misconceptionArgsSchema, args, "selectMisconceptionFigures");
  const rows = await client.$queryRaw<Record<string, unknown>[]>`
    WITH tagged AS MATERIALIZED (
      SELECT v.questionId AS questionId, p.misconceptionTag AS tag, p.rawInput AS rawInput, s.userId AS userId
      FROM SubmissionPart p
      JOIN ${scopedSubmissions(courseId)} AND p.submissionId = s.id AND p.misconceptionTag IS NOT NULL
    ), inputs AS (
      SELECT questionId, tag, rawInput, COUNT(*) AS count,
             ROW_NUMBER() OVER (PARTITION BY questionId, tag ORDER BY COUNT(*) DESC, rawInput) AS rank
      FROM tagged
      GROUP BY questionId, tag, rawInput
    )
    SELECT * FROM (
      SELECT 'count' AS kind, questionId, tag, NULL AS rawInput, COUNT(*) AS count, COUNT(DISTINCT userId) AS students,
             0 AS rank
      FROM tagged
      GROUP BY questionId, tag
      UNION ALL
      SELECT 'example' AS kind, questionId, tag, rawInput, count, NULL AS students, rank
      FROM inputs
      WHERE rank <= ${perTag}
    )
    ORDER BY kind, CASE kind WHEN 'count' THEN count ELSE 0 END DESC, questionId, tag, rank`;
  const counts: MisconceptionCountRow[] = [];
  const examples: MisconceptionExampleRow[] = [];
  for (const row of rows) {
    const questionId = String(row.questionId);
    const tag = String(row.tag);
    if (row.kind === "count") {
      counts.push({ questionId, tag, count: toNumber(row.count), students: toNumber(row.students) });
    } else {
      examples.push({ questionId, tag, rawInput: String(row.rawInput), count: toNumber(row.count) });
    }
  }
  return { counts, examples };
}

export type VariantScoreRow = { questionId: string; questionVersion: number; seed: number; bestScore: number };

const variantScoresArgsSchema = courseArgsSchema.extend({
  questionId: z.string().min(1).max(200),
  limit: z.number().int().min(1).max(5_000),
});

/**
 * Best gradable score of each variant of one question, for at most `limit` variants (the most
 * recently created ones), so the caller can rebuild their parameters within a fixed budget.
 */
export async function selectVariantScores(
  client: PrismaClient,
  args: { courseId: string; questionId: string; limit: number },
): Promise<VariantScoreRow[]> {
  const { courseId, questionId, limit } = parseArguments(variantScoresArgsSchema, args, "selectVariantScores");
  const rows = await client.$queryRaw<Record<string, unknown>[]>`
    SELECT v.questionId AS questionId, v.questionVersion AS questionVersion, v.seed AS seed,
           MAX(s.totalScore) AS bestScore
    FROM ${scopedSubmissions(courseId)} AND s.gradable = 1 AND v.questionId = ${questionId}
    GROUP BY v.id
    ORDER BY v.id DESC
    LIMIT ${limit}`;
  return rows.map((row) => ({
    questionId: String(row.questionId),
    questionVersion: toNumber(row.questionVersion),
    seed: toNumber(row.seed),
    bestScore: toNumber(row.bestScore),
  }));
}

export type GradedAttemptRow = {
  userId: string;
  questionId: string;
  variantId: string;
  score: number;
  /** Position of the submission among the variant's gradable submissions, from 1. */
  tryNumber: number;
  timeTakenMs: number | null;
  createdAt: Date;
};

/**
 * Prisma's raw-query path costs a few microseconds per returned row, which on a class of 100,000
 * submissions outweighed the query itself (docs/benchmarks.md, "Class analytics"). The two
 * row-heavy reads below therefore return one row per student, whose `lines` column packs that
 * student's rows as tab-separated fields, one line each. The packed fields are ids, ISO-8601
 * timestamps, integers and `printf('%!.17g')` scores, so none contains a tab or newline. Scores
 * keep 17 significant digits, which give back the stored double exactly.
 */
function unpackLines(value: unknown): string[][] {
  if (value === null || value === undefined || value === "") return [];
  return String(value)
    .split("\n")
    .map((line) => line.split("\t"));
}

/**
 * Selects every gradable submission in scope, ordered by student, then time: the input of the
 * mastery model. tryNumber is counted while unpacking, because a window function in SQL sorted
 * the rows a second time. A variant belongs to one user and only that user submits to it, so
 * counting along the student's time-ordered submissions gives each one's place in its variant.
 */
export async function selectGradedAttempts(
  client: PrismaClient,
  args: { courseId: string },
): Promise<GradedAttemptRow[]> {
  const { courseId } = parseArguments(courseArgsSchema, args, "selectGradedAttempts");
  const rows = await client.$queryRaw<Record<string, unknown>[]>`
    SELECT s.userId AS userId,
           group_concat(
             v.questionId || char(9) || s.variantId || char(9) || printf('%!.17g', s.totalScore) || char(9) ||
             ifnull(s.timeTakenMs, '') || char(9) || s.createdAt,
             char(10) ORDER BY s.createdAt, s.id) AS lines
    FROM ${scopedSubmissions(courseId)} AND s.gradable = 1
    GROUP BY s.userId
    ORDER BY s.userId`;
  const attempts: GradedAttemptRow[] = [];
  for (const row of rows) {
    const userId = String(row.userId);
    const triesByVariant = new Map<string, number>();
    for (const [questionId = "", variantId = "", score = "", timeTakenMs = "", createdAt = ""] of unpackLines(row.lines)) {
      const tryNumber = (triesByVariant.get(variantId) ?? 0) + 1;
      triesByVariant.set(variantId, tryNumber);
      attempts.push({
        userId,
        questionId,
        variantId,
        score: Number(score),
        tryNumber,
        timeTakenMs: timeTakenMs === "" ? null : Number(timeTakenMs),
        createdAt: new Date(createdAt),
      });
    }
  }
  return attempts;
}

export type ClassClosedVariantRow = { userId: string; questionId: string; variantId: string; closedAt: Date };

/** Closed variants of enrolled students in the course: the solution was shown from closedAt on. */
export async function selectClosedVariants(client: PrismaClient, args: { courseId: string }): Promise<ClassClosedVariantRow[]> {
  const { courseId } = parseArguments(courseArgsSchema, args, "selectClosedVariants");
  // Packed per student, as explained above unpackLines.
  const rows = await client.$queryRaw<Record<string, unknown>[]>`
    SELECT v.userId AS userId, group_concat(v.questionId || char(9) || v.id || char(9) || v.closedAt, char(10)) AS lines
    FROM Variant v
    JOIN Enrollment e ON e.userId = v.userId AND e.courseId = ${courseId} AND e.role = 'student'
    WHERE (v.courseId = ${courseId} OR v.courseId IS NULL) AND v.closedAt IS NOT NULL
    GROUP BY v.userId`;
  const closed: ClassClosedVariantRow[] = [];
  for (const row of rows) {
    const userId = String(row.userId);
    for (const [questionId = "", variantId = "", closedAt = ""] of unpackLines(row.lines)) {
      closed.push({ userId, questionId, variantId, closedAt: new Date(closedAt) });
    }
  }
  return closed;
}

export type ExportPartRow = {
  submissionId: string;
  submittedAt: Date;
  email: string;
  name: string;
  questionId: string;
  questionVersion: number;
  seed: number;
  gradable: boolean;
  totalScore: number;
  timeTakenMs: number | null;
  position: number;
  partId: string;
  rawInput: string;
  partScore: number | null;
  misconceptionTag: string | null;
};

const exportPartsSchema = courseArgsSchema.extend({ userIds: z.array(idSchema).min(1).max(500) });

/**
 * Selects the answer parts in scope of the given students, gradable or not, ordered by student
 * (in the order given), submission time and part position. The caller passes a few students at a
 * time, so each query seeks through the Submission(userId, createdAt) index and stays small
 * however large the course or the rest of the database is.
 */
export async function selectExportParts(
  client: PrismaClient,
  args: { courseId: string; userIds: string[] },
): Promise<ExportPartRow[]> {
  const { courseId, userIds } = parseArguments(exportPartsSchema, args, "selectExportParts");
  const rows = await client.$queryRaw<Record<string, unknown>[]>`
    SELECT s.id AS submissionId, s.userId AS userId, s.createdAt AS submittedAt, u.email AS email, u.name AS name,
           v.questionId AS questionId, v.questionVersion AS questionVersion, v.seed AS seed,
           s.gradable AS gradable, s.totalScore AS totalScore, s.timeTakenMs AS timeTakenMs,
           p.position AS position, p.partId AS partId, p.rawInput AS rawInput, p.score AS partScore,
           p.misconceptionTag AS misconceptionTag
    FROM Submission s
    JOIN Variant v ON v.id = s.variantId
    JOIN Enrollment e ON e.userId = s.userId AND e.courseId = ${courseId} AND e.role = 'student'
    JOIN User u ON u.id = s.userId
    JOIN SubmissionPart p ON p.submissionId = s.id
    WHERE s.userId IN (${Prisma.join(userIds)}) AND (v.courseId = ${courseId} OR v.courseId IS NULL)
    ORDER BY s.userId, s.createdAt, s.id, p.position`;
  const order = new Map(userIds.map((userId, index) => [userId, index]));
  return rows
    .map((row) => ({
      userOrder: order.get(String(row.userId)) ?? 0,
      record: {
        submissionId: String(row.submissionId),
        submittedAt: toDate(row.submittedAt),
        email: String(row.email),
        name: String(row.name),
        questionId: String(row.questionId),
        questionVersion: toNumber(row.questionVersion),
        seed: toNumber(row.seed),
        gradable: toNumber(row.gradable) === 1 || row.gradable === true,
        totalScore: toNumber(row.totalScore),
        timeTakenMs: toNullableNumber(row.timeTakenMs),
        position: toNumber(row.position),
        partId: String(row.partId),
        rawInput: String(row.rawInput),
        partScore: toNullableNumber(row.partScore),
        misconceptionTag: row.misconceptionTag === null ? null : String(row.misconceptionTag),
      },
    }))
    .sort((a, b) => a.userOrder - b.userOrder)
    .map((entry) => entry.record);
}

/** Submissions in scope, gradable or not. */
export async function countCourseSubmissions(client: PrismaClient, args: { courseId: string }): Promise<number> {
  const { courseId } = parseArguments(courseArgsSchema, args, "countCourseSubmissions");
  const rows = await client.$queryRaw<Record<string, unknown>[]>`
    SELECT COUNT(*) AS count FROM ${scopedSubmissions(courseId)}`;
  return toNumber(rows[0]?.count ?? 0);
}
