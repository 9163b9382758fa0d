import { z } from "zod";

import { hashPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/session";
import { DbError, insertUser, selectUsersPage, updateUserRole, type AdminUserRecord } from "@/lib/db";
import { AppError } from "@/lib/http/app-error";
import { logger } from "@/lib/log";

export const USERS_PAGE_SIZE = 50;

export const createInstructorSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address, such as ada@example.edu.").max(254)),
  name: z.string().trim().min(1, "Enter a name.").max(200, "Use at most 200 characters."),
  password: z.string().min(10, "Use at least 10 characters.").max(200, "Use at most 200 characters."),
});

export const setRoleSchema = z.object({
  userId: z.string().min(1, "Missing user id."),
  role: z.enum(["student", "instructor", "admin"], { message: "Choose student, instructor or admin." }),
});

function requireAdmin(user: SessionUser): void {
  if (user.role !== "admin") throw new AppError("forbidden", "Only admins can manage accounts.");
}

export async function listUsers(user: SessionUser, page: number): Promise<{ users: AdminUserRecord[]; total: number; pageSize: number }> {
  requireAdmin(user);
  const safePage = Number.isInteger(page) && page >= 0 ? page : 0;
  const result = await selectUsersPage({ limit: USERS_PAGE_SIZE, offset: safePage * USERS_PAGE_SIZE });
  return { ...result, pageSize: USERS_PAGE_SIZE };
}

/** Creates an instructor account. A taken email becomes a field error. */
export async function createInstructor(user: SessionUser, input: z.input<typeof createInstructorSchema>): Promise<AdminUserRecord> {
  requireAdmin(user);
  const parsed = createInstructorSchema.parse(input);
  const passwordHash = await hashPassword(parsed.password);
  try {
    const created = await insertUser({ email: parsed.email, name: parsed.name, passwordHash, role: "instructor" });
    logger.info({ userId: user.id, createdUserId: created.id }, "instructor account created");
    const { passwordHash: _hash, ...record } = created;
    return record;
  } catch (error) {
    if (error instanceof DbError && error.code === "conflict") {
      throw new AppError("conflict", `An account with the email ${parsed.email} already exists. Change its role in the list instead.`, {
        fields: { email: [`An account with the email ${parsed.email} already exists.`] },
      });
    }
    throw error;
  }
}

/** Changes a user's role. The last admin cannot lose the role, so the site always has one. */
export async function setUserRole(user: SessionUser, input: z.input<typeof setRoleSchema>): Promise<AdminUserRecord> {
  requireAdmin(user);
  const parsed = setRoleSchema.parse(input);
  try {
    const updated = await updateUserRole({ unsafeUserId: parsed.userId, role: parsed.role, actingUserId: user.id });
    logger.info({ userId: user.id, changedUserId: updated.id, role: updated.role }, "user role changed");
    return updated;
  } catch (error) {
    if (error instanceof DbError && error.code === "not_found") throw new AppError("not_found", error.message);
    if (error instanceof DbError && error.code === "conflict") throw new AppError("conflict", error.message);
    throw error;
  }
}
