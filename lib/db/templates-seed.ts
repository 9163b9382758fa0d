import { logger } from "@/lib/log";
import { compileTemplate, MIN_PUBLISH_SEEDS, runSeedBatch, combineBatches } from "@/lib/templates";
import { DENSE_NETWORK_TEMPLATE } from "@/lib/templates/examples";

import { isDbError } from "./errors";
import type { Db } from "./index";

/** Question id of the demo template. */
export const DEMO_TEMPLATE_QUESTION_ID = "tpl-dense-network-count";

/**
 * Publishes the demo template (version 1) in the course with `joinCode`, authored by the user
 * with `authorEmail`, after the same seed test the editor requires. Idempotent: an existing
 * template with the demo id is kept as it is.
 */
export async function seedDemoTemplate(db: Db, args: { joinCode: string; authorEmail: string }): Promise<void> {
  const course = await db.selectCourseByJoinCode({ joinCode: args.joinCode });
  const author = await db.selectUserByEmail({ email: args.authorEmail });
  if (course === null || author === null) return;

  const existing = await db.selectTemplatesForCourses({ courseIds: [course.id] });
  if (existing.some((template) => template.questionId === DEMO_TEMPLATE_QUESTION_ID)) return;

  const compiled = compileTemplate(DENSE_NETWORK_TEMPLATE, { questionId: DEMO_TEMPLATE_QUESTION_ID, version: 1 });
  const report = combineBatches([runSeedBatch(compiled, { firstSeed: 1, seeds: MIN_PUBLISH_SEEDS, timeBudgetMs: 60_000 })]);
  if (report.seeds !== MIN_PUBLISH_SEEDS || report.failed > 0) {
    logger.error({ report }, "demo template failed its seed test; not seeded");
    return;
  }

  try {
    const template = await db.insertTemplate({
      questionId: DEMO_TEMPLATE_QUESTION_ID,
      courseId: course.id,
      authorId: author.id,
      title: compiled.template.title,
      draft: DENSE_NETWORK_TEMPLATE,
    });
    await db.insertTemplateVersion({
      templateId: template.id,
      title: compiled.template.title,
      source: DENSE_NETWORK_TEMPLATE,
      testReport: JSON.stringify(report),
      publishedById: author.id,
    });
    logger.info({ templateId: template.id, questionId: DEMO_TEMPLATE_QUESTION_ID }, "demo template published");
  } catch (error) {
    // Another process seeded the template between the lookup and the insert.
    if (!isDbError(error, "conflict")) throw error;
  }
}
