/**
 * Limits password guessing: after `maxFailures` failed sign-ins for one email within `windowMs`,
 * further attempts for that email are refused until the oldest counted failure leaves the window.
 * Counting per email (not per client address) keeps a shared lab network from locking out a
 * whole class.
 *
 * NOTE: the counts live in this process. With several app servers each server counts on its
 * own, so the effective limit is maxFailures times the number of servers.
 */

export interface ThrottleOptions {
  /** Failed attempts allowed per email within the window. */
  maxFailures: number;
  /** Length of the sliding window in milliseconds. */
  windowMs: number;
  /** Emails tracked at most; the least recently failed are forgotten first. Bounds memory. */
  maxTrackedEmails: number;
  /** Clock in milliseconds since the epoch; injectable for tests. */
  now: () => number;
}

export const SIGN_IN_THROTTLE_DEFAULTS: ThrottleOptions = Object.freeze({
  maxFailures: 10,
  windowMs: 15 * 60 * 1000,
  maxTrackedEmails: 10_000,
  now: () => Date.now(),
});

export interface ThrottleVerdict {
  allowed: boolean;
  /** When refused: milliseconds until the next attempt is allowed. */
  retryAfterMs: number;
}

export class SignInThrottle {
  private readonly options: ThrottleOptions;
  // Map iteration order is insertion order; a key is re-inserted on every failure, so the first
  // key is the least recently failed one.
  private readonly failures = new Map<string, number[]>();

  constructor(options: Partial<ThrottleOptions> = {}) {
    this.options = { ...SIGN_IN_THROTTLE_DEFAULTS, ...options };
    if (!Number.isInteger(this.options.maxFailures) || this.options.maxFailures < 1) {
      throw new RangeError(`maxFailures must be a positive integer, got ${this.options.maxFailures}.`);
    }
    if (!(this.options.windowMs > 0)) {
      throw new RangeError(`windowMs must be positive, got ${this.options.windowMs}.`);
    }
  }

  private recent(email: string, now: number): number[] {
    const times = this.failures.get(email);
    if (times === undefined) return [];
    const inWindow = times.filter((time) => now - time < this.options.windowMs);
    if (inWindow.length === 0) this.failures.delete(email);
    else if (inWindow.length !== times.length) this.failures.set(email, inWindow);
    return inWindow;
  }

  check(email: string): ThrottleVerdict {
    const now = this.options.now();
    const times = this.recent(normalize(email), now);
    if (times.length < this.options.maxFailures) return { allowed: true, retryAfterMs: 0 };
    const oldestCounted = times[times.length - this.options.maxFailures]!;
    return { allowed: false, retryAfterMs: oldestCounted + this.options.windowMs - now };
  }

  recordFailure(email: string): void {
    const key = normalize(email);
    const now = this.options.now();
    const times = this.recent(key, now);
    this.failures.delete(key);
    // Only the last maxFailures times decide the verdict, so older ones need not be kept.
    this.failures.set(key, [...times, now].slice(-this.options.maxFailures));
    while (this.failures.size > this.options.maxTrackedEmails) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }

  recordSuccess(email: string): void {
    this.failures.delete(normalize(email));
  }

  trackedEmails(): number {
    return this.failures.size;
  }
}

function normalize(email: string): string {
  return email.trim().toLowerCase();
}

/** Error code next-auth passes to the sign-in form when the throttle refuses an attempt. */
export const SIGN_IN_THROTTLED_CODE = "TooManySignInAttempts";
