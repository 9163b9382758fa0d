/**
 * The one error type that pages, server actions and route handlers map to a response. Code throws
 * an AppError when the caller should see the reason. Anything else that escapes is an internal
 * error: logged, sent as a 500, with no details.
 */
export const APP_ERROR_CODES = [
  "unauthenticated",
  "forbidden",
  "not_found",
  "invalid_input",
  "conflict",
  "payload_too_large",
  "variant_closed",
  "internal",
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/** Field name → messages, as a form shows them next to each input. */
export type FieldErrors = Record<string, string[]>;

export interface AppErrorOptions {
  fields?: FieldErrors;
  /** Replaces the code's usual status, e.g. 400 for a body that is not JSON at all. */
  status?: number;
  cause?: unknown;
}

export class AppError extends Error {
  override readonly name = "AppError";
  readonly code: AppErrorCode;
  readonly fields: FieldErrors | undefined;
  readonly status: number | undefined;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.fields = options.fields;
    this.status = options.status;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
