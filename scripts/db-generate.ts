/**
 * Generates the Prisma clients into prisma/generated/client (SQLite) and
 * prisma/generated/postgres-client (optional PostgreSQL) with `npm run db:generate`, which
 * `postinstall` also runs. Works offline: `prisma generate` only checks that a schema engine executable
 * exists and never runs it, so PRISMA_SCHEMA_ENGINE_BINARY points at the running Node binary
 * unless it is already set. Skips with a warning when the prisma CLI is not installed
 * (`npm ci --omit=dev`), because the client must then come from a build that had it.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import { logger } from "@/lib/log";

const ROOT_DIR = process.cwd();
const PRISMA_CLI = path.join(ROOT_DIR, "node_modules", "prisma", "build", "index.js");

const SCHEMAS = [path.join("prisma", "schema.prisma"), path.join("prisma", "postgres", "schema.prisma")];

function main(): number {
  if (!fs.existsSync(PRISMA_CLI)) {
    logger.warn({ expected: PRISMA_CLI }, "prisma CLI is not installed; Prisma client not generated");
    return 0;
  }
  for (const schema of SCHEMAS) {
    const exitCode = generate(schema);
    if (exitCode !== 0) return exitCode;
  }
  return 0;
}

function generate(schema: string): number {
  const result = spawnSync(process.execPath, [PRISMA_CLI, "generate", "--no-hints", "--schema", schema], {
    cwd: ROOT_DIR,
    stdio: "inherit",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
      // Turns off the CLI's version check, which would otherwise call Prisma's servers.
      CHECKPOINT_DISABLE: "1",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
  });
  if (result.error !== undefined) {
    logger.error({ err: result.error, schema }, "starting prisma generate failed");
    return 1;
  }
  if (result.status !== 0) {
    logger.error({ exitCode: result.status, schema }, "prisma generate failed; see its output above");
    return result.status ?? 1;
  }
  return 0;
}

process.exitCode = main();
