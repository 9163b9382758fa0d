import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { DEMO_ACCOUNTS, DEMO_COURSE, seedDemoData } from "@/lib/db/seed";
import { countRows, createTestDatabase, type TestDatabase } from "@/test/support/db";

const VERIFY_BCRYPT_SCRIPT = path.resolve("test", "integration", "db", "fixtures", "verify-bcrypt.py");

let testDatabase: TestDatabase;

beforeEach(async () => {
  testDatabase = await createTestDatabase();
});

afterEach(async () => {
  await testDatabase.cleanup();
});

function tableCounts(): Record<string, number> {
  const file = testDatabase.databaseFilePath;
  return {
    User: countRows(file, "User"),
    Course: countRows(file, "Course"),
    Enrollment: countRows(file, "Enrollment"),
  };
}

describe("seedDemoData", () => {
  it("creates the demo course and accounts", async () => {
    const summary = await seedDemoData(testDatabase.db);

    expect(summary).toEqual({ createdUsers: 3, createdCourses: 1, createdEnrollments: 3 });
    const course = await testDatabase.db.selectCourseByJoinCode({ joinCode: "NEURAL-2026" });
    expect(course?.title).toBe("Statistical Learning: Neural Networks");

    const instructor = await testDatabase.db.selectUserByEmail({ email: "instructor@example.edu" });
    expect(instructor?.role).toBe("instructor");
    const instructorCourses = await testDatabase.db.selectCoursesForUser({ userId: instructor?.id ?? "" });
    expect(instructorCourses.map((entry) => [entry.joinCode, entry.role])).toEqual([[DEMO_COURSE.joinCode, "instructor"]]);

    for (const email of ["student1@example.edu", "student2@example.edu"]) {
      const student = await testDatabase.db.selectUserByEmail({ email });
      expect(student?.role).toBe("student");
      const courses = await testDatabase.db.selectCoursesForUser({ userId: student?.id ?? "" });
      expect(courses.map((entry) => [entry.joinCode, entry.role])).toEqual([[DEMO_COURSE.joinCode, "student"]]);
    }
  });

  it("creates nothing on a second run", async () => {
    await seedDemoData(testDatabase.db);
    const before = tableCounts();

    const second = await seedDemoData(testDatabase.db);

    expect(second).toEqual({ createdUsers: 0, createdCourses: 0, createdEnrollments: 0 });
    expect(tableCounts()).toEqual(before);
  });

  it("stores bcrypt hashes of the published passwords", async () => {
    await seedDemoData(testDatabase.db);
    const cases = [];
    for (const account of DEMO_ACCOUNTS) {
      const user = await testDatabase.db.selectUserByEmail({ email: account.email });
      expect(user?.passwordHash).toMatch(/^\$2[aby]\$12\$/);
      expect(await verifyPassword(account.password, user?.passwordHash ?? "")).toBe(true);
      cases.push({ password: account.password, hash: user?.passwordHash ?? "" });
    }

    // crypt(3) from libxcrypt checks the same hashes independently of bcryptjs.
    const python = spawnSync("/usr/bin/python3", [VERIFY_BCRYPT_SCRIPT], { input: JSON.stringify(cases), encoding: "utf8" });
    expect(python.status, python.stderr).toBe(0);
    expect(JSON.parse(python.stdout)).toEqual(cases.map(() => true));
  });
});
