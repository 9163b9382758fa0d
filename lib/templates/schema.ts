import { z } from "zod";

import { toleranceSchema } from "@/lib/grading";
import { TOPIC_IDS } from "@/lib/questions/topics";

import { TEMPLATE_LIMITS } from "./limits";

/** Names of variables: a letter, then letters, digits or underscores (as in mathjs). */
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const PART_ID = /^[a-z][a-z0-9-]*$/;
const TAG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Texts are rendered as Markdown into students' pages, and the Markdown renderer passes HTML
 * through. Templates are written in the browser, so raw HTML and Markdown links are rejected.
 */
export const UNSAFE_TEXT = /<[A-Za-z!/?]|\]\(/;
const UNSAFE_TEXT_MESSAGE = "must not contain HTML tags or Markdown links; write plain Markdown and LaTeX";
const text = (max: number) => z.string().min(1, "must not be empty").max(max).refine((value) => !UNSAFE_TEXT.test(value), UNSAFE_TEXT_MESSAGE);

const expression = z.string().min(1, "must not be empty").max(TEMPLATE_LIMITS.maxExpressionLength);

const variableSchema = z.strictObject({
  name: z.string().regex(NAME, "must start with a letter and contain only letters, digits and _").max(32),
  value: expression.describe("mathjs expression; may call the random functions and the data-set generators"),
});

const conditionSchema = z.strictObject({
  require: expression.describe("comparison that must be true; a false one rejects the draw"),
  message: text(300).describe("why the draw is rejected, shown in the seed test"),
});

const misconceptionSchema = z.strictObject({
  tag: z.string().regex(TAG, "must be kebab-case, such as no-bias-terms").max(64),
  answer: expression.describe("the wrong answer this mistake gives, computed like the key"),
  message: text(2000),
});

const partBase = {
  id: z.string().regex(PART_ID, "must start with a lower-case letter and contain only a-z, 0-9 and -").max(40),
  label: text(2000),
  answer: expression,
  misconceptions: z.array(misconceptionSchema).max(TEMPLATE_LIMITS.maxMisconceptionsPerPart).default([]),
};

const expressionVariableSchema = z.strictObject({
  name: z.string().regex(NAME).max(32),
  min: z.number().finite(),
  max: z.number().finite(),
  integer: z.boolean().optional(),
});

const partSchema = z.discriminatedUnion("type", [
  z.strictObject({ ...partBase, type: z.literal("integer") }),
  z.strictObject({ ...partBase, type: z.literal("number"), tolerance: toleranceSchema }),
  z.strictObject({ ...partBase, type: z.literal("vector"), tolerance: toleranceSchema }),
  z.strictObject({
    ...partBase,
    type: z.literal("expression"),
    variables: z.array(expressionVariableSchema).min(1).max(8),
  }),
]);

/** The JSON format of a question template; docs/templates.md documents every field. */
export const templateSchema = z.strictObject({
  format: z.literal(1).describe("version of this format"),
  title: z.string().trim().min(3).max(120),
  topics: z.array(z.enum(TOPIC_IDS)).min(1).max(5),
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  expectedMinutes: z.number().positive().max(60),
  variables: z.array(variableSchema).max(TEMPLATE_LIMITS.maxVariables).default([]),
  conditions: z.array(conditionSchema).max(TEMPLATE_LIMITS.maxConditions).default([]),
  prompt: text(TEMPLATE_LIMITS.maxTextLength),
  parts: z.array(partSchema).min(1).max(TEMPLATE_LIMITS.maxParts),
  solution: text(TEMPLATE_LIMITS.maxTextLength),
  csv: z.string().regex(NAME).optional().describe("name of a data-set variable offered as a CSV download"),
});

export type TemplateSource = z.infer<typeof templateSchema>;
export type TemplatePartSource = TemplateSource["parts"][number];
