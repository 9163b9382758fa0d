import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hashPassword, PasswordError, verifyPassword } from "@/lib/auth/password";

type BcryptFixture = { password: string; cost: number; hash: string; wrongPasswords: string[] };

const FIXTURES_DIR = path.resolve("test", "integration", "db", "fixtures");
// Made by make-bcrypt-fixtures.py with crypt(3) from libxcrypt.
const fixtures = JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, "bcrypt-fixtures.json"), "utf8")) as BcryptFixture[];

function verifyWithCrypt(cases: { password: string; hash: string }[]): boolean[] {
  const python = spawnSync("/usr/bin/python3", [path.join(FIXTURES_DIR, "verify-bcrypt.py")], {
    input: JSON.stringify(cases),
    encoding: "utf8",
  });
  if (python.status !== 0) throw new Error(`verify-bcrypt.py failed: ${python.stderr}`);
  return JSON.parse(python.stdout) as boolean[];
}

describe("verifyPassword", () => {
  it.each(fixtures.map((fixture) => [fixture.password.slice(0, 20), fixture] as const))(
    "accepts the crypt(3) hash of %j",
    async (_label, fixture) => {
      expect(await verifyPassword(fixture.password, fixture.hash)).toBe(true);
    },
  );

  it.each(fixtures.map((fixture) => [fixture.password.slice(0, 20), fixture] as const))(
    "rejects wrong passwords for %j",
    async (_label, fixture) => {
      for (const wrong of fixture.wrongPasswords) {
        expect(await verifyPassword(wrong, fixture.hash)).toBe(false);
      }
    },
  );

  it("rejects a malformed hash", async () => {
    expect(await verifyPassword("student-demo", "plain-text")).toBe(false);
  });

  it("rejects passwords longer than 72 bytes", async () => {
    const fixture = fixtures.find((candidate) => Buffer.byteLength(candidate.password) === 72);
    expect(fixture).toBeDefined();

    // bcrypt alone would accept this: it ignores bytes after the 72nd.
    expect(await verifyPassword(`${fixture?.password}extra`, fixture?.hash ?? "")).toBe(false);
  });
});

describe("hashPassword", () => {
  it("writes hashes that crypt(3) verifies", async () => {
    const passwords = ["student-demo", "Grüße ∑", "a".repeat(72)];
    const hashes = await Promise.all(passwords.map((password) => hashPassword(password)));

    for (const hash of hashes) expect(hash).toMatch(/^\$2b\$12\$/);
    expect(verifyWithCrypt(passwords.map((password, index) => ({ password, hash: hashes[index]! })))).toEqual([
      true,
      true,
      true,
    ]);
    expect(verifyWithCrypt([{ password: "student-dem0", hash: hashes[0]! }])).toEqual([false]);
  });

  it("salts every hash", async () => {
    const [first, second] = await Promise.all([hashPassword("same"), hashPassword("same")]);

    expect(first).not.toBe(second);
  });

  it.each([
    ["empty", ""],
    ["73 bytes", "a".repeat(73)],
    ["37 two-byte characters", "ü".repeat(37)],
  ])("rejects a password that is %s", async (_label, password) => {
    await expect(hashPassword(password)).rejects.toBeInstanceOf(PasswordError);
  });
});
