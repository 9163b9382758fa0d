import fs from "node:fs";
import path from "node:path";
import { resolveSqliteLocation } from "@/lib/config/database-url";
import {
  applyMigrationFolder,
  assertValidMigrationName,
  diffMigrationFolder,
  formatMigrationTimestamp,
  writeMigration,
  type MigrationFolder,
} from "./migration-folder";
import { createSqliteEngineConnections, DEFAULT_MIGRATIONS_DIR, DEFAULT_SCHEMA_PATH } from "./schema-engine";

// Migrations of the SQLite database: prisma/schema.prisma and
// prisma/migrations, applied without the native engine or network.

/** Engine runs that need no live database use a private in-memory SQLite database. */
const IN_MEMORY_DATABASE_URL = ":memory:";

type SchemaLocationOptions = {
  /** Defaults to prisma/migrations under the working directory. */
  migrationsDir?: string;
  /** Defaults to prisma/schema.prisma under the working directory. */
  schemaPath?: string;
};

function resolveFolder(options: SchemaLocationOptions): MigrationFolder {
  return {
    migrationsDir: path.resolve(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR),
    schemaPath: path.resolve(options.schemaPath ?? DEFAULT_SCHEMA_PATH),
  };
}

/**
 * Applies every migration in the migrations folder that the database has not
 * recorded yet and returns the names applied in this run (empty when up to
 * date). Creates the database file and its folder when missing. Raises
 * DbError "migration_failed" when the engine cannot load, a migration fails,
 * or an earlier failed migration is still recorded (then restore a backup,
 * or repair the schema by hand and mark the migration with
 * `prisma migrate resolve`).
 */
export async function migrateDatabase(
  options: { databaseUrl: string } & SchemaLocationOptions,
): Promise<{ appliedMigrationNames: string[] }> {
  const location = resolveSqliteLocation(options.databaseUrl, process.cwd());
  fs.mkdirSync(path.dirname(location.filePath), { recursive: true });

  const appliedMigrationNames = await applyMigrationFolder({
    folder: resolveFolder(options),
    connections: createSqliteEngineConnections(location.url),
    databaseLabel: location.filePath,
  });
  return { appliedMigrationNames };
}

/**
 * Writes a new migration folder `<UTC timestamp>_<name>` with the SQL that
 * takes the committed migrations to the current schema, in the layout
 * `prisma migrate dev --create-only` produces. Returns null and writes
 * nothing when the schema has no changes. Does not touch any database.
 */
export async function createMigration(
  options: { name: string; now?: Date } & SchemaLocationOptions,
): Promise<{ migrationName: string; scriptPath: string } | null> {
  assertValidMigrationName(options.name);
  const folder = resolveFolder(options);

  // The engine's own createMigration cannot open a SQLite shadow database
  // when driven through an adapter (engine 8.1.0-2), while diff can, so the
  // script comes from a diff between the migration history and the schema.
  const { inSync, script } = await diffMigrationFolder({
    folder,
    connections: createSqliteEngineConnections(IN_MEMORY_DATABASE_URL),
  });
  if (inSync) return null;

  const migrationName = `${formatMigrationTimestamp(options.now ?? new Date())}_${options.name}`;
  const scriptPath = await writeMigration({
    migrationsDir: folder.migrationsDir,
    migrationName,
    script,
    provider: "sqlite",
  });
  return { migrationName, scriptPath };
}

/**
 * Compares the schema produced by replaying the committed migrations (on an
 * in-memory shadow database) with the Prisma schema. `script` is the SQL that
 * would bring the migrations up to the schema, empty when they match.
 */
export async function diffMigrationsAgainstSchema(
  options: SchemaLocationOptions = {},
): Promise<{ inSync: boolean; script: string }> {
  return diffMigrationFolder({
    folder: resolveFolder(options),
    connections: createSqliteEngineConnections(IN_MEMORY_DATABASE_URL),
  });
}
