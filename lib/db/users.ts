import { z } from "zod";
import type { PrismaClient } from "./client";
import { DbError, isUniqueViolation, toDbError } from "./errors";
import { toUserRecord, type UserRecord, type UserRole } from "./records";
import { normalizeEmail, parseArguments, parseUnsafeId } from "./validation";

const insertUserSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("must be a valid e-mail address").max(254)),
  name: z.string().trim().min(1, "must not be empty").max(200),
  passwordHash: z.string().min(1, "must not be empty"),
  role: z.enum(["student", "instructor", "admin"] satisfies UserRole[]),
});

export async function selectUserByEmail(client: PrismaClient, args: { email: string }): Promise<UserRecord | null> {
  const row = await client.user.findUnique({ where: { email: normalizeEmail(args.email) } });
  return row === null ? null : toUserRecord(row);
}

export async function selectUserById(client: PrismaClient, args: { userId: string }): Promise<UserRecord | null> {
  const userId = parseUnsafeId(args.userId);
  if (userId === null) return null;
  const row = await client.user.findUnique({ where: { id: userId } });
  return row === null ? null : toUserRecord(row);
}

/** Inserts a user; the e-mail address is stored lower-case. Raises DbError "conflict" when it is taken. */
export async function insertUser(
  client: PrismaClient,
  args: { email: string; name: string; passwordHash: string; role: UserRole },
): Promise<UserRecord> {
  const input = parseArguments(insertUserSchema, args, "insertUser");
  try {
    const row = await client.user.create({ data: input });
    return toUserRecord(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DbError("conflict", `A user with e-mail "${input.email}" already exists.`, { cause: error });
    }
    throw toDbError(error, "insertUser");
  }
}

/** Sets lastActiveAt to now. Raises DbError "not_found" when the user does not exist. */
export async function touchUserLastActive(client: PrismaClient, args: { userId: string }): Promise<void> {
  const userId = parseUnsafeId(args.userId);
  const result =
    userId === null ? { count: 0 } : await client.user.updateMany({ where: { id: userId }, data: { lastActiveAt: new Date() } });
  if (result.count === 0) {
    throw new DbError("not_found", `User "${args.userId}" was not found.`);
  }
}
