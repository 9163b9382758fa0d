import fs from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { logger } from "@/lib/log";
import { DbError } from "./errors";
import {
  EMPTY_SCHEMA_FILTER,
  MIGRATION_LOCK_FILE,
  MIGRATION_SCRIPT_FILE,
  openSchemaEngine,
  readMigrationList,
  type EngineConnections,
  type MigrationList,
  type SchemaEngineSession,
} from "./schema-engine";

// Provider-neutral steps on a migrations folder in Prisma's layout, run
// through the WebAssembly schema engine. The engine keeps the
// `_prisma_migrations` table itself, so a database migrated here is also
// valid for `prisma migrate deploy`.

export type MigrationProvider = "sqlite" | "postgresql";

export type MigrationFolder = {
  /** Absolute path of the migrations folder. */
  migrationsDir: string;
  /** Absolute path of the Prisma schema the folder belongs to. */
  schemaPath: string;
};

/**
 * Applies the folder's pending migrations to the database behind
 * `connections` and returns the names applied in this run. `databaseLabel`
 * names the database in logs and must not contain a password.
 */
export async function applyMigrationFolder(options: {
  folder: MigrationFolder;
  connections: EngineConnections;
  databaseLabel: string;
}): Promise<string[]> {
  const migrationsList = await readMigrationList(options.folder.migrationsDir);
  const session = await openEngineOnSchema(options.connections, options.folder.schemaPath);
  try {
    // applyMigrations raises P3009 when the database records a failed migration.
    const result = await runEngineCommand(
      "applyMigrations",
      () => session.engine.applyMigrations({ migrationsList, filters: EMPTY_SCHEMA_FILTER }),
      session,
    );
    logger.info(
      { database: options.databaseLabel, appliedMigrationNames: result.appliedMigrationNames },
      result.appliedMigrationNames.length === 0 ? "database schema is up to date" : "applied database migrations",
    );
    await warnAboutEditedMigrations(session, migrationsList, options.databaseLabel);
    return result.appliedMigrationNames;
  } finally {
    await session.close();
  }
}

/**
 * Logs migrations whose migration.sql changed after it was applied (the
 * checksum in `_prisma_migrations` differs). Such edits never reach the
 * database, so the fix is a new migration. Diagnosis failures are logged, not raised.
 */
async function warnAboutEditedMigrations(
  session: SchemaEngineSession,
  migrationsList: MigrationList,
  databaseLabel: string,
): Promise<void> {
  try {
    const diagnosis = await session.engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: EMPTY_SCHEMA_FILTER,
    });
    if (diagnosis.editedMigrationNames.length > 0) {
      logger.warn(
        { database: databaseLabel, editedMigrationNames: diagnosis.editedMigrationNames },
        "applied migrations were edited after they ran; the edits are not applied, add a new migration instead",
      );
    }
  } catch (error) {
    logger.warn({ database: databaseLabel, error: session.describeError(error) }, "checking the migration history failed");
  }
}

/**
 * Compares the schema produced by replaying the folder's migrations on a
 * shadow database with the Prisma schema. `script` is the SQL that would
 * bring the migrations up to the schema, empty when they match.
 */
export async function diffMigrationFolder(options: {
  folder: MigrationFolder;
  connections: EngineConnections;
}): Promise<{ inSync: boolean; script: string }> {
  const migrationsList = await readMigrationList(options.folder.migrationsDir);
  const schemaText = await readSchemaText(options.folder.schemaPath);
  const session = await openEngineOnSchema(options.connections, options.folder.schemaPath);
  try {
    // The engine reads the provider from migration_lock.toml, which exists
    // only once the first migration is written. Before that the history is empty.
    const from =
      migrationsList.migrationDirectories.length === 0
        ? ({ tag: "empty" } as const)
        : ({ tag: "migrations", ...migrationsList } as const);
    const result = await runEngineCommand(
      "diff",
      () =>
        session.engine.diff({
          from,
          to: { tag: "schemaDatamodel", files: [{ path: options.folder.schemaPath, content: schemaText }] },
          script: true,
          exitCode: true,
          filters: EMPTY_SCHEMA_FILTER,
        }),
      session,
    );
    // With exitCode requested the engine returns 2 for a non-empty diff, 0 otherwise.
    const inSync = result.exitCode === 0;
    return { inSync, script: inSync ? "" : (result.stdout ?? "") };
  } finally {
    await session.close();
  }
}

/** Raises DbError "invalid_input" unless `name` is lower-case letters, digits and underscores. */
export function assertValidMigrationName(name: string): void {
  if (!/^[a-z][a-z0-9_]{0,63}$/.test(name)) {
    throw new DbError(
      "invalid_input",
      `Migration name "${name}" is invalid; use lower-case letters, digits and underscores, e.g. add_course_archive.`,
    );
  }
}

/**
 * Writes `<migrationName>/migration.sql` and, for the first migration,
 * migration_lock.toml in the format `prisma migrate dev` writes. Never
 * overwrites an existing migration.
 */
export async function writeMigration(options: {
  migrationsDir: string;
  migrationName: string;
  script: string;
  provider: MigrationProvider;
}): Promise<string> {
  const folder = path.join(options.migrationsDir, options.migrationName);
  await mkdir(folder, { recursive: true });
  const scriptPath = path.join(folder, MIGRATION_SCRIPT_FILE);
  await writeFile(scriptPath, options.script, { flag: "wx" });

  const lockPath = path.join(options.migrationsDir, MIGRATION_LOCK_FILE);
  if (!fs.existsSync(lockPath)) {
    const lock = [
      "# Please do not edit this file manually",
      "# It should be added in your version-control system (e.g., Git)",
      `provider = "${options.provider}"`,
      "",
    ].join("\n");
    await writeFile(lockPath, lock);
  }
  return scriptPath;
}

/** `YYYYMMDDHHMMSS` in UTC, the prefix Prisma gives migration folders. */
export function formatMigrationTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

export async function readSchemaText(schemaPath: string): Promise<string> {
  try {
    return await readFile(schemaPath, "utf8");
  } catch (error) {
    throw new DbError("migration_failed", `Reading the Prisma schema "${schemaPath}" failed.`, { cause: error });
  }
}

async function openEngineOnSchema(connections: EngineConnections, schemaPath: string): Promise<SchemaEngineSession> {
  let schemaText: string;
  try {
    schemaText = await readSchemaText(schemaPath);
  } catch (error) {
    await connections.disposeConnections();
    throw error;
  }
  return openSchemaEngine({ connections, schemaPath, schemaText });
}

async function runEngineCommand<T>(command: string, run: () => Promise<T>, session: SchemaEngineSession): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DbError) throw error;
    let description = session.describeError(error);
    if (description.includes("SocketTimeout")) {
      // The better-sqlite3 adapter's name for SQLITE_BUSY, which this engine version does not know.
      description += " (SocketTimeout means SQLITE_BUSY: another process kept the database file locked; stop it and retry)";
    }
    throw new DbError("migration_failed", `Schema engine command "${command}" failed: ${description}`, { cause: error });
  }
}

