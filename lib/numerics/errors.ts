/**
 * Error raised by every `lib/numerics` function for an invalid argument.
 *
 * `argument` is the parameter's name as written in the function's signature
 * (for nested options, a dotted path such as `"estimator.degree"`), so a caller
 * can map the failure to a form field or a question parameter.
 */
export class NumericsError extends Error {
  readonly argument: string;

  constructor(argument: string, message: string) {
    super(message);
    this.name = "NumericsError";
    this.argument = argument;
  }
}

/** Formats a value for an error message without printing large arrays in full. */
export function describeValue(value: unknown): string {
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (Object.is(value, -0)) return "-0";
    return String(value);
  }
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a typed array of length ${(value as unknown as ArrayLike<unknown>).length}`;
  if (typeof value === "function") return "a function";
  return typeof value;
}

/**
 * Builds a NumericsError whose message names the argument, the bad value and the fix:
 * `Invalid argument "seed": -1. Expected an unsigned 32-bit integer. Fix: ...`.
 */
export function invalidArgument(argument: string, value: unknown, expected: string, fix: string): NumericsError {
  return new NumericsError(
    argument,
    `Invalid argument "${argument}": ${describeValue(value)}. Expected ${expected}. Fix: ${fix}`,
  );
}

/**
 * Error raised when a data set shipped with the library fails to parse (a missing column or a
 * non-numeric value), which means the generated module no longer matches its CSV.
 */
export class DatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatasetError";
  }
}
