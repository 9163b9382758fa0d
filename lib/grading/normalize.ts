import { GradingFormatError } from "./errors";
import { LIMITS } from "./limits";

/** What kind of answer the text is read as; it decides the comma and "x10^" rules. */
export type InputContext = "number" | "array" | "expression";

const SUPERSCRIPTS: Record<string, string> = {
  "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
  "⁺": "+", "⁻": "-", "⁽": "(", "⁾": ")",
};

/** Greek letters students paste from other documents, mapped to the names the parser accepts. */
const GREEK_NAMES: Record<string, string> = {
  α: "alpha", β: "beta", γ: "gamma", δ: "delta", ε: "epsilon", ζ: "zeta", η: "eta", θ: "theta",
  ι: "iota", κ: "kappa", λ: "lambda", μ: "mu", ν: "nu", ξ: "xi", π: "pi", ρ: "rho", σ: "sigma",
  τ: "tau", υ: "upsilon", φ: "phi", ϕ: "phi", χ: "chi", ψ: "psi", ω: "omega",
  Γ: "Gamma", Δ: "Delta", Θ: "Theta", Λ: "Lambda", Σ: "Sigma", Φ: "Phi", Ψ: "Psi", Ω: "Omega",
};

/** Characters replaced before parsing: minus signs, multiplication and division signs. */
const SIGN_REPLACEMENTS: Record<string, string> = {
  "\u2212": "-", // minus sign
  "\u2013": "-", // en dash, often pasted for a minus
  "\u00d7": "*", // multiplication sign
  "\u00b7": "*", // middle dot
  "\u22c5": "*", // dot operator
  "\u2219": "*", // bullet operator
  "\u00f7": "/", // division sign
};

/** Hints for characters outside the accepted set. */
const CHARACTER_HINTS: Record<string, string> = {
  "=": "Give only the value or expression, not an equation.",
  "<": "Comparisons are not accepted; give only the value or expression.",
  ">": "Comparisons are not accepted; give only the value or expression.",
  "|": "Write abs(x) for an absolute value.",
  "%": "Write a percentage as a number: 5% is 0.05.",
  "{": "Use round brackets ( ) for grouping.",
  "}": "Use round brackets ( ) for grouping.",
  "√": "Write sqrt(x) for a square root.",
  "∞": "Infinite values are not accepted.",
  "\\": "LaTeX commands are not read: type sqrt(x), not \\sqrt{x}.",
  "'": "Quotes are not accepted.",
  '"': "Quotes are not accepted.",
  "$": "Do not include units or currency signs.",
  ":": "Ranges and ratios with ':' are not accepted; use / for a ratio.",
  "?": "Conditional expressions are not accepted.",
};

const ALLOWED_CHARACTER = /[A-Za-z0-9_ \t\n\r.,+\-*/^()[\];!]/;

/**
 * Normalises raw student text and rejects what the parser must never receive. The length check
 * runs first, so a 1 MB string costs one comparison. Bracket depth and sign runs are checked
 * before mathjs parses anything, because its parser recurses on them.
 */
export function prepareInput(raw: unknown, context: InputContext): string {
  if (typeof raw !== "string") {
    throw new GradingFormatError("NOT_A_STRING", "The answer must be text.");
  }
  if (raw.length > LIMITS.maxInputLength) {
    throw new GradingFormatError(
      "TOO_LONG",
      `The answer is ${raw.length} characters long; the maximum is ${LIMITS.maxInputLength}. Shorten it.`,
    );
  }
  let text = raw.trim();
  if (text.length === 0) {
    throw new GradingFormatError("EMPTY", "The answer is empty. Type an answer before submitting.");
  }

  text = replaceSuperscripts(text);
  text = text.normalize("NFKC");
  text = replaceSigns(text);
  text = replaceGreekLetters(text);
  text = text.replace(/\*\*/g, "^");

  checkCharacters(text);
  checkBrackets(text);
  checkOperatorRuns(text);
  checkRadixLiterals(text);

  if (context !== "array" && /[[\]]/.test(text)) {
    throw new GradingFormatError("ARRAY_NOT_ALLOWED", "Square brackets [ ] are only for vector and matrix answers. Use ( ) for grouping.");
  }
  if (context !== "expression") text = rewriteScientificNotation(text);
  checkSpacedExponent(text, context);
  checkCommas(text, context);
  checkDigitGroupingSpaces(text, context);
  return text;
}

