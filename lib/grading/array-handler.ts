import { AnswerSpecError, GradingFormatError } from "./errors";
import type { Expr } from "./expr";
import type { AnswerHandler, Grade } from "./handler";
import { LIMITS } from "./limits";
import { maximumAssignmentWeight, maximumMatching } from "./matching";
import { compareNumeric, negateNumeric, numericFromExpr, numericFromKey, type NumericValue } from "./numeric";
import { quote } from "./normalize";
import { parseStudentText } from "./parse";
import { toLatex, toText } from "./print";
import type { AnswerSpec, Invariance, Tolerance } from "./spec";

type ArraySpec = Extract<AnswerSpec, { type: "vector" | "matrix" }>;

/** Entries stored column by column: a vector is one column. */
interface ArrayValue {
  columns: NumericValue[][];
}

/** Outcome of comparing an answer with a key under the allowed invariances. */
interface ArrayComparison {
  matched: number;
  total: number;
  /** 1-based positions of entries outside tolerance, when positions are meaningful (no order invariance). */
  wrongPositions: string[];
  tooFewFigures: { position: string; given: number; required: number } | null;
}

export function arrayHandler(spec: ArraySpec): AnswerHandler<ArrayValue, ArrayValue> {
  const invariance = new Set<Invariance>(spec.invariance ?? []);
  const isVector = spec.type === "vector";
  const rows = isVector ? spec.length : spec.rows;
  const cols = isVector ? 1 : spec.cols;
  if ("sigFigs" in spec.tolerance && invariance.has("scale")) {
    throw new AnswerSpecError("spec.invariance", "scale invariance cannot be combined with a significant-figure tolerance");
  }
  const orderedItems = isVector ? rows : cols;
  if (invariance.has("order") && orderedItems > LIMITS.maxOrderInvariantItems) {
    throw new AnswerSpecError("spec.invariance", `order invariance supports at most ${LIMITS.maxOrderInvariantItems} items, got ${orderedItems}`);
  }

  const shapeText = isVector ? `a vector of ${rows} entries` : `a ${rows}×${cols} matrix (${rows} rows, ${cols} columns)`;

  return {
    readKey(key, path) {
      const matrix = isVector ? (Array.isArray(key) ? key.map((entry) => [entry]) : null) : key;
      if (!Array.isArray(matrix) || matrix.length !== rows) {
        throw new AnswerSpecError(path, `the key must be ${shapeText}`);
      }
      const columns: NumericValue[][] = Array.from({ length: cols }, () => []);
      matrix.forEach((row: unknown, i: number) => {
        if (!Array.isArray(row) || row.length !== cols) throw new AnswerSpecError(`${path}[${i}]`, `the key must be ${shapeText}`);
        row.forEach((entry: unknown, j: number) => {
          if (typeof entry !== "number" || !Number.isFinite(entry)) {
            throw new AnswerSpecError(`${path}[${i}]${isVector ? "" : `[${j}]`}`, `entries must be finite numbers, got ${JSON.stringify(entry)}`);
          }
          (columns[j] as NumericValue[]).push(numericFromKey(entry));
        });
      });
      return { columns };
    },

    read(input) {
      if (typeof input !== "string") throw new GradingFormatError("NOT_A_STRING", "The answer must be text.");
      const trimmed = input.trim();
      const wrapped = trimmed.length > 0 && !isOneBracketedList(trimmed) ? `[${trimmed}]` : trimmed;
      const { expr } = parseStudentText(wrapped, { context: "array", arrayDepth: 2 });
      const grid = toGrid(expr, isVector, rows, cols, shapeText, /\d,\d/.test(trimmed));
      const columns: NumericValue[][] = Array.from({ length: cols }, () => []);
      grid.forEach((row, i) =>
        row.forEach((entry, j) => {
          const value = numericFromExpr(entry);
          if ("sigFigs" in spec.tolerance && value.literal === null) {
            throw new GradingFormatError(
              "NOT_A_DECIMAL",
              `Entry ${position(i, j, isVector)} (${quote(toText(entry))}) must be a decimal number such as 0.0123, because this question asks for ${spec.tolerance.sigFigs} significant figures.`,
            );
          }
          (columns[j] as NumericValue[]).push(value);
        }),
      );
      const parsedRows = grid.map((_, i) => columns.map((column) => (column[i] as NumericValue).value));
      return {
        student: { columns },
        parsed: isVector ? parsedRows.map((row) => row[0] as number) : parsedRows,
        display: {
          text: isVector ? `[${grid.map((row) => toText(row[0] as Expr)).join(", ")}]` : `[${grid.map((row) => `[${row.map(toText).join(", ")}]`).join(", ")}]`,
          latex: isVector
            ? `\\left(${grid.map((row) => toLatex(row[0] as Expr)).join(",\\ ")}\\right)`
            : `\\begin{bmatrix}${grid.map((row) => row.map(toLatex).join(" & ")).join(" \\\\ ")}\\end{bmatrix}`,
        },
      };
    },

    grade(student, key): Grade {
      const comparison = isVector
        ? compareVector(student.columns[0] ?? [], key.columns[0] ?? [], spec.tolerance, invariance)
        : compareMatrix(student.columns, key.columns, spec.tolerance, invariance);
      return gradeComparison(comparison, spec.partialCredit === true, invariance);
    },

    matches(student, key) {
      const comparison = isVector
        ? compareVector(student.columns[0] ?? [], key.columns[0] ?? [], spec.tolerance, invariance)
        : compareMatrix(student.columns, key.columns, spec.tolerance, invariance);
      return comparison.matched === comparison.total;
    },

    keyAsStudent: (key) => key,
  };
}

