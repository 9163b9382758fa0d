import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { resolveSqliteLocation } from "@/lib/config/database-url";
import { DbError } from "./errors";

/**
 * Copies the SQLite database to `destinationPath` with SQLite's online
 * backup API, which yields a consistent snapshot (WAL contents included)
 * while the app keeps reading and writing. Refuses to overwrite a file.
 */
export async function backupDatabase(options: { databaseUrl: string; destinationPath: string }): Promise<{ bytes: number }> {
  const location = resolveSqliteLocation(options.databaseUrl, process.cwd());
  const destination = path.resolve(options.destinationPath);
  if (!fs.existsSync(location.filePath)) {
    throw new DbError("not_found", `Database file "${location.filePath}" does not exist; check DATABASE_URL.`);
  }
  if (fs.existsSync(destination)) {
    throw new DbError("conflict", `Backup file "${destination}" already exists; choose another path.`);
  }
  fs.mkdirSync(path.dirname(destination), { recursive: true, mode: 0o700 });

  const source = new Database(location.filePath, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    await source.backup(destination);
  } finally {
    source.close();
  }
  // The backup contains every student's answers and password hashes.
  fs.chmodSync(destination, 0o600);
  return { bytes: fs.statSync(destination).size };
}
