import os from "node:os";
import path from "node:path";

import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests against a production build served by `scripts/start.ts` on 127.0.0.1, with a
 * fresh SQLite file per run (migrated and seeded by the start script). The runner process picks
 * the file and workers inherit it through the environment, so every process opens the same one.
 */
const E2E_PORT = Number(process.env.E2E_PORT ?? "3107");
process.env.E2E_DATABASE_FILE ??= path.join(
  os.tmpdir(),
  `statlearn-e2e-${Date.now()}-${process.pid}`,
  "app.db",
);
const databaseFile = process.env.E2E_DATABASE_FILE;
const baseURL = `http://127.0.0.1:${E2E_PORT}`;

// Debian's Chromium (apt package "chromium") instead of a Playwright browser download. The flags
// keep Chromium from contacting update, sync and metrics services.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "test/e2e",
  testMatch: "**/*.spec.ts",
  // One worker: the specs share the seeded demo accounts, and progress checks need a quiet account.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  outputDir: "test-results",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: "npx tsx scripts/start.ts",
    url: `${baseURL}/signin`,
    // A run without an up-to-date build builds the app first: about 2 minutes measured on a 2-core
    // machine. Later runs reuse the build.
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: `file:${databaseFile}`,
      PORT: String(E2E_PORT),
      NEXTAUTH_URL: baseURL,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    },
  },
});
