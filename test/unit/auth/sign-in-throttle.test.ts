import { describe, expect, it } from "vitest";

import { SignInThrottle } from "@/lib/auth/sign-in-throttle";

function clock(start: number) {
  const state = { now: start };
  return { state, now: () => state.now };
}

describe("SignInThrottle", () => {
  it("refuses the attempt after maxFailures failures inside the window", () => {
    const time = clock(1_000_000);
    const throttle = new SignInThrottle({ maxFailures: 3, windowMs: 60_000, now: time.now });
    for (let i = 0; i < 3; i += 1) {
      expect(throttle.check("a@example.edu").allowed).toBe(true);
      throttle.recordFailure("a@example.edu");
      time.state.now += 1_000;
    }
    // Failures at t0, t0 + 1 s, t0 + 2 s; now t0 + 3 s. The first leaves the window at t0 + 60 s.
    expect(throttle.check("a@example.edu")).toEqual({ allowed: false, retryAfterMs: 57_000 });
  });

  it("counts an email the same whatever its case and surrounding spaces", () => {
    const time = clock(0);
    const throttle = new SignInThrottle({ maxFailures: 2, windowMs: 60_000, now: time.now });
    throttle.recordFailure("Student@Example.edu");
    throttle.recordFailure(" student@example.edu ");
    expect(throttle.check("STUDENT@example.edu").allowed).toBe(false);
    expect(throttle.check("other@example.edu").allowed).toBe(true);
  });

  it("allows again once the oldest counted failure leaves the window", () => {
    const time = clock(0);
    const throttle = new SignInThrottle({ maxFailures: 2, windowMs: 10_000, now: time.now });
    throttle.recordFailure("a@example.edu");
    time.state.now = 4_000;
    throttle.recordFailure("a@example.edu");
    time.state.now = 9_999;
    expect(throttle.check("a@example.edu").allowed).toBe(false);
    time.state.now = 10_000;
    // The failure at 0 has left; the one at 4 000 remains, which is below the limit of 2.
    expect(throttle.check("a@example.edu").allowed).toBe(true);
  });

  it("forgets the failures of an email after a successful sign-in", () => {
    const time = clock(0);
    const throttle = new SignInThrottle({ maxFailures: 2, windowMs: 60_000, now: time.now });
    throttle.recordFailure("a@example.edu");
    throttle.recordSuccess("a@example.edu");
    throttle.recordFailure("a@example.edu");
    expect(throttle.check("a@example.edu").allowed).toBe(true);
  });

  it("tracks at most maxTrackedEmails emails, dropping the least recently failed", () => {
    const time = clock(0);
    const throttle = new SignInThrottle({ maxFailures: 1, windowMs: 60_000, maxTrackedEmails: 2, now: time.now });
    throttle.recordFailure("first@example.edu");
    throttle.recordFailure("second@example.edu");
    throttle.recordFailure("first@example.edu");
    throttle.recordFailure("third@example.edu");
    expect(throttle.trackedEmails()).toBe(2);
    expect(throttle.check("second@example.edu").allowed).toBe(true);
    expect(throttle.check("first@example.edu").allowed).toBe(false);
    expect(throttle.check("third@example.edu").allowed).toBe(false);
  });

  it("rejects a limit that is not a positive integer", () => {
    expect(() => new SignInThrottle({ maxFailures: 0 })).toThrow(/maxFailures must be a positive integer, got 0/);
    expect(() => new SignInThrottle({ windowMs: -1 })).toThrow(/windowMs must be positive, got -1/);
  });
});
