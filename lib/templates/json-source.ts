/**
 * A JSON reader that records the line of every value, so template errors can name the line of
 * the field they concern. It accepts exactly RFC 8259 JSON (no comments, no trailing commas).
 */

/** Field path of a value, e.g. `parts[0].answer`; the root is the empty string. */
export type FieldPath = string;

export interface ParsedJsonSource {
  value: unknown;
  /** 1-based line on which each value starts. */
  lines: Map<FieldPath, number>;
}

export class JsonSourceError extends Error {
  override readonly name = "JsonSourceError";
  constructor(
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

/** Joins a field path and a key or index: `joinPath("parts", 0)` is `parts[0]`. */
export function joinPath(base: FieldPath, key: string | number): FieldPath {
  if (typeof key === "number") return `${base}[${key}]`;
  return base === "" ? key : `${base}.${key}`;
}

/** Parses JSON text, or throws JsonSourceError with the line and column of the first syntax error. */
export function parseJsonSource(text: string): ParsedJsonSource {
  const lines = new Map<FieldPath, number>();
  let index = 0;
  let line = 1;
  let lineStart = 0;

  const fail = (message: string): never => {
    throw new JsonSourceError(line, index - lineStart + 1, `line ${line}, column ${index - lineStart + 1}: ${message}`);
  };
  const describeHere = () => (index >= text.length ? "the end of the text" : `"${text.slice(index, index + 12)}"`);

  const skipWhitespace = () => {
    while (index < text.length) {
      const char = text[index];
      if (char === "\n") {
        line += 1;
        index += 1;
        lineStart = index;
      } else if (char === " " || char === "\t" || char === "\r") {
        index += 1;
      } else {
        break;
      }
    }
  };

  const parseString = (): string => {
    index += 1;
    let result = "";
    while (index < text.length) {
      const char = text[index]!;
      if (char === '"') {
        index += 1;
        return result;
      }
      if (char === "\n") fail("a string is not closed before the end of the line. Close it with \" or write \\n for a line break.");
      if (char === "\\") {
        const escape = text[index + 1];
        const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (escape !== undefined && simple[escape] !== undefined) {
          result += simple[escape];
          index += 2;
          continue;
        }
        if (escape === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) {
          result += String.fromCharCode(parseInt(text.slice(index + 2, index + 6), 16));
          index += 6;
          continue;
        }
        fail(`invalid escape "\\${escape ?? ""}" in a string. In JSON a backslash is written \\\\ (so LaTeX \\frac is written \\\\frac).`);
      }
      if (char.charCodeAt(0) < 0x20) fail("a control character (such as a tab) inside a string. Write it as \\t or remove it.");
      result += char;
      index += 1;
    }
    return fail("a string is not closed.");
  };

  const parseNumber = (): number => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(index));
    if (match === null) return fail(`expected a value but found ${describeHere()}.`);
    index += match[0].length;
    return Number(match[0]);
  };

  const parseValue = (path: FieldPath, depth: number): unknown => {
    if (depth > 64) fail("the JSON is nested more than 64 levels deep.");
    skipWhitespace();
    lines.set(path, line);
    const char = text[index];
    if (char === "{") return parseObject(path, depth);
    if (char === "[") return parseArray(path, depth);
    if (char === '"') return parseString();
    if (text.startsWith("true", index)) {
      index += 4;
      return true;
    }
    if (text.startsWith("false", index)) {
      index += 5;
      return false;
    }
    if (text.startsWith("null", index)) {
      index += 4;
      return null;
    }
    if (char === "-" || (char !== undefined && char >= "0" && char <= "9")) return parseNumber();
    return fail(`expected a value but found ${describeHere()}.`);
  };

  const parseObject = (path: FieldPath, depth: number): Record<string, unknown> => {
    index += 1;
    const result: Record<string, unknown> = {};
    skipWhitespace();
    if (text[index] === "}") {
      index += 1;
      return result;
    }
    for (;;) {
      skipWhitespace();
      if (text[index] !== '"') fail(`expected a field name in double quotes but found ${describeHere()}. Check for a trailing comma.`);
      const key = parseString();
      if (Object.prototype.hasOwnProperty.call(result, key)) fail(`the field "${key}" appears twice in the same object.`);
      skipWhitespace();
      if (text[index] !== ":") fail(`expected ":" after the field name "${key}".`);
      index += 1;
      Object.defineProperty(result, key, { value: parseValue(joinPath(path, key), depth + 1), enumerable: true, writable: true, configurable: true });
      skipWhitespace();
      if (text[index] === ",") {
        index += 1;
        continue;
      }
      if (text[index] === "}") {
        index += 1;
        return result;
      }
      fail(`expected "," or "}" after the field "${key}" but found ${describeHere()}.`);
    }
  };

  const parseArray = (path: FieldPath, depth: number): unknown[] => {
    index += 1;
    const result: unknown[] = [];
    skipWhitespace();
    if (text[index] === "]") {
      index += 1;
      return result;
    }
    for (;;) {
      result.push(parseValue(joinPath(path, result.length), depth + 1));
      skipWhitespace();
      if (text[index] === ",") {
        index += 1;
        continue;
      }
      if (text[index] === "]") {
        index += 1;
        return result;
      }
      fail(`expected "," or "]" in a list but found ${describeHere()}.`);
    }
  };

  const value = parseValue("", 0);
  skipWhitespace();
  if (index < text.length) fail(`unexpected text after the end of the JSON document: ${describeHere()}.`);
  return { value, lines };
}

/** Line of a field, or of its nearest ancestor that has one (1 when nothing matches). */
export function lineOf(lines: ReadonlyMap<FieldPath, number>, path: FieldPath): number {
  let current = path;
  for (;;) {
    const found = lines.get(current);
    if (found !== undefined) return found;
    if (current === "") return 1;
    const cut = Math.max(current.lastIndexOf("."), current.lastIndexOf("["));
    current = cut <= 0 ? "" : current.slice(0, cut);
  }
}
