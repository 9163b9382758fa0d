import { compileExpression, type CompiledExpression } from "./sandbox";
import { describeType, isDataSet, SandboxError, type Value } from "./values";

/** One `{{expression}}` or `{{expression:digits}}` in a text. */
export interface Placeholder {
  start: number;
  end: number;
  expression: CompiledExpression;
  /** Significant figures, or null for the default format. */
  digits: number | null;
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** Finds and compiles the placeholders of a text; throws SandboxError naming the first bad one. */
export function compilePlaceholders(text: string): Placeholder[] {
  const found: Placeholder[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const inner = match[1]!;
    const format = /^(.*):\s*(\d+)\s*$/s.exec(inner);
    const digits = format ? Number(format[2]) : null;
    if (digits !== null && (digits < 1 || digits > 15)) {
      throw new SandboxError("syntax", `the placeholder {{${inner}}} asks for ${digits} significant figures; use 1 to 15.`);
    }
    const source = (format ? format[1]! : inner).trim();
    try {
      found.push({ start: match.index, end: match.index + match[0].length, expression: compileExpression(source), digits });
    } catch (error) {
      if (error instanceof SandboxError) throw new SandboxError(error.code, `in the placeholder {{${inner}}}: ${error.message}`);
      throw error;
    }
  }
  return found;
}

/**
 * Formats a value for a text. Default: integers in full, other numbers with up to 6 significant
 * figures and no trailing zeros. With `digits`, exactly that many significant figures (trailing
 * zeros kept, as in 0.500). Lists are written as comma-separated entries.
 */
export function formatValue(value: Value, digits: number | null): string {
  if (typeof value === "number") {
    if (digits !== null) return value.toPrecision(digits);
    if (Number.isInteger(value)) return String(value);
    return String(Number(value.toPrecision(6)));
  }
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (isDataSet(value)) {
    throw new SandboxError("wrong-type", `a placeholder cannot show ${describeType(value)}. Show one of its fields or a number computed from it.`);
  }
  return value.map((item) => formatValue(item, digits)).join(", ");
}

/** Replaces each placeholder by its formatted value. */
export function fillPlaceholders(text: string, placeholders: readonly Placeholder[], evaluate: (expression: CompiledExpression) => Value): string {
  let result = "";
  let position = 0;
  for (const placeholder of placeholders) {
    result += text.slice(position, placeholder.start) + formatValue(evaluate(placeholder.expression), placeholder.digits);
    position = placeholder.end;
  }
  return result + text.slice(position);
}
