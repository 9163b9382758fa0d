/**
 * Times the class-analytics services (and, with --base-url, the pages) on a large seeded class,
 * as ratios against reference queries measured in the same run. Not part of CI.
 *
 *   npx tsx scripts/seed-large.ts --database <file>               # 1,000 students, 100,000 submissions
 *   npx tsx test/bench/analytics/bench.ts --database <file> [--base-url http://127.0.0.1:<port>]
 *
 * With --base-url, a server must already serve the same file (DATABASE_URL=file:<file>); the
 * bench signs in as the seeded instructor and times full page responses. Each service call or
 * page reports the median of RUNS runs after one warm-up run. Results go to the "Class analytics"
 * section of docs/benchmarks.md.
 */
import { cpus } from "node:os";
import path from "node:path";

import BetterSqlite3 from "better-sqlite3";

import type { SessionUser } from "@/lib/auth/session";

const RUNS = 5;
const INSTRUCTOR_EMAIL = "large-instructor@example.edu";
const INSTRUCTOR_PASSWORD = "large-class-demo";

function parseArgs(argv: string[]): { database: string; baseUrl: string | null } {
  let database = "";
  let baseUrl: string | null = null;
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === "--database") database = argv[i + 1] ?? "";
    else if (argv[i] === "--base-url") baseUrl = argv[i + 1] ?? null;
    else throw new Error(`Unknown option "${argv[i]}". Use --database <file> and optionally --base-url <url>.`);
  }
  if (database === "") throw new Error("Missing --database <file>: a file seeded by scripts/seed-large.ts.");
  if (baseUrl !== null && !/^http:\/\/127\.0\.0\.1:\d+$/.test(baseUrl)) {
    throw new Error(`Invalid --base-url "${baseUrl}": use http://127.0.0.1:<port>.`);
  }
  return { database: path.resolve(database), baseUrl };
}

async function medianMs(work: () => Promise<unknown> | unknown, runs = RUNS): Promise<number> {
  await work();
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(runs / 2)] as number;
}

/** Signs in through next-auth's credentials flow as docs/api.md describes and returns the cookie header. */
async function signIn(baseUrl: string): Promise<string> {
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const [name, ...rest] = (pair ?? "").split("=");
      if (name) cookies.set(name.trim(), rest.join("="));
    }
  };
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  keep(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const signInResponse = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
    body: new URLSearchParams({ csrfToken, email: INSTRUCTOR_EMAIL, password: INSTRUCTOR_PASSWORD, json: "true" }),
    redirect: "manual",
  });
  keep(signInResponse);
  if (![...cookies.keys()].some((name) => name.includes("session-token"))) {
    throw new Error(`Signing in as ${INSTRUCTOR_EMAIL} failed (status ${signInResponse.status}); is the server using the seeded file?`);
  }
  return cookieHeader();
}

async function main(): Promise<void> {
  const { database, baseUrl } = parseArgs(process.argv.slice(2));
  process.env.DATABASE_URL = `file:${database}`;
  process.env.LOG_LEVEL ??= "warn";

  const raw = new BetterSqlite3(database, { readonly: true, fileMustExist: true });
  const course = raw.prepare("SELECT id FROM Course WHERE joinCode LIKE 'LARGE-%' ORDER BY createdAt LIMIT 1").get() as { id: string } | undefined;
  if (course === undefined) throw new Error(`No large class in ${database}; run scripts/seed-large.ts first.`);
  const instructor = raw.prepare("SELECT id, email, name FROM User WHERE email = ?").get(INSTRUCTOR_EMAIL) as { id: string; email: string; name: string };
  const aStudent = raw.prepare("SELECT userId FROM Enrollment WHERE courseId = ? AND role = 'student' LIMIT 1").get(course.id) as { userId: string };
  const submissions = (raw.prepare("SELECT COUNT(*) AS count FROM Submission").get() as { count: number }).count;
  const user: SessionUser = { id: instructor.id, email: instructor.email, name: instructor.name, role: "instructor" };

  const { getClassAnalytics, getParameterBreakdown } = await import("@/lib/analytics/service");
  const { buildScoresCsv, streamSubmissionsCsv } = await import("@/lib/analytics/export");
  const { getStudentAttempts } = await import("@/lib/analytics/student-attempts");
  const { getRoster } = await import("@/lib/courses/service");
  const { getDb } = await import("@/lib/db");

  const results: { name: string; ms: number }[] = [];
  const measure = async (name: string, work: () => Promise<unknown> | unknown, runs = RUNS) => {
    const ms = await medianMs(work, runs);
    results.push({ name, ms });
    process.stderr.write(`${name}: ${ms.toFixed(1)} ms\n`);
  };

  // References: the cheapest query over the table, and reading the submission rows once.
  await measure("reference: SELECT COUNT(*) FROM Submission", () => raw.prepare("SELECT COUNT(*) FROM Submission").get());
  await measure("reference: load every Submission row (7 columns)", () =>
    raw.prepare("SELECT id, userId, variantId, totalScore, gradable, timeTakenMs, createdAt FROM Submission").all(),
  );
  await measure("getRoster (roster with mastery)", () => getRoster(user, course.id));
  await measure("getClassAnalytics (all figures)", () => getClassAnalytics(user, course.id));
  await measure("getParameterBreakdown rnn-parameter-count", () => getParameterBreakdown(user, course.id, "rnn-parameter-count"), 3);
  await measure("getParameterBreakdown bias-variance-simulation", () => getParameterBreakdown(user, course.id, "bias-variance-simulation"), 3);
  await measure("getStudentAttempts (one student)", () => getStudentAttempts(user, course.id, aStudent.userId));
  await measure("buildScoresCsv by question", () => buildScoresCsv(user, course.id, "question"));
  await measure("streamSubmissionsCsv, read to the end", async () => {
    const { stream } = await streamSubmissionsCsv(user, course.id, { requestId: "bench" });
    return new Response(stream).text();
  }, 3);

  if (baseUrl !== null) {
    const cookie = await signIn(baseUrl);
    const page = (url: string) => async () => {
      const response = await fetch(`${baseUrl}${url}`, { headers: { cookie } });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`GET ${url} returned ${response.status}: ${body.slice(0, 200)}`);
      return body.length;
    };
    await measure("page GET /signin (no data)", page("/signin"));
    await measure("page GET roster", page(`/instructor/courses/${course.id}`), 3);
    await measure("page GET analytics", page(`/instructor/courses/${course.id}/analytics`), 3);
    await measure("route GET scores CSV", page(`/api/courses/${course.id}/export/scores`), 3);
    await measure("route GET submissions CSV", page(`/api/courses/${course.id}/export/submissions`), 3);
  }

  const countMs = results[0]?.ms as number;
  const loadMs = results[1]?.ms as number;
  process.stdout.write(
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        submissions,
        results: results.map((result) => ({
          ...result,
          ms: Number(result.ms.toFixed(1)),
          perCount: Number((result.ms / countMs).toFixed(1)),
          perLoad: Number((result.ms / loadMs).toFixed(2)),
        })),
      },
      null,
      2,
    )}\n`,
  );
  raw.close();
  await getDb().close();
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
