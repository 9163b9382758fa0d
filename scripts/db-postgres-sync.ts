/**
 * Keeps the optional PostgreSQL schema in step with prisma/schema.prisma: `npm run db:postgres:sync`
 * rewrites prisma/postgres/schema.prisma and, when the models changed, writes a PostgreSQL
 * migration named after the newest SQLite migration. `-- --check` writes nothing and exits 1 when
 * either is out of date. Migrations are computed on a throwaway PostgreSQL server on 127.0.0.1
 * (initdb and pg_ctl from POSTGRES_BIN_DIR, default Debian's PostgreSQL 15).
 */
import fs from "node:fs";
import path from "node:path";

import { createPostgresMigration, diffPostgresMigrationsAgainstSchema } from "@/lib/db/postgres/migrate";
import { derivePostgresSchema, POSTGRES_MIGRATIONS_DIR, POSTGRES_SCHEMA_PATH } from "@/lib/db/postgres/schema";
import { isPostgresAvailable, postgresBinDir, startThrowawayPostgres } from "@/lib/db/postgres/throwaway-server";
import { formatMigrationTimestamp } from "@/lib/db/migration-folder";
import { DEFAULT_MIGRATIONS_DIR, DEFAULT_SCHEMA_PATH } from "@/lib/db/schema-engine";
import { logger } from "@/lib/log";

function migrationFolderNames(migrationsDir: string): string[] {
  if (!fs.existsSync(migrationsDir)) return [];
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Picks the newest SQLite migration's name, or `<now>_sync` when PostgreSQL already has that one. */
function nextPostgresMigrationName(): string {
  const sqliteNames = migrationFolderNames(DEFAULT_MIGRATIONS_DIR);
  const newest = sqliteNames[sqliteNames.length - 1];
  if (newest !== undefined && !migrationFolderNames(POSTGRES_MIGRATIONS_DIR).includes(newest)) return newest;
  return `${formatMigrationTimestamp(new Date())}_sync`;
}

async function main(): Promise<void> {
  const checkOnly = process.argv.includes("--check");
  const derived = derivePostgresSchema(fs.readFileSync(DEFAULT_SCHEMA_PATH, "utf8"));
  const committed = fs.existsSync(POSTGRES_SCHEMA_PATH) ? fs.readFileSync(POSTGRES_SCHEMA_PATH, "utf8") : null;

  if (committed !== derived) {
    if (checkOnly) {
      logger.error({ schema: POSTGRES_SCHEMA_PATH }, "PostgreSQL schema is out of date; run npm run db:postgres:sync");
      process.exitCode = 1;
      return;
    }
    fs.mkdirSync(path.dirname(POSTGRES_SCHEMA_PATH), { recursive: true });
    fs.writeFileSync(POSTGRES_SCHEMA_PATH, derived);
    logger.info({ schema: POSTGRES_SCHEMA_PATH }, "PostgreSQL schema rewritten; run npm run db:generate");
  }

  if (!isPostgresAvailable()) {
    throw new Error(`PostgreSQL binaries not found in "${postgresBinDir()}"; install postgresql or set POSTGRES_BIN_DIR.`);
  }
  const server = await startThrowawayPostgres();
  try {
    const connectionString = await server.createDatabase("statlearn_migrations");
    if (checkOnly) {
      const { inSync, script } = await diffPostgresMigrationsAgainstSchema({ connectionString });
      if (!inSync) {
        process.stdout.write(`${script}\n`);
        logger.error("PostgreSQL migrations are behind the schema; run npm run db:postgres:sync");
        process.exitCode = 1;
        return;
      }
      logger.info("PostgreSQL schema and migrations are up to date");
      return;
    }

    const created = await createPostgresMigration({ connectionString, migrationName: nextPostgresMigrationName() });
    logger.info(
      created === null ? {} : { migrationName: created.migrationName },
      created === null ? "PostgreSQL migrations already match the schema" : "PostgreSQL migration created",
    );
  } finally {
    server.stop();
  }
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, "syncing the PostgreSQL schema failed");
  process.exitCode = 1;
});
