import { answerSpecSchema } from "@/lib/grading";
import { createRng } from "@/lib/numerics";

import type { QuestionContent, QuestionDefinition } from "./definition";
import {
  QuestionDefinitionError,
  QuestionVersionMismatchError,
  RejectDraw,
  VariantGenerationError,
} from "./errors";
import { getQuestion } from "./registry";
import { isValidSeed } from "./seed";

/**
 * A question drawn for one seed. It contains the answer keys, so it stays on the server. Browsers
 * get `toStudentView(variant)` instead.
 */
export interface Variant {
  questionId: string;
  questionVersion: string;
  seed: number;
  params: unknown;
  content: QuestionContent;
  /** How many draws the generator rejected before this one (degenerate draws). */
  rejectedDraws: number;
}

/** Draws per seed before a question is declared broken for that seed. */
export const MAX_DRAWS = 200;

const PART_ID_PATTERN = /^[a-z][a-z0-9-]*$/;

function checkContent(questionId: string, content: QuestionContent): void {
  if (content.parts.length === 0) {
    throw new QuestionDefinitionError(`Question "${questionId}" built a variant with no parts.`);
  }
  const seen = new Set<string>();
  for (const part of content.parts) {
    if (!PART_ID_PATTERN.test(part.id) || seen.has(part.id)) {
      throw new QuestionDefinitionError(`Question "${questionId}" has an invalid or repeated part id "${part.id}".`);
    }
    seen.add(part.id);
    const spec = answerSpecSchema.safeParse(part.spec);
    if (!spec.success) {
      throw new QuestionDefinitionError(
        `Question "${questionId}", part "${part.id}": invalid answer spec: ${spec.error.message}`,
      );
    }
    const tags = new Set<string>();
    for (const misconception of part.misconceptions) {
      if (tags.has(misconception.tag)) {
        throw new QuestionDefinitionError(
          `Question "${questionId}", part "${part.id}": misconception tag "${misconception.tag}" repeats.`,
        );
      }
      tags.add(misconception.tag);
    }
  }
}

/**
 * Builds the variant of one question for one seed. The same (id, version, seed) always gives the
 * same parameters, prompt, data and answers, because every draw comes from one seeded stream and a
 * rejected draw simply continues that stream.
 */
export function drawVariant(definition: QuestionDefinition, seed: number): Variant {
  const questionId = definition.meta.id;
  if (!isValidSeed(seed)) {
    throw new VariantGenerationError(questionId, seed, "the seed must be an integer in [0, 2^32).");
  }

  const rng = createRng(seed);
  const reasons: string[] = [];
  for (let draw = 0; draw < MAX_DRAWS; draw += 1) {
    try {
      const params = definition.generate(rng);
      const content = definition.build(params);
      checkContent(questionId, content);
      return { questionId, questionVersion: definition.meta.version, seed, params, content, rejectedDraws: draw };
    } catch (error) {
      if (error instanceof RejectDraw) {
        if (reasons.length < 5) reasons.push(error.reason);
        continue;
      }
      if (error instanceof QuestionDefinitionError) throw error;
      throw new VariantGenerationError(questionId, seed, (error as Error).message ?? String(error), {
        cause: error,
      });
    }
  }
  throw new VariantGenerationError(
    questionId,
    seed,
    `every one of ${MAX_DRAWS} draws was rejected (first reasons: ${reasons.join("; ")}).`,
  );
}

// Variants are pure functions of (id, version, seed), so a small cache saves rebuilding the same
// variant (and rerunning its simulations) on every view, preview and submission.
const CACHE_LIMIT = 256;
const cache = new Map<string, Variant>();

/**
 * Returns the variant of a registered question. `version`, when given, is the version the variant
 * was first drawn at; a different served version means the variant can no longer be reproduced.
 */
export function buildVariant(input: { questionId: string; seed: number; version?: string }): Variant {
  const definition = getQuestion(input.questionId);
  if (input.version !== undefined && input.version !== definition.meta.version) {
    throw new QuestionVersionMismatchError(input.questionId, input.version, definition.meta.version);
  }

  const cacheKey = `${definition.meta.id}@${definition.meta.version}#${input.seed}`;
  const cached = cache.get(cacheKey);
  if (cached) {
    cache.delete(cacheKey);
    cache.set(cacheKey, cached);
    return cached;
  }

  const variant = drawVariant(definition, input.seed);
  cache.set(cacheKey, variant);
  if (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return variant;
}

export function findPart(variant: Variant, partId: string) {
  return variant.content.parts.find((part) => part.id === partId);
}
