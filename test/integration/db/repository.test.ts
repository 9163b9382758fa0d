import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isDbError, type Db } from "@/lib/db";
import { createTestDatabase, openRawDatabase, type TestDatabase } from "@/test/support/db";
import { buildSubmission, insertTestUser, insertTestVariant, UNUSED_PASSWORD_HASH } from "./helpers";

let testDatabase: TestDatabase;
let db: Db;

beforeEach(async () => {
  testDatabase = await createTestDatabase();
  db = testDatabase.db;
});

afterEach(async () => {
  await testDatabase.cleanup();
});

describe("users", () => {
  it("stores e-mail addresses lower-case", async () => {
    const user = await db.insertUser({
      email: "  Ada.Lovelace@Example.EDU ",
      name: "Ada",
      passwordHash: UNUSED_PASSWORD_HASH,
      role: "student",
    });

    expect(user.email).toBe("ada.lovelace@example.edu");
    expect((await db.selectUserByEmail({ email: "ADA.LOVELACE@example.edu" }))?.id).toBe(user.id);
    expect((await db.selectUserById({ userId: user.id }))?.email).toBe("ada.lovelace@example.edu");
  });

  it("rejects a duplicate e-mail in any case", async () => {
    await insertTestUser(db, "ada");

    const error = await db
      .insertUser({ email: "ADA@test.example", name: "Ada 2", passwordHash: UNUSED_PASSWORD_HASH, role: "student" })
      .catch((caught: unknown) => caught);

    expect(isDbError(error, "conflict")).toBe(true);
  });

  it("rejects an invalid e-mail", async () => {
    const error = await db
      .insertUser({ email: "not-an-address", name: "X", passwordHash: UNUSED_PASSWORD_HASH, role: "student" })
      .catch((caught: unknown) => caught);

    expect(isDbError(error, "invalid_input")).toBe(true);
    expect((error as Error).message).toContain("email");
  });

  it("records the last activity time", async () => {
    const user = await insertTestUser(db, "ada");
    expect(user.lastActiveAt).toBeNull();
    const before = Date.now();

    await db.touchUserLastActive({ userId: user.id });

    const lastActiveAt = (await db.selectUserById({ userId: user.id }))?.lastActiveAt;
    expect(lastActiveAt?.getTime()).toBeGreaterThanOrEqual(before - 1);
  });

  it("reports touching an unknown user", async () => {
    const error = await db
      .touchUserLastActive({ userId: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b" })
      .catch((caught: unknown) => caught);

    expect(isDbError(error, "not_found")).toBe(true);
  });
});

describe("courses and enrollments", () => {
  it("finds a course by join code in any case", async () => {
    const course = await db.insertCourse({ title: "Neural Networks", joinCode: "NEURAL-2026" });

    expect((await db.selectCourseByJoinCode({ joinCode: " neural-2026 " }))?.id).toBe(course.id);
    expect(await db.selectCourseByJoinCode({ joinCode: "NOPE-0000" })).toBeNull();
    expect(await db.selectCourseByJoinCode({ joinCode: "'; DROP TABLE" })).toBeNull();
  });

  it("rejects a duplicate join code", async () => {
    await db.insertCourse({ title: "A", joinCode: "SAME-CODE" });

    const error = await db.insertCourse({ title: "B", joinCode: "same-code" }).catch((caught: unknown) => caught);

    expect(isDbError(error, "conflict")).toBe(true);
  });

  it("enrolls once when repeated", async () => {
    const user = await insertTestUser(db, "ada");
    const course = await db.insertCourse({ title: "Neural Networks", joinCode: "NEURAL-2026" });

    const first = await db.insertEnrollment({ userId: user.id, courseId: course.id, role: "student" });
    const second = await db.insertEnrollment({ userId: user.id, courseId: course.id, role: "student" });

    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.enrollment.id).toBe(first.enrollment.id);
    const courses = await db.selectCoursesForUser({ userId: user.id });
    expect(courses.map((entry) => [entry.joinCode, entry.role])).toEqual([["NEURAL-2026", "student"]]);
  });

  it("rejects changing the role by enrolling again", async () => {
    const user = await insertTestUser(db, "ada");
    const course = await db.insertCourse({ title: "Neural Networks", joinCode: "NEURAL-2026" });
    await db.insertEnrollment({ userId: user.id, courseId: course.id, role: "student" });

    const error = await db
      .insertEnrollment({ userId: user.id, courseId: course.id, role: "instructor" })
      .catch((caught: unknown) => caught);

    expect(isDbError(error, "conflict")).toBe(true);
  });

  it("rejects enrolling in an unknown course", async () => {
    const user = await insertTestUser(db, "ada");

    const error = await db
      .insertEnrollment({ userId: user.id, courseId: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", role: "student" })
      .catch((caught: unknown) => caught);

    expect(isDbError(error, "not_found")).toBe(true);
  });
});

describe("variants", () => {
  it("round-trips the largest unsigned 32-bit seed", async () => {
    const user = await insertTestUser(db, "ada");

    const variant = await insertTestVariant(db, user.id, { seed: 4_294_967_295 });

    expect(variant.seed).toBe(4_294_967_295);
    expect((await db.selectVariantForOwner({ unsafeVariantId: variant.id, userId: user.id }))?.seed).toBe(4_294_967_295);
    const raw = openRawDatabase(testDatabase.databaseFilePath);
    try {
      const row = raw.prepare('SELECT "seed" FROM "Variant" WHERE "id" = ?').get(variant.id) as { seed: number };
      expect(row.seed).toBe(4_294_967_295);
    } finally {
      raw.close();
    }
  });

  it.each([-1, 4_294_967_296, 1.5])("rejects seed %d", async (seed) => {
    const user = await insertTestUser(db, "ada");

    const error = await insertTestVariant(db, user.id, { seed }).catch((caught: unknown) => caught);

    expect(isDbError(error, "invalid_input")).toBe(true);
  });

  it("requires enrollment in the variant's course", async () => {
    const user = await insertTestUser(db, "ada");
    const course = await db.insertCourse({ title: "Neural Networks", joinCode: "NEURAL-2026" });
    const args = { userId: user.id, questionId: "rnn-parameter-count", questionVersion: 1, seed: 1, courseId: course.id };

    const beforeEnrollment = await db.insertVariant(args).catch((caught: unknown) => caught);
    await db.insertEnrollment({ userId: user.id, courseId: course.id, role: "student" });
    const afterEnrollment = await db.insertVariant(args);

    expect(isDbError(beforeEnrollment, "not_found")).toBe(true);
    expect(afterEnrollment.courseId).toBe(course.id);
  });

  it("lists the user's variants newest first", async () => {
    const user = await insertTestUser(db, "ada");
    const first = await insertTestVariant(db, user.id, { seed: 1 });
    const second = await insertTestVariant(db, user.id, { seed: 2 });
    const other = await insertTestVariant(db, user.id, { seed: 3, questionId: "ridge-shrinkage" });

    const all = await db.selectVariantsForUser({ userId: user.id });
    const rnnOnly = await db.selectVariantsForUser({ userId: user.id, questionId: "rnn-parameter-count" });

    expect(all.map((variant) => variant.id)).toEqual([other.id, second.id, first.id]);
    expect(rnnOnly.map((variant) => variant.id)).toEqual([second.id, first.id]);
  });

  it("closes, breaks and reopens a variant", async () => {
    const user = await insertTestUser(db, "ada");
    const variant = await insertTestVariant(db, user.id);

    const closed = await db.updateVariantStatus({ variantId: variant.id, status: "closed" });
    const broken = await db.updateVariantStatus({ variantId: variant.id, status: "broken", reason: "singular matrix" });
    const reopened = await db.updateVariantStatus({ variantId: variant.id, status: "open" });

    expect(closed.status).toBe("closed");
    expect(closed.closedAt).not.toBeNull();
    expect(broken.brokenReason).toBe("singular matrix");
    expect(broken.closedAt).toEqual(closed.closedAt);
    expect(reopened.closedAt).toBeNull();
    expect(reopened.brokenReason).toBeNull();
  });

  it("reports updating an unknown variant", async () => {
    const error = await db
      .updateVariantStatus({ variantId: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", status: "closed" })
      .catch((caught: unknown) => caught);

    expect(isDbError(error, "not_found")).toBe(true);
  });
});

describe("ownership", () => {
  it("hides another user's variant", async () => {
    const owner = await insertTestUser(db, "owner");
    const other = await insertTestUser(db, "other");
    const variant = await insertTestVariant(db, owner.id);

    expect(await db.selectVariantForOwner({ unsafeVariantId: variant.id, userId: other.id })).toBeNull();
    expect((await db.selectVariantForOwner({ unsafeVariantId: variant.id, userId: owner.id }))?.id).toBe(variant.id);
  });

  it.each(["", "not-a-uuid", "' OR 1=1 --", "x".repeat(10_000)])("treats variant id %j as unknown", async (unsafeVariantId) => {
    const owner = await insertTestUser(db, "owner");

    expect(await db.selectVariantForOwner({ unsafeVariantId, userId: owner.id })).toBeNull();
  });

  it("hides another user's submission", async () => {
    const owner = await insertTestUser(db, "owner");
    const other = await insertTestUser(db, "other");
    const variant = await insertTestVariant(db, owner.id);
    const { submission } = await db.insertSubmission(buildSubmission(variant));

    expect(await db.selectSubmissionForOwner({ unsafeSubmissionId: submission.id, userId: other.id })).toBeNull();
    expect((await db.selectSubmissionForOwner({ unsafeSubmissionId: submission.id, userId: owner.id }))?.id).toBe(
      submission.id,
    );
    expect(await db.selectSubmissionForOwner({ unsafeSubmissionId: "nope", userId: owner.id })).toBeNull();
  });

  it("lists only the user's own submissions", async () => {
    const owner = await insertTestUser(db, "owner");
    const other = await insertTestUser(db, "other");
    const variant = await insertTestVariant(db, owner.id);
    await db.insertSubmission(buildSubmission(variant));

    const otherPage = await db.selectSubmissionsForUser({ userId: other.id, limit: 10 });
    const otherByVariant = await db.selectSubmissionsForUser({ userId: other.id, variantId: variant.id, limit: 10 });

    expect(otherPage.submissions).toEqual([]);
    expect(otherByVariant.submissions).toEqual([]);
    expect(await db.selectTopicProgressForUser({ userId: other.id })).toEqual([]);
  });

  it("rejects a cursor from another user's submissions", async () => {
    const owner = await insertTestUser(db, "owner");
    const other = await insertTestUser(db, "other");
    const variant = await insertTestVariant(db, owner.id);
    const { submission } = await db.insertSubmission(buildSubmission(variant));

    const error = await db
      .selectSubmissionsForUser({ userId: other.id, limit: 10, cursor: submission.id })
      .catch((caught: unknown) => caught);

    expect(isDbError(error, "invalid_input")).toBe(true);
  });
});

describe("database handle", () => {
  it("runs SQLite in WAL mode", async () => {
    await insertTestUser(db, "ada");
    const raw = openRawDatabase(testDatabase.databaseFilePath);
    try {
      expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      raw.close();
    }
  });

  it("rejects calls after close", async () => {
    await db.close();

    const error = await db.selectUserById({ userId: "x" }).catch((caught: unknown) => caught);

    expect(isDbError(error, "internal")).toBe(true);
  });
});
