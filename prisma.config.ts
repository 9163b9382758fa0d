import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";
import { resolveSqliteLocation } from "./lib/config/database-url";

// Configuration of the Prisma CLI (generate, migrate deploy, migrate diff).
// The app and `npm run db:migrate` do not read this file; they resolve
// DATABASE_URL through lib/config with the same rule, so all open one file.
const rootDir = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  schema: path.join(rootDir, "prisma", "schema.prisma"),
  migrations: {
    path: path.join(rootDir, "prisma", "migrations"),
    seed: "tsx scripts/seed-demo.ts",
  },
  datasource: {
    url: resolveSqliteLocation(process.env.DATABASE_URL, rootDir).url,
  },
});
