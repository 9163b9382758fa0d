import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadServerEnv, NEXTAUTH_SECRET_FILE_NAME } from "@/lib/config/env";

const roots: string[] = [];

/** Creates a scratch repository root with a package.json and no git checkout. */
function makeRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "statlearn-env-test-"));
  roots.push(root);
  fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "x", version: "3.2.1" }));
  return root;
}

afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

describe("loadServerEnv", () => {
  it("applies defaults relative to the root", () => {
    const root = makeRoot();

    const env = loadServerEnv({ source: {}, rootDir: root });

    expect(env.databaseFilePath).toBe(path.join(root, "data", "app.db"));
    expect(env.DATABASE_URL).toBe(`file:${path.join(root, "data", "app.db")}`);
    expect(fs.statSync(path.join(root, "data")).isDirectory()).toBe(true);
    expect(env.PORT).toBe(3000);
    expect(env.NEXTAUTH_URL).toBeUndefined();
    expect(env.APP_VERSION).toBe("3.2.1");
  });

  it("creates the secret file once and reuses it", () => {
    const root = makeRoot();
    const secretFile = path.join(root, "data", NEXTAUTH_SECRET_FILE_NAME);

    const first = loadServerEnv({ source: {}, rootDir: root });
    const second = loadServerEnv({ source: {}, rootDir: root });

    expect(first.nextAuthSecretSource).toBe("file");
    expect(first.NEXTAUTH_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.NEXTAUTH_SECRET).toBe(first.NEXTAUTH_SECRET);
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
  });

  it("puts the secret file beside a custom database", () => {
    const root = makeRoot();

    loadServerEnv({ source: { DATABASE_URL: "file:./elsewhere/course.db" }, rootDir: root });

    expect(fs.existsSync(path.join(root, "elsewhere", NEXTAUTH_SECRET_FILE_NAME))).toBe(true);
  });

  it("tightens a secret file readable by others", () => {
    const root = makeRoot();
    const secretFile = path.join(root, "data", NEXTAUTH_SECRET_FILE_NAME);
    fs.mkdirSync(path.dirname(secretFile));
    fs.writeFileSync(secretFile, "s".repeat(40), { mode: 0o644 });
    fs.chmodSync(secretFile, 0o644);

    const env = loadServerEnv({ source: {}, rootDir: root });

    expect(env.NEXTAUTH_SECRET).toBe("s".repeat(40));
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
  });

  it("prefers NEXTAUTH_SECRET from the environment", () => {
    const root = makeRoot();
    const secret = "e".repeat(32);

    const env = loadServerEnv({ source: { NEXTAUTH_SECRET: secret, APP_VERSION: "9.9.9" }, rootDir: root });

    expect(env.NEXTAUTH_SECRET).toBe(secret);
    expect(env.nextAuthSecretSource).toBe("environment");
    expect(env.APP_VERSION).toBe("9.9.9");
    expect(fs.existsSync(path.join(root, "data", NEXTAUTH_SECRET_FILE_NAME))).toBe(false);
  });

  it.each([
    ["PORT", { PORT: "eighty" }],
    ["PORT", { PORT: "70000" }],
    ["NEXTAUTH_SECRET", { NEXTAUTH_SECRET: "short" }],
    ["NEXTAUTH_URL", { NEXTAUTH_URL: "ftp://example.org" }],
    ["DATABASE_URL", { DATABASE_URL: "postgres://user:pw@127.0.0.1/db" }],
  ])("names %s when it is invalid", (variable, source) => {
    const root = makeRoot();

    let caught: unknown;
    try {
      loadServerEnv({ source, rootDir: root });
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toContain(variable);
    expect((caught as Error).message).not.toContain(":pw@");
  });
});
