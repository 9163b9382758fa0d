import type { Rational } from "./rational";

/**
 * Functions a student may call, with their accepted argument counts. `ln` is the natural
 * logarithm; `log` with one argument is read as `ln` (the convention of statistics and of
 * mathjs), `log(x, b)` is the base-b logarithm, `log10` and `log2` are base 10 and 2.
 */
export const FUNCTION_ARITY = {
  sqrt: [1],
  cbrt: [1],
  exp: [1],
  ln: [1],
  log: [1, 2],
  log10: [1],
  log2: [1],
  abs: [1],
  sin: [1],
  cos: [1],
  tan: [1],
  sec: [1],
  csc: [1],
  cot: [1],
  asin: [1],
  acos: [1],
  atan: [1],
  sinh: [1],
  cosh: [1],
  tanh: [1],
  factorial: [1],
} as const satisfies Record<string, readonly number[]>;

export type FunctionName = keyof typeof FUNCTION_ARITY;

export function isFunctionName(name: string): name is FunctionName {
  return Object.prototype.hasOwnProperty.call(FUNCTION_ARITY, name);
}

/** Named constants: pi and Euler's number e. */
export type ConstantName = "pi" | "e";

export type BinaryOperator = "+" | "-" | "*" | "/" | "^";

/**
 * Syntax tree of a validated student answer. It is built from the mathjs tree by the whitelist
 * in parse.ts, so every node here is allowed; brackets are implied by the tree shape.
 */
export type Expr =
  /** Decimal literal; `text` is the literal as typed (after normalisation), e.g. "1.50e-3". */
  | { kind: "number"; value: Rational; text: string }
  | { kind: "constant"; name: ConstantName }
  | { kind: "variable"; name: string }
  | { kind: "negate"; arg: Expr }
  /** `implicit` marks a multiplication written without a sign ("2x", "K(p+1)"). */
  | { kind: "binary"; op: BinaryOperator; left: Expr; right: Expr; implicit: boolean }
  /** A call; one-argument `log` is stored as `ln`. */
  | { kind: "call"; name: FunctionName; args: Expr[] }
  | { kind: "factorial"; arg: Expr }
  /** Vector, or a matrix as an array of row arrays. */
  | { kind: "array"; items: Expr[] };

/** True when the tree contains no variable. */
export function isConstantExpr(expr: Expr): boolean {
  switch (expr.kind) {
    case "number":
    case "constant":
      return true;
    case "variable":
      return false;
    case "negate":
    case "factorial":
      return isConstantExpr(expr.arg);
    case "binary":
      return isConstantExpr(expr.left) && isConstantExpr(expr.right);
    case "call":
      return expr.args.every(isConstantExpr);
    case "array":
      return expr.items.every(isConstantExpr);
  }
}
