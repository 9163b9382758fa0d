import { createHash, createHmac, timingSafeEqual } from "node:crypto";

import { z } from "zod";

import type { SessionUser } from "@/lib/auth/session";
import {
  DbError,
  insertTemplate,
  insertTemplateVersion,
  selectCoursesForUser,
  selectTemplateById,
  selectTemplatesForCourses,
  templateQuestionIdSchema,
  updateTemplateDraft,
  type TemplateRecord,
} from "@/lib/db";
import { getServerEnv } from "@/lib/config/env";
import { AppError } from "@/lib/http/app-error";
import { logger } from "@/lib/log";
import {
  combineBatches,
  compileTemplate,
  issuesOf,
  MAX_TEST_SEEDS,
  MIN_PUBLISH_SEEDS,
  previewTemplate,
  runSeedBatch,
  TEMPLATE_LIMITS,
  type SeedBatchReport,
  type TemplateIssue,
  type TemplatePreview,
} from "@/lib/templates";

import { STARTER_TEMPLATE } from "./starter-template";

/**
 * Wall-clock time one test request may spend on seeds before it returns, in milliseconds.
 * NOTE: the batch runs on the server's event loop, so other requests to this process wait up to
 * this long (plus one seed) while a test runs.
 */
const BATCH_TIME_MS = 4_000;

/** A course the user teaches, where templates can be created. */
export interface TeachingCourse {
  id: string;
  title: string;
}

export interface TemplateSummary {
  id: string;
  questionId: string;
  courseId: string;
  courseTitle: string;
  title: string;
  /** "draft" before the first publication, otherwise "published vN". */
  status: string;
  latestVersion: number;
  updatedAt: string;
}

function summarize(template: TemplateRecord): TemplateSummary {
  return {
    id: template.id,
    questionId: template.questionId,
    courseId: template.courseId,
    courseTitle: template.courseTitle,
    title: template.title,
    status: template.latestVersion === 0 ? "draft" : `published v${template.latestVersion}`,
    latestVersion: template.latestVersion,
    updatedAt: template.updatedAt.toISOString(),
  };
}

/** Courses in which the user may write templates: those they teach, or every one of theirs for an admin. */
export async function listTeachingCourses(user: SessionUser): Promise<TeachingCourse[]> {
  const memberships = await selectCoursesForUser({ userId: user.id });
  return memberships
    .filter((course) => user.role === "admin" || course.role === "instructor")
    .map((course) => ({ id: course.id, title: course.title }));
}

/** Lists the templates of the courses the user teaches, or every template for an admin. */
export async function listTemplates(user: SessionUser): Promise<TemplateSummary[]> {
  const courseIds = user.role === "admin" ? "all" : (await listTeachingCourses(user)).map((course) => course.id);
  return (await selectTemplatesForCourses({ courseIds })).map(summarize);
}

/**
 * Returns a template the user may edit: an instructor of its course or an admin. Anyone else gets
 * the same 404 as for a missing template, so ids cannot be probed.
 */
export async function requireEditableTemplate(user: SessionUser, unsafeTemplateId: string): Promise<TemplateRecord> {
  const template = await selectTemplateById({ unsafeTemplateId });
  if (template !== null) {
    if (user.role === "admin") return template;
    const courses = await listTeachingCourses(user);
    if (courses.some((course) => course.id === template.courseId)) return template;
  }
  throw new AppError("not_found", `Template "${unsafeTemplateId}" was not found among the templates of your courses.`);
}

/** Returns the title to store beside a draft: the draft's own title when it parses, else the previous one. */
function titleOf(source: string, fallback: string): string {
  try {
    const parsed = JSON.parse(source) as { title?: unknown };
    if (typeof parsed.title === "string" && parsed.title.trim().length >= 3) return parsed.title.trim().slice(0, 120);
  } catch {
    // A draft may be invalid JSON while it is being edited; keep the previous title.
  }
  return fallback;
}

/** Compiles a source and returns its problems (empty when it compiles). */
export function checkSource(source: string): TemplateIssue[] {
  try {
    compileTemplate(source, { questionId: "tpl-check", version: 1 });
    return [];
  } catch (error) {
    return issuesOf(error);
  }
}

