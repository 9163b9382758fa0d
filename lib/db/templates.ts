import { z } from "zod";
import type { PrismaClient } from "./client";
import { DbError, isUniqueViolation, toDbError } from "./errors";
import { idSchema, parseArguments, parseUnsafeId } from "./validation";

// Question templates written in the browser and their published versions. The
// JSON source is stored as text and validated by lib/templates, not here.

/** Template ids that variants carry: "tpl-" and kebab-case, unique across the bank and all templates. */
export const templateQuestionIdSchema = z
  .string()
  .regex(/^tpl-[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must start with "tpl-" and continue in kebab-case, e.g. tpl-dense-count')
  .max(80);

/** Longest JSON source stored, in characters (lib/templates rejects longer sources first). */
const MAX_SOURCE_CHARS = 100_000;

export type TemplateRecord = {
  id: string;
  questionId: string;
  courseId: string;
  courseTitle: string;
  authorId: string;
  title: string;
  draft: string;
  latestVersion: number;
  createdAt: Date;
  updatedAt: Date;
};

export type TemplateVersionRecord = {
  templateId: string;
  questionId: string;
  courseId: string;
  version: number;
  source: string;
  testReport: string;
  publishedById: string;
  publishedAt: Date;
};

type TemplateRow = {
  id: string;
  questionId: string;
  courseId: string;
  authorId: string;
  title: string;
  draft: string;
  latestVersion: number;
  createdAt: Date;
  updatedAt: Date;
  course: { title: string };
};

function toTemplateRecord(row: TemplateRow): TemplateRecord {
  return {
    id: row.id,
    questionId: row.questionId,
    courseId: row.courseId,
    courseTitle: row.course.title,
    authorId: row.authorId,
    title: row.title,
    draft: row.draft,
    latestVersion: row.latestVersion,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const insertTemplateSchema = z.object({
  questionId: templateQuestionIdSchema,
  courseId: idSchema,
  authorId: idSchema,
  title: z.string().trim().min(1).max(200),
  draft: z.string().max(MAX_SOURCE_CHARS),
});

/** Inserts a template with version 0 (unpublished). Raises DbError "conflict" when the question id is taken. */
export async function insertTemplate(
  client: PrismaClient,
  args: { questionId: string; courseId: string; authorId: string; title: string; draft: string },
): Promise<TemplateRecord> {
  const input = parseArguments(insertTemplateSchema, args, "insertTemplate");
  try {
    const row = await client.questionTemplate.create({ data: input, include: { course: { select: { title: true } } } });
    return toTemplateRecord(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DbError("conflict", `A template with question id "${input.questionId}" already exists. Choose another id.`, { cause: error });
    }
    throw toDbError(error, "insertTemplate");
  }
}

/** Returns a template by id; a malformed or unknown id gives null. Callers check the caller's rights. */
export async function selectTemplateById(client: PrismaClient, args: { unsafeTemplateId: string }): Promise<TemplateRecord | null> {
  const templateId = parseUnsafeId(args.unsafeTemplateId);
  if (templateId === null) return null;
  const row = await client.questionTemplate.findUnique({ where: { id: templateId }, include: { course: { select: { title: true } } } });
  return row === null ? null : toTemplateRecord(row);
}

/** Lists the templates of the given courses (every template when `courseIds` is "all"), newest first. */
export async function selectTemplatesForCourses(
  client: PrismaClient,
  args: { courseIds: readonly string[] | "all" },
): Promise<TemplateRecord[]> {
  const rows = await client.questionTemplate.findMany({
    where: args.courseIds === "all" ? {} : { courseId: { in: [...args.courseIds] } },
    include: { course: { select: { title: true } } },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: 500,
  });
  return rows.map(toTemplateRecord);
}

const updateDraftSchema = z.object({
  templateId: idSchema,
  title: z.string().trim().min(1).max(200),
  draft: z.string().max(MAX_SOURCE_CHARS),
});

/** Replaces a template's draft and title; raises DbError "not_found" for an unknown template. */
export async function updateTemplateDraft(client: PrismaClient, args: { templateId: string; title: string; draft: string }): Promise<TemplateRecord> {
  const input = parseArguments(updateDraftSchema, args, "updateTemplateDraft");
  const updated = await client.questionTemplate.updateMany({ where: { id: input.templateId }, data: { title: input.title, draft: input.draft } });
  if (updated.count === 0) throw new DbError("not_found", `Template "${input.templateId}" was not found.`);
  const row = await client.questionTemplate.findUniqueOrThrow({ where: { id: input.templateId }, include: { course: { select: { title: true } } } });
  return toTemplateRecord(row);
}

const publishSchema = z.object({
  templateId: idSchema,
  title: z.string().trim().min(1).max(200),
  source: z.string().max(MAX_SOURCE_CHARS),
  testReport: z.string().max(20_000),
  publishedById: idSchema,
});

/**
 * Stores `source` as the next version (latest + 1) and as the draft, in one transaction. Two
 * concurrent publications cannot get the same number: the version row is unique per template,
 * and the loser raises DbError "conflict".
 */
export async function insertTemplateVersion(
  client: PrismaClient,
  args: { templateId: string; title: string; source: string; testReport: string; publishedById: string },
): Promise<TemplateVersionRecord> {
  const input = parseArguments(publishSchema, args, "insertTemplateVersion");
  try {
    return await client.$transaction(async (tx) => {
      const template = await tx.questionTemplate.findUnique({ where: { id: input.templateId } });
      if (template === null) throw new DbError("not_found", `Template "${input.templateId}" was not found.`);
      const version = template.latestVersion + 1;
      const row = await tx.questionTemplateVersion.create({
        data: { templateId: template.id, version, source: input.source, testReport: input.testReport, publishedById: input.publishedById },
      });
      const moved = await tx.questionTemplate.updateMany({
        where: { id: template.id, latestVersion: template.latestVersion },
        data: { latestVersion: version, draft: input.source, title: input.title },
      });
      if (moved.count === 0) throw new DbError("conflict", `Template "${template.id}" was published by someone else at the same time. Reload and publish again.`);
      return {
        templateId: template.id,
        questionId: template.questionId,
        courseId: template.courseId,
        version,
        source: row.source,
        testReport: row.testReport,
        publishedById: row.publishedById,
        publishedAt: row.publishedAt,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DbError("conflict", `Template "${input.templateId}" was published by someone else at the same time. Reload and publish again.`, { cause: error });
    }
    throw toDbError(error, "insertTemplateVersion");
  }
}

/** Returns one published version of the template with this question id, or null. */
export async function selectTemplateVersion(
  client: PrismaClient,
  args: { questionId: string; version: number },
): Promise<TemplateVersionRecord | null> {
  if (!templateQuestionIdSchema.safeParse(args.questionId).success || !Number.isInteger(args.version) || args.version < 1) return null;
  const row = await client.questionTemplateVersion.findFirst({
    where: { version: args.version, template: { questionId: args.questionId } },
    include: { template: { select: { questionId: true, courseId: true } } },
  });
  if (row === null) return null;
  return {
    templateId: row.templateId,
    questionId: row.template.questionId,
    courseId: row.template.courseId,
    version: row.version,
    source: row.source,
    testReport: row.testReport,
    publishedById: row.publishedById,
    publishedAt: row.publishedAt,
  };
}

/**
 * Lists the newest published version of every template in the user's courses (any role), or
 * of one question id when given.
 */
export async function selectPublishedTemplatesForUser(
  client: PrismaClient,
  args: { userId: string; questionId?: string },
): Promise<TemplateVersionRecord[]> {
  const templates = await client.questionTemplate.findMany({
    where: {
      latestVersion: { gt: 0 },
      course: { enrollments: { some: { userId: args.userId } } },
      ...(args.questionId === undefined ? {} : { questionId: args.questionId }),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
  });
  const versions = await Promise.all(
    templates.map((template) =>
      client.questionTemplateVersion.findUnique({ where: { templateId_version: { templateId: template.id, version: template.latestVersion } } }).then((row) =>
        row === null
          ? null
          : {
              templateId: template.id,
              questionId: template.questionId,
              courseId: template.courseId,
              version: row.version,
              source: row.source,
              testReport: row.testReport,
              publishedById: row.publishedById,
              publishedAt: row.publishedAt,
            },
      ),
    ),
  );
  return versions.filter((version): version is TemplateVersionRecord => version !== null);
}
