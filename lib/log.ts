import pino from "pino";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

/**
 * LOG_LEVEL when set and valid; otherwise "silent" under vitest (VITEST is set)
 * and "info" elsewhere. An invalid LOG_LEVEL falls back to that default and
 * is reported once after the logger exists.
 */
function resolveLogLevel(env: NodeJS.ProcessEnv): { level: LogLevel; invalidValue: string | null } {
  const fallback: LogLevel = env.VITEST ? "silent" : "info";
  const raw = env.LOG_LEVEL?.trim().toLowerCase();
  if (raw === undefined || raw === "") return { level: fallback, invalidValue: null };
  if (isLogLevel(raw)) return { level: raw, invalidValue: null };
  return { level: fallback, invalidValue: env.LOG_LEVEL ?? null };
}

const { level, invalidValue } = resolveLogLevel(process.env);

// Field paths whose values are replaced before a line is written. Callers
// must still avoid passing secrets; this list is a second line of defence.
const REDACTED_PATHS = [
  "password",
  "passwordHash",
  "secret",
  "token",
  "NEXTAUTH_SECRET",
  "*.password",
  "*.passwordHash",
  "*.secret",
  "*.token",
  "*.NEXTAUTH_SECRET",
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
];

/** JSON lines on stdout; one logger per process. */
export const logger = pino({
  level,
  base: { service: "statlearn-practice" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
});

if (invalidValue !== null) {
  logger.warn(
    { LOG_LEVEL: invalidValue, allowed: LOG_LEVELS },
    `LOG_LEVEL is invalid; using "${level}". Set it to one of: ${LOG_LEVELS.join(", ")}.`,
  );
}
