/**
 * Seeds a large synthetic class into a SQLite file, for the analytics benchmark and for trying
 * the teaching pages at scale:
 *
 *   npx tsx scripts/seed-large.ts --database data/large.db [--students 1000] [--submissions 100000] [--seed 1]
 *
 * It migrates the file, then adds one course (join code LARGE-<seed>), one instructor
 * (large-instructor@example.edu, password "large-class-demo") and the students
 * (large-student-0001@example.edu, …, same password) with their variants, submissions, answer
 * parts and topic progress. Variants use real question ids at the current version with seeds
 * that build, and answers are the variant's key or one of its misconceptions, written as a
 * student would type them. Rows are inserted with plain SQL in batched transactions, because
 * 100,000 submissions through Prisma one by one would take many minutes.
 *
 * NOTE: scores are drawn from a synthetic ability model and set on the parts directly, not
 * regraded, and a submission's total is the unweighted mean of its part scores.
 * The passwords are public: never seed a database that contains real students.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import BetterSqlite3 from "better-sqlite3";

import { hashPassword } from "@/lib/auth/password";
import { migrateDatabase } from "@/lib/db/migrate";
import { CORRECT_SCORE_THRESHOLD } from "@/lib/grading/score";
import { createRng, type Rng } from "@/lib/numerics";
import { drawVariant, getQuestion, keyAsInput, listQuestions } from "@/lib/questions";

export const LARGE_CLASS_PASSWORD = "large-class-demo";
export const LARGE_INSTRUCTOR_EMAIL = "large-instructor@example.edu";

interface Options {
  database: string;
  students: number;
  submissions: number;
  seed: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { database: "", students: 1_000, submissions: 100_000, seed: 1 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`Option ${name} needs a value, e.g. --students 1000.`);
    if (name === "--database") options.database = value;
    else if (name === "--students" || name === "--submissions" || name === "--seed") {
      const number = Number(value);
      if (!Number.isInteger(number) || number < (name === "--seed" ? 0 : 1) || number > 10_000_000) {
        throw new Error(`Invalid ${name} "${value}": use a whole number from ${name === "--seed" ? 0 : 1} to 10000000.`);
      }
      options[name.slice(2) as "students" | "submissions" | "seed"] = number;
    } else throw new Error(`Unknown option "${name}". Use --database, --students, --submissions or --seed.`);
  }
  if (options.database === "") throw new Error("Missing --database <file>, e.g. --database data/large.db.");
  if (options.submissions < options.students) throw new Error("Use at least as many submissions as students.");
  return options;
}

/** A UUID version 7 (RFC 9562) for a given time, so ids sort like the rows' creation times. */
function uuidV7(ms: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** One prebuilt variant: its seed, and per part the typed key and the typed misconceptions. */
interface PoolEntry {
  seed: number;
  /** Shift of the success probability for this variant's parameters, in [-0.2, 0.2]. */
  hardness: number;
  parts: { partId: string; correct: string; misconceptions: { tag: string; input: string }[] }[];
}

interface PoolQuestion {
  id: string;
  version: number;
  difficulty: number;
  topics: string[];
  entries: PoolEntry[];
}

/** Seeds per question: enough for the parameter breakdown to see several values of each parameter. */
const SEEDS_PER_QUESTION = 12;

function buildPool(rng: Rng): PoolQuestion[] {
  return listQuestions().map((meta) => {
    const definition = getQuestion(meta.id);
    const entries: PoolEntry[] = [];
    for (let tries = 0; entries.length < SEEDS_PER_QUESTION && tries < SEEDS_PER_QUESTION * 5; tries += 1) {
      const seed = rng.nextUint32();
      try {
        const variant = drawVariant(definition, seed);
        entries.push({
          seed,
          hardness: rng.uniform(-0.2, 0.2),
          parts: variant.content.parts.map((part) => ({
            partId: part.id,
            correct: keyAsInput(part.spec, part.key),
            misconceptions: part.misconceptions.map((misconception) => ({ tag: misconception.tag, input: keyAsInput(part.spec, misconception.value) })),
          })),
        });
      } catch {
        // A seed that does not build is skipped, as the app would redraw it.
      }
    }
    return { id: meta.id, version: Number(meta.version), difficulty: meta.difficulty, topics: [...meta.topics], entries };
  }).filter((question) => question.entries.length > 0);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const databaseFile = path.resolve(options.database);
  const started = performance.now();
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  await migrateDatabase({ databaseUrl: `file:${databaseFile}` });

  const rng = createRng(options.seed);
  const pool = buildPool(rng);
  const poolMs = performance.now() - started;
  const passwordHash = await hashPassword(LARGE_CLASS_PASSWORD);

  const db = new BetterSqlite3(databaseFile);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  // NORMAL skips the fsync per commit; a crash during seeding loses at most the last batches.
  db.pragma("synchronous = NORMAL");

  const joinCode = `LARGE-${options.seed}`;
  if (db.prepare("SELECT 1 FROM Course WHERE joinCode = ?").get(joinCode) !== undefined) {
    throw new Error(`The file already contains a course with join code ${joinCode}. Use another --seed or a new file.`);
  }

  const insertUser = db.prepare("INSERT INTO User (id, email, name, passwordHash, role, createdAt, lastActiveAt) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const insertCourse = db.prepare("INSERT INTO Course (id, title, joinCode, createdAt) VALUES (?, ?, ?, ?)");
  const insertEnrollment = db.prepare("INSERT INTO Enrollment (id, userId, courseId, role, createdAt) VALUES (?, ?, ?, ?, ?)");
  const insertVariant = db.prepare(
    `INSERT INTO Variant (id, questionId, questionVersion, seed, userId, courseId, status, mode, createdAt, closedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'practice', ?, ?)`,
  );
  const insertSubmission = db.prepare(
    `INSERT INTO Submission (id, variantId, userId, idempotencyKey, totalScore, gradable, formatErrors, feedback,
       misconceptionTags, timeTakenMs, questionVersion, appVersion, createdAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, 'seed-large', ?)`,
  );
  const insertPart = db.prepare(
    `INSERT INTO SubmissionPart (id, submissionId, position, partId, rawInput, score, feedback, misconceptionTag, formatError)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
  );
  const touchUser = db.prepare("UPDATE User SET lastActiveAt = ? WHERE id = ?");
  const insertProgress = db.prepare(
    `INSERT INTO TopicProgress (id, userId, topic, attempts, gradedAttempts, correctAttempts, scoreSum, lastAttemptAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const startMs = Date.UTC(2026, 8, 1);
  const spanMs = 60 * 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const courseId = uuidV7(startMs);
  const instructorId = uuidV7(startMs);

  db.transaction(() => {
    insertUser.run(instructorId, LARGE_INSTRUCTOR_EMAIL, "Large Class Instructor", passwordHash, "instructor", iso(startMs), null);
    insertCourse.run(courseId, `Large class ${options.seed}`, joinCode, iso(startMs));
    insertEnrollment.run(uuidV7(startMs), instructorId, courseId, "instructor", iso(startMs));
  })();

  const basePerStudent = Math.floor(options.submissions / options.students);
  let remainder = options.submissions - basePerStudent * options.students;
  let submissionCount = 0;
  let partCount = 0;
  let variantCount = 0;
  const STUDENTS_PER_TRANSACTION = 50;

  const seedStudent = (index: number) => {
    const userId = uuidV7(startMs + index);
    const email = `large-student-${String(index + 1).padStart(4, "0")}@example.edu`;
    const ability = rng.uniform(0.15, 0.95);
    let target = basePerStudent + (remainder > 0 ? 1 : 0);
    if (remainder > 0) remainder -= 1;
    let clock = startMs + rng.uniform(0, spanMs / 4);
    insertUser.run(userId, email, `Student ${String(index + 1).padStart(4, "0")}`, passwordHash, "student", iso(startMs), null);
    insertEnrollment.run(uuidV7(startMs), userId, courseId, "student", iso(startMs));
    const progress = new Map<string, { attempts: number; graded: number; correct: number; scoreSum: number; last: number }>();

    while (target > 0) {
      const question = rng.choice(pool);
      const entry = rng.choice(question.entries);
      const variantId = uuidV7(clock);
      const variantCreated = clock;
      const tries = Math.min(target, rng.integer(1, 3));
      let closedAt: number | null = null;
      let gradedInVariant = 0;
      const rows: (() => void)[] = [];
      for (let attempt = 0; attempt < tries && closedAt === null; attempt += 1) {
        clock += rng.uniform(20_000, 300_000);
        const timeTakenMs = Math.round(rng.uniform(15_000, 240_000));
        const submissionId = uuidV7(clock);
        const createdAt = clock;
        const gradable = rng.uniform() >= 0.02;
        // Success per part rises with ability and with later tries, and falls with difficulty.
        const p = Math.min(0.98, Math.max(0.02, ability - 0.12 * (question.difficulty - 2) + entry.hardness + 0.1 * attempt));
        const parts = entry.parts.map((part) => {
          if (!gradable) return { partId: part.partId, raw: "??", score: null as number | null, tag: null as string | null };
          if (rng.uniform() < p) return { partId: part.partId, raw: part.correct, score: 1, tag: null };
          if (part.misconceptions.length > 0 && rng.uniform() < 0.65) {
            const misconception = rng.choice(part.misconceptions);
            return { partId: part.partId, raw: misconception.input, score: 0, tag: misconception.tag };
          }
          return { partId: part.partId, raw: "0", score: 0, tag: null };
        });
        const totalScore = gradable ? parts.reduce((sum, part) => sum + (part.score ?? 0), 0) / parts.length : 0;
        const tags = parts.flatMap((part) => (part.tag === null ? [] : [part.tag]));
        const formatErrors = gradable ? [] : [{ partId: parts[0]?.partId, code: "parse_error", message: "The answer could not be read." }];
        rows.push(() => {
          insertSubmission.run(
            submissionId, variantId, userId, `seed-${submissionId}`, totalScore, gradable ? 1 : 0, JSON.stringify(formatErrors),
            JSON.stringify(tags), timeTakenMs, question.version, iso(createdAt),
          );
          parts.forEach((part, position) => {
            insertPart.run(
              uuidV7(createdAt), submissionId, position, part.partId, part.raw, part.score, part.tag,
              part.score === null ? JSON.stringify({ code: "parse_error", message: "The answer could not be read." }) : null,
            );
          });
        });
        submissionCount += 1;
        partCount += parts.length;
        target -= 1;
        if (gradable) {
          gradedInVariant += 1;
          for (const topic of question.topics) {
            const state = progress.get(topic) ?? { attempts: 0, graded: 0, correct: 0, scoreSum: 0, last: 0 };
            if (gradedInVariant === 1) state.attempts += 1;
            state.graded += 1;
            if (totalScore >= CORRECT_SCORE_THRESHOLD) state.correct += 1;
            state.scoreSum += totalScore;
            state.last = createdAt;
            progress.set(topic, state);
          }
          if (totalScore >= CORRECT_SCORE_THRESHOLD || gradedInVariant === 3) closedAt = createdAt;
        }
      }
      insertVariant.run(
        variantId, question.id, question.version, entry.seed, userId, courseId,
        closedAt === null ? "open" : "closed", iso(variantCreated), closedAt === null ? null : iso(closedAt),
      );
      variantCount += 1;
      for (const row of rows) row();
      clock += rng.uniform(60_000, 3 * 86_400_000 / Math.max(1, basePerStudent / 10));
    }

    touchUser.run(iso(clock), userId);
    for (const [topic, state] of progress) {
      insertProgress.run(uuidV7(state.last), userId, topic, state.attempts, state.graded, state.correct, state.scoreSum, iso(state.last));
    }
  };

  const seedBatch = db.transaction((from: number, to: number) => {
    for (let index = from; index < to; index += 1) seedStudent(index);
  });
  for (let from = 0; from < options.students; from += STUDENTS_PER_TRANSACTION) {
    seedBatch(from, Math.min(options.students, from + STUDENTS_PER_TRANSACTION));
  }
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();

  const totalMs = performance.now() - started;
  process.stdout.write(
    `${JSON.stringify({
      database: databaseFile,
      courseId,
      joinCode,
      instructor: LARGE_INSTRUCTOR_EMAIL,
      students: options.students,
      variants: variantCount,
      submissions: submissionCount,
      submissionParts: partCount,
      questionPool: pool.reduce((sum, question) => sum + question.entries.length, 0),
      poolMs: Math.round(poolMs),
      totalMs: Math.round(totalMs),
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`seed-large failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