export const createTemplateBodySchema = z.object({
  courseId: z.string().min(1, "choose a course"),
  questionId: templateQuestionIdSchema,
  /** JSON source of an imported file; omitted for the starter template. */
  source: z.string().max(TEMPLATE_LIMITS.maxSourceLength).optional(),
});

/**
 * Creates a template in a course the user teaches. An imported source must compile: its problems
 * are returned as a 422 whose fields name the line and field of each.
 */
export async function createTemplate(user: SessionUser, body: z.infer<typeof createTemplateBodySchema>): Promise<TemplateSummary> {
  const courses = await listTeachingCourses(user);
  if (!courses.some((course) => course.id === body.courseId)) {
    throw new AppError("forbidden", `You do not teach course "${body.courseId}". Choose one of your courses.`);
  }
  const source = body.source ?? STARTER_TEMPLATE;
  if (body.source !== undefined) {
    const issues = checkSource(body.source);
    if (issues.length > 0) throw invalidSource(issues);
  }
  try {
    const template = await insertTemplate({
      questionId: body.questionId,
      courseId: body.courseId,
      authorId: user.id,
      title: titleOf(source, body.questionId),
      draft: source,
    });
    logger.info({ userId: user.id, templateId: template.id, questionId: template.questionId }, "template created");
    return summarize(template);
  } catch (error) {
    if (error instanceof DbError && error.code === "conflict") {
      throw new AppError("conflict", error.message, { fields: { questionId: ["This question id is taken."] } });
    }
    throw error;
  }
}

function invalidSource(issues: TemplateIssue[]): AppError {
  return new AppError("invalid_input", `The template has ${issues.length} problem${issues.length === 1 ? "" : "s"}.`, {
    fields: { source: issues.map((issue) => `line ${issue.line}${issue.field ? `, ${issue.field}` : ""}: ${issue.message}`) },
  });
}

export interface TemplateDetails extends TemplateSummary {
  draft: string;
  issues: TemplateIssue[];
}

export async function getTemplate(user: SessionUser, unsafeTemplateId: string): Promise<TemplateDetails> {
  const template = await requireEditableTemplate(user, unsafeTemplateId);
  return { ...summarize(template), draft: template.draft, issues: checkSource(template.draft) };
}

/** Stores a draft as it is, valid or not, and returns its problems so the editor can show them. */
export async function saveDraft(user: SessionUser, unsafeTemplateId: string, source: string): Promise<TemplateDetails> {
  const template = await requireEditableTemplate(user, unsafeTemplateId);
  const updated = await updateTemplateDraft({ templateId: template.id, title: titleOf(source, template.title), draft: source });
  return { ...summarize(updated), draft: updated.draft, issues: checkSource(source) };
}

export async function previewDraft(user: SessionUser, unsafeTemplateId: string, source: string, seed: number): Promise<TemplatePreview> {
  await requireEditableTemplate(user, unsafeTemplateId);
  return previewTemplate(source, seed);
}

function sourceHash(source: string): string {
  return createHash("sha256").update(source, "utf8").digest("hex");
}

function sign(templateId: string, payload: string): string {
  return createHmac("sha256", getServerEnv().NEXTAUTH_SECRET).update(`template-test\n${templateId}\n${payload}`, "utf8").digest("base64url");
}

/**
 * Proof that the server tested a batch of seeds on one exact source. The editor sends the receipts
 * back when publishing, so publication needs no second run and cannot be granted to an untested
 * or edited source.
 */
export interface TestReceipt {
  /** JSON of { sourceHash, report }. */
  payload: string;
  signature: string;
}

export type TestBatchResult = { ok: true; report: SeedBatchReport; receipt: TestReceipt } | { ok: false; issues: TemplateIssue[] };

