import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { SessionUser } from "@/lib/auth/session";

import { QUESTIONS, writeFixture, type FixtureIds } from "./fixture";

// Every figure of the class analytics on a hand-made class (fixture.ts). The expected values are
// computed by hand in the comments; discrimination comes from numpy (fixtures/make_discrimination_reference.py).

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "class-analytics-"));
const databaseFilePath = path.join(tempDir, "app.db");
process.env.DATABASE_URL = `file:${databaseFilePath}`;

const reference = JSON.parse(
  fs.readFileSync(path.join(__dirname, "fixtures", "discrimination-reference.json"), "utf8"),
) as Record<"rnn" | "ff" | "deep", { r: number | null; students: number }>;

let ids: FixtureIds;
let teacher: SessionUser;
let analytics: typeof import("@/lib/analytics/service");
let exporter: typeof import("@/lib/analytics/export");
let courses: typeof import("@/lib/courses/service");
let db: typeof import("@/lib/db");

beforeAll(async () => {
  const { migrateDatabase } = await import("@/lib/db/migrate");
  await migrateDatabase({ databaseUrl: `file:${databaseFilePath}` });
  const { getQuestionSummary } = await import("@/lib/questions");
  ids = writeFixture(databaseFilePath, {
    rnn: getQuestionSummary(QUESTIONS.rnn.id).version,
    ff: getQuestionSummary(QUESTIONS.ff.id).version,
    deep: getQuestionSummary(QUESTIONS.deep.id).version,
  });
  db = await import("@/lib/db");
  analytics = await import("@/lib/analytics/service");
  exporter = await import("@/lib/analytics/export");
  courses = await import("@/lib/courses/service");
  teacher = { id: ids.instructorId, email: "teacher@example.edu", name: "Teacher", role: "instructor" };
}, 60_000);

