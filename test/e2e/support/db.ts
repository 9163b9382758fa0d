import { execFileSync } from "node:child_process";
import path from "node:path";

// Typed access to the e2e database for specs; each call runs db-query.ts in a tsx child process.

export interface StoredUser {
  id: string;
  email: string;
  name: string;
  role: string;
}

export interface StoredVariant {
  id: string;
  questionId: string;
  questionVersion: number;
  seed: number;
  userId: string;
  status: "open" | "closed" | "broken";
  params: unknown;
}

export interface StoredSubmission {
  id: string;
  variantId: string;
  userId: string;
  idempotencyKey: string;
  totalScore: number;
  gradable: boolean;
  formatErrors: { partId?: string; code: string; message: string }[];
  misconceptionTags: string[];
  parts: { partId: string; rawInput: string; score: number | null; feedback: string | null; misconceptionTag: string | null }[];
}

export interface StoredProgress {
  topic: string;
  attempts: number;
  gradedAttempts: number;
  correctAttempts: number;
  scoreSum: number;
}

const ROOT_DIR = path.resolve(__dirname, "..", "..", "..");
const TSX_CLI = path.join(ROOT_DIR, "node_modules", "tsx", "dist", "cli.mjs");
const QUERY_SCRIPT = path.join(__dirname, "db-query.ts");

function query<T>(operation: string, args: Record<string, string>): T {
  const output = execFileSync(process.execPath, [TSX_CLI, QUERY_SCRIPT, operation, JSON.stringify(args)], {
    cwd: ROOT_DIR,
    env: { ...process.env, LOG_LEVEL: "silent" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(output.trim().split("\n").at(-1) ?? "null") as T;
}

export const stored = {
  user: (email: string) => query<StoredUser | null>("user", { email }),
  variant: (email: string, variantId: string) => query<StoredVariant | null>("variant", { email, variantId }),
  variants: (email: string, questionId: string) => query<StoredVariant[]>("variants", { email, questionId }),
  submissions: (email: string, variantId?: string) =>
    query<StoredSubmission[]>("submissions", variantId === undefined ? { email } : { email, variantId }),
  progress: (email: string) => query<StoredProgress[]>("progress", { email }),
};