export async function testDraftBatch(
  user: SessionUser,
  unsafeTemplateId: string,
  args: { source: string; firstSeed: number; seeds: number },
): Promise<TestBatchResult> {
  const template = await requireEditableTemplate(user, unsafeTemplateId);
  let compiled;
  try {
    compiled = compileTemplate(args.source, { questionId: template.questionId, version: template.latestVersion + 1 });
  } catch (error) {
    return { ok: false, issues: issuesOf(error) };
  }
  const report = runSeedBatch(compiled, { firstSeed: args.firstSeed, seeds: args.seeds, timeBudgetMs: BATCH_TIME_MS });
  const payload = JSON.stringify({ sourceHash: sourceHash(args.source), report });
  return { ok: true, report, receipt: { payload, signature: sign(template.id, payload) } };
}

const receiptPayloadSchema = z.object({
  sourceHash: z.string(),
  report: z.object({
    firstSeed: z.number().int().min(1),
    seeds: z.number().int().min(1),
    passed: z.number().int(),
    failed: z.number().int(),
    degenerateSeeds: z.array(z.number()),
    failures: z.array(z.object({ seed: z.number(), partId: z.string().nullable(), check: z.string(), message: z.string() })),
    collisions: z.array(z.object({ seed: z.number(), partId: z.string(), tag: z.string() })),
    rejectedDraws: z.number(),
    maxBuildMs: z.number(),
  }),
});

function verifyReceipt(templateId: string, receipt: TestReceipt): z.infer<typeof receiptPayloadSchema> {
  const encoder = new TextEncoder();
  const expected = encoder.encode(sign(templateId, receipt.payload));
  const given = encoder.encode(receipt.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new AppError("invalid_input", "A test result was not issued by this server for this template. Run the seed test again.");
  }
  return receiptPayloadSchema.parse(JSON.parse(receipt.payload));
}

/**
 * Publishes a source as the next version after checking its test receipts. They must be issued
 * for this template and this exact source. Together they must cover seeds 1 … N
 * (N ≥ MIN_PUBLISH_SEEDS) without gaps and report no failure and no degenerate draw.
 */
export async function publishDraft(
  user: SessionUser,
  unsafeTemplateId: string,
  args: { source: string; receipts: TestReceipt[] },
): Promise<{ version: number; template: TemplateSummary }> {
  const template = await requireEditableTemplate(user, unsafeTemplateId);
  const hash = sourceHash(args.source);
  const batches = args.receipts.map((receipt) => verifyReceipt(template.id, receipt));
  if (batches.some((batch) => batch.sourceHash !== hash)) {
    throw new AppError("invalid_input", "The source changed after it was tested. Run the seed test on the current draft, then publish.");
  }
  let summary;
  try {
    summary = combineBatches(batches.map((batch) => batch.report));
  } catch (error) {
    throw new AppError("invalid_input", `${(error as Error).message} Run the seed test again.`);
  }
  if (summary.seeds < MIN_PUBLISH_SEEDS) {
    throw new AppError("invalid_input", `The test covered ${summary.seeds} seeds; publishing needs at least ${MIN_PUBLISH_SEEDS}. Test over more seeds.`);
  }
  if (summary.failed > 0 || summary.degenerateSeeds > 0) {
    throw new AppError("invalid_input", `The test failed on ${summary.failed} seeds. Fix the failures, test again, then publish.`);
  }

  const compiled = compileTemplate(args.source, { questionId: template.questionId, version: template.latestVersion + 1 });
  try {
    const version = await insertTemplateVersion({
      templateId: template.id,
      title: compiled.template.title,
      source: args.source,
      testReport: JSON.stringify(summary),
      publishedById: user.id,
    });
    logger.info({ userId: user.id, templateId: template.id, questionId: template.questionId, version: version.version, seeds: summary.seeds }, "template published");
    const updated = await requireEditableTemplate(user, template.id);
    return { version: version.version, template: summarize(updated) };
  } catch (error) {
    if (error instanceof DbError && error.code === "conflict") throw new AppError("conflict", error.message);
    throw error;
  }
}

/** The draft as a JSON file download. */
export async function exportTemplate(user: SessionUser, unsafeTemplateId: string): Promise<{ filename: string; source: string }> {
  const template = await requireEditableTemplate(user, unsafeTemplateId);
  return { filename: `${template.questionId}.json`, source: template.draft };
}

export { MAX_TEST_SEEDS, MIN_PUBLISH_SEEDS };
