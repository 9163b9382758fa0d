import { z } from "zod";

import type { AnswerKey, AnswerSpec, Misconception } from "@/lib/grading";
import type { Rng } from "@/lib/numerics";

import { TOPIC_IDS } from "./topics";

/** Metadata of a question, validated when the registry loads it. */
export const questionMetaSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    .describe("Stable kebab-case id, equal to the question's folder name under questions/."),
  version: z
    .string()
    .regex(/^\d+$/)
    .describe(
      "Integer version as a string. Bump it whenever a change alters a variant's prompt, data or " +
        "answers for some seed, so stored variants are never regraded under different rules.",
    ),
  title: z.string().min(3).max(120).describe("Short title shown in lists."),
  topics: z.array(z.enum(TOPIC_IDS)).min(1).describe("Topic ids, the first being the main topic."),
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]).describe("1 easy, 2 medium, 3 hard."),
  expectedMinutes: z.number().positive().max(60).describe("Typical working time in minutes."),
});

export type QuestionMeta = z.infer<typeof questionMetaSchema>;

/** One answer box of a variant, with its key. Keys never leave the server before grading. */
export interface QuestionPart {
  /** Kebab-case id, unique within the question; answers are submitted by part id. */
  id: string;
  /** Markdown with LaTeX, shown above the input. */
  label: string;
  spec: AnswerSpec;
  key: AnswerKey;
  /** Wrong answers that a typical error produces on this variant's data, each with feedback. */
  misconceptions: Misconception[];
  /** Relative weight in the total score (default 1). */
  weight?: number;
  /** Placeholder text of the input, e.g. "an integer". */
  placeholder?: string;
  /**
   * Reason that the key may legitimately appear among the prompt's numbers (for example a spline that
   * interpolates at d = n, where n is given). The self-test skips its leak check for this part.
   */
  keyShownInPromptBecause?: string;
}

/** An SVG figure rendered on the server, with a text alternative for screen readers. */
export interface QuestionFigure {
  svg: string;
  alt: string;
  caption?: string;
}

/** Everything a variant shows or checks, built from its parameters. */
export interface QuestionContent {
  /** Markdown with LaTeX ($…$ inline, $$…$$ display). */
  prompt: string;
  parts: QuestionPart[];
  /** Worked solution in Markdown, using the variant's own numbers. */
  solution: string;
  figures?: QuestionFigure[];
  /** The variant's data as CSV, offered as a download. */
  csv?: { filename: string; text: string };
}

/**
 * A question written in TypeScript. `generate` draws parameters from the seeded generator and may
 * throw `RejectDraw` for a degenerate draw. `build` turns parameters into content and keys, and it
 * may reject too. Both must be deterministic functions of their inputs.
 */
export interface QuestionDefinition<Params = unknown> {
  meta: QuestionMeta;
  generate(rng: Rng): Params;
  build(params: Params): QuestionContent;
}

/** Erases the parameter type so questions of different shapes fit in one registry. */
export function defineQuestion<Params>(definition: QuestionDefinition<Params>): QuestionDefinition {
  return definition as unknown as QuestionDefinition;
}
