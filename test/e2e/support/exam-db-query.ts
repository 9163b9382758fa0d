/**
 * Reads exam sittings from the e2e database through lib/db and prints one JSON document, for the
 * exam specs. Run with tsx: tsx test/e2e/support/exam-db-query.ts <operation> '<json arguments>'
 */
import { createDb, type Db } from "@/lib/db";
import { buildVariant, questionTopics } from "@/lib/questions";

type Args = Record<string, string | undefined>;

async function requireUserId(db: Db, email: string | undefined): Promise<string> {
  const user = await db.selectUserByEmail({ email: email ?? "" });
  if (user === null) throw new Error(`no user with email ${email}`);
  return user.id;
}

const operations: Record<string, (db: Db, args: Args) => Promise<unknown>> = {
  async exam(db, args) {
    const userId = await requireUserId(db, args.email);
    const exam = await db.selectExamAttemptForOwner({ unsafeExamAttemptId: args.examId ?? "", userId });
    if (exam === null) return null;
    return {
      id: exam.id,
      status: exam.status,
      startedAt: exam.startedAt.toISOString(),
      deadline: exam.deadline.toISOString(),
      finishedAt: exam.finishedAt?.toISOString() ?? null,
      score: exam.score,
      items: exam.items.map((item) => ({
        id: item.id,
        variantId: item.variantId,
        position: item.position,
        questionId: item.questionId,
        topics: questionTopics(item.questionId),
        // The question's parameters, so a spec can compute a key with its own formula.
        params: buildVariant({ questionId: item.questionId, seed: item.seed, version: String(item.questionVersion) }).params,
        savedAnswers: item.savedAnswers,
        submission:
          item.submission === null
            ? null
            : { totalScore: item.submission.totalScore, gradable: item.submission.gradable, parts: item.submission.parts.map((part) => ({ partId: part.partId, rawInput: part.rawInput, score: part.score })) },
      })),
    };
  },
  async exams(db, args) {
    const userId = await requireUserId(db, args.email);
    return db.selectExamAttemptsForUser({ userId });
  },
  async course(db, args) {
    return db.selectCourseByJoinCode({ joinCode: args.joinCode ?? "" });
  },
};

async function main(): Promise<void> {
  const [operationName, rawArgs] = process.argv.slice(2);
  const operation = operationName === undefined ? undefined : operations[operationName];
  if (operation === undefined) throw new Error(`unknown operation "${operationName}"; use one of ${Object.keys(operations).join(", ")}`);
  const databaseFile = process.env.E2E_DATABASE_FILE;
  if (!databaseFile) throw new Error("E2E_DATABASE_FILE is not set");

  const db = createDb({ databaseUrl: `file:${databaseFile}` });
  try {
    const result = await operation(db, JSON.parse(rawArgs ?? "{}") as Args);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
