import { invalidArgument } from "./errors";

/** Internal argument checks shared by the numerics modules. Each throws NumericsError naming `name`. */

export function checkFiniteNumber(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw invalidArgument(name, value, "a finite number", `pass a finite number for ${name}`);
  }
  return value;
}

export function checkNonNegativeNumber(name: string, value: unknown): number {
  checkFiniteNumber(name, value);
  if ((value as number) < 0) {
    throw invalidArgument(name, value, "a finite number >= 0", `pass ${name} >= 0`);
  }
  return value as number;
}

export function checkPositiveNumber(name: string, value: unknown): number {
  checkFiniteNumber(name, value);
  if ((value as number) <= 0) {
    throw invalidArgument(name, value, "a finite number > 0", `pass ${name} > 0`);
  }
  return value as number;
}

/** Checks that `value` is an integer in [min, max] (both inclusive, defaults: safe-integer range). */
export function checkInteger(
  name: string,
  value: unknown,
  min: number = Number.MIN_SAFE_INTEGER,
  max: number = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    const range =
      max === Number.MAX_SAFE_INTEGER
        ? min === Number.MIN_SAFE_INTEGER
          ? "a safe integer"
          : `an integer >= ${min}`
        : `an integer between ${min} and ${max}`;
    throw invalidArgument(name, value, range, `pass ${range} for ${name}`);
  }
  return value;
}

/** Checks that `value` is an array of finite numbers with at least `minLength` entries. */
export function checkFiniteArray(name: string, value: unknown, minLength = 0): readonly number[] {
  if (!Array.isArray(value) && !(value instanceof Float64Array)) {
    throw invalidArgument(name, value, "an array of finite numbers", `pass an array for ${name}`);
  }
  const array = value as ArrayLike<number>;
  if (array.length < minLength) {
    throw invalidArgument(
      name,
      value,
      `at least ${minLength} values`,
      `pass an array of length >= ${minLength} for ${name}`,
    );
  }
  for (let i = 0; i < array.length; i++) {
    const entry = array[i];
    if (typeof entry !== "number" || !Number.isFinite(entry)) {
      throw invalidArgument(
        `${name}[${i}]`,
        entry,
        "a finite number",
        `remove or replace the non-finite entry at index ${i} of ${name}`,
      );
    }
  }
  return value as readonly number[];
}

/**
 * Checks that `value` is a rectangular, non-ragged matrix of finite numbers given as rows,
 * and returns its shape.
 */
export function checkFiniteMatrix(
  name: string,
  value: unknown,
  options: { minRows?: number; minColumns?: number; columns?: number } = {},
): { rows: number; columns: number } {
  const { minRows = 1, minColumns = 1, columns: expectedColumns } = options;
  if (!Array.isArray(value)) {
    throw invalidArgument(name, value, "a matrix given as an array of rows", `pass number[][] for ${name}`);
  }
  if (value.length < minRows) {
    throw invalidArgument(name, value, `at least ${minRows} rows`, `pass a matrix with >= ${minRows} rows for ${name}`);
  }
  const firstRow: unknown = value[0];
  const columns = Array.isArray(firstRow) ? firstRow.length : expectedColumns ?? 0;
  for (let i = 0; i < value.length; i++) {
    const row: unknown = value[i];
    if (!Array.isArray(row) && !(row instanceof Float64Array)) {
      throw invalidArgument(`${name}[${i}]`, row, "a row array", `make every row of ${name} an array of numbers`);
    }
    const rowArray = row as ArrayLike<unknown>;
    if (rowArray.length !== columns) {
      throw invalidArgument(
        `${name}[${i}]`,
        row,
        `a row of length ${columns} like row 0`,
        `make every row of ${name} the same length`,
      );
    }
    for (let j = 0; j < columns; j++) {
      const entry = rowArray[j];
      if (typeof entry !== "number" || !Number.isFinite(entry)) {
        throw invalidArgument(
          `${name}[${i}][${j}]`,
          entry,
          "a finite number",
          `remove or replace the non-finite entry at row ${i}, column ${j} of ${name}`,
        );
      }
    }
  }
  if (columns < minColumns) {
    throw invalidArgument(name, value, `at least ${minColumns} columns`, `pass a matrix with >= ${minColumns} columns`);
  }
  if (expectedColumns !== undefined && columns !== expectedColumns) {
    throw invalidArgument(
      name,
      value,
      `${expectedColumns} columns`,
      `pass a matrix whose rows have length ${expectedColumns} for ${name}`,
    );
  }
  return { rows: value.length, columns };
}

/** Checks that two arrays have the same length, naming the second one in the error. */
export function checkSameLength(
  name: string,
  value: ArrayLike<unknown>,
  referenceName: string,
  reference: ArrayLike<unknown>,
): void {
  if (value.length !== reference.length) {
    throw invalidArgument(
      name,
      value,
      `the same length as ${referenceName} (${reference.length})`,
      `pass ${name} and ${referenceName} with one entry per observation`,
    );
  }
}

export function checkFunction(name: string, value: unknown): void {
  if (typeof value !== "function") {
    throw invalidArgument(name, value, "a function", `pass a function for ${name}`);
  }
}

export function checkObject(name: string, value: unknown): void {
  if (typeof value !== "object" || value === null) {
    throw invalidArgument(name, value, "an options object", `pass an object for ${name}`);
  }
}
