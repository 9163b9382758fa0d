import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

// A private PostgreSQL server for tests and for generating PostgreSQL
// migrations: initdb in a new temp folder, listening on 127.0.0.1 only, with
// trust authentication and durability settings off. Never use it for data.

/** Debian's PostgreSQL 15 binaries; POSTGRES_BIN_DIR overrides. */
const DEFAULT_POSTGRES_BIN_DIR = "/usr/lib/postgresql/15/bin";
const SUPERUSER = "statlearn";
const START_TIMEOUT_SECONDS = 30;

export type ThrowawayPostgres = {
  /** Superuser connection string of the server's "postgres" database. */
  adminConnectionString: string;
  /** Creates an empty database and returns its connection string. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and deletes its folder. Safe to call twice. */
  stop(): void;
};

export function postgresBinDir(): string {
  return process.env.POSTGRES_BIN_DIR ?? DEFAULT_POSTGRES_BIN_DIR;
}

/** True when initdb and pg_ctl exist in postgresBinDir(). */
export function isPostgresAvailable(): boolean {
  return ["initdb", "pg_ctl"].every((binary) => fs.existsSync(path.join(postgresBinDir(), binary)));
}

/**
 * Starts a server and waits until it accepts connections. PostgreSQL refuses
 * to run as root, so under root the server runs as the "postgres" system
 * user, which Debian's package creates.
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const binDir = postgresBinDir();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "statlearn-pg-"));
  const dataDir = path.join(folder, "data");
  const runAs = process.getuid?.() === 0 ? "postgres" : null;
  if (runAs !== null) chownToUser(folder, runAs);

  const run = (binary: string, args: string[]): void => {
    const command = path.join(binDir, binary);
    const [file, argv] = runAs === null ? [command, args] : ["runuser", ["-u", runAs, "--", command, ...args]];
    execFileSync(file, argv, { stdio: ["ignore", "pipe", "pipe"], timeout: (START_TIMEOUT_SECONDS + 10) * 1_000 });
  };

  const port = await findFreePort();
  let started = false;
  const stop = (): void => {
    if (started) {
      started = false;
      try {
        run("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      } catch {
        // The server is already gone; only its folder remains to delete.
      }
    }
    process.removeListener("exit", stop);
    fs.rmSync(folder, { recursive: true, force: true });
  };

  try {
    run("initdb", ["-D", dataDir, "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
    const serverOptions = [
      "-c listen_addresses=127.0.0.1",
      `-p ${port}`,
      `-k ${folder}`,
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
    ].join(" ");
    run("pg_ctl", [
      "-D", dataDir,
      "-l", path.join(folder, "server.log"),
      "-o", serverOptions,
      "-w", "-t", String(START_TIMEOUT_SECONDS),
      "start",
    ]);
    started = true;
    // Stops the server at process exit when stop() was not called, e.g. after
    // a test threw. A killed process (SIGKILL) leaves the server running.
    process.on("exit", stop);
  } catch (error) {
    const log = readLogTail(path.join(folder, "server.log"));
    stop();
    throw new Error(`Starting the throwaway PostgreSQL server failed.${log === "" ? "" : ` Server log:\n${log}`}`, {
      cause: error,
    });
  }

  const baseUrl = `postgresql://${SUPERUSER}@127.0.0.1:${port}`;
  return {
    adminConnectionString: `${baseUrl}/postgres`,
    createDatabase: async (name) => {
      if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Invalid database name "${name}".`);
      run("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", SUPERUSER, name]);
      return `${baseUrl}/${name}`;
    },
    stop,
  };
}

function chownToUser(folder: string, user: string): void {
  const uid = Number(execFileSync("id", ["-u", user], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", user], { encoding: "utf8" }).trim());
  fs.chownSync(folder, uid, gid);
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function readLogTail(logPath: string): string {
  try {
    return fs.readFileSync(logPath, "utf8").split("\n").slice(-20).join("\n");
  } catch {
    return "";
  }
}
