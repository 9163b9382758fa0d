/**
 * Typed failures of the question runtime. They are kept apart because callers react differently:
 * an unknown id is the caller's mistake (404), a version mismatch closes an old variant, and a
 * generation failure marks a variant broken so the student gets a fresh one.
 */

export class QuestionNotFoundError extends Error {
  override readonly name = "QuestionNotFoundError";
  constructor(readonly questionId: string) {
    super(
      `Question "${questionId}" was not found. List the available ids with GET /api/questions ` +
        "or `npm run questions -- list`.",
    );
  }
}

export class QuestionVersionMismatchError extends Error {
  override readonly name = "QuestionVersionMismatchError";
  constructor(
    readonly questionId: string,
    readonly requestedVersion: string,
    readonly servedVersion: string,
  ) {
    super(
      `Question "${questionId}" is served at version ${servedVersion}, but the variant was drawn ` +
        `at version ${requestedVersion}. Start a new variant.`,
    );
  }
}

export class VariantGenerationError extends Error {
  override readonly name = "VariantGenerationError";
  constructor(
    readonly questionId: string,
    readonly seed: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`Question "${questionId}" failed to build a variant for seed ${seed}: ${message}`, options);
  }
}

export class UnknownPartError extends Error {
  override readonly name = "UnknownPartError";
  constructor(
    readonly questionId: string,
    readonly partId: string,
  ) {
    super(`Question "${questionId}" has no part "${partId}".`);
  }
}

/** Thrown by a question's generator to reject a degenerate draw; the runtime draws again. */
export class RejectDraw extends Error {
  override readonly name = "RejectDraw";
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** A question definition that breaks the runtime's contract (a bug in the question's code). */
export class QuestionDefinitionError extends Error {
  override readonly name = "QuestionDefinitionError";
}
