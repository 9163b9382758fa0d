import { ZodError } from "zod";

import { DbError } from "@/lib/db/errors";
import { logger } from "@/lib/log";

import { AppError, type AppErrorCode, type FieldErrors } from "./app-error";

/** HTTP status for each error code; invalid JSON syntax is mapped to 400 separately. */
const STATUS_BY_CODE: Record<AppErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid_input: 422,
  conflict: 409,
  payload_too_large: 413,
  variant_closed: 409,
  internal: 500,
};

export interface ErrorBody {
  error: { code: AppErrorCode; message: string; fields?: FieldErrors; requestId?: string };
}

export interface MappedError {
  status: number;
  body: ErrorBody;
}

/** Turns zod issues into field → messages; a path such as ["answers", "a"] becomes "answers.a". */
export function fieldErrorsFromZod(error: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "_root";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/** Converts a ZodError into an invalid_input AppError whose message names the first field. */
export function appErrorFromZod(error: ZodError): AppError {
  const fields = fieldErrorsFromZod(error);
  const [firstField, firstMessages] = Object.entries(fields)[0] ?? ["_root", ["invalid value"]];
  const where = firstField === "_root" ? "request body" : `field "${firstField}"`;
  return new AppError("invalid_input", `Invalid ${where}: ${firstMessages[0] ?? "invalid value"}`, { fields });
}

/**
 * Maps any thrown value to a status and JSON body. AppError and ZodError keep their message.
 * Anything else is logged with the request id and becomes a generic 500 that carries the id, so a
 * user can quote it and an operator can find the log line.
 */
export function mapError(error: unknown, context: { requestId: string; route?: string; userId?: string }): MappedError {
  const known = error instanceof ZodError ? appErrorFromZod(error) : error;

  if (known instanceof DbError && known.code === "busy") {
    logger.warn({ ...context, err: known }, "database busy");
    return {
      status: 503,
      body: { error: { code: "internal", message: "The database is busy. Retry the request in a moment.", requestId: context.requestId } },
    };
  }

  if (known instanceof AppError && known.code !== "internal") {
    const status = known.status ?? STATUS_BY_CODE[known.code];
    logger.info({ ...context, code: known.code, status }, known.message);
    const body: ErrorBody = { error: { code: known.code, message: known.message } };
    if (known.fields !== undefined) body.error.fields = known.fields;
    return { status, body };
  }

  logger.error({ ...context, err: error }, "request failed with an unexpected error");
  return {
    status: 500,
    body: {
      error: {
        code: "internal",
        message: `Internal error. Quote request id ${context.requestId} when reporting it.`,
        requestId: context.requestId,
      },
    },
  };
}
