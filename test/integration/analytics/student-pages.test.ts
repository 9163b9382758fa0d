import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { SessionUser } from "@/lib/auth/session";

import { QUESTIONS, writeFixture, type FixtureIds } from "./fixture";

// Pagination and search of the roster and the heatmap, and the example answers per topic, on the
// hand-made class of fixture.ts plus two students added below. Expectations are worked out by hand
// in the comments.

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "student-pages-"));
const databaseFilePath = path.join(tempDir, "app.db");
process.env.DATABASE_URL = `file:${databaseFilePath}`;

let ids: FixtureIds;
let teacher: SessionUser;
let pages: typeof import("@/lib/analytics/student-pages");
let analytics: typeof import("@/lib/analytics/service");
let courses: typeof import("@/lib/courses/service");
let db: typeof import("@/lib/db");
const extra = { lovelace: randomUUID(), otherBob: randomUUID() };

beforeAll(async () => {
  const { migrateDatabase } = await import("@/lib/db/migrate");
  await migrateDatabase({ databaseUrl: `file:${databaseFilePath}` });
  const { getQuestionSummary } = await import("@/lib/questions");
  const rnnVersion = getQuestionSummary(QUESTIONS.rnn.id).version;
  ids = writeFixture(databaseFilePath, {
    rnn: rnnVersion,
    ff: getQuestionSummary(QUESTIONS.ff.id).version,
    deep: getQuestionSummary(QUESTIONS.deep.id).version,
  });

  // Two more enrolled students: a lower-case name, and a second "Bob" whose email sorts first.
  // "ada lovelace" also submits "2000" on rnn, tagged per-step-count.
  const raw = new BetterSqlite3(databaseFilePath);
  const created = "2026-01-01T09:00:00.000Z";
  const at = "2026-01-03T10:00:00.000Z";
  raw.transaction(() => {
    const insertUser = raw.prepare(`INSERT INTO User (id, email, name, passwordHash, role, createdAt) VALUES (?, ?, ?, 'not-a-hash', 'student', ?)`);
    const insertEnrollment = raw.prepare(`INSERT INTO Enrollment (id, userId, courseId, role, createdAt) VALUES (?, ?, ?, 'student', ?)`);
    insertUser.run(extra.lovelace, "lovelace@example.edu", "ada lovelace", created);
    insertUser.run(extra.otherBob, "a-bob@example.edu", "Bob", created);
    insertEnrollment.run(randomUUID(), extra.lovelace, ids.courseId, created);
    insertEnrollment.run(randomUUID(), extra.otherBob, ids.courseId, created);
    const variantId = randomUUID();
    raw
      .prepare(
        `INSERT INTO Variant (id, questionId, questionVersion, seed, userId, courseId, status, mode, createdAt, closedAt)
         VALUES (?, ?, ?, 100, ?, ?, 'closed', 'practice', ?, ?)`,
      )
      .run(variantId, QUESTIONS.rnn.id, Number(rnnVersion), extra.lovelace, ids.courseId, at, at);
    const submissionId = randomUUID();
    raw
      .prepare(
        `INSERT INTO Submission (id, variantId, userId, idempotencyKey, totalScore, gradable, formatErrors, feedback,
           misconceptionTags, timeTakenMs, questionVersion, appVersion, createdAt)
         VALUES (?, ?, ?, ?, 0, 1, '[]', '', '["per-step-count"]', 45000, ?, 'test', ?)`,
      )
      .run(submissionId, variantId, extra.lovelace, `key-${submissionId}`, Number(rnnVersion), at);
    raw
      .prepare(
        `INSERT INTO SubmissionPart (id, submissionId, position, partId, rawInput, score, misconceptionTag)
         VALUES (?, ?, 0, 'total', '2000', 0, 'per-step-count')`,
      )
      .run(randomUUID(), submissionId);
  })();
  raw.close();

  db = await import("@/lib/db");
  pages = await import("@/lib/analytics/student-pages");
  analytics = await import("@/lib/analytics/service");
  courses = await import("@/lib/courses/service");
  teacher = { id: ids.instructorId, email: "teacher@example.edu", name: "Teacher", role: "instructor" };
}, 60_000);

