import type { Expr, FunctionName } from "./expr";

/**
 * Printers for validated trees. The text form uses explicit "*" so that a student can check
 * how an implicit product was read, and it parses back to the same tree (property-tested). The LaTeX form
 * is for KaTeX.
 */

const PRECEDENCE = { sum: 1, product: 2, negate: 3, power: 4, postfix: 5, atom: 6 } as const;

function precedenceOf(expr: Expr): number {
  switch (expr.kind) {
    case "binary":
      if (expr.op === "+" || expr.op === "-") return PRECEDENCE.sum;
      if (expr.op === "*" || expr.op === "/") return PRECEDENCE.product;
      return PRECEDENCE.power;
    case "negate":
      return PRECEDENCE.negate;
    case "factorial":
      return PRECEDENCE.postfix;
    default:
      return PRECEDENCE.atom;
  }
}

/** Plain text with explicit operators, e.g. "2 * K * (p + 1)". */
export function toText(expr: Expr): string {
  switch (expr.kind) {
    case "number":
      return expr.text;
    case "constant":
    case "variable":
      return expr.name;
    case "negate":
      return `-${wrapText(expr.arg, expr.arg.kind === "negate" ? PRECEDENCE.atom : PRECEDENCE.negate)}`;
    case "factorial":
      return `${wrapText(expr.arg, PRECEDENCE.atom)}!`;
    case "call":
      return `${expr.name}(${expr.args.map(toText).join(", ")})`;
    case "array":
      return `[${expr.items.map(toText).join(", ")}]`;
    case "binary": {
      const own = precedenceOf(expr);
      if (expr.op === "^") {
        // Right-associative: a^b^c is a^(b^c); a negative or power base needs brackets.
        return `${wrapText(expr.left, PRECEDENCE.postfix)}^${wrapText(expr.right, PRECEDENCE.power)}`;
      }
      const left = wrapText(expr.left, own);
      const right = wrapText(expr.right, own + 1);
      return expr.op === "+" || expr.op === "-" ? `${left} ${expr.op} ${right}` : `${left} ${expr.op} ${right}`;
    }
  }
}

function wrapText(expr: Expr, minimum: number): string {
  const text = toText(expr);
  return precedenceOf(expr) < minimum ? `(${text})` : text;
}

const GREEK = new Set([
  "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
  "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
  "Gamma", "Delta", "Theta", "Lambda", "Sigma", "Phi", "Psi", "Omega",
]);

const LATEX_FUNCTIONS: Partial<Record<FunctionName, string>> = {
  ln: "\\ln", exp: "\\exp", sin: "\\sin", cos: "\\cos", tan: "\\tan", sec: "\\sec", csc: "\\csc", cot: "\\cot",
  asin: "\\arcsin", acos: "\\arccos", atan: "\\arctan", sinh: "\\sinh", cosh: "\\cosh", tanh: "\\tanh",
  log10: "\\log_{10}", log2: "\\log_{2}",
};

/** LaTeX for KaTeX, e.g. "2 \\cdot K \\cdot \\left(p + 1\\right)". */
export function toLatex(expr: Expr): string {
  switch (expr.kind) {
    case "number":
      return numberLatex(expr.text);
    case "constant":
      return expr.name === "pi" ? "\\pi" : "e";
    case "variable":
      return variableLatex(expr.name);
    case "negate":
      return `-${wrapLatex(expr.arg, expr.arg.kind === "negate" ? PRECEDENCE.atom : PRECEDENCE.negate)}`;
    case "factorial":
      return `${wrapLatex(expr.arg, PRECEDENCE.atom)}!`;
    case "array":
      return arrayLatex(expr);
    case "call":
      return callLatex(expr.name, expr.args);
    case "binary": {
      const own = precedenceOf(expr);
      switch (expr.op) {
        case "+":
          return `${wrapLatex(expr.left, own)} + ${wrapLatex(expr.right, own + 1)}`;
        case "-":
          return `${wrapLatex(expr.left, own)} - ${wrapLatex(expr.right, own + 1)}`;
        case "*": {
          // "1.5*10^-3" is scientific notation and is shown as 1.5 × 10^{-3}.
          const isPowerOfTen = expr.right.kind === "binary" && expr.right.op === "^" && expr.right.left.kind === "number" && expr.right.left.text === "10";
          const sign = isPowerOfTen && expr.left.kind === "number" ? "\\times" : "\\cdot";
          return `${wrapLatex(expr.left, own)} ${sign} ${wrapLatex(expr.right, own + 1)}`;
        }
        case "/":
          return `\\frac{${toLatex(expr.left)}}{${toLatex(expr.right)}}`;
        case "^":
          return `{${wrapLatex(expr.left, PRECEDENCE.postfix)}}^{${toLatex(expr.right)}}`;
      }
    }
  }
}

function wrapLatex(expr: Expr, minimum: number): string {
  const latex = toLatex(expr);
  return precedenceOf(expr) < minimum ? `\\left(${latex}\\right)` : latex;
}

function numberLatex(text: string): string {
  const match = /^(\d*\.?\d*)[eE]([+-]?)0*(\d+)$/.exec(text);
  if (!match) return text;
  const exponent = `${match[2] === "-" ? "-" : ""}${match[3]}`;
  return `${match[1]} \\times 10^{${exponent}}`;
}

function variableLatex(name: string): string {
  // Names such as lambda, mu0 or x_1 get a Greek letter and a subscript; anything else is upright text.
  const parts = /^([A-Za-z]+)_?(\d*)$/.exec(name);
  if (parts === null) return `\\mathrm{${name.replace(/_/g, "\\_")}}`;
  const base = parts[1] ?? name;
  const subscript = parts[2] ?? "";
  let baseLatex = `\\mathrm{${base}}`;
  if (GREEK.has(base)) baseLatex = `\\${base}`;
  else if (base.length === 1) baseLatex = base;
  return subscript.length > 0 ? `${baseLatex}_{${subscript}}` : baseLatex;
}

function callLatex(name: FunctionName, args: Expr[]): string {
  const first = args[0] as Expr;
  if (name === "sqrt") return `\\sqrt{${toLatex(first)}}`;
  if (name === "cbrt") return `\\sqrt[3]{${toLatex(first)}}`;
  if (name === "abs") return `\\left|${toLatex(first)}\\right|`;
  if (name === "log") return `\\log_{${toLatex(args[1] as Expr)}}\\left(${toLatex(first)}\\right)`;
  const command = LATEX_FUNCTIONS[name] ?? `\\operatorname{${name}}`;
  return `${command}\\left(${toLatex(first)}\\right)`;
}

function arrayLatex(expr: Extract<Expr, { kind: "array" }>): string {
  const isMatrix = expr.items.length > 0 && expr.items.every((item) => item.kind === "array");
  if (isMatrix) {
    const rows = expr.items.map((row) => (row.kind === "array" ? row.items.map(toLatex).join(" & ") : toLatex(row)));
    return `\\begin{bmatrix}${rows.join(" \\\\ ")}\\end{bmatrix}`;
  }
  return `\\left(${expr.items.map(toLatex).join(",\\ ")}\\right)`;
}

/** Text of a number for messages: up to 6 significant digits, plain. */
export function formatNumberForMessage(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  return String(Number(value.toPrecision(6)));
}
