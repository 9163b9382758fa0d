import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isDbError } from "@/lib/db";
import { createMigration, diffMigrationsAgainstSchema, migrateDatabase } from "@/lib/db/migrate";
import { createTestDatabase, openRawDatabase } from "@/test/support/db";

const MIGRATIONS_DIR = path.resolve("prisma", "migrations");
const SCHEMA_PATH = path.resolve("prisma", "schema.prisma");

const MODEL_TABLES = [
  "Assessment",
  "AssessmentExtension",
  "Course",
  "Enrollment",
  "ExamAttempt",
  "ExamItem",
  "QuestionTemplate",
  "QuestionTemplateVersion",
  "Submission",
  "SubmissionPart",
  "TopicProgress",
  "User",
  "Variant",
];

const scratchFolders: string[] = [];

function makeScratchFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "statlearn-migrations-test-"));
  scratchFolders.push(folder);
  return folder;
}

afterEach(() => {
  for (const folder of scratchFolders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

function committedMigrationNames(): string[] {
  return fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Copies the committed migrations and schema into a scratch folder that tests may change. */
function copyPrismaFolder(): { migrationsDir: string; schemaPath: string } {
  const folder = makeScratchFolder();
  const migrationsDir = path.join(folder, "migrations");
  fs.cpSync(MIGRATIONS_DIR, migrationsDir, { recursive: true });
  const schemaPath = path.join(folder, "schema.prisma");
  fs.copyFileSync(SCHEMA_PATH, schemaPath);
  return { migrationsDir, schemaPath };
}

function addCourseArchivedAtField(schemaPath: string): void {
  const schema = fs.readFileSync(schemaPath, "utf8");
  const changed = schema.replace(/(model Course \{\n)/, "$1  archivedAt DateTime?\n");
  expect(changed).not.toBe(schema);
  fs.writeFileSync(schemaPath, changed);
}

describe("migrateDatabase", () => {
  it("applies all migrations to an empty database", async () => {
    const databaseFile = path.join(makeScratchFolder(), "nested", "app.db");
    const result = await migrateDatabase({ databaseUrl: `file:${databaseFile}` });

    expect(result.appliedMigrationNames).toEqual(committedMigrationNames());
    const raw = openRawDatabase(databaseFile);
    try {
      const tables = raw
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .all() as { name: string }[];
      expect(tables.map((table) => table.name)).toEqual(["_prisma_migrations", ...MODEL_TABLES].sort());
    } finally {
      raw.close();
    }
  });

  it("applies nothing on a second run", async () => {
    const databaseUrl = `file:${path.join(makeScratchFolder(), "app.db")}`;
    await migrateDatabase({ databaseUrl });

    const second = await migrateDatabase({ databaseUrl });

    expect(second.appliedMigrationNames).toEqual([]);
  });

  it("records migrations as Prisma does", async () => {
    const databaseFile = path.join(makeScratchFolder(), "app.db");
    await migrateDatabase({ databaseUrl: `file:${databaseFile}` });

    const raw = openRawDatabase(databaseFile);
    try {
      const rows = raw
        .prepare(
          "SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name",
        )
        .all() as {
        migration_name: string;
        checksum: string;
        finished_at: string | null;
        rolled_back_at: string | null;
        applied_steps_count: number;
      }[];

      expect(rows.map((row) => row.migration_name)).toEqual(committedMigrationNames());
      for (const row of rows) {
        // Prisma's checksum is the SHA-256 of migration.sql, hex-encoded.
        const script = fs.readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"), "utf8");
        expect(row.checksum).toBe(createHash("sha256").update(script).digest("hex"));
        expect(row.finished_at).not.toBeNull();
        expect(row.rolled_back_at).toBeNull();
        expect(row.applied_steps_count).toBe(1);
      }
    } finally {
      raw.close();
    }
  });

  it("rejects a database with a failed migration", async () => {
    const { migrationsDir, schemaPath } = copyPrismaFolder();
    const brokenFolder = path.join(migrationsDir, "29990101000000_broken");
    fs.mkdirSync(brokenFolder);
    fs.writeFileSync(path.join(brokenFolder, "migration.sql"), 'ALTER TABLE "NoSuchTable" ADD COLUMN "x" TEXT;\n');
    const databaseUrl = `file:${path.join(makeScratchFolder(), "app.db")}`;

    const first = await migrateDatabase({ databaseUrl, migrationsDir, schemaPath }).catch((error: unknown) => error);
    const second = await migrateDatabase({ databaseUrl, migrationsDir, schemaPath }).catch((error: unknown) => error);

    expect(isDbError(first, "migration_failed")).toBe(true);
    expect(String((first as Error).message)).toContain("NoSuchTable");
    // The failed run is recorded, so the next run stops until someone resolves it.
    expect(isDbError(second, "migration_failed")).toBe(true);
    expect(String((second as Error).message)).toContain("29990101000000_broken");
  });

  it("lets test databases start migrated", async () => {
    const testDatabase = await createTestDatabase();
    try {
      const again = await migrateDatabase({ databaseUrl: testDatabase.databaseUrl });
      expect(again.appliedMigrationNames).toEqual([]);
    } finally {
      await testDatabase.cleanup();
    }
    expect(fs.existsSync(testDatabase.databaseFilePath)).toBe(false);
  });
});

describe("committed migrations", () => {
  it("produce exactly the Prisma schema", async () => {
    const result = await diffMigrationsAgainstSchema({ migrationsDir: MIGRATIONS_DIR, schemaPath: SCHEMA_PATH });

    // On failure the script shows the SQL a missing migration would contain.
    expect(result.script).toBe("");
    expect(result.inSync).toBe(true);
  });

  it("differ from a schema changed without a migration", async () => {
    const { migrationsDir, schemaPath } = copyPrismaFolder();
    addCourseArchivedAtField(schemaPath);

    const result = await diffMigrationsAgainstSchema({ migrationsDir, schemaPath });

    expect(result.inSync).toBe(false);
    expect(result.script).toMatch(/ALTER TABLE "Course" ADD COLUMN "archivedAt" DATETIME/);
  });
});

describe("createMigration", () => {
  it("writes the missing migration", async () => {
    const { migrationsDir, schemaPath } = copyPrismaFolder();
    addCourseArchivedAtField(schemaPath);

    const created = await createMigration({
      name: "add_course_archive",
      migrationsDir,
      schemaPath,
      now: new Date("2030-01-02T03:04:05Z"),
    });

    expect(created?.migrationName).toBe("20300102030405_add_course_archive");
    expect(fs.readFileSync(created?.scriptPath ?? "", "utf8")).toContain('"archivedAt" DATETIME');
    const after = await diffMigrationsAgainstSchema({ migrationsDir, schemaPath });
    expect(after.inSync).toBe(true);

    const databaseUrl = `file:${path.join(makeScratchFolder(), "app.db")}`;
    const applied = await migrateDatabase({ databaseUrl, migrationsDir, schemaPath });
    expect(applied.appliedMigrationNames).toContain("20300102030405_add_course_archive");
  });

  it("writes nothing when the schema is unchanged", async () => {
    const { migrationsDir, schemaPath } = copyPrismaFolder();
    const before = fs.readdirSync(migrationsDir).sort();

    const created = await createMigration({ name: "nothing_changed", migrationsDir, schemaPath });

    expect(created).toBeNull();
    expect(fs.readdirSync(migrationsDir).sort()).toEqual(before);
  });

  it("rejects an invalid migration name", async () => {
    const error = await createMigration({ name: "Add Course" }).catch((caught: unknown) => caught);

    expect(isDbError(error, "invalid_input")).toBe(true);
  });
});
