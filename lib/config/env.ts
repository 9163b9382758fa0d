import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { logger } from "@/lib/log";
import { DatabaseUrlError, resolveSqliteLocation } from "./database-url";

/** File name of the generated NextAuth secret, stored beside the SQLite database. */
export const NEXTAUTH_SECRET_FILE_NAME = "nextauth-secret";

/** Minimum NEXTAUTH_SECRET length in characters; 32 random bytes in base64url are 43. */
const MIN_SECRET_LENGTH = 32;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export type ServerEnv = {
  /** `file:` URL with an absolute path. */
  DATABASE_URL: string;
  /** Absolute path of the SQLite database file. */
  databaseFilePath: string;
  NEXTAUTH_SECRET: string;
  /** "environment" when NEXTAUTH_SECRET was set, "file" when read from or written to the secret file. */
  nextAuthSecretSource: "environment" | "file";
  NEXTAUTH_URL: string | undefined;
  PORT: number;
  /** package.json version, plus `+<git commit>` when the commit is known; recorded on every submission. */
  APP_VERSION: string;
};

/** Variables to validate; process.env unless a test passes its own. */
export type EnvironmentSource = Readonly<Record<string, string | undefined>>;

const envSchema = z.object({
  DATABASE_URL: z.string().optional(),
  NEXTAUTH_SECRET: z
    .string()
    .min(
      MIN_SECRET_LENGTH,
      `must be at least ${MIN_SECRET_LENGTH} characters; generate one with "openssl rand -base64 32" or unset it to let the app create one`,
    )
    .optional(),
  NEXTAUTH_URL: z
    .url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL such as "http://127.0.0.1:3000"' })
    .optional(),
  PORT: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 65535")
    .max(65535, "must be between 1 and 65535")
    .default(3000),
  APP_VERSION: z.string().trim().min(1, "must not be empty; unset it to derive the version").optional(),
});

/** Treats variables set to the empty string as unset, as shells and .env files often produce them. */
function dropEmptyValues(source: EnvironmentSource): Record<string, string> {
  const result: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value.trim() !== "") result[key] = value;
  }
  return result;
}

/**
 * Validates the server environment. Creates the database folder and, when
 * NEXTAUTH_SECRET is unset, reads or creates the secret file beside the
 * database. Relative paths are resolved against `rootDir`.
 */
export function loadServerEnv(options: { source?: EnvironmentSource; rootDir?: string } = {}): ServerEnv {
  const source = options.source ?? process.env;
  const rootDir = options.rootDir ?? process.cwd();

  const parsed = envSchema.safeParse(dropEmptyValues(source));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new ConfigError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const values = parsed.data;

  let location;
  try {
    location = resolveSqliteLocation(values.DATABASE_URL, rootDir);
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw new ConfigError(error.message, { cause: error });
    throw error;
  }

  const databaseDir = path.dirname(location.filePath);
  try {
    fs.mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new ConfigError(
      `Creating the database folder "${databaseDir}" failed; check DATABASE_URL and the folder's permissions.`,
      { cause: error },
    );
  }

  const secret =
    values.NEXTAUTH_SECRET !== undefined
      ? { value: values.NEXTAUTH_SECRET, source: "environment" as const }
      : { value: readOrCreateSecretFile(path.join(databaseDir, NEXTAUTH_SECRET_FILE_NAME)), source: "file" as const };

  return {
    DATABASE_URL: location.url,
    databaseFilePath: location.filePath,
    NEXTAUTH_SECRET: secret.value,
    nextAuthSecretSource: secret.source,
    NEXTAUTH_URL: values.NEXTAUTH_URL,
    PORT: values.PORT,
    APP_VERSION: values.APP_VERSION ?? deriveAppVersion(rootDir),
  };
}

let cachedEnv: ServerEnv | undefined;

/** Validates the environment on first use and returns the same object afterwards. */
export function getServerEnv(): ServerEnv {
  cachedEnv ??= loadServerEnv();
  return cachedEnv;
}

/**
 * Returns the secret stored in `filePath`, creating the file with 32 random
 * bytes (base64url) and mode 0600 when it does not exist. The exclusive
 * create ("wx") makes two processes starting together agree on one secret.
 */
export function readOrCreateSecretFile(filePath: string): string {
  const candidate = randomBytes(32).toString("base64url");
  try {
    fs.writeFileSync(filePath, `${candidate}\n`, { mode: 0o600, flag: "wx" });
    logger.info({ secretFile: filePath }, "generated NEXTAUTH_SECRET and stored it in the secret file");
    return candidate;
  } catch (error) {
    if (!(error instanceof Error && "code" in error && error.code === "EEXIST")) {
      throw new ConfigError(
        `Writing the NEXTAUTH_SECRET file "${filePath}" failed; set NEXTAUTH_SECRET or make the folder writable.`,
        { cause: error },
      );
    }
  }

  restrictSecretFileMode(filePath);
  const stored = fs.readFileSync(filePath, "utf8").trim();
  if (stored.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      `The NEXTAUTH_SECRET file "${filePath}" contains ${stored.length} characters, fewer than ${MIN_SECRET_LENGTH}; ` +
        "delete it so a new one is generated (this signs out every user) or set NEXTAUTH_SECRET.",
    );
  }
  return stored;
}

function restrictSecretFileMode(filePath: string): void {
  const mode = fs.statSync(filePath).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  fs.chmodSync(filePath, 0o600);
  logger.warn(
    { secretFile: filePath, previousMode: mode.toString(8) },
    "NEXTAUTH_SECRET file was readable by other users; changed its mode to 600",
  );
}

/** `<package.json version>+<short commit>`, or the bare version outside a git checkout. */
export function deriveAppVersion(rootDir: string): string {
  const packageJson: unknown = JSON.parse(fs.readFileSync(path.join(rootDir, "package.json"), "utf8"));
  const version = z.object({ version: z.string().min(1) }).safeParse(packageJson);
  if (!version.success) {
    throw new ConfigError(`package.json in "${rootDir}" has no "version" field; add one or set APP_VERSION.`);
  }

  const commit = readGitCommit(rootDir);
  return commit === null ? version.data.version : `${version.data.version}+${commit}`;
}

function readGitCommit(rootDir: string): string | null {
  try {
    const output = execFileSync("git", ["rev-parse", "--short=12", "HEAD"], {
      cwd: rootDir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 2_000,
    }).trim();
    return /^[0-9a-f]{7,40}$/.test(output) ? output : null;
  } catch {
    // No git binary, no repository or no commit yet: the version stays without a commit.
    return null;
  }
}
