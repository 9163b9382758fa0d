import { PrismaPg } from "@prisma/adapter-pg";
import { redactDatabaseUrl } from "@/lib/config/database-url";
import { PrismaClient as PostgresPrismaClient } from "@/prisma/generated/postgres-client/client";
import type { PrismaClient } from "../client";
import { createDbHandle, type Db } from "../handle";

/**
 * Opens a database handle on a PostgreSQL database migrated with
 * migratePostgresDatabase, through a pool of at most `maxConnections`
 * connections (default 10). Operations run concurrently; the repository's
 * transactions lock what they update, so idempotency holds as on SQLite.
 * The app does not call this yet: getDb() always opens SQLite.
 */
export function createPostgresDb(options: { connectionString: string; maxConnections?: number }): Db {
  const client = new PostgresPrismaClient({
    adapter: new PrismaPg({ connectionString: options.connectionString, max: options.maxConnections ?? 10 }),
  });
  // NOTE: both clients are generated from the same models (the PostgreSQL
  // schema is derived from the SQLite one), so their model APIs match, but
  // TypeScript treats them as two unrelated generated types.
  const sharedClient = client as unknown as PrismaClient;
  return createDbHandle({
    opening: Promise.resolve(sharedClient),
    serialize: false,
    databaseLabel: redactDatabaseUrl(options.connectionString),
  });
}
