import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { SessionUser } from "@/lib/auth/session";

import { countRows } from "@/test/support/db";

import { QUESTIONS, writeFixture, type FixtureIds } from "./fixture";

// Every course service that a teaching page, action or route calls, against every kind of caller.
// Pages and routes call exactly these functions with the session user, so a caller refused here is
// refused there (the browser test checks the status codes of the pages and routes for a student).

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "course-access-"));
const databaseFilePath = path.join(tempDir, "app.db");
process.env.DATABASE_URL = `file:${databaseFilePath}`;

let ids: FixtureIds;
let callers: Record<"student" | "otherInstructor" | "instructor" | "admin", SessionUser>;
type Operation = (user: SessionUser, courseId: string) => Promise<unknown>;
let operations: [string, Operation][];
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
  const analytics = await import("@/lib/analytics/service");
  const exporter = await import("@/lib/analytics/export");
  const attempts = await import("@/lib/analytics/student-attempts");
  const courses = await import("@/lib/courses/service");
  callers = {
    student: { id: ids.students.ada, email: "ada@example.edu", name: "Ada", role: "student" },
    otherInstructor: { id: ids.otherInstructorId, email: "other-teacher@example.edu", name: "Other Teacher", role: "instructor" },
    instructor: { id: ids.instructorId, email: "teacher@example.edu", name: "Teacher", role: "instructor" },
    admin: { id: ids.adminId, email: "admin@example.edu", name: "Admin", role: "admin" },
  };
  operations = [
    ["roster", (user, courseId) => courses.getRoster(user, courseId)],
    ["class analytics", (user, courseId) => analytics.getClassAnalytics(user, courseId)],
    ["parameter breakdown", (user, courseId) => analytics.getParameterBreakdown(user, courseId, QUESTIONS.rnn.id)],
    ["student drill-down", (user, courseId) => attempts.getStudentAttempts(user, courseId, ids.students.bob)],
    ["scores CSV", (user, courseId) => exporter.buildScoresCsv(user, courseId, "question")],
    ["submissions CSV", (user, courseId) => exporter.streamSubmissionsCsv(user, courseId, { requestId: "test" })],
    ["join code", (user, courseId) => courses.regenerateJoinCode(user, courseId)],
    // Removing a student who is not enrolled: allowed callers get not_found, refused ones forbidden first.
    ["remove student", (user, courseId) => courses.removeStudent(user, courseId, ids.students.eve)],
  ];
}, 60_000);

afterAll(async () => {
  await db?.getDb().close();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

async function outcome(operation: Operation, user: SessionUser, courseId: string): Promise<string> {
  try {
    await operation(user, courseId);
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe("course access", () => {
  const table: ["student" | "otherInstructor" | "instructor" | "admin", string][] = [
    ["student", "forbidden"],
    ["otherInstructor", "forbidden"],
    ["instructor", "ok"],
    ["admin", "ok"],
  ];

  it.each(table)("%s gets %s on every operation", async (caller, expected) => {
    for (const [name, operation] of operations) {
      const result = await outcome(operation, callers[caller], ids.courseId);
      const allowedResult = name === "remove student" && expected === "ok" ? "not_found" : expected;
      expect(`${name}: ${result}`).toBe(`${name}: ${allowedResult}`);
    }
  });

  it("reports an unknown course as not found", async () => {
    for (const [name, operation] of operations) {
      const result = await outcome(operation, callers.instructor, "0190a0a0-0000-7000-8000-000000000000");
      expect(`${name}: ${result}`).toBe(`${name}: not_found`);
    }
  });

  it("lists only taught courses", async () => {
    const courses = await import("@/lib/courses/service");
    expect((await courses.listTeachingCourses(callers.instructor)).map((course) => course.title)).toEqual(["Fixture course"]);
    expect((await courses.listTeachingCourses(callers.admin)).map((course) => course.title).sort()).toEqual(["Fixture course", "Other course"]);
    await expect(courses.listTeachingCourses(callers.student)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("removes a student and keeps their submissions", async () => {
    const courses = await import("@/lib/courses/service");
    const before = countRows(databaseFilePath, "Submission");
    await courses.removeStudent(callers.instructor, ids.courseId, ids.students.dee);
    const roster = await courses.getRoster(callers.instructor, ids.courseId);
    expect(roster.students.map((student) => student.name)).not.toContain("Dee");
    expect(countRows(databaseFilePath, "Submission")).toBe(before);
    // Out of the figures: the scope counts only enrolled students (12 before, Dee's 2 leave).
    expect(await db.countCourseSubmissions({ courseId: ids.courseId })).toBe(10);
  });

  it("creates a course with a fresh join code", async () => {
    const courses = await import("@/lib/courses/service");
    const created = await courses.createCourse(callers.otherInstructor, { title: "Deep learning 2027" });
    expect(created.joinCode).toMatch(/^DEEPLEARNI-[A-HJ-NP-Z2-9]{6}$/);
    const regenerated = await courses.regenerateJoinCode(callers.otherInstructor, created.id);
    expect(regenerated.joinCode).not.toBe(created.joinCode);
    expect(await db.selectCourseByJoinCode({ joinCode: created.joinCode })).toBeNull();
  });
});

describe("admin", () => {
  it("rejects a duplicate email and keeps the last admin", async () => {
    const admin = await import("@/lib/courses/admin");
    await expect(
      admin.createInstructor(callers.admin, { email: "TEACHER@example.edu", name: "Dup", password: "long-enough-1" }),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("teacher@example.edu already exists") });
    await expect(admin.setUserRole(callers.admin, { userId: ids.adminId, role: "student" })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("You are the last admin"),
    });
    await expect(admin.setUserRole(callers.instructor, { userId: ids.students.bob, role: "instructor" })).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("promotes and demotes a user", async () => {
    const admin = await import("@/lib/courses/admin");
    const promoted = await admin.setUserRole(callers.admin, { userId: ids.students.bob, role: "instructor" });
    expect(promoted.role).toBe("instructor");
    const demoted = await admin.setUserRole(callers.admin, { userId: ids.students.bob, role: "student" });
    expect(demoted.role).toBe("student");
    const created = await admin.createInstructor(callers.admin, { email: "new-teacher@example.edu", name: "New", password: "long-enough-1" });
    expect(created.role).toBe("instructor");
    expect(created).not.toHaveProperty("passwordHash");
  });
});
