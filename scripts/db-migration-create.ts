/**
 * Writes a new migration folder from the difference between the committed migrations and
 * prisma/schema.prisma: `npm run db:migration:create -- <name>` (lower-case letters, digits,
 * underscores). Touches no database; apply the result with `npm run db:migrate`.
 */
import path from "node:path";

import { createMigration } from "@/lib/db/migrate";
import { logger } from "@/lib/log";

async function main(): Promise<void> {
  const name = process.argv[2];
  if (name === undefined || process.argv.length > 3) {
    logger.fatal("usage: npm run db:migration:create -- <name>, e.g. npm run db:migration:create -- add_course_archive");
    process.exitCode = 2;
    return;
  }

  const created = await createMigration({ name });
  if (created === null) {
    logger.info("schema matches the committed migrations; no migration created");
    return;
  }
  logger.info(
    { migrationName: created.migrationName, scriptPath: path.relative(process.cwd(), created.scriptPath) },
    "migration created; review the SQL, then run npm run db:migrate",
  );
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, "creating the migration failed");
  process.exitCode = 1;
});