/** True when the text is one list "[...]" rather than rows "[...], [...]" or bare entries. */
function isOneBracketedList(text: string): boolean {
  if (!text.startsWith("[") || !text.endsWith("]")) return false;
  let depth = 0;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === "[") depth += 1;
    else if (character === "]") {
      depth -= 1;
      if (depth === 0) return index === text.length - 1;
    }
  }
  return false;
}

function position(row: number, col: number, isVector: boolean): string {
  return isVector ? `${row + 1}` : `(${row + 1}, ${col + 1})`;
}

/** Checks the shape and returns entries as rows; accepts a 1×n or n×1 nesting for a vector. */
function toGrid(expr: Expr, isVector: boolean, rows: number, cols: number, shapeText: string, hasDigitComma: boolean): Expr[][] {
  if (expr.kind !== "array") throw new GradingFormatError("WRONG_SHAPE", `The answer must be ${shapeText}, e.g. ${example(isVector, rows, cols)}.`);
  const commaHint = hasDigitComma ? " Commas separate entries: if a comma was meant as a decimal point, use a point (1.5, not 1,5)." : "";
  const items = expr.items;
  const nested = items.length > 0 && items.every((item) => item.kind === "array");
  let grid: Expr[][];
  if (!nested) {
    if (items.some((item) => item.kind === "array")) {
      throw new GradingFormatError("WRONG_SHAPE", `Mix of rows and single entries: the answer must be ${shapeText}, e.g. ${example(isVector, rows, cols)}.`);
    }
    grid = isVector ? items.map((item) => [item]) : [items];
  } else {
    grid = items.map((item) => (item.kind === "array" ? item.items : [item]));
    const width = grid[0]?.length ?? 0;
    const ragged = grid.findIndex((row) => row.length !== width);
    if (ragged >= 0) {
      throw new GradingFormatError("WRONG_SHAPE", `Row ${ragged + 1} has ${entryCount(grid[ragged]?.length ?? 0)} but row 1 has ${entryCount(width)}. Every row needs the same number of entries.`);
    }
    if (isVector) {
      // A row [[1, 2, 3]] or a column [[1], [2], [3]] is accepted as a vector.
      if (grid.length === 1) grid = (grid[0] ?? []).map((entry) => [entry]);
      else if (width === 1) grid = grid.map((row) => row);
      else throw new GradingFormatError("WRONG_SHAPE", `The answer is a ${grid.length}×${width} matrix, but it must be ${shapeText}, e.g. ${example(isVector, rows, cols)}.`);
    }
  }
  const actualRows = grid.length;
  const actualCols = grid[0]?.length ?? 0;
  if (actualRows !== rows || actualCols !== cols) {
    const actual = isVector ? entryCount(actualRows) : `${actualRows} row${actualRows === 1 ? "" : "s"} and ${actualCols} column${actualCols === 1 ? "" : "s"}`;
    const tooMany = actualRows * actualCols > rows * cols;
    throw new GradingFormatError("WRONG_SHAPE", `The answer has ${actual}, but it must be ${shapeText}.${tooMany ? commaHint : ""}`);
  }
  return grid;
}

