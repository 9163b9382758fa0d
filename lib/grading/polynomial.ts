import { evaluateExact } from "./evaluate";
import { isConstantExpr, type Expr } from "./expr";
import { LIMITS } from "./limits";
import { Rational } from "./rational";

/**
 * Canonical forms for exact comparison: a polynomial with rational coefficients is a map from
 * monomial key ("x^2*y^1", variables sorted) to a non-zero coefficient, and a rational function
 * is a pair of them. Expansion stops (returns null) beyond LIMITS.maxPolynomialDegree,
 * LIMITS.maxPolynomialTerms, LIMITS.maxExactBits or the time budget; the caller then falls back
 * to numeric comparison.
 */
type Monomial = ReadonlyMap<string, number>;
interface Term {
  monomial: Monomial;
  coefficient: Rational;
}
type Polynomial = Map<string, Term>;

export interface RationalFunction {
  num: Polynomial;
  den: Polynomial;
}

/** Thrown inside expansion when a size or time bound is exceeded; caught in this module. */
class ExpansionLimit extends Error {}

function monomialKey(monomial: Monomial): string {
  return [...monomial.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, power]) => `${name}^${power}`)
    .join("*");
}

function degree(monomial: Monomial): number {
  let total = 0;
  for (const power of monomial.values()) total += power;
  return total;
}

function constant(value: Rational): Polynomial {
  const poly: Polynomial = new Map();
  if (!value.isZero()) poly.set("", { monomial: new Map(), coefficient: value });
  return poly;
}

function addInto(target: Polynomial, term: Term): void {
  const key = monomialKey(term.monomial);
  const existing = target.get(key);
  const coefficient = existing === undefined ? term.coefficient : existing.coefficient.add(term.coefficient);
  if (coefficient.bitLength() > LIMITS.maxExactBits) throw new ExpansionLimit();
  if (coefficient.isZero()) target.delete(key);
  else target.set(key, { monomial: term.monomial, coefficient });
  if (target.size > LIMITS.maxPolynomialTerms) throw new ExpansionLimit();
}

function add(a: Polynomial, b: Polynomial, sign: 1 | -1 = 1): Polynomial {
  const result: Polynomial = new Map(a);
  for (const term of b.values()) addInto(result, sign === 1 ? term : { monomial: term.monomial, coefficient: term.coefficient.neg() });
  return result;
}

function multiply(a: Polynomial, b: Polynomial, deadline: number): Polynomial {
  const result: Polynomial = new Map();
  for (const left of a.values()) {
    if (performance.now() > deadline) throw new ExpansionLimit();
    for (const right of b.values()) {
      const monomial = new Map(left.monomial);
      for (const [name, power] of right.monomial) monomial.set(name, (monomial.get(name) ?? 0) + power);
      if (degree(monomial) > LIMITS.maxPolynomialDegree) throw new ExpansionLimit();
      addInto(result, { monomial, coefficient: left.coefficient.mul(right.coefficient) });
    }
  }
  return result;
}

function power(base: Polynomial, exponent: number, deadline: number): Polynomial {
  let result = constant(Rational.ONE);
  let square = base;
  let remaining = exponent;
  while (remaining > 0) {
    if (remaining % 2 === 1) result = multiply(result, square, deadline);
    remaining = Math.floor(remaining / 2);
    if (remaining > 0) square = multiply(square, square, deadline);
  }
  return result;
}

function isOne(poly: Polynomial): boolean {
  const term = poly.get("");
  return poly.size === 1 && term !== undefined && term.coefficient.equals(Rational.ONE);
}

function samePolynomial(a: Polynomial, b: Polynomial): boolean {
  if (a.size !== b.size) return false;
  for (const [key, term] of a) {
    const other = b.get(key);
    if (other === undefined || !other.coefficient.equals(term.coefficient)) return false;
  }
  return true;
}

function convert(expr: Expr, deadline: number): RationalFunction | null {
  if (performance.now() > deadline) throw new ExpansionLimit();
  if (isConstantExpr(expr)) {
    const value = evaluateExact(expr);
    return value === null ? null : { num: constant(value), den: constant(Rational.ONE) };
  }
  switch (expr.kind) {
    case "variable":
      return { num: new Map([[`${expr.name}^1`, { monomial: new Map([[expr.name, 1]]), coefficient: Rational.ONE }]]), den: constant(Rational.ONE) };
    case "negate": {
      const arg = convert(expr.arg, deadline);
      return arg === null ? null : { num: add(new Map(), arg.num, -1), den: arg.den };
    }
    case "binary":
      return convertBinary(expr, deadline);
    default:
      return null;
  }
}

function convertBinary(expr: Extract<Expr, { kind: "binary" }>, deadline: number): RationalFunction | null {
  const left = convert(expr.left, deadline);
  if (left === null) return null;
  if (expr.op === "^") {
    if (!isConstantExpr(expr.right)) return null;
    const exponent = evaluateExact(expr.right);
    if (exponent === null || !exponent.isInteger()) return null;
    const n = Number(exponent.num);
    if (Math.abs(n) > LIMITS.maxPolynomialDegree) return null;
    const num = power(left.num, Math.abs(n), deadline);
    const den = power(left.den, Math.abs(n), deadline);
    return n >= 0 ? { num, den } : { num: den, den: num };
  }
  const right = convert(expr.right, deadline);
  if (right === null) return null;
  switch (expr.op) {
    case "+":
    case "-": {
      const sign = expr.op === "+" ? 1 : -1;
      if (samePolynomial(left.den, right.den)) return { num: add(left.num, right.num, sign), den: left.den };
      const num = add(multiply(left.num, right.den, deadline), multiply(right.num, left.den, deadline), sign);
      return { num, den: multiply(left.den, right.den, deadline) };
    }
    case "*":
      return { num: multiply(left.num, right.num, deadline), den: isOne(left.den) ? right.den : multiply(left.den, right.den, deadline) };
    case "/":
      if (right.num.size === 0) return null;
      return { num: multiply(left.num, right.den, deadline), den: multiply(left.den, right.num, deadline) };
  }
}

/**
 * Converts a tree to a rational function with rational coefficients, or returns null when it
 * is not one (pi, e, sqrt, non-integer powers, functions) or is too large to expand in time.
 */
export function toRationalFunction(expr: Expr, deadline: number): RationalFunction | null {
  try {
    return convert(expr, deadline);
  } catch (error) {
    if (error instanceof ExpansionLimit) return null;
    throw error;
  }
}

/**
 * Exact equality of two rational functions by cross-multiplication, a/b = c/d ⇔ ad − cb = 0.
 * Returns null when the products exceed the bounds.
 */
export function rationalFunctionsEqual(a: RationalFunction, b: RationalFunction, deadline: number): boolean | null {
  try {
    const difference = add(multiply(a.num, b.den, deadline), multiply(b.num, a.den, deadline), -1);
    return difference.size === 0;
  } catch (error) {
    if (error instanceof ExpansionLimit) return null;
    throw error;
  }
}
