import { randomUUID } from "node:crypto";

import BetterSqlite3 from "better-sqlite3";

// A small class written with plain SQL, so every figure can be computed by hand. Times are fixed,
// so the order of tries never depends on the clock. Question versions are the registry's current
// ones, so the drill-down can rebuild the variants.

export const QUESTIONS = {
  rnn: { id: "rnn-parameter-count", title: "Parameters of a simple RNN" },
  ff: { id: "feed-forward-parameter-count", title: "Parameters of a one-hidden-layer network" },
  deep: { id: "deep-network-parameter-count", title: "Parameters of a deeper feed-forward network" },
} as const;

export interface FixtureIds {
  courseId: string;
  otherCourseId: string;
  instructorId: string;
  otherInstructorId: string;
  adminId: string;
  students: Record<"ada" | "bob" | "cy" | "dee" | "eve", string>;
}

type SubmissionSpec = {
  at: string;
  score: number;
  gradable?: boolean;
  timeSeconds: number | null;
  rawInput: string;
  tag?: string;
};

export function writeFixture(databaseFilePath: string, versions: Record<keyof typeof QUESTIONS, string>): FixtureIds {
  const raw = new BetterSqlite3(databaseFilePath);
  const ids: FixtureIds = {
    courseId: randomUUID(),
    otherCourseId: randomUUID(),
    instructorId: randomUUID(),
    otherInstructorId: randomUUID(),
    adminId: randomUUID(),
    students: { ada: randomUUID(), bob: randomUUID(), cy: randomUUID(), dee: randomUUID(), eve: randomUUID() },
  };
  const created = "2026-01-01T09:00:00.000Z";
  const insertUser = raw.prepare(
    `INSERT INTO User (id, email, name, passwordHash, role, createdAt) VALUES (?, ?, ?, 'not-a-hash', ?, ?)`,
  );
  const insertCourse = raw.prepare(`INSERT INTO Course (id, title, joinCode, createdAt) VALUES (?, ?, ?, ?)`);
  const insertEnrollment = raw.prepare(`INSERT INTO Enrollment (id, userId, courseId, role, createdAt) VALUES (?, ?, ?, ?, ?)`);
  const insertVariant = raw.prepare(
    `INSERT INTO Variant (id, questionId, questionVersion, seed, userId, courseId, status, mode, createdAt, closedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'practice', ?, ?)`,
  );
  const insertSubmission = raw.prepare(
    `INSERT INTO Submission (id, variantId, userId, idempotencyKey, totalScore, gradable, formatErrors, feedback,
       misconceptionTags, timeTakenMs, questionVersion, appVersion, createdAt)
     VALUES (?, ?, ?, ?, ?, ?, '[]', '', ?, ?, ?, 'test', ?)`,
  );
  const insertPart = raw.prepare(
    `INSERT INTO SubmissionPart (id, submissionId, position, partId, rawInput, score, misconceptionTag)
     VALUES (?, ?, 0, 'total', ?, ?, ?)`,
  );

  let seed = 1;
  const variant = (userId: string, question: keyof typeof QUESTIONS, courseId: string | null, submissions: SubmissionSpec[]) => {
    const variantId = randomUUID();
    const last = submissions.at(-1) as SubmissionSpec;
    insertVariant.run(variantId, QUESTIONS[question].id, Number(versions[question]), seed, userId, courseId, "closed", submissions[0]?.at, last.at);
    seed += 1;
    for (const submission of submissions) {
      const submissionId = randomUUID();
      const gradable = submission.gradable ?? true;
      insertSubmission.run(
        submissionId,
        variantId,
        userId,
        `key-${submissionId}`,
        submission.score,
        gradable ? 1 : 0,
        JSON.stringify(submission.tag === undefined ? [] : [submission.tag]),
        submission.timeSeconds === null ? null : submission.timeSeconds * 1000,
        Number(versions[question]),
        submission.at,
      );
      insertPart.run(randomUUID(), submissionId, submission.rawInput, gradable ? submission.score : null, submission.tag ?? null);
    }
  };

  raw.transaction(() => {
    insertUser.run(ids.instructorId, "teacher@example.edu", "Teacher", "instructor", created);
    insertUser.run(ids.otherInstructorId, "other-teacher@example.edu", "Other Teacher", "instructor", created);
    insertUser.run(ids.adminId, "admin@example.edu", "Admin", "admin", created);
    insertUser.run(ids.students.ada, "ada@example.edu", "Ada", "student", created);
    insertUser.run(ids.students.bob, "bob@example.edu", "Bob", "student", created);
    insertUser.run(ids.students.cy, "cy@example.edu", "Cy, Jr.", "student", created);
    insertUser.run(ids.students.dee, "dee@example.edu", "Dee", "student", created);
    insertUser.run(ids.students.eve, "eve@example.edu", "Eve", "student", created);
    insertCourse.run(ids.courseId, "Fixture course", "FIXTURE-1", created);
    insertCourse.run(ids.otherCourseId, "Other course", "OTHER-1", created);
    insertEnrollment.run(randomUUID(), ids.instructorId, ids.courseId, "instructor", created);
    insertEnrollment.run(randomUUID(), ids.otherInstructorId, ids.otherCourseId, "instructor", created);
    for (const name of ["ada", "bob", "cy", "dee"] as const) {
      insertEnrollment.run(randomUUID(), ids.students[name], ids.courseId, "student", created);
    }
    // Eve and Ada also study in the other course; those submissions must not count here.
    insertEnrollment.run(randomUUID(), ids.students.eve, ids.otherCourseId, "student", created);
    insertEnrollment.run(randomUUID(), ids.students.ada, ids.otherCourseId, "student", created);

    const { ada, bob, cy, dee, eve } = ids.students;
    variant(ada, "rnn", ids.courseId, [
      { at: "2026-01-02T10:00:00.000Z", score: 0, timeSeconds: 60, rawInput: "2000", tag: "per-step-count" },
      { at: "2026-01-02T10:01:00.000Z", score: 1, timeSeconds: 30, rawInput: "205" },
    ]);
    variant(ada, "ff", ids.courseId, [{ at: "2026-01-02T10:02:00.000Z", score: 1, timeSeconds: 40, rawInput: "101" }]);
    variant(ada, "deep", ids.courseId, [{ at: "2026-01-02T10:03:00.000Z", score: 0.5, timeSeconds: 100, rawInput: "7" }]);
    variant(bob, "rnn", ids.courseId, [{ at: "2026-01-02T11:00:00.000Z", score: 1, timeSeconds: 20, rawInput: "205" }]);
    variant(bob, "ff", ids.courseId, [
      { at: "2026-01-02T11:01:00.000Z", score: 0, timeSeconds: 50, rawInput: "99", tag: "forgot-bias" },
      // Not gradable: stored, exported, but no attempt.
      { at: "2026-01-02T11:02:00.000Z", score: 0, gradable: false, timeSeconds: 5, rawInput: "abc" },
    ]);
    variant(bob, "deep", ids.courseId, [{ at: "2026-01-02T11:03:00.000Z", score: 0, timeSeconds: 80, rawInput: "1" }]);
    variant(cy, "rnn", ids.courseId, [
      { at: "2026-01-02T12:00:00.000Z", score: 0, timeSeconds: 90, rawInput: "=1+1", tag: "per-step-count" },
    ]);
    variant(cy, "ff", ids.courseId, [{ at: "2026-01-02T12:01:00.000Z", score: 0.5, timeSeconds: 70, rawInput: "55" }]);
    variant(dee, "rnn", ids.courseId, [{ at: "2026-01-02T13:00:00.000Z", score: 0.5, timeSeconds: null, rawInput: "100" }]);
    // Started outside any course, as the practice pages do: it counts for every course Dee is enrolled in.
    variant(dee, "deep", null, [{ at: "2026-01-02T13:05:00.000Z", score: 1, timeSeconds: 30, rawInput: "42" }]);
    variant(eve, "deep", null, [{ at: "2026-01-02T13:06:00.000Z", score: 1, timeSeconds: 30, rawInput: "42" }]);
    // Outside the scope: Eve is not enrolled in the fixture course, Ada's second variant is in the other course.
    variant(eve, "rnn", ids.otherCourseId, [{ at: "2026-01-02T14:00:00.000Z", score: 1, timeSeconds: 10, rawInput: "999", tag: "per-step-count" }]);
    variant(ada, "rnn", ids.otherCourseId, [{ at: "2026-01-02T14:01:00.000Z", score: 0, timeSeconds: 10, rawInput: "1", tag: "per-step-count" }]);
  })();
  raw.close();
  return ids;
}