function replaceSuperscripts(text: string): string {
  // A run of superscripts such as "⁵⁺³" is a power: x⁵⁺³ becomes x^(5+3).
  return text.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾]+/g, (run) => `^(${[...run].map((c) => SUPERSCRIPTS[c] ?? c).join("")})`);
}

function replaceSigns(text: string): string {
  let result = "";
  for (const character of text) result += SIGN_REPLACEMENTS[character] ?? character;
  return result;
}

function replaceGreekLetters(text: string): string {
  const characters = [...text];
  let result = "";
  characters.forEach((character, index) => {
    const name = GREEK_NAMES[character];
    if (name === undefined) {
      result += character;
      return;
    }
    // Separate the name from a neighbouring letter so "λx" reads as lambda*x, while a digit or
    // underscore after it stays part of the name ("μ0" is the variable mu0).
    const previous = characters[index - 1] ?? "";
    const next = characters[index + 1] ?? "";
    result += (/[A-Za-z]/.test(previous) ? " " : "") + name + (/[A-Za-z]/.test(next) ? " " : "");
  });
  return result;
}

function checkCharacters(text: string): void {
  for (const character of text) {
    if (ALLOWED_CHARACTER.test(character)) continue;
    const hint = CHARACTER_HINTS[character];
    const shown = /\s/.test(character) ? `U+${character.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}` : character;
    throw new GradingFormatError(
      "INVALID_CHARACTER",
      `The character "${shown}" is not accepted. ${hint ?? "Use digits, letters, + - * / ^ ( ) and a decimal point."}`,
    );
  }
}

function checkBrackets(text: string): void {
  const stack: string[] = [];
  let index = 0;
  for (const character of text) {
    index += 1;
    if (character === "(" || character === "[") {
      stack.push(character);
      if (stack.length > LIMITS.maxBracketDepth) {
        throw new GradingFormatError(
          "TOO_DEEP",
          `The answer nests brackets more than ${LIMITS.maxBracketDepth} levels deep. Simplify it.`,
        );
      }
    } else if (character === ")" || character === "]") {
      const open = stack.pop();
      const expected = character === ")" ? "(" : "[";
      if (open === undefined) {
        throw new GradingFormatError("SYNTAX", `The closing bracket "${character}" at character ${index} has no matching opening bracket.`);
      }
      if (open !== expected) {
        throw new GradingFormatError(
          "SYNTAX",
          `The bracket "${character}" at character ${index} closes a "${open}". Match each "(" with ")" and each "[" with "]".`,
        );
      }
    }
  }
  if (stack.length > 0) {
    const missing = stack.map((open) => (open === "(" ? ")" : "]")).reverse().join("");
    throw new GradingFormatError("SYNTAX", `A closing bracket is missing: add "${missing}" at the end of the matching part.`);
  }
}

function checkOperatorRuns(text: string): void {
  const signRun = new RegExp(`(?:[+\\-]\\s*){${LIMITS.maxSignRun + 1},}`);
  const run = signRun.exec(text);
  if (run) {
    throw new GradingFormatError("SYNTAX", `"${quote(run[0].trim())}" has too many signs in a row. Write each sign once.`);
  }
  let powers = 0;
  for (const character of text) if (character === "^" || character === "!") powers += 1;
  if (powers > LIMITS.maxPowerOperators) {
    throw new GradingFormatError(
      "TOO_COMPLEX",
      `The answer has ${powers} powers and factorials; the maximum is ${LIMITS.maxPowerOperators}. Simplify it.`,
    );
  }
}

function checkRadixLiterals(text: string): void {
  const match = /(?<![A-Za-z0-9_.])0[xXbBoO][0-9A-Fa-f]/.exec(text);
  if (match) {
    throw new GradingFormatError(
      "RADIX_LITERAL",
      `"${match[0]}..." looks like a hexadecimal, binary or octal number, which is not accepted. Write numbers in decimal.`,
    );
  }
}

/**
 * In number and vector answers "3x10^8", "3 X 10^8" and "1.23 e 2" are scientific notation:
 * they are rewritten to "3*10^8" and "1.23e2". Expression answers keep "x" as a variable.
 */
function rewriteScientificNotation(text: string): string {
  return text
    .replace(/(\d\.?)\s*[xX]\s*(10\s*\^)/g, "$1*$2")
    .replace(/(\d\.?)[ \t]*([eE])[ \t]*([+-]?)[ \t]*(\d)/g, "$1$2$3$4");
}

