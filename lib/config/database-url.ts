import path from "node:path";

/** Default SQLite location, relative to the repository root. */
export const DEFAULT_DATABASE_URL = "file:./data/app.db";

export type SqliteDatabaseLocation = {
  provider: "sqlite";
  /** `file:` URL with an absolute path, as the better-sqlite3 adapter expects. */
  url: string;
  /** Absolute path of the database file. */
  filePath: string;
};

export class DatabaseUrlError extends Error {
  override name = "DatabaseUrlError";
}

/**
 * Resolves a `file:` DATABASE_URL to an absolute SQLite location. Relative
 * paths are taken relative to `rootDir` (the repository root), never to the
 * schema or config file, so the CLI, the app and the scripts open one file.
 * Query strings (`file:./x.db?mode=ro`) are rejected because the adapter
 * would treat them as part of the file name.
 */
export function resolveSqliteLocation(rawUrl: string | undefined, rootDir: string): SqliteDatabaseLocation {
  const url = rawUrl === undefined || rawUrl.trim() === "" ? DEFAULT_DATABASE_URL : rawUrl.trim();

  if (!url.startsWith("file:")) {
    throw new DatabaseUrlError(
      `DATABASE_URL is invalid: "${redactDatabaseUrl(url)}" is not a SQLite file URL. ` +
        `Use "file:./data/app.db" or another "file:<path>" URL.`,
    );
  }

  const rawPath = url.slice("file:".length);
  if (rawPath === "" || rawPath.includes("?") || rawPath === ":memory:") {
    throw new DatabaseUrlError(
      `DATABASE_URL is invalid: "${url}" must name a database file without query parameters, ` +
        `for example "file:./data/app.db".`,
    );
  }

  const filePath = path.resolve(rootDir, rawPath);
  return { provider: "sqlite", url: `file:${filePath}`, filePath };
}

/** Replaces the password of a `scheme://user:password@host` URL so the URL can appear in messages. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@]*@/i, "$1:***@");
}
