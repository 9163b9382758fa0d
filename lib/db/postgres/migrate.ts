import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { redactDatabaseUrl } from "@/lib/config/database-url";
import {
  applyMigrationFolder,
  diffMigrationFolder,
  writeMigration,
  type MigrationFolder,
} from "../migration-folder";
import { trackEngineConnections, type EngineConnections } from "../schema-engine";
import { POSTGRES_MIGRATIONS_DIR, POSTGRES_SCHEMA_PATH } from "./schema";

// Migrations of the optional PostgreSQL database: prisma/postgres/schema.prisma
// and prisma/postgres/migrations, applied through the same WebAssembly engine.

type PostgresFolderOptions = {
  /** Defaults to prisma/postgres/migrations under the working directory. */
  migrationsDir?: string;
  /** Defaults to prisma/postgres/schema.prisma under the working directory. */
  schemaPath?: string;
};

function resolveFolder(options: PostgresFolderOptions): MigrationFolder {
  return {
    migrationsDir: path.resolve(options.migrationsDir ?? POSTGRES_MIGRATIONS_DIR),
    schemaPath: path.resolve(options.schemaPath ?? POSTGRES_SCHEMA_PATH),
  };
}

/**
 * Connections through @prisma/adapter-pg. For shadow databases the adapter
 * runs CREATE DATABASE on the same server, so the role needs CREATEDB.
 */
function createPostgresEngineConnections(connectionString: string): EngineConnections {
  return trackEngineConnections(new PrismaPg({ connectionString }), {
    main: reportCharColumnsAsText,
    shadow: reportCharColumnsAsText,
  });
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type PgResultLike = { fields?: { dataTypeID: number }[] };
type PgQueryFunction = (...args: unknown[]) => Promise<PgResultLike>;
type PoolLike = { query: PgQueryFunction };

/**
 * Makes the adapter read the catalog type "char" (one byte, OID 18) as text.
 * The engine's schema description reads such catalog columns (pg_constraint
 * contype, for example), and @prisma/adapter-pg 7.10.1 rejects the type as
 * unsupported, which fails every diff that describes a database. The values
 * already arrive as strings; only the reported column type changes.
 * Connections inside transactions use their own client and are not patched.
 */
function reportCharColumnsAsText(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const underlyingDriver = (adapter as { underlyingDriver?: () => unknown }).underlyingDriver;
  if (typeof underlyingDriver !== "function") return adapter;

  const pool = underlyingDriver.call(adapter) as PoolLike;
  const query = pool.query.bind(pool);
  pool.query = async (...args: unknown[]) => {
    const result = await query(...args);
    for (const field of result.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
    return result;
  };
  return adapter;
}

/** Applies pending PostgreSQL migrations and returns the names applied in this run. */
export async function migratePostgresDatabase(
  options: { connectionString: string } & PostgresFolderOptions,
): Promise<{ appliedMigrationNames: string[] }> {
  const appliedMigrationNames = await applyMigrationFolder({
    folder: resolveFolder(options),
    connections: createPostgresEngineConnections(options.connectionString),
    databaseLabel: redactDatabaseUrl(options.connectionString),
  });
  return { appliedMigrationNames };
}

/**
 * Compares the PostgreSQL migrations, replayed on a shadow database created
 * on the server of `connectionString`, with the PostgreSQL schema.
 */
export async function diffPostgresMigrationsAgainstSchema(
  options: { connectionString: string } & PostgresFolderOptions,
): Promise<{ inSync: boolean; script: string }> {
  return diffMigrationFolder({
    folder: resolveFolder(options),
    connections: createPostgresEngineConnections(options.connectionString),
  });
}

/**
 * Writes the PostgreSQL migration `migrationName` (normally the name of the
 * SQLite migration it mirrors) when the schema has changes; returns null otherwise.
 */
export async function createPostgresMigration(
  options: { connectionString: string; migrationName: string } & PostgresFolderOptions,
): Promise<{ migrationName: string; scriptPath: string } | null> {
  if (!/^\d{14}_[a-z][a-z0-9_]{0,63}$/.test(options.migrationName)) {
    throw new Error(`Migration name "${options.migrationName}" is invalid; expected <YYYYMMDDHHMMSS>_<name>.`);
  }
  const folder = resolveFolder(options);
  const { inSync, script } = await diffMigrationFolder({
    folder,
    connections: createPostgresEngineConnections(options.connectionString),
  });
  if (inSync) return null;

  const scriptPath = await writeMigration({
    migrationsDir: folder.migrationsDir,
    migrationName: options.migrationName,
    script,
    provider: "postgresql",
  });
  return { migrationName: options.migrationName, scriptPath };
}
