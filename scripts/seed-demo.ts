/**
 * Applies pending migrations, then inserts the demo course and accounts into DATABASE_URL
 * (default file:./data/app.db): `npm run db:seed`. Running it again creates nothing. The demo
 * passwords are published, so never seed a database with real students.
 */
import { resolveSqliteLocation } from "@/lib/config/database-url";
import { createDb } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { seedDemoData } from "@/lib/db/seed";
import { logger } from "@/lib/log";

async function main(): Promise<void> {
  const location = resolveSqliteLocation(process.env.DATABASE_URL, process.cwd());
  await migrateDatabase({ databaseUrl: location.url });

  const db = createDb({ databaseUrl: location.url });
  try {
    await seedDemoData(db);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, "seeding demo data failed");
  process.exitCode = 1;
});
