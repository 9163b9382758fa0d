/**
 * Applies pending migrations from prisma/migrations to DATABASE_URL (default file:./data/app.db)
 * without network access: `npm run db:migrate`. Running it again applies nothing.
 */
import { resolveSqliteLocation } from "@/lib/config/database-url";
import { migrateDatabase } from "@/lib/db/migrate";
import { logger } from "@/lib/log";

async function main(): Promise<void> {
  const location = resolveSqliteLocation(process.env.DATABASE_URL, process.cwd());
  const { appliedMigrationNames } = await migrateDatabase({ databaseUrl: location.url });
  logger.info({ databaseFile: location.filePath, appliedCount: appliedMigrationNames.length }, "migrate finished");
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, "migrate failed");
  process.exitCode = 1;
});
