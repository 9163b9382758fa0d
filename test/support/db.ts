import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { createDb, type Db } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";

export type TestDatabase = {
  db: Db;
  /** `file:` URL with an absolute path inside the OS temp folder. */
  databaseUrl: string;
  databaseFilePath: string;
  /** Closes the handle and deletes the database folder. Safe to call twice. */
  cleanup(): Promise<void>;
};

/** Throws unless `candidate` is the OS temp folder or inside it (symlinks resolved). */
export function assertInsideTempDir(candidate: string): void {
  const tempRoot = fs.realpathSync(os.tmpdir());
  const resolved = fs.existsSync(candidate) ? fs.realpathSync(candidate) : path.resolve(candidate);
  const relative = path.relative(tempRoot, resolved);
  if (relative.startsWith("..") || path.isAbsolute(relative)) {
    throw new Error(`Refusing to create a test database at "${resolved}": it is outside the temp folder "${tempRoot}".`);
  }
}

/**
 * Creates an empty SQLite database in a new folder under the OS temp folder
 * (or under `parentDir`, which must itself be inside it), applies the
 * committed migrations and opens a handle on it.
 */
export async function createTestDatabase(options: { parentDir?: string } = {}): Promise<TestDatabase> {
  const parentDir = options.parentDir ?? os.tmpdir();
  assertInsideTempDir(parentDir);

  const folder = fs.mkdtempSync(path.join(parentDir, "statlearn-db-test-"));
  assertInsideTempDir(folder);
  const databaseFilePath = path.join(folder, "test.db");
  const databaseUrl = `file:${databaseFilePath}`;

  await migrateDatabase({ databaseUrl });
  const db = createDb({ databaseUrl });

  let cleaned = false;
  return {
    db,
    databaseUrl,
    databaseFilePath,
    cleanup: async () => {
      if (cleaned) return;
      cleaned = true;
      await db.close();
      assertInsideTempDir(folder);
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the SQLite file read-only with better-sqlite3, bypassing lib/db, so
 * tests can check what was stored with plain SQL. Close it after use.
 */
export function openRawDatabase(databaseFilePath: string): BetterSqlite3.Database {
  return new BetterSqlite3(databaseFilePath, { readonly: true, fileMustExist: true });
}

/** Row count of `table` read with plain SQL; `table` is one of the schema's model names. */
export function countRows(databaseFilePath: string, table: string): number {
  if (!/^[A-Za-z_]+$/.test(table)) throw new Error(`Invalid table name "${table}".`);
  const raw = openRawDatabase(databaseFilePath);
  try {
    const row = raw.prepare(`SELECT COUNT(*) AS count FROM "${table}"`).get() as { count: number };
    return row.count;
  } finally {
    raw.close();
  }
}
