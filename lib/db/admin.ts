import { z } from "zod";
import type { PrismaClient } from "./client";
import { DbError, toDbError } from "./errors";
import type { UserRole } from "./records";
import { idSchema, parseArguments, parseUnsafeId } from "./validation";

// User administration: the account list and role changes. Creating an account goes through
// insertUser in users.ts.

/** A user as the admin list shows it; never the password hash. */
export type AdminUserRecord = {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  createdAt: Date;
  lastActiveAt: Date | null;
};

const listUsersSchema = z.object({ limit: z.number().int().min(1).max(1_000), offset: z.number().int().min(0) });

/** Users by email, one page at a time, with the total count. */
export async function selectUsersPage(
  client: PrismaClient,
  args: { limit: number; offset: number },
): Promise<{ users: AdminUserRecord[]; total: number }> {
  const input = parseArguments(listUsersSchema, args, "selectUsersPage");
  const [rows, total] = await Promise.all([
    client.user.findMany({
      select: { id: true, email: true, name: true, role: true, createdAt: true, lastActiveAt: true },
      orderBy: [{ email: "asc" }],
      skip: input.offset,
      take: input.limit,
    }),
    client.user.count(),
  ]);
  return { users: rows, total };
}

const updateRoleSchema = z.object({
  unsafeUserId: z.string(),
  role: z.enum(["student", "instructor", "admin"] satisfies UserRole[]),
  actingUserId: idSchema,
});

/**
 * Sets a user's role. Raises DbError "not_found" for an unknown user and "conflict" when the
 * change would leave no admin. The admin count is read inside the transaction, so two admins
 * demoting each other at the same time cannot both succeed.
 */
export async function updateUserRole(
  client: PrismaClient,
  args: { unsafeUserId: string; role: UserRole; actingUserId: string },
): Promise<AdminUserRecord> {
  const input = parseArguments(updateRoleSchema, args, "updateUserRole");
  const userId = parseUnsafeId(input.unsafeUserId);
  if (userId === null) throw new DbError("not_found", `User "${input.unsafeUserId}" was not found.`);

  try {
    return await client.$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { id: userId } });
      if (user === null) throw new DbError("not_found", `User "${input.unsafeUserId}" was not found.`);
      if (user.role === "admin" && input.role !== "admin") {
        const admins = await tx.user.count({ where: { role: "admin" } });
        if (admins <= 1) {
          const who = user.id === input.actingUserId ? "You are" : `${user.email} is`;
          throw new DbError("conflict", `${who} the last admin. Make another user admin first, then change this role.`);
        }
      }
      const updated = await tx.user.update({
        where: { id: userId },
        data: { role: input.role },
        select: { id: true, email: true, name: true, role: true, createdAt: true, lastActiveAt: true },
      });
      return updated;
    });
  } catch (error) {
    throw toDbError(error, "updateUserRole");
  }
}
