/**
 * Serves the app (`npm start`). The script validates the environment and applies database
 * migrations. It seeds the demo accounts into a database that this run created. It builds the app
 * when no build exists or a source file is newer than the build, then runs `next start` on
 * 127.0.0.1:PORT.
 *
 * Environment: DATABASE_URL (default file:./data/app.db), PORT (default 3000), NEXTAUTH_SECRET
 * (generated once and stored beside the database when unset), NEXTAUTH_URL (default
 * http://127.0.0.1:PORT), SEED_DEMO_DATA=1 to seed an existing database too.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import { ConfigError, loadServerEnv, type ServerEnv } from "@/lib/config/env";
import { createDb } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { seedDemoData } from "@/lib/db/seed";
import { logger } from "@/lib/log";

const ROOT_DIR = process.cwd();
const NEXT_BIN = path.join(ROOT_DIR, "node_modules", "next", "dist", "bin", "next");
const BUILD_ID_FILE = path.join(ROOT_DIR, ".next", "BUILD_ID");

/** Files and folders whose changes make a build stale; relative to the repository root. */
const BUILD_INPUTS = [
  "app",
  "lib",
  "questions",
  "public",
  "prisma/schema.prisma",
  "next.config.ts",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];

function newestModificationMs(entry: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of fs.readdirSync(entry)) {
    if (child === "node_modules" || child === "generated" || child.startsWith(".")) continue;
    newest = Math.max(newest, newestModificationMs(path.join(entry, child)));
  }
  return newest;
}

/** Returns why a build is needed, or null when .next contains a build newer than every input. */
function buildStaleReason(): string | null {
  if (!fs.existsSync(BUILD_ID_FILE)) return "no build exists";
  const builtAt = fs.statSync(BUILD_ID_FILE).mtimeMs;
  const newestInput = Math.max(...BUILD_INPUTS.map((entry) => newestModificationMs(path.join(ROOT_DIR, entry))));
  return newestInput > builtAt ? "a source file is newer than the build" : null;
}

function childEnv(env: ServerEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: env.DATABASE_URL,
    NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://127.0.0.1:${env.PORT}`,
    PORT: String(env.PORT),
  };
}

async function prepareDatabase(env: ServerEnv): Promise<void> {
  const isNewDatabase = !fs.existsSync(env.databaseFilePath);
  // migrateDatabase and seedDemoData log what they did, with the migration names and row counts.
  await migrateDatabase({ databaseUrl: env.DATABASE_URL });

  // Demo accounts have published passwords, so an existing database is seeded only on request.
  if (!isNewDatabase && process.env.SEED_DEMO_DATA !== "1") {
    logger.info("database existed before this start; demo data not seeded (set SEED_DEMO_DATA=1 to seed it)");
    return;
  }
  const db = createDb({ databaseUrl: env.DATABASE_URL });
  try {
    await seedDemoData(db);
  } finally {
    await db.close();
  }
}

function buildIfStale(env: ServerEnv): void {
  const reason = buildStaleReason();
  if (reason === null) {
    logger.info("existing build is up to date; skipping next build");
    return;
  }
  logger.info({ reason }, "running next build");
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT_DIR, env: childEnv(env), stdio: "inherit" });
  if (result.status !== 0) {
    throw new Error(`next build failed with exit code ${String(result.status)}; see its output above.`);
  }
}

function serve(env: ServerEnv): void {
  const child = spawn(process.execPath, [NEXT_BIN, "start", "--hostname", "127.0.0.1", "--port", String(env.PORT)], {
    cwd: ROOT_DIR,
    env: childEnv(env),
    stdio: "inherit",
  });
  logger.info({ pid: child.pid, url: `http://127.0.0.1:${env.PORT}` }, "server starting");

  const forward = (signal: NodeJS.Signals) => {
    logger.info({ signal }, "stopping server");
    child.kill(signal);
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);

  child.on("exit", (code, signal) => {
    logger.info({ code, signal }, "server stopped");
    process.exit(code ?? (signal === null ? 0 : 1));
  });
}

async function main(): Promise<void> {
  let env: ServerEnv;
  try {
    env = loadServerEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.fatal({ err: error }, `configuration invalid: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  logger.info(
    { databaseFile: env.databaseFilePath, port: env.PORT, appVersion: env.APP_VERSION, secretSource: env.nextAuthSecretSource },
    "starting",
  );

  await prepareDatabase(env);
  buildIfStale(env);
  serve(env);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, "start failed");
  process.exit(1);
});