function checkSpacedExponent(text: string, context: InputContext): void {
  if (context !== "expression") return;
  const match = /\d\.?[ \t]+[eE][ \t]*[+-]?[ \t]*\d|\d\.?[eE][ \t]+[+-]?[ \t]*\d/.exec(text);
  if (match) {
    throw new GradingFormatError(
      "AMBIGUOUS_E",
      `"${match[0]}" is ambiguous: write it without spaces (e.g. 1.5e3 for 1.5×10³), or use * for Euler's number (1.5*e*3).`,
    );
  }
}

/**
 * Commas. In vectors and matrices a comma separates entries. Elsewhere a comma is accepted only
 * between the arguments of a function such as log(x, 2); any other comma is a format error that
 * says how the number was probably meant, because "1,5" (decimal comma) and "1,345" (thousands
 * separator) cannot be distinguished reliably.
 */
function checkCommas(text: string, context: InputContext): void {
  if (context === "array" || !text.includes(",")) return;

  const insideCall: boolean[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === "(") {
      const before = text.slice(0, index).trimEnd();
      insideCall.push(/[A-Za-z][A-Za-z0-9_]*$/.test(before));
    } else if (character === ")") {
      insideCall.pop();
    } else if (character === "," && insideCall[insideCall.length - 1] !== true) {
      let start = index;
      while (start > 0 && /[\d.,]/.test(text[start - 1] ?? "")) start -= 1;
      let end = index + 1;
      while (end < text.length && /[\d.,]/.test(text[end] ?? "")) end += 1;
      const written = quote(text.slice(start, end));
      if (/\d,\d/.test(written)) throw commaError(written);
      throw new GradingFormatError(
        "DECIMAL_COMMA",
        context === "number"
          ? "A comma is not accepted in a single number. Give one number and use a point for decimals, e.g. 1.5."
          : "A comma is only accepted between the arguments of a function, as in log(x, 2). Use a point for decimals.",
      );
    }
  }
}

function commaError(written: string): GradingFormatError {
  const groups = written.split(",");
  const first = groups[0] ?? "";
  const rest = groups.slice(1);
  const asDecimal = `${first}.${rest.join("")}`;
  const asInteger = groups.join("");
  // A first group with a leading zero ("0,123") cannot start a grouped integer, so it is a decimal comma.
  const looksLikeThousands = rest.every((group) => /^\d{3}(\.\d+)?$/.test(group)) && /^[1-9]\d{0,2}$/.test(first);
  if (rest.length === 1 && looksLikeThousands) {
    return new GradingFormatError(
      "THOUSANDS_SEPARATOR",
      `"${written}" is ambiguous: it could mean ${asDecimal} (comma as decimal point) or ${asInteger} (comma as thousands separator). Use a point for decimals and no separator between thousands.`,
      `${asDecimal} or ${asInteger}`,
    );
  }
  if (looksLikeThousands) {
    return new GradingFormatError(
      "THOUSANDS_SEPARATOR",
      `"${written}" uses commas to group digits. Write the number without separators: ${asInteger}.`,
      asInteger,
    );
  }
  if (rest.length === 1) {
    return new GradingFormatError("DECIMAL_COMMA", `"${written}" uses a decimal comma. Use a point: ${asDecimal}.`, asDecimal);
  }
  return new GradingFormatError("DECIMAL_COMMA", `"${written}" is not a number: use a point for decimals and no commas.`);
}

function checkDigitGroupingSpaces(text: string, context: InputContext): void {
  const match = /(?<![A-Za-z_0-9.])\d[\d.]*(?:[ \t]+\.?\d[\d.]*)+/.exec(text);
  if (!match) return;
  const written = quote(match[0]);
  if (context === "array") {
    throw new GradingFormatError(
      "DIGIT_GROUPING_SPACE",
      `"${written}" has a space between digits. Separate entries with commas, e.g. [1, 2, 3], and write numbers without spaces.`,
    );
  }
  throw new GradingFormatError(
    "DIGIT_GROUPING_SPACE",
    `"${written}" has a space between digits. Write numbers without spaces (${written.replace(/[ \t]+/g, "")}), or put * between two numbers to multiply them.`,
    written.replace(/[ \t]+/g, ""),
  );
}

/** Shortens text quoted in a message to at most `max` characters. */
export function quote(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
