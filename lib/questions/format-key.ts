import type { AnswerKey, AnswerSpec } from "@/lib/grading";

/**
 * Writes a key the way a student would type it, at full precision. The self-test submits these
 * strings, so they must be read back by the answer checker as exactly the key.
 */
export function keyAsInput(spec: AnswerSpec, key: AnswerKey): string {
  switch (spec.type) {
    case "integer":
    case "number":
      return formatNumberInput(key as number);
    case "expression":
      return String(key);
    case "vector":
      return `[${(key as number[]).map(formatNumberInput).join(", ")}]`;
    case "matrix":
      return `[${(key as number[][]).map((row) => `[${row.map(formatNumberInput).join(", ")}]`).join(", ")}]`;
    case "single-choice":
      return String(key);
    case "multiple-choice":
      return (key as string[]).join(",");
  }
}

function formatNumberInput(value: number): string {
  // String() gives the shortest text that reads back as the same double, in e-notation when needed.
  return String(value);
}

/** Rounds to `digits` significant figures for display, without trailing zeros beyond them. */
export function formatSignificant(value: number, digits = 4): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return value.toString();
  const text = value.toPrecision(digits);
  return text.includes("e") ? text : String(Number(text));
}

/** Formats the key as Markdown with LaTeX for the worked solution. */
export function keyAsMarkdown(spec: AnswerSpec, key: AnswerKey): string {
  switch (spec.type) {
    case "integer":
      return `$${formatThousands(key as number)}$`;
    case "number":
      return `$${formatSignificant(key as number, 4)}$`;
    case "expression":
      return `\`${String(key)}\``;
    case "vector":
      return `$(${(key as number[]).map((value) => formatSignificant(value, 4)).join(",\\ ")})$`;
    case "matrix":
      return `$\\begin{pmatrix}${(key as number[][])
        .map((row) => row.map((value) => formatSignificant(value, 4)).join(" & "))
        .join(" \\\\ ")}\\end{pmatrix}$`;
    case "single-choice":
      return spec.options.find((option) => option.id === key)?.text ?? String(key);
    case "multiple-choice": {
      const chosen = new Set(key as string[]);
      const texts = spec.options.filter((option) => chosen.has(option.id)).map((option) => option.text);
      return texts.length > 0 ? texts.join("; ") : "none of the options";
    }
  }
}

/** Integer with thin-space thousands groups in LaTeX, e.g. 1\,345. */
export function formatThousands(value: number): string {
  const sign = value < 0 ? "-" : "";
  const digits = Math.abs(value).toString();
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, "\\,");
}
