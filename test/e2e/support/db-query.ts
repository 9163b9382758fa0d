/**
 * Reads the e2e database through lib/db and prints one JSON document, so Playwright specs (which
 * cannot load the ESM Prisma client) can check what the app stored. Run with tsx:
 *   tsx test/e2e/support/db-query.ts <operation> '<json arguments>'
 */
import { createDb, type Db } from "@/lib/db";
import { buildVariant } from "@/lib/questions";

type Args = Record<string, string | undefined>;

async function requireUserId(db: Db, email: string | undefined): Promise<string> {
  if (email === undefined) throw new Error("argument email is missing");
  const user = await db.selectUserByEmail({ email });
  if (user === null) throw new Error(`no user with email ${email}`);
  return user.id;
}

async function allSubmissions(db: Db, userId: string) {
  const submissions = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page += 1) {
    const result = await db.selectSubmissionsForUser({ userId, limit: 100, ...(cursor ? { cursor } : {}) });
    submissions.push(...result.submissions);
    if (result.nextCursor === null) break;
    cursor = result.nextCursor;
  }
  return submissions;
}

const operations: Record<string, (db: Db, args: Args) => Promise<unknown>> = {
  async user(db, args) {
    const user = await db.selectUserByEmail({ email: args.email ?? "" });
    return user === null ? null : { id: user.id, email: user.email, name: user.name, role: user.role };
  },
  async variant(db, args) {
    const userId = await requireUserId(db, args.email);
    const variant = await db.selectVariantForOwner({ unsafeVariantId: args.variantId ?? "", userId });
    if (variant === null) return null;
    // The question's parameters for this seed, so a spec can compute the key with its own formula.
    const built = buildVariant({ questionId: variant.questionId, seed: variant.seed, version: String(variant.questionVersion) });
    return { ...variant, params: built.params };
  },
  async variants(db, args) {
    const userId = await requireUserId(db, args.email);
    return db.selectVariantsForUser({ userId, ...(args.questionId ? { questionId: args.questionId } : {}) });
  },
  async submissions(db, args) {
    const userId = await requireUserId(db, args.email);
    const rows = await allSubmissions(db, userId);
    return args.variantId ? rows.filter((row) => row.variantId === args.variantId) : rows;
  },
  async progress(db, args) {
    const userId = await requireUserId(db, args.email);
    return db.selectTopicProgressForUser({ userId });
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
