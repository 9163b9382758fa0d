import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
} from "@prisma/driver-adapter-utils";
import type * as SchemaEngineModule from "@prisma/schema-engine-wasm";
import { logger } from "@/lib/log";
import { DbError } from "./errors";

// Prisma's schema engine compiled to WebAssembly, driven through a driver
// adapter so migrations need neither the native engine binary nor network.
// The package's API is internal to Prisma and changes between releases, which
// is why package.json pins its exact version.

type SchemaEngineBindings = typeof SchemaEngineModule & {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
};

export type SchemaEngine = SchemaEngineModule.SchemaEngine;
export type MigrationList = SchemaEngineModule.MigrationList;
export type SchemaFilter = SchemaEngineModule.SchemaFilter;

export const EMPTY_SCHEMA_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

/** Folder and schema of the repository, relative to the working directory (the repository root). */
export const DEFAULT_SCHEMA_PATH = path.join("prisma", "schema.prisma");
export const DEFAULT_MIGRATIONS_DIR = path.join("prisma", "migrations");
export const MIGRATION_LOCK_FILE = "migration_lock.toml";
export const MIGRATION_SCRIPT_FILE = "migration.sql";

let bindingsPromise: Promise<SchemaEngineBindings> | undefined;

/**
 * Instantiates the engine's WebAssembly module once per process. The
 * package's own entry imports the `.wasm` file as an ES module, which Node 20
 * rejects without `--experimental-wasm-modules`, so the module is compiled
 * here and the generated JS glue is passed as its import object.
 */
export function loadSchemaEngineBindings(): Promise<SchemaEngineBindings> {
  bindingsPromise ??= instantiateSchemaEngine().catch((error: unknown) => {
    bindingsPromise = undefined;
    throw new DbError("migration_failed", "Loading the Prisma schema engine (WebAssembly) failed.", { cause: error });
  });
  return bindingsPromise;
}

async function instantiateSchemaEngine(): Promise<SchemaEngineBindings> {
  const requireFromHere = createRequire(import.meta.url);
  const gluePath = requireFromHere.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bindings = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as SchemaEngineBindings;

  const wasmBytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
  const wasmModule = await WebAssembly.compile(new Uint8Array(wasmBytes));
  const instance = await WebAssembly.instantiate(wasmModule, {
    "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
  });

  bindings.__wbg_set_wasm(instance.exports);
  const start = instance.exports.__wbindgen_start;
  if (typeof start !== "function") {
    throw new Error("The schema engine module has no __wbindgen_start export; its version does not match this loader.");
  }
  start();
  return bindings;
}

export type SchemaEngineSession = {
  engine: SchemaEngine;
  /**
   * Message of an engine error with every "External error id#N" placeholder
   * followed by the driver error it stands for, which the adapter keeps.
   */
  describeError(error: unknown): string;
  /** Releases the engine and closes its database connections. */
  close(): Promise<void>;
};

/** Adapter factory handed to the engine, plus a way to close what the engine opened. */
export type EngineConnections = {
  factory: SqlMigrationAwareDriverAdapterFactory;
  disposeConnections(): Promise<void>;
};

/**
 * Starts a schema engine on the database behind `connections`. The engine
 * opens its main connection at once and shadow databases (used by `diff` to
 * replay migrations) on demand.
 */
export async function openSchemaEngine(options: {
  connections: EngineConnections;
  schemaPath: string;
  schemaText: string;
}): Promise<SchemaEngineSession> {
  const bindings = await loadSchemaEngineBindings();
  const { connections } = options;
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(connections.factory);

  let engine: SchemaEngine;
  try {
    engine = await bindings.SchemaEngine.new(
      { datamodels: [[options.schemaPath, options.schemaText]] },
      forwardEngineLog,
      adapterFactory,
    );
  } catch (error) {
    await connections.disposeConnections();
    throw new DbError("migration_failed", `Starting the schema engine failed: ${describeEngineError(error, adapterFactory.errorRegistry)}`, {
      cause: error,
    });
  }
  return {
    engine,
    describeError: (error) => describeEngineError(error, adapterFactory.errorRegistry),
    close: async () => {
      engine.free();
      await connections.disposeConnections();
    },
  };
}

