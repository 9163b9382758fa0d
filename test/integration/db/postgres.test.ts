import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isDbError, type Db } from "@/lib/db";
import { createPostgresDb } from "@/lib/db/postgres/db";
import { diffPostgresMigrationsAgainstSchema, migratePostgresDatabase } from "@/lib/db/postgres/migrate";
import { derivePostgresSchema } from "@/lib/db/postgres/schema";
import { isPostgresAvailable, postgresBinDir, startThrowawayPostgres, type ThrowawayPostgres } from "@/lib/db/postgres/throwaway-server";
import { seedDemoData } from "@/lib/db/seed";
import { buildSubmission, buildUngradableSubmission, insertTestUser, insertTestVariant } from "./helpers";

const SQLITE_SCHEMA_PATH = path.resolve("prisma", "schema.prisma");
const POSTGRES_SCHEMA_PATH = path.resolve("prisma", "postgres", "schema.prisma");
const POSTGRES_MIGRATIONS_DIR = path.resolve("prisma", "postgres", "migrations");

describe("PostgreSQL schema", () => {
  it("matches the SQLite schema it derives from", () => {
    const derived = derivePostgresSchema(fs.readFileSync(SQLITE_SCHEMA_PATH, "utf8"));

    // On failure: run npm run db:postgres:sync and commit the result.
    expect(fs.readFileSync(POSTGRES_SCHEMA_PATH, "utf8")).toBe(derived);
  });

  it("mirrors every SQLite migration", () => {
    const folderNames = (dir: string) =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort();

    const sqliteNames = folderNames(path.resolve("prisma", "migrations"));
    const postgresNames = folderNames(POSTGRES_MIGRATIONS_DIR);

    expect(postgresNames.at(-1)).toBe(sqliteNames.at(-1));
  });
});

// PostgreSQL comes from Debian's postgresql package (CI installs it); without
// its binaries these tests are reported as skipped, not passed.
describe.skipIf(!isPostgresAvailable())(`PostgreSQL database (binaries in ${postgresBinDir()})`, () => {
  let server: ThrowawayPostgres;
  let databaseCount = 0;

  async function createMigratedDatabase(): Promise<string> {
    databaseCount += 1;
    const connectionString = await server.createDatabase(`statlearn_test_${databaseCount}`);
    await migratePostgresDatabase({ connectionString });
    return connectionString;
  }

  beforeAll(async () => {
    server = await startThrowawayPostgres();
  }, 60_000);

  afterAll(() => {
    server?.stop();
  });

  describe("migrations", () => {
    it("apply once and then apply nothing", async () => {
      databaseCount += 1;
      const connectionString = await server.createDatabase(`statlearn_test_${databaseCount}`);

      const first = await migratePostgresDatabase({ connectionString });
      const second = await migratePostgresDatabase({ connectionString });

      expect(first.appliedMigrationNames.length).toBeGreaterThan(0);
      expect(second.appliedMigrationNames).toEqual([]);
      const client = new pg.Client({ connectionString });
      await client.connect();
      try {
        const result = await client.query<{ table_name: string }>(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
        );
        expect(result.rows.map((row) => row.table_name)).toEqual([
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
          "_prisma_migrations",
        ]);
      } finally {
        await client.end();
      }
    });

    it("produce exactly the PostgreSQL schema", async () => {
      const connectionString = await server.createDatabase("statlearn_diff");

      const result = await diffPostgresMigrationsAgainstSchema({ connectionString });

      expect(result.script).toBe("");
      expect(result.inSync).toBe(true);
    });

    it("differ from a changed schema", async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), "statlearn-pg-schema-"));
      try {
        const schemaPath = path.join(folder, "schema.prisma");
        const changed = fs.readFileSync(POSTGRES_SCHEMA_PATH, "utf8").replace(/(model Course \{\n)/, "$1  archivedAt DateTime?\n");
        fs.writeFileSync(schemaPath, changed);
        const connectionString = await server.createDatabase("statlearn_diff_changed");

        const result = await diffPostgresMigrationsAgainstSchema({ connectionString, schemaPath });

        expect(result.inSync).toBe(false);
        expect(result.script).toContain('ADD COLUMN     "archivedAt" TIMESTAMP(3)');
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });
  });

  describe("repository", () => {
    let db: Db;

    beforeEach(async () => {
      db = createPostgresDb({ connectionString: await createMigratedDatabase(), maxConnections: 5 });
    });

    afterEach(async () => {
      await db.close();
    });

    it("stores one submission for concurrent posts", async () => {
      const student = await insertTestUser(db, "student");
      const variant = await insertTestVariant(db, student.id, { seed: 4_294_967_295 });
      const args = buildSubmission(variant);

      const results = await Promise.all([1, 2, 3, 4, 5].map(() => db.insertSubmission(args)));

      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(new Set(results.map((result) => result.submission.id)).size).toBe(1);
      const page = await db.selectSubmissionsForUser({ userId: student.id, limit: 10 });
      expect(page.submissions).toHaveLength(1);
      expect(page.submissions[0]?.variant.seed).toBe(4_294_967_295);
      const progress = await db.selectTopicProgressForUser({ userId: student.id });
      expect(progress.map((row) => [row.topic, row.attempts, row.gradedAttempts])).toEqual([
        ["parameter-counting", 1, 1],
        ["rnn", 1, 1],
      ]);
    });

    it("counts concurrent keys on one variant once", async () => {
      const student = await insertTestUser(db, "student");
      const variant = await insertTestVariant(db, student.id);

      await Promise.all([0.25, 0.5, 1].map((totalScore) => db.insertSubmission(buildSubmission(variant, { totalScore }))));

      const rnn = (await db.selectTopicProgressForUser({ userId: student.id })).find((row) => row.topic === "rnn");
      expect(rnn?.attempts).toBe(1);
      expect(rnn?.gradedAttempts).toBe(3);
      expect(rnn?.correctAttempts).toBe(1);
      expect(rnn?.scoreSum).toBeCloseTo(1.75, 12);
    });

    it("keeps ungradable submissions out of progress", async () => {
      const student = await insertTestUser(db, "student");
      const variant = await insertTestVariant(db, student.id);

      const { created } = await db.insertSubmission(buildUngradableSubmission(variant));

      expect(created).toBe(true);
      expect(await db.selectTopicProgressForUser({ userId: student.id })).toEqual([]);
    });

    it("hides another user's rows", async () => {
      const owner = await insertTestUser(db, "owner");
      const other = await insertTestUser(db, "other");
      const variant = await insertTestVariant(db, owner.id);
      const { submission } = await db.insertSubmission(buildSubmission(variant));

      expect(await db.selectVariantForOwner({ unsafeVariantId: variant.id, userId: other.id })).toBeNull();
      expect(await db.selectSubmissionForOwner({ unsafeSubmissionId: submission.id, userId: other.id })).toBeNull();
      const reuse = await db
        .insertSubmission(buildSubmission(variant, { idempotencyKey: submission.idempotencyKey, userId: other.id }))
        .catch((caught: unknown) => caught);
      expect(isDbError(reuse, "conflict")).toBe(true);
    });

    it("seeds demo data once", async () => {
      const first = await seedDemoData(db);
      const second = await seedDemoData(db);

      expect(first).toEqual({ createdUsers: 3, createdCourses: 1, createdEnrollments: 3 });
      expect(second).toEqual({ createdUsers: 0, createdCourses: 0, createdEnrollments: 0 });
    }, 30_000);
  });
});
