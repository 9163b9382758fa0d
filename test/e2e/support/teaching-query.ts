/**
 * Reads the e2e database with plain SQL (better-sqlite3, read-only), independently of lib/db and
 * lib/analytics, and prints one JSON document. The teaching spec compares the app's CSV export
 * with it. Run with tsx: tsx test/e2e/support/teaching-query.ts <operation> '<json arguments>'
 */
import BetterSqlite3 from "better-sqlite3";

type Args = Record<string, string | undefined>;

const operations: Record<string, (db: BetterSqlite3.Database, args: Args) => unknown> = {
  course(db, args) {
    return db.prepare("SELECT id, title, joinCode FROM Course WHERE joinCode = ?").get(args.joinCode ?? "") ?? null;
  },
  /** Enrolled students with their best gradable score per question, for variants of the course or of none. */
  bestScores(db, args) {
    const students = db
      .prepare(
        `SELECT u.id AS id, u.email AS email, u.name AS name FROM Enrollment e JOIN User u ON u.id = e.userId
         WHERE e.courseId = ? AND e.role = 'student'`,
      )
      .all(args.courseId ?? "") as { id: string; email: string; name: string }[];
    const best = db
      .prepare(
        `SELECT s.userId AS userId, v.questionId AS questionId, MAX(s.totalScore) AS best
         FROM Submission s JOIN Variant v ON v.id = s.variantId
         WHERE s.gradable = 1 AND (v.courseId = ? OR v.courseId IS NULL)
         GROUP BY s.userId, v.questionId`,
      )
      .all(args.courseId ?? "") as { userId: string; questionId: string; best: number }[];
    return students.map((student) => ({
      email: student.email,
      name: student.name,
      best: Object.fromEntries(best.filter((row) => row.userId === student.id).map((row) => [row.questionId, row.best])),
    }));
  },
  submissionPartCount(db, args) {
    const row = db
      .prepare(
        `SELECT COUNT(*) AS count FROM SubmissionPart p JOIN Submission s ON s.id = p.submissionId
         JOIN Variant v ON v.id = s.variantId
         JOIN Enrollment e ON e.userId = s.userId AND e.courseId = ? AND e.role = 'student'
         WHERE v.courseId = ? OR v.courseId IS NULL`,
      )
      .get(args.courseId ?? "", args.courseId ?? "") as { count: number };
    return row.count;
  },
};

function main(): void {
  const [operationName, rawArgs] = process.argv.slice(2);
  const operation = operationName === undefined ? undefined : operations[operationName];
  if (operation === undefined) throw new Error(`unknown operation "${operationName}"; use one of ${Object.keys(operations).join(", ")}`);
  const databaseFile = process.env.E2E_DATABASE_FILE;
  if (!databaseFile) throw new Error("E2E_DATABASE_FILE is not set");
  const db = new BetterSqlite3(databaseFile, { readonly: true, fileMustExist: true });
  try {
    process.stdout.write(`${JSON.stringify(operation(db, JSON.parse(rawArgs ?? "{}") as Args))}\n`);
  } finally {
    db.close();
  }
}

main();
