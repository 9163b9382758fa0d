/**
 * Bounds on what a student may submit and on the work spent checking it. Every bound is checked
 * before the work it protects: length and bracket depth before mathjs parses the string, node
 * count and depth before evaluation, exponent and factorial size before computing a power.
 */
export const LIMITS = {
  /**
   * Maximum characters of raw input (checked before any other processing). Enough for a 15×15
   * matrix of 7-character entries; mathjs parses 2500 characters in a few milliseconds once warm.
   */
  maxInputLength: 2500,
  /** Maximum nesting of ( [ { brackets. */
  maxBracketDepth: 40,
  /** Maximum signs in a row such as "+-+-2"; mathjs parses each one recursively. */
  maxSignRun: 4,
  /** Maximum number of "^" and "!" operators in one answer; both parse recursively in mathjs. */
  maxPowerOperators: 60,
  /** Maximum syntax-tree nodes after parsing. */
  maxNodes: 1200,
  /**
   * Maximum syntax-tree depth after parsing. A sum of n terms is n levels deep, so this also
   * bounds the recursion of every tree walker (about 3 stack frames per level).
   */
  maxTreeDepth: 400,
  /** Largest n accepted in n! (170! is the largest factorial below the float64 maximum). */
  maxFactorial: 170,
  /** Largest |exponent| for which a power of exact rationals is computed exactly. */
  maxExactExponent: 4096,
  /** Largest bit length of a numerator or denominator kept in exact arithmetic. */
  maxExactBits: 4096,
  /** Maximum entries in a vector answer. */
  maxVectorLength: 100,
  /** Maximum rows and maximum columns of a matrix answer. */
  maxMatrixDimension: 15,
  /** Maximum items compared under "order" invariance (matching cost grows as n^3 per factor). */
  maxOrderInvariantItems: 30,
  /** Maximum declared variables of an expression answer. */
  maxVariables: 8,
  /** Maximum total degree of a polynomial expanded for exact comparison. */
  maxPolynomialDegree: 40,
  /** Maximum terms of a polynomial expanded for exact comparison. */
  maxPolynomialTerms: 400,
  /** Wall-clock budget in milliseconds for checking one answer beyond parsing. */
  timeBudgetMs: 40,
  /** Maximum options of a choice question. */
  maxOptions: 26,
} as const;
