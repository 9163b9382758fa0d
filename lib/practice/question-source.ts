import { selectPublishedTemplatesForUser, selectTemplatesForCourses, selectTemplateVersion, type TemplateVersionRecord } from "@/lib/db";
import { logger } from "@/lib/log";
import {
  buildVariant,
  drawVariant,
  getQuestionSummary,
  hasQuestion,
  listQuestions,
  QuestionNotFoundError,
  toStudentView,
  type QuestionDefinition,
  type QuestionMeta,
  type QuestionSummary,
  type StudentVariantView,
  type Variant,
} from "@/lib/questions";
import { renderStudentContent } from "@/lib/questions/student-view";
import { compileTemplate, TemplateCompileError } from "@/lib/templates";

/**
 * Where a question comes from: the TypeScript bank (synchronous registry) or a template published
 * in the database. Template question ids start with "tpl-", which no bank id does, so the id
 * alone says where to look.
 */
export function isTemplateQuestionId(questionId: string): boolean {
  return questionId.startsWith("tpl-");
}

/** A question as served to one user: its metadata and, for templates, the course it belongs to. */
export interface ServedQuestion {
  meta: QuestionMeta;
  courseId: string | null;
}

const COMPILED_LIMIT = 64;
const compiled = new Map<string, QuestionDefinition>();
const VARIANT_LIMIT = 256;
const variants = new Map<string, Variant>();
/** Metadata of template variants, which the bank registry does not know. */
const variantMeta = new WeakMap<Variant, QuestionMeta>();

function remember<T>(cache: Map<string, T>, key: string, value: T, limit: number): void {
  cache.set(key, value);
  if (cache.size > limit) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
}

/** Compiles a stored version; versions never change once published, so the result is cached. */
function definitionOf(version: TemplateVersionRecord): QuestionDefinition {
  const key = `${version.questionId}@${version.version}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  try {
    const definition = compileTemplate(version.source, { questionId: version.questionId, version: version.version }).definition;
    remember(compiled, key, definition, COMPILED_LIMIT);
    return definition;
  } catch (error) {
    // A published version passed its seed test, so this means the compiler changed under it.
    if (error instanceof TemplateCompileError) {
      logger.error({ err: error, questionId: version.questionId, version: version.version }, "published template no longer compiles");
      throw new QuestionNotFoundError(version.questionId);
    }
    throw error;
  }
}

/**
 * Returns the question `user` may start now: a bank question, or the newest published version of
 * a template in one of the user's courses. Throws QuestionNotFoundError otherwise.
 */
export async function resolveServedQuestion({ userId, questionId }: { userId: string; questionId: string }): Promise<ServedQuestion> {
  if (!isTemplateQuestionId(questionId)) return { meta: getQuestionSummary(questionId), courseId: null };
  const [latest] = await selectPublishedTemplatesForUser({ userId, questionId });
  if (latest === undefined) throw new QuestionNotFoundError(questionId);
  return { meta: { ...definitionOf(latest).meta }, courseId: latest.courseId };
}

/**
 * Builds the variant of (question, version, seed). Bank questions go through the registry, which
 * throws QuestionVersionMismatchError for an outdated version. A template variant is always
 * rebuilt with the version it was drawn at, so past attempts keep their numbers and keys.
 */
export async function buildQuestionVariant({ questionId, seed, version }: { questionId: string; seed: number; version: number }): Promise<Variant> {
  if (!isTemplateQuestionId(questionId)) return buildVariant({ questionId, seed, version: String(version) });

  const cacheKey = `${questionId}@${version}#${seed}`;
  const cached = variants.get(cacheKey);
  if (cached) return cached;
  const stored = await selectTemplateVersion({ questionId, version });
  if (stored === null) throw new QuestionNotFoundError(questionId);
  const definition = definitionOf(stored);
  const variant = drawVariant(definition, seed);
  variantMeta.set(variant, definition.meta);
  remember(variants, cacheKey, variant, VARIANT_LIMIT);
  return variant;
}

function metaOf(variant: Variant): QuestionMeta {
  const meta = variantMeta.get(variant);
  if (meta !== undefined) return meta;
  return getQuestionSummary(variant.questionId);
}

/** Builds the student's view of a variant from either source, without any key. */
export function studentViewOf(variant: Variant): StudentVariantView {
  if (!variantMeta.has(variant)) return toStudentView(variant);
  const meta = metaOf(variant);
  return {
    questionId: variant.questionId,
    questionVersion: variant.questionVersion,
    title: meta.title,
    topics: [...meta.topics],
    difficulty: meta.difficulty,
    expectedMinutes: meta.expectedMinutes,
    ...renderStudentContent(variant.content),
  };
}

/** Topics that a submission on this variant counts towards, as the variant's version defines them. */
export function variantTopics(variant: Variant): string[] {
  return [...metaOf(variant).topics];
}

/**
 * Titles of questions by id, for attempt lists. A question that no longer exists (or a template
 * version that is missing) is listed under its id.
 */
export async function questionTitles(questions: readonly { questionId: string; version: number }[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  for (const { questionId, version } of questions) {
    if (titles.has(questionId)) continue;
    if (!isTemplateQuestionId(questionId)) {
      titles.set(questionId, hasQuestion(questionId) ? getQuestionSummary(questionId).title : questionId);
      continue;
    }
    const stored = await selectTemplateVersion({ questionId, version });
    let title = questionId;
    if (stored !== null) {
      try {
        title = definitionOf(stored).meta.title;
      } catch (error) {
        if (!(error instanceof QuestionNotFoundError)) throw error;
      }
    }
    titles.set(questionId, title);
  }
  return titles;
}

/** Lists the bank's questions, then the published templates of the user's courses. */
export async function listQuestionsForUser({ userId }: { userId: string }): Promise<QuestionSummary[]> {
  const published = await selectPublishedTemplatesForUser({ userId });
  const fromTemplates: QuestionSummary[] = [];
  for (const version of published) {
    try {
      fromTemplates.push({ ...definitionOf(version).meta });
    } catch (error) {
      if (!(error instanceof QuestionNotFoundError)) throw error;
    }
  }
  return [...listQuestions(), ...fromTemplates];
}

/**
 * Topics of the published templates in the user's courses, by question id, as their newest
 * version defines them. Mastery counts template submissions towards these topics.
 */
export async function templateTopicsForUser({ userId }: { userId: string }): Promise<Map<string, string[]>> {
  const topics = new Map<string, string[]>();
  for (const version of await selectPublishedTemplatesForUser({ userId })) {
    try {
      topics.set(version.questionId, [...definitionOf(version).meta.topics]);
    } catch (error) {
      if (!(error instanceof QuestionNotFoundError)) throw error;
    }
  }
  return topics;
}

/** Title and topics of every published template (newest version), by question id, for class analytics. */
export async function publishedTemplateLabels(): Promise<Map<string, { title: string; topics: string[] }>> {
  const labels = new Map<string, { title: string; topics: string[] }>();
  for (const template of await selectTemplatesForCourses({ courseIds: "all" })) {
    if (template.latestVersion < 1) continue;
    const version = await selectTemplateVersion({ questionId: template.questionId, version: template.latestVersion });
    if (version === null) continue;
    try {
      const { meta } = definitionOf(version);
      labels.set(template.questionId, { title: meta.title, topics: [...meta.topics] });
    } catch (error) {
      if (!(error instanceof QuestionNotFoundError)) throw error;
    }
  }
  return labels;
}
