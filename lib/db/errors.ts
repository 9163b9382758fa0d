/**
 * Failure kinds of the persistence layer. Callers branch on `code`, never on
 * the message:
 * - conflict: a unique value is taken, or an idempotency key was reused for a
 *   different request.
 * - not_found: the row does not exist or belongs to another user.
 * - invalid_input: an argument failed validation; the message names it.
 * - limit_reached: the variant already has the maximum number of graded
 *   submissions that the caller allowed, so nothing was stored.
 * - busy: SQLite stayed locked by another process past the busy timeout; retry.
 * - migration_failed: loading the schema engine or applying a migration failed.
 * - internal: anything else (bug, corrupt data, I/O error).
 */
export const DB_ERROR_CODES = [
  "conflict",
  "not_found",
  "invalid_input",
  "limit_reached",
  "busy",
  "migration_failed",
  "internal",
] as const;

export type DbErrorCode = (typeof DB_ERROR_CODES)[number];

export class DbError extends Error {
  override name = "DbError";
  readonly code: DbErrorCode;

  constructor(code: DbErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isDbError(error: unknown, code?: DbErrorCode): error is DbError {
  return error instanceof DbError && (code === undefined || error.code === code);
}

type PrismaKnownErrorShape = {
  code: string;
  meta?: Record<string, unknown>;
};

/** Prisma error codes used below (https://www.prisma.io/docs/orm/reference/error-reference). */
const PRISMA_UNIQUE_VIOLATION = "P2002";
const PRISMA_FOREIGN_KEY_VIOLATION = "P2003";
const PRISMA_RECORD_NOT_FOUND = "P2025";
const PRISMA_TRANSACTION_TIMEOUT = "P2028";
/** The better-sqlite3 adapter reports SQLITE_BUSY as "SocketTimeout", which Prisma turns into P1008. */
const PRISMA_OPERATION_TIMEOUT = "P1008";

function asPrismaKnownError(error: unknown): PrismaKnownErrorShape | null {
  if (typeof error !== "object" || error === null) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== "string" || !/^P\d{4}$/.test(code)) return null;
  return error as PrismaKnownErrorShape;
}

export function isUniqueViolation(error: unknown): boolean {
  return asPrismaKnownError(error)?.code === PRISMA_UNIQUE_VIOLATION;
}

/** Detects SQLITE_BUSY / SQLITE_LOCKED, whether raised by better-sqlite3 or wrapped by Prisma. */
export function isBusyError(error: unknown): boolean {
  const text = collectErrorText(error);
  return /SQLITE_BUSY|SQLITE_LOCKED|SocketTimeout|database is locked|database table is locked/i.test(text);
}

function collectErrorText(error: unknown, depth = 0): string {
  if (depth > 4 || typeof error !== "object" || error === null) return String(error);
  const parts = [String((error as { message?: unknown }).message ?? "")];
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") parts.push(code);
  const meta = (error as { meta?: unknown }).meta;
  if (meta !== undefined) parts.push(safeStringify(meta));
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined) parts.push(collectErrorText(cause, depth + 1));
  return parts.join(" ");
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item));
  } catch {
    return "";
  }
}

/**
 * Converts an error thrown by Prisma or the driver during `operation` (a
 * lib/db function name) into a DbError. DbErrors pass through unchanged.
 */
export function toDbError(error: unknown, operation: string): DbError {
  if (error instanceof DbError) return error;

  const known = asPrismaKnownError(error);
  if (known?.code === PRISMA_UNIQUE_VIOLATION) {
    return new DbError("conflict", `${operation} failed: a row with the same unique value already exists.`, {
      cause: error,
    });
  }
  if (known?.code === PRISMA_FOREIGN_KEY_VIOLATION) {
    return new DbError("not_found", `${operation} failed: a referenced row does not exist.`, { cause: error });
  }
  if (known?.code === PRISMA_RECORD_NOT_FOUND) {
    return new DbError("not_found", `${operation} failed: the row was not found.`, { cause: error });
  }
  if (known?.code === PRISMA_TRANSACTION_TIMEOUT || known?.code === PRISMA_OPERATION_TIMEOUT || isBusyError(error)) {
    return new DbError("busy", `${operation} failed: the database stayed locked by another process; retry the request.`, {
      cause: error,
    });
  }
  return new DbError("internal", `${operation} failed.`, { cause: error });
}
