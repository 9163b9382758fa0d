/**
 * Times each step of the roster and analytics services on a large seeded class: every query
 * through lib/db, and the JavaScript steps on their results. Not part of CI.
 *
 *   npx tsx test/bench/analytics/profile.ts --database <file>      # a file from scripts/seed-large.ts
 *
 * Each step reports the median of 3 runs after one warm-up run, in milliseconds, on stderr.
 * docs/benchmarks.md ("Class analytics") explains the figures.
 */
import path from "node:path";

import BetterSqlite3 from "better-sqlite3";

const RUNS = 3;

function parseDatabase(argv: string[]): string {
  if (argv.length !== 2 || argv[0] !== "--database" || !argv[1]) {
    throw new Error("Usage: profile.ts --database <file>, a file seeded by scripts/seed-large.ts.");
  }
  return path.resolve(argv[1]);
}

async function medianMs(work: () => Promise<unknown> | unknown): Promise<number> {
  await work();
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(RUNS / 2)] as number;
}

async function main(): Promise<void> {
  const database = parseDatabase(process.argv.slice(2));
  process.env.DATABASE_URL = `file:${database}`;
  process.env.LOG_LEVEL ??= "warn";

  const raw = new BetterSqlite3(database, { readonly: true, fileMustExist: true });
  const course = raw.prepare("SELECT id FROM Course WHERE joinCode LIKE 'LARGE-%' ORDER BY createdAt LIMIT 1").get() as { id: string } | undefined;
  raw.close();
  if (course === undefined) throw new Error(`No large class in ${database}; run scripts/seed-large.ts first.`);
  const courseId = course.id;

  const db = await import("@/lib/db");
  const { computeClassMastery } = await import("@/lib/analytics/class-mastery");
  const { computeQuestionFigures } = await import("@/lib/analytics/figures");

  const report = async (name: string, work: () => Promise<unknown> | unknown) => {
    process.stderr.write(`${name}: ${(await medianMs(work)).toFixed(1)} ms\n`);
  };

  const attempts = await db.selectGradedAttempts({ courseId });
  const closedVariants = await db.selectClosedVariants({ courseId });
  const roster = await db.selectRoster({ courseId });
  const userIds = roster.map((student) => student.userId);
  process.stderr.write(`${attempts.length} gradable submissions, ${closedVariants.length} closed variants, ${roster.length} students\n`);

  await report("selectGradedAttempts", () => db.selectGradedAttempts({ courseId }));
  await report("selectClosedVariants", () => db.selectClosedVariants({ courseId }));
  await report("selectRoster", () => db.selectRoster({ courseId }));
  await report("selectMisconceptionFigures", () => db.selectMisconceptionFigures({ courseId, perTag: 3 }));
  await report("computeClassMastery", () => computeClassMastery({ attempts, closedVariants, userIds }));
  await report("computeQuestionFigures", () => computeQuestionFigures(attempts));

  await db.getDb().close();
}

main().catch((error: unknown) => {
  process.stderr.write(`profile failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
