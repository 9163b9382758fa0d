import { questionBank } from "@/questions";

import { questionMetaSchema, type QuestionDefinition, type QuestionMeta } from "./definition";
import { QuestionDefinitionError, QuestionNotFoundError } from "./errors";

/** What lists and dashboards show about a question; carries no answer. */
export type QuestionSummary = QuestionMeta;

function indexQuestions(definitions: readonly QuestionDefinition[]): Map<string, QuestionDefinition> {
  const byId = new Map<string, QuestionDefinition>();
  for (const definition of definitions) {
    const parsed = questionMetaSchema.safeParse(definition.meta);
    if (!parsed.success) {
      const id = String((definition.meta as { id?: unknown } | undefined)?.id ?? "(no id)");
      throw new QuestionDefinitionError(`Question ${id} has invalid metadata: ${parsed.error.message}`);
    }
    if (byId.has(parsed.data.id)) {
      throw new QuestionDefinitionError(`Question id "${parsed.data.id}" is registered twice.`);
    }
    byId.set(parsed.data.id, definition);
  }
  return byId;
}

// Validated once, when the module loads: a broken definition fails every test and the build.
const registry = indexQuestions(questionBank);

export function getQuestion(questionId: string): QuestionDefinition {
  const definition = registry.get(questionId);
  if (!definition) throw new QuestionNotFoundError(questionId);
  return definition;
}

export function hasQuestion(questionId: string): boolean {
  return registry.has(questionId);
}

export function listQuestions(): QuestionSummary[] {
  return [...registry.values()].map((definition) => ({ ...definition.meta }));
}

export function getQuestionSummary(questionId: string): QuestionSummary {
  return { ...getQuestion(questionId).meta };
}

export function questionTopics(questionId: string): string[] {
  return [...getQuestion(questionId).meta.topics];
}
