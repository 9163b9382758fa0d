import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { resolveSqliteLocation } from "@/lib/config/database-url";
import { PrismaClient } from "@/prisma/generated/client/client";

export type { PrismaClient };

/** Milliseconds a statement waits for another process's lock before failing with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

// Per-connection settings. WAL lets readers run while one writer commits;
// synchronous=FULL syncs the WAL on every commit, so a committed attempt
// survives a power loss, not only a process crash.
const CONNECTION_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  `PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`,
  "PRAGMA foreign_keys = ON",
  "PRAGMA synchronous = FULL",
];

export type OpenedPrismaClient = {
  client: PrismaClient;
  filePath: string;
};

/**
 * Opens one SQLite connection through the better-sqlite3 driver adapter and
 * applies the connection pragmas. Relative `file:` paths are resolved against
 * the working directory; the parent folder is created when missing.
 */
export async function openPrismaClient(options: { databaseUrl: string }): Promise<OpenedPrismaClient> {
  const location = resolveSqliteLocation(options.databaseUrl, process.cwd());
  fs.mkdirSync(path.dirname(location.filePath), { recursive: true });

  const adapter = new PrismaBetterSqlite3(
    { url: location.url, timeout: SQLITE_BUSY_TIMEOUT_MS },
    { timestampFormat: "iso8601" },
  );
  const client = new PrismaClient({ adapter });

  try {
    for (const pragma of CONNECTION_PRAGMAS) {
      // PRAGMA statements return a row, so they go through the query path.
      await client.$queryRawUnsafe(pragma);
    }
  } catch (error) {
    await client.$disconnect().catch(() => undefined);
    throw error;
  }
  return { client, filePath: location.filePath };
}
