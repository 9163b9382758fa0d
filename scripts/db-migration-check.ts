/**
 * Fails (exit code 1) when replaying prisma/migrations does not produce exactly the schema in
 * prisma/schema.prisma, and prints the SQL a new migration would need: `npm run db:migration:check`.
 */
import { diffMigrationsAgainstSchema } from "@/lib/db/migrate";
import { logger } from "@/lib/log";

async function main(): Promise<void> {
  const { inSync, script } = await diffMigrationsAgainstSchema();
  if (inSync) {
    logger.info("migrations match the schema");
    return;
  }
  process.stdout.write(`${script}\n`);
  logger.error("schema.prisma has changes without a migration; run npm run db:migration:create -- <name>");
  process.exitCode = 1;
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, "checking migrations against the schema failed");
  process.exitCode = 1;
});
