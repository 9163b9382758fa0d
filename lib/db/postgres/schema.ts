import path from "node:path";

// The PostgreSQL schema is derived from prisma/schema.prisma, the single
// source of truth, so both databases always have the same models.

export const POSTGRES_SCHEMA_PATH = path.join("prisma", "postgres", "schema.prisma");
export const POSTGRES_MIGRATIONS_DIR = path.join("prisma", "postgres", "migrations");

const HEADER = [
  "// Generated from prisma/schema.prisma by `npm run db:postgres:sync`; edit that file instead.",
  "// Only the datasource provider and the client output folder differ.",
  "",
].join("\n");

export class SchemaDerivationError extends Error {
  override name = "SchemaDerivationError";
}

/**
 * Returns the PostgreSQL variant of the SQLite schema text: provider
 * "postgresql" and a client generated into prisma/generated/postgres-client.
 * Raises SchemaDerivationError when either line is not found exactly once.
 */
export function derivePostgresSchema(sqliteSchemaText: string): string {
  let text = replaceExactlyOnce(sqliteSchemaText, /provider\s*=\s*"sqlite"/g, 'provider = "postgresql"', "the sqlite provider");
  text = replaceExactlyOnce(
    text,
    /output\s*=\s*"\.\/generated\/client"/g,
    'output       = "../generated/postgres-client"',
    'the client output "./generated/client"',
  );
  return HEADER + text;
}

function replaceExactlyOnce(text: string, pattern: RegExp, replacement: string, description: string): string {
  const matches = text.match(pattern) ?? [];
  if (matches.length !== 1) {
    throw new SchemaDerivationError(
      `Expected ${description} exactly once in prisma/schema.prisma, found it ${matches.length} times; update derivePostgresSchema.`,
    );
  }
  return text.replace(pattern, replacement);
}
