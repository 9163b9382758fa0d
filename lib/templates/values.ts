import { TEMPLATE_LIMITS } from "./limits";

/** A named data set bound by the template's `data` section; its fields are read as `name.field`. */
export interface DataSetValue {
  kind: "data-set";
  generator: string;
  fields: Record<string, number[] | number[][]>;
}

/** Values that template expressions compute: numbers, strings, booleans, arrays and data sets. */
export type Value = number | string | boolean | Value[] | DataSetValue;

/**
 * Why an expression failed. `code` is stable for tests and the editor; the message names the
 * value or function and the fix.
 */
export type SandboxErrorCode =
  | "syntax"
  | "not-allowed"
  | "unknown-function"
  | "unknown-variable"
  | "wrong-type"
  | "wrong-arguments"
  | "division-by-zero"
  | "not-finite"
  | "too-slow"
  | "too-large"
  | "numerics"
  | "random-not-allowed";

export class SandboxError extends Error {
  override readonly name = "SandboxError";
  constructor(
    readonly code: SandboxErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isDataSet(value: Value): value is DataSetValue {
  return typeof value === "object" && !Array.isArray(value) && value.kind === "data-set";
}

/** Describes a value's type for messages: "a number", "a vector of 20 numbers", "a 3×2 matrix". */
export function describeType(value: Value): string {
  if (typeof value === "number") return `the number ${formatForMessage(value)}`;
  if (typeof value === "string") return `the text "${value.slice(0, 30)}"`;
  if (typeof value === "boolean") return `the truth value ${String(value)}`;
  if (isDataSet(value)) return `the data set (${value.generator}) with fields ${Object.keys(value.fields).join(", ")}`;
  if (value.every((item) => Array.isArray(item))) {
    const first = value[0] as Value[] | undefined;
    return `a ${value.length}×${first?.length ?? 0} matrix`;
  }
  return `a list of ${value.length} values`;
}

export function formatForMessage(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, "");
}

/** Counts the numbers in a value (nested arrays entry by entry) and rejects one above the limit. */
export function checkSize(value: Value, what: string): void {
  let count = 0;
  const visit = (item: Value) => {
    if (Array.isArray(item)) {
      count += item.length;
      if (count > TEMPLATE_LIMITS.maxArrayEntries) {
        throw new SandboxError(
          "too-large",
          `${what} has more than ${TEMPLATE_LIMITS.maxArrayEntries} entries. Use a smaller data set or fewer points.`,
        );
      }
      for (const entry of item) if (Array.isArray(entry)) visit(entry);
    }
  };
  visit(value);
}

export function expectNumber(value: Value, what: string): number {
  if (typeof value !== "number") throw new SandboxError("wrong-type", `${what} must be a number, but it is ${describeType(value)}.`);
  return value;
}

export function expectInteger(value: Value, what: string, min?: number, max?: number): number {
  const number = expectNumber(value, what);
  if (!Number.isInteger(number)) {
    throw new SandboxError("wrong-type", `${what} must be a whole number, but it is ${formatForMessage(number)}. Use round(...) if you mean the nearest integer.`);
  }
  if ((min !== undefined && number < min) || (max !== undefined && number > max)) {
    throw new SandboxError("wrong-arguments", `${what} must be between ${min ?? "-∞"} and ${max ?? "∞"}, but it is ${number}.`);
  }
  return number;
}

export function expectVector(value: Value, what: string, minLength = 1): number[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== "number")) {
    throw new SandboxError("wrong-type", `${what} must be a list of numbers such as [1, 2, 3], but it is ${describeType(value)}.`);
  }
  if (value.length < minLength) {
    throw new SandboxError("wrong-arguments", `${what} must have at least ${minLength} entries, but it has ${value.length}.`);
  }
  return value as number[];
}

/** Reads a matrix (list of equal-length rows); a plain vector is read as one column. */
export function expectMatrix(value: Value, what: string): number[][] {
  if (Array.isArray(value) && value.every((item) => typeof item === "number")) {
    return (value as number[]).map((entry) => [entry]);
  }
  if (!Array.isArray(value) || value.length === 0 || value.some((row) => !Array.isArray(row) || row.some((entry) => typeof entry !== "number"))) {
    throw new SandboxError("wrong-type", `${what} must be a matrix (a list of rows of numbers) or a vector, but it is ${describeType(value)}.`);
  }
  const rows = value as number[][];
  const width = rows[0]!.length;
  if (rows.some((row) => row.length !== width)) {
    throw new SandboxError("wrong-type", `${what} must have rows of equal length.`);
  }
  return rows;
}

export function expectString(value: Value, what: string): string {
  if (typeof value !== "string") throw new SandboxError("wrong-type", `${what} must be a text in quotes, but it is ${describeType(value)}.`);
  return value;
}

export function expectBoolean(value: Value, what: string): boolean {
  if (typeof value !== "boolean") {
    throw new SandboxError("wrong-type", `${what} must be a comparison that is true or false (such as a != b), but it is ${describeType(value)}.`);
  }
  return value;
}
