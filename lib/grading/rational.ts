import { LIMITS } from "./limits";

/**
 * Exact rational number with bigint numerator and a positive bigint denominator, always in
 * lowest terms. Decimal literals typed by students ("1.05", "1e-20") and the shortest decimal
 * form of float keys are read into Rationals, so tolerance boundaries such as |1.05 − 1| ≤ 0.05
 * are decided exactly instead of in binary floating point.
 */
export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  /** Builds num/den in lowest terms; den must be non-zero. */
  static of(num: bigint, den: bigint = 1n): Rational {
    if (den === 0n) throw new RangeError("Rational denominator is zero");
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const divisor = gcd(num < 0n ? -num : num, den);
    return divisor === 1n ? new Rational(num, den) : new Rational(num / divisor, den / divisor);
  }

  static fromInteger(value: number): Rational {
    return new Rational(BigInt(value), 1n);
  }

  /**
   * Reads a plain decimal string: optional sign, digits with an optional point, optional
   * exponent ("-1.50e-3", ".5", "7."). Returns null for anything else or an exponent beyond
   * ±400 (such values are outside the float64 range anyway).
   */
  static fromDecimalString(text: string): Rational | null {
    const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
    if (!match) return null;
    const integerDigits = match[2] ?? "";
    const fractionDigits = match[3] ?? "";
    if (integerDigits.length + fractionDigits.length === 0) return null;
    const exponent = Number(match[4] ?? "0") - fractionDigits.length;
    if (!Number.isFinite(exponent) || Math.abs(exponent) > 400) return null;
    let num = BigInt((integerDigits + fractionDigits).replace(/^0+(?=\d)/, "") || "0");
    if (match[1] === "-") num = -num;
    return exponent >= 0 ? Rational.of(num * 10n ** BigInt(exponent), 1n) : Rational.of(num, 10n ** BigInt(-exponent));
  }

  /**
   * Converts a finite float to the Rational of its shortest round-trip decimal form, so the key
   * 1.05 means 105/100 (the value the author wrote), not the binary double nearest to it.
   */
  static fromNumber(value: number): Rational {
    if (!Number.isFinite(value)) throw new RangeError(`Rational.fromNumber needs a finite number, got ${value}`);
    const parsed = Rational.fromDecimalString(String(value));
    if (parsed === null) throw new RangeError(`Rational.fromNumber could not read ${String(value)}`);
    return parsed;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  isInteger(): boolean {
    return this.den === 1n;
  }

  sign(): -1 | 0 | 1 {
    return this.num === 0n ? 0 : this.num < 0n ? -1 : 1;
  }

  /** Bit length of the larger of numerator and denominator. */
  bitLength(): number {
    const absNum = this.num < 0n ? -this.num : this.num;
    return Math.max(bitLength(absNum), bitLength(this.den));
  }

  add(other: Rational): Rational {
    return Rational.of(this.num * other.den + other.num * this.den, this.den * other.den);
  }

  sub(other: Rational): Rational {
    return Rational.of(this.num * other.den - other.num * this.den, this.den * other.den);
  }

  mul(other: Rational): Rational {
    return Rational.of(this.num * other.num, this.den * other.den);
  }

  /** Divides; throws RangeError when other is zero. */
  div(other: Rational): Rational {
    return Rational.of(this.num * other.den, this.den * other.num);
  }

  neg(): Rational {
    return new Rational(-this.num, this.den);
  }

  abs(): Rational {
    return this.num < 0n ? new Rational(-this.num, this.den) : this;
  }

  /** Returns -1, 0 or 1 as this is less than, equal to or greater than other. */
  compare(other: Rational): -1 | 0 | 1 {
    const left = this.num * other.den;
    const right = other.num * this.den;
    return left === right ? 0 : left < right ? -1 : 1;
  }

  equals(other: Rational): boolean {
    return this.num === other.num && this.den === other.den;
  }

  /**
   * Raises to an integer power, or returns null when the result would exceed
   * LIMITS.maxExactBits (estimated before computing) or the base is zero with a negative exponent.
   */
  powInteger(exponent: bigint): Rational | null {
    if (exponent === 0n) return Rational.ONE;
    if (this.num === 0n) return exponent > 0n ? Rational.ZERO : null;
    const magnitude = exponent < 0n ? -exponent : exponent;
    const absNum = this.num < 0n ? -this.num : this.num;
    const negativeResult = this.num < 0n && magnitude % 2n === 1n;
    if (absNum === 1n && this.den === 1n) return negativeResult ? Rational.of(-1n) : Rational.ONE;
    if (magnitude > BigInt(LIMITS.maxExactExponent) || this.bitLength() * Number(magnitude) > LIMITS.maxExactBits) {
      return null;
    }
    let num = absNum ** magnitude;
    let den = this.den ** magnitude;
    if (negativeResult) num = -num;
    if (exponent < 0n) [num, den] = [den, num];
    return Rational.of(num, den);
  }

  /** Exact square root when numerator and denominator are perfect squares, else null. */
  sqrt(): Rational | null {
    if (this.num < 0n) return null;
    const rootNum = integerSqrt(this.num);
    const rootDen = integerSqrt(this.den);
    if (rootNum * rootNum !== this.num || rootDen * rootDen !== this.den) return null;
    return Rational.of(rootNum, rootDen);
  }

  /**
   * Converts to the nearest float. The result is exact when numerator and denominator both fit
   * in 53 bits, because one division is correctly rounded. Otherwise it is read back from a
   * 20-digit decimal, which can differ from the correctly rounded value by one unit in the last place.
   */
  toNumber(): number {
    const absNum = this.num < 0n ? -this.num : this.num;
    if (absNum <= MAX_EXACT_FLOAT_INTEGER && this.den <= MAX_EXACT_FLOAT_INTEGER) {
      return Number(this.num) / Number(this.den);
    }
    return Number(this.toDecimalString(20));
  }

  /** Decimal string rounded to `significantDigits` digits, in exponent form ("1.2345e-7"). */
  toDecimalString(significantDigits: number): string {
    if (this.num === 0n) return "0";
    const negative = this.num < 0n;
    const absolute = this.abs();
    const exponent = decimalExponent(absolute);
    const scaled = roundHalfAwayFromZero(absolute.mul(powerOfTen(significantDigits - 1 - exponent)));
    let digits = scaled.toString();
    let adjustedExponent = exponent;
    if (digits.length > significantDigits) {
      digits = digits.slice(0, significantDigits);
      adjustedExponent += 1;
    }
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${negative ? "-" : ""}${mantissa}e${adjustedExponent}`;
  }

  /** Fraction text such as "-3/4" or "5". */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num.toString()}/${this.den.toString()}`;
  }
}

