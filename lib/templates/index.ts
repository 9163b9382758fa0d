/**
 * Question templates: questions written as JSON in the browser and compiled into the same
 * QuestionDefinition as the TypeScript bank. Pure TypeScript, no Prisma or Next.js. See
 * docs/templates.md for the format.
 */
export { answerName, compileTemplate, type CompiledTemplate, type TemplateParams } from "./compile";
export { formatIssue, TemplateCompileError, TemplateRuntimeError, type TemplateIssue } from "./errors";
export { TEMPLATE_FUNCTIONS } from "./functions";
export { TEMPLATE_LIMITS } from "./limits";
export { issuesOf, previewTemplate, type TemplatePreview } from "./preview";
export { templateSchema, type TemplateSource } from "./schema";
export {
  combineBatches,
  MAX_TEST_SEEDS,
  MIN_PUBLISH_SEEDS,
  runSeedBatch,
  type SeedBatchReport,
  type SeedTestSummary,
} from "./seed-test";