afterAll(async () => {
  await db?.getDb().close();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

async function figuresOf(questionId: string) {
  const result = await analytics.getClassAnalytics(teacher, ids.courseId);
  const figures = result.questions.find((question) => question.questionId === questionId);
  if (figures === undefined) throw new Error(`no figures for ${questionId}`);
  return figures;
}

describe("per-question figures", () => {
  it("counts attempts and students in scope only", async () => {
    // rnn: Ada 0 and 1, Bob 1, Cy 0, Dee 0.5 = 5 gradable submissions by 4 students.
    // Eve (not enrolled) and Ada's variant of the other course are out of scope.
    const rnn = await figuresOf(QUESTIONS.rnn.id);
    expect(rnn.attempts).toBe(5);
    expect(rnn.students).toBe(4);
    // ff: Ada 1, Bob 0 (his unreadable answer is no attempt), Cy 0.5.
    const ff = await figuresOf(QUESTIONS.ff.id);
    expect(ff.attempts).toBe(3);
    expect(ff.students).toBe(3);
    // deep: Ada .5, Bob 0, and Dee 1 on a variant of no course; Eve's course-less variant is out (not enrolled).
    const deep = await figuresOf(QUESTIONS.deep.id);
    expect(deep.attempts).toBe(3);
    expect(deep.students).toBe(3);
  });

  it("computes facility as the mean score", async () => {
    // rnn: (0 + 1 + 1 + 0 + 0.5) / 5 = 0.5; ff: (1 + 0 + 0.5) / 3 = 0.5; deep: (0.5 + 0 + 1) / 3 = 0.5.
    expect((await figuresOf(QUESTIONS.rnn.id)).facility).toBeCloseTo(0.5, 12);
    expect((await figuresOf(QUESTIONS.ff.id)).facility).toBeCloseTo(0.5, 12);
    expect((await figuresOf(QUESTIONS.deep.id)).facility).toBeCloseTo(0.5, 12);
  });

  it("computes discrimination against numpy", async () => {
    // rnn by hand: x = [1, 1, 0, .5] (Ada, Bob, Cy, Dee), y = [mean(1, .5), mean(0, 0), .5, 1] = [.75, 0, .5, 1].
    // Means .625 and .5625; Sxy = -0.15625, Sxx = 0.6875, Syy = 0.546875;
    // r = -0.15625 / sqrt(0.6875 · 0.546875) = -0.254824.
    const rnn = await figuresOf(QUESTIONS.rnn.id);
    expect(rnn.discrimination.students).toBe(4);
    expect(rnn.discrimination.r).toBeCloseTo(reference.rnn.r as number, 12);
    expect(rnn.discrimination.r).toBeCloseTo(-0.254824, 6);
    const ff = await figuresOf(QUESTIONS.ff.id);
    expect(ff.discrimination.r).toBeCloseTo(reference.ff.r as number, 12);
    // deep: x = [.5, 0, 1] (Ada, Bob, Dee), y = [1, .5, .5]; dx = [0, -.5, .5], so Sxy = 0 and r = 0.
    const deep = await figuresOf(QUESTIONS.deep.id);
    expect(deep.discrimination.students).toBe(3);
    expect(deep.discrimination.r).toBeCloseTo(0, 12);
    expect(reference.deep.r).toBe(0);
  });

  it("computes the median time", async () => {
    // rnn times with a value: 60, 30, 20, 90 s (Dee has none) → sorted 20 30 60 90 → (30 + 60) / 2 = 45 s.
    expect((await figuresOf(QUESTIONS.rnn.id)).medianTimeMs).toBe(45_000);
    // ff: 40, 50, 70 s (the unreadable answer is not counted) → 50 s. deep: 100, 80, 30 → 80 s.
    expect((await figuresOf(QUESTIONS.ff.id)).medianTimeMs).toBe(50_000);
    expect((await figuresOf(QUESTIONS.deep.id)).medianTimeMs).toBe(80_000);
  });

  it("computes the first-try success rate", async () => {
    // rnn first tries: Ada 0, Bob 1, Cy 0, Dee 0.5 → 1 of 4. ff: Ada 1, Bob 0, Cy 0.5 → 1 of 3.
    // deep: Ada .5, Bob 0, Dee 1 → 1 of 3.
    const rnn = await figuresOf(QUESTIONS.rnn.id);
    expect(rnn.firstTry).toEqual({ variants: 4, correct: 1, rate: 0.25 });
    const ff = await figuresOf(QUESTIONS.ff.id);
    expect(ff.firstTry.correct).toBe(1);
    expect(ff.firstTry.rate).toBeCloseTo(1 / 3, 12);
    expect((await figuresOf(QUESTIONS.deep.id)).firstTry).toEqual({ variants: 3, correct: 1, rate: 1 / 3 });
  });
});

describe("misconceptions and mastery", () => {
  it("counts misconception tags with examples", async () => {
    // per-step-count on rnn: Ada "2000", Cy "=1+1" → 2 parts by 2 students (Eve's is out of scope).
    // forgot-bias on ff: Bob "99" → 1.
    const result = await analytics.getClassAnalytics(teacher, ids.courseId);
    const rnn = result.misconceptionsByQuestion.find((entry) => entry.questionId === QUESTIONS.rnn.id);
    expect(rnn?.tags).toEqual([
      { tag: "per-step-count", count: 2, students: 2, examples: [{ rawInput: "2000", count: 1 }, { rawInput: "=1+1", count: 1 }] },
    ]);
    const ff = result.misconceptionsByQuestion.find((entry) => entry.questionId === QUESTIONS.ff.id);
    expect(ff?.tags.map((tag) => [tag.tag, tag.count])).toEqual([["forgot-bias", 1]]);
    // Per topic: weight-sharing contains the tag of rnn; feed-forward-counts and when-deep-learning contain that of ff.
    const byTopic = Object.fromEntries(result.misconceptionsByTopic.map((entry) => [entry.topic, entry.tags.map((tag) => `${tag.tag}:${tag.count}`)]));
    expect(byTopic).toEqual({
      "weight-sharing": ["per-step-count:2"],
      "feed-forward-counts": ["forgot-bias:1"],
      "when-deep-learning": ["forgot-bias:1"],
    });
  });

  it("fills the mastery heatmap with the model's estimates", async () => {
    // Prior 0.25, α = 0.35, try discount 0.5.
    // Dee, weight-sharing: one try-1 score 0.5 → 0.25 + 0.35 · 0.25 = 0.3375.
    // Ada, weight-sharing: 0 on try 1 → 0.1625; 1 on try 2 (weight 0.5) → 0.1625 + 0.175 · 0.8375 = 0.3090625.
    // Ada, feed-forward-counts: ff 1 → 0.5125; deep 0.5 → 0.5125 − 0.35 · 0.0125 = 0.508125.
    const result = await analytics.getClassAnalytics(teacher, ids.courseId);
    const row = (name: string) => result.heatmap.find((entry) => entry.name === name);
    expect(result.heatmap.map((entry) => entry.name)).toEqual(["Ada", "Bob", "Cy, Jr.", "Dee"]);
    expect(row("Dee")?.estimates["weight-sharing"].estimate).toBeCloseTo(0.3375, 12);
    expect(row("Ada")?.estimates["weight-sharing"].estimate).toBeCloseTo(0.3090625, 12);
    expect(row("Ada")?.estimates["feed-forward-counts"].estimate).toBeCloseTo(0.508125, 12);
    expect(row("Dee")?.estimates["regularization"].attempts).toBe(0);
  });
});

describe("roster", () => {
  it("lists attempts and mean scores", async () => {
    // Ada 4 gradable (0, 1, 1, .5) → mean .625; Bob 3 (1, 0, 0) → 1/3; Cy 2 (0, .5) → .25; Dee 2 (.5, 1) → .75.
    const { students } = await courses.getRoster(teacher, ids.courseId);
    expect(students.map((student) => [student.name, student.attempts])).toEqual([
      ["Ada", 4],
      ["Bob", 3],
      ["Cy, Jr.", 2],
      ["Dee", 2],
    ]);
    expect(students[3]?.meanScore).toBeCloseTo(0.75, 12);
    expect(students[0]?.meanScore).toBeCloseTo(0.625, 12);
    expect(students[1]?.meanScore).toBeCloseTo(1 / 3, 12);
    expect(students[2]?.meanScore).toBeCloseTo(0.25, 12);
    // Last active: Ada's latest submission in the course, 10:03 (her other course does not count).
    expect(students[0]?.lastActiveAt?.toISOString()).toBe("2026-01-02T10:03:00.000Z");
  });
});

describe("CSV exports", () => {
  it("writes the gradebook by question", async () => {
    // Columns by question id: deep, ff, rnn. Total = mean of best scores, unattempted = 0:
    // Ada (.5 + 1 + 1) / 3 = 83.3; Bob (0 + 0 + 1) / 3 = 33.3; Cy (0 + .5 + 0) / 3 = 16.7; Dee (1 + .5) / 3 = 50.0.
    const { csv } = await exporter.buildScoresCsv(teacher, ids.courseId, "question");
    expect(csv.split("\r\n")).toEqual([
      `"Email","Name","Total","${QUESTIONS.deep.title} (${QUESTIONS.deep.id})","${QUESTIONS.ff.title} (${QUESTIONS.ff.id})","${QUESTIONS.rnn.title} (${QUESTIONS.rnn.id})"`,
      "ada@example.edu,Ada,83.3,50.0,100.0,100.0",
      "bob@example.edu,Bob,33.3,0.0,0.0,100.0",
      'cy@example.edu,"Cy, Jr.",16.7,,50.0,0.0',
      "dee@example.edu,Dee,50.0,100.0,,50.0",
      "",
    ]);
  });

  it("writes the gradebook by topic", async () => {
    // feed-forward-counts = mean(deep, ff): Ada .75, Bob 0, Cy .25, Dee 0. weight-sharing = rnn.
    // when-deep-learning = ff. Topics in course order: weight-sharing, feed-forward-counts, when-deep-learning.
    const { csv } = await exporter.buildScoresCsv(teacher, ids.courseId, "topic");
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      '"Email","Name","Total","Weight sharing and parameter counts","Feed-forward parameter counts","When to use deep learning"',
    );
    expect(lines[1]).toBe("ada@example.edu,Ada,83.3,100.0,75.0,100.0");
    expect(lines[3]).toBe('cy@example.edu,"Cy, Jr.",16.7,0.0,25.0,50.0');
  });

  it("streams one row per submission part", async () => {
    // 12 submissions in scope (Ada 4, Bob 4 with the unreadable one, Cy 2, Dee 2), one part each.
    const { stream } = await exporter.streamSubmissionsCsv(teacher, ids.courseId, { requestId: "test" });
    const text = await new Response(stream).text();
    const lines = text.split("\r\n").filter((line) => line !== "");
    expect(lines).toHaveLength(13);
    expect(lines[0]).toMatch(/^"Submission id","Submitted at","Email"/);
    const cyRows = lines.filter((line) => line.includes("cy@example.edu"));
    expect(cyRows).toHaveLength(2);
    const cyRow = cyRows.find((line) => line.includes("=1+1"));
    // Cy typed =1+1: a spreadsheet must show it as text, not run it.
    expect(cyRow).toContain(",'=1+1,");
    expect(cyRow).toContain('"Cy, Jr."');
    const bobUnreadable = lines.find((line) => line.includes(",abc,"));
    expect(bobUnreadable).toContain(",false,");
  });
});

describe("parameter breakdown", () => {
  it("rebuilds every variant of the question", async () => {
    // rnn has 4 variants in scope (Ada, Bob, Cy, Dee), best scores 1, 1, 0 and .5; each parameter's
    // groups must share those 4 variants out, and their weighted mean must be the mean best score .625.
    const { report } = await analytics.getParameterBreakdown(teacher, ids.courseId, QUESTIONS.rnn.id);
    expect(report.offered).toBe(4);
    expect(report.rebuilt).toBe(4);
    expect(report.unavailableReason).toBeNull();
    expect(report.parameters.length).toBeGreaterThan(0);
    for (const parameter of report.parameters) {
      const variants = parameter.groups.reduce((sum, group) => sum + group.variants, 0);
      expect(`${parameter.parameter}: ${variants}`).toBe(`${parameter.parameter}: 4`);
      const weighted = parameter.groups.reduce((sum, group) => sum + group.variants * group.meanBestScore, 0) / 4;
      expect(weighted).toBeCloseTo(0.625, 12);
    }
  });

  it("explains a question it cannot rebuild", async () => {
    const { report } = await analytics.getParameterBreakdown(teacher, ids.courseId, "template-question-1");
    expect(report.rebuilt).toBe(0);
    expect(report.unavailableReason).toMatch(/written in the browser/);
    await expect(analytics.getParameterBreakdown(teacher, ids.courseId, "Bad Id")).rejects.toMatchObject({ code: "invalid_input" });
  });
});