const MAX_EXACT_FLOAT_INTEGER = 2n ** 53n;

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

function integerSqrt(value: bigint): bigint {
  if (value < 2n) return value;
  let x = BigInt(Math.floor(Math.sqrt(Number(value))));
  // Newton steps correct the float estimate for values beyond 2^53.
  for (;;) {
    const next = (x + value / x) >> 1n;
    if (next >= x && x * x <= value && (x + 1n) * (x + 1n) > value) return x;
    if (next === x) return x * x > value ? x - 1n : x;
    x = next;
  }
}

/** 10^k as a Rational for any integer k. */
export function powerOfTen(k: number): Rational {
  return k >= 0 ? Rational.of(10n ** BigInt(k), 1n) : Rational.of(1n, 10n ** BigInt(-k));
}

/** floor(log10(value)) for a positive Rational, computed exactly. */
export function decimalExponent(value: Rational): number {
  if (value.sign() <= 0) throw new RangeError("decimalExponent needs a positive value");
  // The digit counts give an estimate within one of the result, and the loops make it exact.
  let estimate = value.num.toString().length - value.den.toString().length;
  while (powerOfTen(estimate).compare(value) > 0) estimate -= 1;
  while (powerOfTen(estimate + 1).compare(value) <= 0) estimate += 1;
  return estimate;
}

/** Rounds a Rational to the nearest integer, halves away from zero. */
export function roundHalfAwayFromZero(value: Rational): bigint {
  const negative = value.num < 0n;
  const absNum = negative ? -value.num : value.num;
  const rounded = (2n * absNum + value.den) / (2n * value.den);
  return negative ? -rounded : rounded;
}
