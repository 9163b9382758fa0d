// CSV writing per RFC 4180: fields separated by commas, records ended by CRLF, a field quoted when
// it contains a comma, a double quote, CR or LF, and a double quote doubled inside a quoted field.

/** First characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_PREFIXES = new Set(["=", "+", "-", "@", "\t", "\r"]);

/**
 * Formats one text cell. A value that a spreadsheet would run as a formula gets a leading
 * apostrophe, so "=HYPERLINK(…)" typed as an answer stays text. Numbers go through csvNumber.
 */
export function csvText(value: string): string {
  const safe = value.length > 0 && FORMULA_PREFIXES.has(value[0] as string) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Formats a number cell; null becomes an empty cell. Numbers are never prefixed, so -0.5 stays a number. */
export function csvNumber(value: number | null, fractionDigits?: number): string {
  if (value === null || !Number.isFinite(value)) return "";
  return fractionDigits === undefined ? String(value) : value.toFixed(fractionDigits);
}

/** Joins already formatted cells into one record with its CRLF line ending. */
export function csvRecord(cells: readonly string[]): string {
  return `${cells.join(",")}\r\n`;
}

/** Formats a header or text-only record, quoting every cell the way gradebook importers expect. */
export function csvHeader(names: readonly string[]): string {
  return csvRecord(names.map((name) => `"${(FORMULA_PREFIXES.has(name[0] ?? "") ? `'${name}` : name).replaceAll('"', '""')}"`));
}
