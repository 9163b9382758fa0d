import { z } from "zod";
import type { PrismaClient } from "./client";
import { DbError, toDbError } from "./errors";
import { toVariantRecord, type VariantRecord, type VariantStatus } from "./records";
import { idSchema, parseArguments, parseUnsafeId } from "./validation";

export const MAX_UINT32 = 0xffff_ffff;
const DEFAULT_VARIANT_LIST_LIMIT = 100;
const MAX_VARIANT_LIST_LIMIT = 500;

export const questionIdSchema = z
  .string()
  .min(1, "must not be empty")
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, "must start with a letter or digit and contain only letters, digits and . _ : / -");

const insertVariantSchema = z.object({
  userId: idSchema,
  questionId: questionIdSchema,
  questionVersion: z.number().int().min(1),
  seed: z.number().int().min(0).max(MAX_UINT32, "must be an unsigned 32-bit integer (0..4294967295)"),
  courseId: idSchema.nullish(),
});

const selectVariantsSchema = z.object({
  userId: z.string(),
  questionId: questionIdSchema.optional(),
  // Practice pages pass "practice" so that a question sitting in a running exam is not resumed.
  mode: z.enum(["practice", "exam"]).optional(),
  limit: z.number().int().min(1).max(MAX_VARIANT_LIST_LIMIT).default(DEFAULT_VARIANT_LIST_LIMIT),
});

const updateVariantStatusSchema = z.object({
  variantId: idSchema,
  status: z.enum(["open", "closed", "broken"] satisfies VariantStatus[]),
  reason: z.string().trim().min(1).max(2_000).optional(),
});

/**
 * Inserts an open variant owned by `userId`. When `courseId` is given, the
 * user must be enrolled in that course with any role. Otherwise DbError
 * "not_found" is raised, the same as for an unknown course.
 */
export async function insertVariant(
  client: PrismaClient,
  args: { userId: string; questionId: string; questionVersion: number; seed: number; courseId?: string | null },
): Promise<VariantRecord> {
  const input = parseArguments(insertVariantSchema, args, "insertVariant");
  const courseId = input.courseId ?? null;

  if (courseId !== null) {
    const enrollment = await client.enrollment.findUnique({
      where: { userId_courseId: { userId: input.userId, courseId } },
      select: { id: true },
    });
    if (enrollment === null) {
      throw new DbError("not_found", `Course "${courseId}" was not found among the courses of user "${input.userId}".`);
    }
  }

  try {
    const row = await client.variant.create({
      data: {
        userId: input.userId,
        questionId: input.questionId,
        questionVersion: input.questionVersion,
        seed: BigInt(input.seed),
        courseId,
      },
    });
    return toVariantRecord(row);
  } catch (error) {
    throw toDbError(error, "insertVariant");
  }
}

/** Returns the variant when it exists and belongs to `userId`, otherwise null (also for malformed ids). */
export async function selectVariantForOwner(
  client: PrismaClient,
  args: { unsafeVariantId: string; userId: string },
): Promise<VariantRecord | null> {
  const variantId = parseUnsafeId(args.unsafeVariantId);
  if (variantId === null) return null;
  const row = await client.variant.findFirst({ where: { id: variantId, userId: args.userId } });
  return row === null ? null : toVariantRecord(row);
}

/** Lists the user's variants newest first, optionally for one question, at most `limit` (default 100, max 500). */
export async function selectVariantsForUser(
  client: PrismaClient,
  args: { userId: string; questionId?: string; mode?: "practice" | "exam"; limit?: number },
): Promise<VariantRecord[]> {
  const input = parseArguments(selectVariantsSchema, args, "selectVariantsForUser");
  const rows = await client.variant.findMany({
    where: {
      userId: input.userId,
      ...(input.questionId === undefined ? {} : { questionId: input.questionId }),
      ...(input.mode === undefined ? {} : { mode: input.mode }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit,
  });
  return rows.map(toVariantRecord);
}

/**
 * Sets a variant's status. "closed" and "broken" record closedAt (kept from an
 * earlier close); "broken" stores `reason`; "open" clears both. Raises
 * DbError "not_found" for an unknown variant.
 */
export async function updateVariantStatus(
  client: PrismaClient,
  args: { variantId: string; status: VariantStatus; reason?: string },
): Promise<VariantRecord> {
  const input = parseArguments(updateVariantStatusSchema, args, "updateVariantStatus");
  if (input.reason !== undefined && input.status !== "broken") {
    throw new DbError("invalid_input", `Invalid arguments to updateVariantStatus: reason is only stored for status "broken".`);
  }

  const current = await client.variant.findUnique({ where: { id: input.variantId }, select: { closedAt: true } });
  if (current === null) {
    throw new DbError("not_found", `Variant "${input.variantId}" was not found.`);
  }

  const now = new Date();
  const data =
    input.status === "open"
      ? { status: input.status, closedAt: null, brokenReason: null }
      : {
          status: input.status,
          closedAt: current.closedAt ?? now,
          brokenReason: input.status === "broken" ? (input.reason ?? null) : null,
        };

  try {
    return toVariantRecord(await client.variant.update({ where: { id: input.variantId }, data }));
  } catch (error) {
    throw toDbError(error, "updateVariantStatus");
  }
}
