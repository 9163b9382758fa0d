/**
 * Writes a consistent copy of the SQLite database while the app runs:
 * `npm run db:backup` (to data/backups/app-<UTC timestamp>.db beside the database) or
 * `npm run db:backup -- <file>`.
 */
import path from "node:path";

import { resolveSqliteLocation } from "@/lib/config/database-url";
import { backupDatabase } from "@/lib/db/backup";
import { logger } from "@/lib/log";

async function main(): Promise<void> {
  const location = resolveSqliteLocation(process.env.DATABASE_URL, process.cwd());
  const timestamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const destinationPath =
    process.argv[2] ?? path.join(path.dirname(location.filePath), "backups", `app-${timestamp}.db`);

  const { bytes } = await backupDatabase({ databaseUrl: location.url, destinationPath });
  logger.info({ databaseFile: location.filePath, backupFile: path.resolve(destinationPath), bytes }, "backup written");
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, "backup failed");
  process.exitCode = 1;
});