function example(isVector: boolean, rows: number, cols: number): string {
  if (isVector) return `[${Array.from({ length: Math.min(rows, 3) }, (_, i) => i + 1).join(", ")}${rows > 3 ? ", ..." : ""}]`;
  return rows === 2 && cols === 2 ? "[[1, 2], [3, 4]]" : "[[1, 2], [3, 4]] for a 2×2 matrix";
}

/** Divides every entry by c (for scale invariance); exact when both are exact. */
function divideBy(value: NumericValue, factor: NumericValue): NumericValue {
  const exact = value.exact !== null && factor.exact !== null && !factor.exact.isZero() ? value.exact.div(factor.exact) : null;
  return { value: exact !== null ? exact.toNumber() : value.value / factor.value, exact, literal: null };
}

/** Candidate factors c such that the answer is c × key: 1, −1 (sign) and ratios of entries (scale). */
function candidateFactors(student: NumericValue[], key: NumericValue[], invariance: ReadonlySet<Invariance>): (NumericValue | "negate" | null)[] {
  const factors: (NumericValue | "negate" | null)[] = [null];
  if (invariance.has("sign")) factors.push("negate");
  if (!invariance.has("scale")) return factors;
  const pairs: [NumericValue, NumericValue][] = [];
  if (invariance.has("order")) {
    // The key's largest entry must be matched by some student entry.
    // NOTE: with partial credit, a wrong student entry in that role can hide the best factor,
    // so order + scale partial scores may be lower than the best possible match.
    const pivot = key.reduce((best, entry) => (Math.abs(entry.value) > Math.abs(best.value) ? entry : best), key[0] as NumericValue);
    for (const entry of student) pairs.push([entry, pivot]);
  } else {
    student.forEach((entry, i) => pairs.push([entry, key[i] as NumericValue]));
  }
  const seen = new Set<number>();
  for (const [studentEntry, keyEntry] of pairs) {
    if (studentEntry.value === 0 || keyEntry.value === 0) continue;
    const exact = studentEntry.exact !== null && keyEntry.exact !== null ? studentEntry.exact.div(keyEntry.exact) : null;
    const ratio: NumericValue = { value: exact !== null ? exact.toNumber() : studentEntry.value / keyEntry.value, exact, literal: null };
    if (!Number.isFinite(ratio.value) || seen.has(ratio.value)) continue;
    seen.add(ratio.value);
    factors.push(ratio);
  }
  return factors;
}

function applyFactor(entries: NumericValue[], factor: NumericValue | "negate" | null): NumericValue[] {
  if (factor === null) return entries;
  if (factor === "negate") return entries.map(negateNumeric);
  return entries.map((entry) => divideBy(entry, factor));
}

/** Best comparison of one list of entries with the key over the allowed factors and orders. */
function compareEntries(
  student: NumericValue[],
  key: NumericValue[],
  tolerance: Tolerance,
  invariance: ReadonlySet<Invariance>,
  allowOrder: boolean,
  positionOf: (index: number) => string,
): ArrayComparison {
  let best: ArrayComparison | null = null;
  for (const factor of candidateFactors(student, key, allowOrder ? invariance : withoutOrder(invariance))) {
    const transformed = applyFactor(student, factor);
    let comparison: ArrayComparison;
    if (allowOrder) {
      const compatible = transformed.map((entry) => key.map((keyEntry) => compareNumeric(entry, keyEntry.value, tolerance).match));
      comparison = { matched: maximumMatching(compatible), total: key.length, wrongPositions: [], tooFewFigures: null };
    } else {
      const wrongPositions: string[] = [];
      let tooFewFigures: ArrayComparison["tooFewFigures"] = null;
      let matched = 0;
      transformed.forEach((entry, i) => {
        const verdict = compareNumeric(entry, (key[i] as NumericValue).value, tolerance);
        if (verdict.match) {
          matched += 1;
          return;
        }
        wrongPositions.push(positionOf(i));
        if (verdict.tooFewFigures !== undefined && tooFewFigures === null) tooFewFigures = { position: positionOf(i), ...verdict.tooFewFigures };
      });
      comparison = { matched, total: key.length, wrongPositions, tooFewFigures };
    }
    if (best === null || comparison.matched > best.matched) best = comparison;
    if (best.matched === best.total) break;
  }
  return best as ArrayComparison;
}