/** Engine errors arrive as Error objects or as plain objects with a `message`. */
export function describeEngineError(
  error: unknown,
  errorRegistry?: { consumeError(id: number): { error: unknown } | undefined },
): string {
  let message: string;
  if (error instanceof Error) message = error.message;
  else if (typeof error === "object" && error !== null && "message" in error) message = String(error.message);
  else message = String(error);

  if (errorRegistry === undefined) return message;
  return message.replace(/External error id#(\d+)/g, (placeholder, id: string) => {
    const record = errorRegistry.consumeError(Number(id));
    if (record === undefined) return placeholder;
    const cause = record.error;
    const causeText = cause instanceof Error ? cause.message : safeJson(cause);
    return `${placeholder} (${causeText})`;
  });
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * Wraps an adapter factory so every connection it opens is remembered and
 * closed by disposeConnections. Freeing the engine does not close them, and
 * an open SQLite connection would keep the file locked for the next engine.
 * `wrap` may adjust the main and the shadow-database connections.
 */
export function trackEngineConnections(
  inner: SqlMigrationAwareDriverAdapterFactory,
  wrap: {
    main?: (adapter: SqlDriverAdapter) => SqlDriverAdapter;
    shadow?: (adapter: SqlDriverAdapter) => SqlDriverAdapter;
  } = {},
): EngineConnections {
  const wrapMain = wrap.main ?? ((adapter: SqlDriverAdapter) => adapter);
  const wrapShadow = wrap.shadow ?? ((adapter: SqlDriverAdapter) => adapter);
  const openAdapters = new Set<SqlDriverAdapter>();
  const track = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    openAdapters.add(adapter);
    return adapter;
  };

  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => wrapMain(track(await inner.connect())),
    connectToShadowDb: async () => wrapShadow(track(await inner.connectToShadowDb())),
  };

  const disposeConnections = async (): Promise<void> => {
    const adapters = [...openAdapters];
    openAdapters.clear();
    await Promise.allSettled(adapters.map((adapter) => adapter.dispose()));
  };
  return { factory, disposeConnections };
}

/**
 * Connections for the SQLite file `databaseUrl` (`file:` URL with an absolute
 * path, or ":memory:"); shadow databases are private in-memory databases.
 * The engine replays each migration on the shadow database as one executeRaw
 * call, but better-sqlite3 prepares one statement at a time and rejects a
 * multi-statement script, so parameterless executeRaw calls on the shadow
 * connection run as scripts.
 */
export function createSqliteEngineConnections(databaseUrl: string): EngineConnections {
  return trackEngineConnections(new PrismaBetterSqlite3({ url: databaseUrl, timeout: 5_000 }), {
    shadow: runParameterlessQueriesAsScripts,
  });
}

function runParameterlessQueriesAsScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, property) {
      if (property === "executeRaw") {
        return async (query: SqlQuery): Promise<number> => {
          if (query.args.length > 0) return target.executeRaw(query);
          await target.executeScript(query.sql);
          // A script reports no row count; the engine ignores it for DDL.
          return 0;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      // Methods use private fields, so they must run with the real adapter as `this`.
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Forwards the engine's JSON log lines (level, fields.message) to the app logger at debug level. */
function forwardEngineLog(line: string): void {
  logger.debug({ component: "schema-engine", engineLog: line }, "schema engine log");
}

/** Reads a migrations folder in Prisma's layout: `<timestamp>_<name>/migration.sql` plus `migration_lock.toml`. */
export async function readMigrationList(migrationsDir: string): Promise<MigrationList> {
  const baseDir = path.resolve(migrationsDir);
  const lockPath = path.join(baseDir, MIGRATION_LOCK_FILE);
  const lockContent = await readFile(lockPath, "utf8").catch(() => null);

  const entries = await readdir(baseDir, { withFileTypes: true }).catch((error: unknown) => {
    if (isMissingFileError(error)) return [];
    throw error;
  });
  const folderNames = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  const migrationDirectories: MigrationList["migrationDirectories"] = [];
  for (const folderName of folderNames) {
    const scriptPath = path.join(baseDir, folderName, MIGRATION_SCRIPT_FILE);
    const content = await readFile(scriptPath, "utf8")
      .then((text) => ({ tag: "ok" as const, value: text }))
      .catch((error: unknown) => ({ tag: "error" as const, value: String(error) }));
    migrationDirectories.push({
      path: folderName,
      migrationFile: { path: MIGRATION_SCRIPT_FILE, content },
    });
  }

  return {
    baseDir,
    lockfile: { path: MIGRATION_LOCK_FILE, content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

function isMissingFileError(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}
