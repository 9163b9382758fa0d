// Template authoring: the service behind /instructor/templates and /api/templates.
import type { Role } from "@/lib/auth/roles";
import { z } from "zod";

import { MAX_TEST_SEEDS } from "@/lib/templates";
import { TEMPLATE_LIMITS } from "@/lib/templates";

export {
  checkSource,
  createTemplate,
  createTemplateBodySchema,
  exportTemplate,
  getTemplate,
  listTeachingCourses,
  listTemplates,
  MIN_PUBLISH_SEEDS,
  previewDraft,
  publishDraft,
  saveDraft,
  testDraftBatch,
  type TemplateDetails,
  type TemplateSummary,
  type TestBatchResult,
  type TestReceipt,
  type TeachingCourse,
} from "./templates";
export { MAX_TEST_SEEDS };

/** Site roles that may write templates; each still needs the instructor role in the course (admins excepted). */
export const AUTHORING_ROLES: readonly Role[] = ["instructor", "admin"];

const sourceSchema = z.string().max(TEMPLATE_LIMITS.maxSourceLength, `must be at most ${TEMPLATE_LIMITS.maxSourceLength} characters`);
const seedSchema = z.number().int().min(0).max(0xffff_ffff);

export const saveDraftBodySchema = z.object({ source: sourceSchema });
export const previewBodySchema = z.object({ source: sourceSchema, seed: seedSchema });
export const testBodySchema = z.object({
  source: sourceSchema,
  firstSeed: z.number().int().min(1).max(MAX_TEST_SEEDS),
  seeds: z.number().int().min(1).max(MAX_TEST_SEEDS),
});
export const publishBodySchema = z.object({
  source: sourceSchema,
  receipts: z.array(z.object({ payload: z.string().max(100_000), signature: z.string().max(200) })).min(1).max(MAX_TEST_SEEDS),
});