function withoutOrder(invariance: ReadonlySet<Invariance>): ReadonlySet<Invariance> {
  const copy = new Set(invariance);
  copy.delete("order");
  return copy;
}

/** Vector: sign and scale apply to the whole vector, order permutes its entries. */
function compareVector(student: NumericValue[], key: NumericValue[], tolerance: Tolerance, invariance: ReadonlySet<Invariance>): ArrayComparison {
  return compareEntries(student, key, tolerance, invariance, invariance.has("order"), (i) => `${i + 1}`);
}

/**
 * Matrix: invariances act on columns, as for eigenvectors or principal directions: each column
 * may have its own sign or scale, and with "order" the columns may be permuted (entries within
 * a column keep their order).
 */
function compareMatrix(student: NumericValue[][], key: NumericValue[][], tolerance: Tolerance, invariance: ReadonlySet<Invariance>): ArrayComparison {
  const columnInvariance = withoutOrder(invariance);
  const rows = key[0]?.length ?? 0;
  const total = rows * key.length;
  if (!invariance.has("order")) {
    const wrongPositions: string[] = [];
    let tooFewFigures: ArrayComparison["tooFewFigures"] = null;
    let matched = 0;
    key.forEach((keyColumn, j) => {
      const comparison = compareEntries(student[j] ?? [], keyColumn, tolerance, columnInvariance, false, (i) => `(${i + 1}, ${j + 1})`);
      matched += comparison.matched;
      wrongPositions.push(...comparison.wrongPositions);
      tooFewFigures ??= comparison.tooFewFigures;
    });
    return { matched, total, wrongPositions: sortPositions(wrongPositions), tooFewFigures };
  }
  const weights = student.map((studentColumn) =>
    key.map((keyColumn) => compareEntries(studentColumn, keyColumn, tolerance, columnInvariance, false, () => "").matched),
  );
  return { matched: maximumAssignmentWeight(weights), total, wrongPositions: [], tooFewFigures: null };
}

function sortPositions(positions: string[]): string[] {
  const key = (text: string) => text.replace(/[()]/g, "").split(", ").map(Number);
  return positions.sort((a, b) => {
    const [ar = 0, ac = 0] = key(a);
    const [br = 0, bc = 0] = key(b);
    return ar - br || ac - bc;
  });
}

function gradeComparison(comparison: ArrayComparison, partialCredit: boolean, invariance: ReadonlySet<Invariance>): Grade {
  const { matched, total } = comparison;
  if (matched === total) {
    const note = invariance.size > 0 ? ` (accepted up to ${[...invariance].join(", ")})` : "";
    return { score: 1, correct: true, feedback: `Correct${note}.`, tag: null };
  }
  const score = partialCredit ? matched / total : 0;
  const parts = [`${matched} of ${total} entries are within the tolerance.`];
  if (comparison.wrongPositions.length > 0 && comparison.wrongPositions.length <= 10) {
    parts.push(`Check entr${comparison.wrongPositions.length === 1 ? "y" : "ies"} ${comparison.wrongPositions.join(", ")}.`);
  }
  if (comparison.tooFewFigures !== null) {
    const { position: at, given, required } = comparison.tooFewFigures;
    parts.push(`Entry ${at} has ${given} significant figure${given === 1 ? "" : "s"}; ${required} are required.`);
  }
  return { score, correct: false, feedback: `Not correct. ${parts.join(" ")}`, tag: null };
}

function entryCount(count: number): string {
  return `${count} entr${count === 1 ? "y" : "ies"}`;
}