afterAll(async () => {
  await db?.getDb().close();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

const label = (row: { name: string; email: string }) => `${row.name} <${row.email}>`;

// The six enrolled students ordered by lower-cased name, then email:
// "ada" < "ada lovelace" (prefix) < "bob" (a-bob@ < bob@) < "cy, jr." < "dee".
// A plain code-unit sort would put "ada lovelace" last, after "Dee".
const ORDER = [
  "Ada <ada@example.edu>",
  "ada lovelace <lovelace@example.edu>",
  "Bob <a-bob@example.edu>",
  "Bob <bob@example.edu>",
  "Cy, Jr. <cy@example.edu>",
  "Dee <dee@example.edu>",
];

describe("query parameters", () => {
  it("reads page and search", () => {
    expect(pages.parseStudentListQuery({ page: "3", student: "  bob " })).toEqual({ page: 3, search: "bob", notices: [] });
    expect(pages.parseStudentListQuery({})).toEqual({ page: 1, search: "", notices: [] });
    expect(pages.parseStudentListQuery({ page: "" })).toEqual({ page: 1, search: "", notices: [] });
    // Repeated parameters: the first value counts.
    expect(pages.parseStudentListQuery({ page: ["2", "5"] }).page).toBe(2);
  });

  it.each(["abc", "0", "-1", "1.5", "1e3", "99999999999999999999"])("falls back to page 1 for %j", (value) => {
    const query = pages.parseStudentListQuery({ page: value });
    expect(query.page).toBe(1);
    expect(query.notices).toHaveLength(1);
    expect(query.notices[0]).toContain(`"${value}" is not a page number`);
  });

  it("ignores a search text over 100 characters", () => {
    const query = pages.parseStudentListQuery({ student: "x".repeat(101) });
    expect(query.search).toBe("");
    expect(query.notices[0]).toContain("longer than 100 characters");
    expect(pages.parseStudentListQuery({ student: "x".repeat(100) }).search).toBe("x".repeat(100));
  });
});

describe("roster pages", () => {
  const query = (page: number, search = "") => ({ page, search, notices: [] });

  it("splits six students into pages of two", async () => {
    // ceil(6 / 2) = 3 pages.
    for (const [page, expected] of [
      [1, ORDER.slice(0, 2)],
      [2, ORDER.slice(2, 4)],
      [3, ORDER.slice(4, 6)],
    ] as const) {
      const result = await courses.getRosterPage(teacher, ids.courseId, query(page), 2);
      expect(result.page.rows.map(label)).toEqual(expected);
      expect(result.page.page).toBe(page);
      expect(result.page.pageCount).toBe(3);
      expect(result.page.total).toBe(6);
      expect(result.page.matched).toBe(6);
      expect(result.page.notices).toEqual([]);
    }
  });

  it("uses 50 rows per page by default", async () => {
    const result = await courses.getRosterPage(teacher, ids.courseId, query(1));
    expect(result.page.pageSize).toBe(50);
    expect(result.page.pageCount).toBe(1);
    expect(result.page.rows.map(label)).toEqual(ORDER);
  });

  it("shows the last page past the end", async () => {
    const result = await courses.getRosterPage(teacher, ids.courseId, query(4), 2);
    expect(result.page.page).toBe(3);
    expect(result.page.rows.map(label)).toEqual(ORDER.slice(4, 6));
    expect(result.page.notices).toEqual(["Page 4 does not exist, so page 3, the last one, is shown."]);
  });

  it("searches name or email ignoring case", async () => {
    // "BOB" is in both Bobs' names and emails; "lovelace" is in one email and one name.
    const bobs = await courses.getRosterPage(teacher, ids.courseId, query(1, "BOB"), 2);
    expect(bobs.page.rows.map(label)).toEqual(["Bob <a-bob@example.edu>", "Bob <bob@example.edu>"]);
    expect(bobs.page.matched).toBe(2);
    expect(bobs.page.total).toBe(6);
    expect(bobs.page.pageCount).toBe(1);
    // "ADA" matches Ada and ada lovelace by name, no email contains it.
    const adas = await courses.getRosterPage(teacher, ids.courseId, query(1, "ADA"), 50);
    expect(adas.page.rows.map(label)).toEqual(ORDER.slice(0, 2));
    // "y@" is only in cy@example.edu.
    const byEmail = await courses.getRosterPage(teacher, ids.courseId, query(1, "y@"), 50);
    expect(byEmail.page.rows.map(label)).toEqual(["Cy, Jr. <cy@example.edu>"]);
  });

  it("returns an empty page when nothing matches", async () => {
    const result = await courses.getRosterPage(teacher, ids.courseId, query(2, "nobody"), 2);
    expect(result.page.rows).toEqual([]);
    expect(result.page.matched).toBe(0);
    expect(result.page.pageCount).toBe(1);
    expect(result.page.page).toBe(1);
  });

  it("keeps each row's class figures", async () => {
    // Dee: rnn 0.5 in the course and deep 1 outside any course → 2 attempts, mean 0.75.
    const result = await courses.getRosterPage(teacher, ids.courseId, query(3), 2);
    const dee = result.page.rows.find((row) => row.name === "Dee");
    expect(dee?.attempts).toBe(2);
    expect(dee?.meanScore).toBeCloseTo(0.75, 12);
    // ada lovelace: one rnn attempt scored 0 → 1 attempt, mean 0.
    const first = await courses.getRosterPage(teacher, ids.courseId, query(1), 2);
    const lovelace = first.page.rows.find((row) => row.email === "lovelace@example.edu");
    expect(lovelace?.attempts).toBe(1);
    expect(lovelace?.meanScore).toBe(0);
  });
});

describe("heatmap pages", () => {
  it("limits the heatmap rows only", async () => {
    const students = { page: 2, search: "", notices: [] };
    const paged = await analytics.getClassAnalytics(teacher, ids.courseId, { students, pageSize: 2 });
    expect(paged.heatmap.map(label)).toEqual(ORDER.slice(2, 4));
    expect(paged.heatmapPage).toMatchObject({ page: 2, pageCount: 3, pageSize: 2, matched: 6, total: 6 });
    // Class-wide: 6 enrolled students; rnn has the fixture's 5 attempts by 4 students plus ada lovelace's 1.
    expect(paged.studentCount).toBe(6);
    const rnn = paged.questions.find((question) => question.questionId === QUESTIONS.rnn.id);
    expect(rnn?.attempts).toBe(6);
    expect(rnn?.students).toBe(5);
  });

  it("lists every student without a query", async () => {
    const all = await analytics.getClassAnalytics(teacher, ids.courseId);
    expect(all.heatmap).toHaveLength(6);
    expect(all.heatmapPage).toBeNull();
  });

  it("searches the heatmap", async () => {
    const students = { page: 1, search: "dee", notices: [] };
    const result = await analytics.getClassAnalytics(teacher, ids.courseId, { students, pageSize: 2 });
    expect(result.heatmap.map(label)).toEqual(["Dee <dee@example.edu>"]);
    // Dee, weight-sharing: one try-1 score 0.5 → 0.25 + 0.35 · (0.5 − 0.25) = 0.3375 (prior 0.25, α 0.35).
    expect(result.heatmap[0]?.estimates["weight-sharing"].estimate).toBeCloseTo(0.3375, 12);
  });
});

describe("misconceptions by topic", () => {
  it("lists example answers per tag", async () => {
    // per-step-count on rnn: "2000" by Ada and ada lovelace (2), "=1+1" by Cy (1) → 3 answers.
    // forgot-bias on ff: "99" by Bob (1). Examples sort by count, then raw input.
    const result = await analytics.getClassAnalytics(teacher, ids.courseId);
    const byTopic = Object.fromEntries(result.misconceptionsByTopic.map((entry) => [entry.topic, entry.tags]));
    expect(byTopic["weight-sharing"]).toEqual([
      {
        tag: "per-step-count",
        questionId: QUESTIONS.rnn.id,
        questionTitle: QUESTIONS.rnn.title,
        count: 3,
        examples: [
          { rawInput: "2000", count: 2 },
          { rawInput: "=1+1", count: 1 },
        ],
      },
    ]);
    expect(byTopic["feed-forward-counts"]?.map((tag) => [tag.tag, tag.count, tag.examples])).toEqual([["forgot-bias", 1, [{ rawInput: "99", count: 1 }]]]);
    expect(byTopic["when-deep-learning"]?.map((tag) => [tag.tag, tag.examples])).toEqual([["forgot-bias", [{ rawInput: "99", count: 1 }]]]);
  });
});
