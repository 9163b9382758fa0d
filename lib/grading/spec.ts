import { z } from "zod";

import { LIMITS } from "./limits";

/** Names a variable may have: a letter, then letters, digits or underscores. */
const VARIABLE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

const absRelToleranceSchema = z
  .strictObject({
    abs: z.number().finite().nonnegative().optional().describe("Absolute tolerance: accept |answer − key| ≤ abs."),
    rel: z
      .number()
      .finite()
      .nonnegative()
      .optional()
      .describe("Relative tolerance: accept |answer − key| ≤ rel·|key| (relative to the key, not the answer)."),
  })
  .describe(
    "Accept when within abs OR within rel; both bounds are inclusive and decided in exact decimal arithmetic for typed decimals. An empty object means exact equality.",
  );

const sigFigToleranceSchema = z
  .strictObject({
    sigFigs: z
      .number()
      .int()
      .min(1)
      .max(15)
      .describe("Required significant figures; the answer must be a decimal number with at least this many, each of them right."),
  })
  .describe("Significant-figure rule; see docs/grading.md.");

export const toleranceSchema = z
  .union([sigFigToleranceSchema, absRelToleranceSchema])
  .describe("Tolerance of a numeric comparison: absolute/relative bounds, or significant figures.");

const invarianceSchema = z
  .array(z.enum(["sign", "order", "scale"]))
  .max(3)
  .optional()
  .describe(
    "Transformations under which the answer still counts as equal: sign (multiplied by −1), order (entries permuted), scale (multiplied by any non-zero number; implies sign). For matrices each applies to columns.",
  );

const partialCreditSchema = z
  .boolean()
  .optional()
  .describe("When true, the score is the fraction of entries within tolerance; when false or absent, all-or-nothing.");

const optionSchema = z
  .strictObject({
    id: z.string().min(1).max(64).describe("Opaque option id submitted by the client; must not reveal correctness."),
    text: z.string().min(1).max(2000).describe("Markdown/LaTeX shown to the student."),
  })
  .describe("One answer option.");

const optionsSchema = z
  .array(optionSchema)
  .min(2)
  .max(LIMITS.maxOptions)
  .describe("Options in authoring order; shuffle per variant with shuffleOptions.");

const variableSchema = z
  .strictObject({
    name: z.string().regex(VARIABLE_NAME).max(32).describe("Variable name as the student types it (case-sensitive), e.g. K or lambda."),
    min: z.number().finite().describe("Lower end of the domain sampled for equivalence checks."),
    max: z.number().finite().describe("Upper end of the domain (must exceed min)."),
    integer: z.boolean().optional().describe("When true, sample only whole numbers in [min, max]."),
  })
  .describe("A declared variable of an expression answer and its sampling domain.");

export const integerSpecSchema = z
  .strictObject({ type: z.literal("integer").describe("Exact whole number.") })
  .describe("An exact integer answer.");

export const numberSpecSchema = z
  .strictObject({
    type: z.literal("number").describe("Real number compared within a tolerance."),
    tolerance: toleranceSchema,
  })
  .describe("A real-number answer.");

export const expressionSpecSchema = z
  .strictObject({
    type: z.literal("expression").describe("Algebraic expression in the declared variables."),
    variables: z.array(variableSchema).max(LIMITS.maxVariables).describe("Declared variables with sampling domains."),
    relTol: z
      .number()
      .positive()
      .max(0.1)
      .optional()
      .describe("Relative tolerance of the numeric equivalence test at each point (default 1e-9)."),
  })
  .describe("An expression answer, compared exactly for rational functions and by seeded random evaluation otherwise.");

export const vectorSpecSchema = z
  .strictObject({
    type: z.literal("vector").describe("Vector of real numbers."),
    length: z.number().int().min(1).max(LIMITS.maxVectorLength).describe("Number of entries."),
    tolerance: toleranceSchema,
    invariance: invarianceSchema,
    partialCredit: partialCreditSchema,
  })
  .describe("A vector answer, compared entry by entry.");

export const matrixSpecSchema = z
  .strictObject({
    type: z.literal("matrix").describe("Matrix of real numbers."),
    rows: z.number().int().min(1).max(LIMITS.maxMatrixDimension).describe("Number of rows."),
    cols: z.number().int().min(1).max(LIMITS.maxMatrixDimension).describe("Number of columns."),
    tolerance: toleranceSchema,
    invariance: invarianceSchema,
    partialCredit: partialCreditSchema,
  })
  .describe("A matrix answer, compared entry by entry.");

export const singleChoiceSpecSchema = z
  .strictObject({
    type: z.literal("single-choice").describe("Exactly one option is selected."),
    options: optionsSchema,
  })
  .describe("A single-choice answer; the key is the correct option id.");

export const multipleChoiceSpecSchema = z
  .strictObject({
    type: z.literal("multiple-choice").describe("Any number of options may be selected."),
    options: optionsSchema,
  })
  .describe("A multiple-choice answer; the key lists the correct option ids (at least one).");

/** Zod schema of an answer spec, discriminated on `type`. */
export const answerSpecSchema = z
  .discriminatedUnion("type", [
    integerSpecSchema,
    numberSpecSchema,
    expressionSpecSchema,
    vectorSpecSchema,
    matrixSpecSchema,
    singleChoiceSpecSchema,
    multipleChoiceSpecSchema,
  ])
  .describe("How one answer part is read and compared.");

export type AnswerSpec = z.infer<typeof answerSpecSchema>;
export type Tolerance = z.infer<typeof toleranceSchema>;
export type Invariance = "sign" | "order" | "scale";
export type ChoiceOption = z.infer<typeof optionSchema>;
export type ExpressionVariable = z.infer<typeof variableSchema>;

/** Zod schema of an answer key: a number, expression text or choice id, or arrays of these. */
export const answerKeySchema = z
  .union([
    z.number().describe("integer or number key"),
    z.string().describe("expression text, or the correct option id of a single choice"),
    z.array(z.number()).describe("vector key"),
    z.array(z.array(z.number())).describe("matrix key, as rows"),
    z.array(z.string()).describe("correct option ids of a multiple choice"),
  ])
  .describe("Reference answer of one part.");

export type AnswerKey = z.infer<typeof answerKeySchema>;

/** Zod schema of a misconception: a wrong answer predicted by a typical mistake. */
export const misconceptionSchema = z
  .strictObject({
    tag: z.string().min(1).max(64).describe("Stable identifier of the mistake, e.g. forgot-bias-terms."),
    message: z.string().min(1).max(2000).describe("Feedback shown when the answer matches this value."),
    value: answerKeySchema.describe("The mutated solution computed on the variant's data, same shape as the key."),
  })
  .describe("A predicted wrong answer and its feedback.");

export type Misconception = z.infer<typeof misconceptionSchema>;

/** Value of a graded answer as read, in the shape of an AnswerKey (JSON-serializable). */
export type ParsedAnswer = number | string | number[] | number[][] | string[];

/** How the answer was read, for showing back to the student. */
export interface AnswerDisplay {
  text: string;
  /** LaTeX for KaTeX. */
  latex: string;
}

/** Format error as returned in results. */
export interface FormatErrorResult {
  code: string;
  message: string;
  hint?: string;
}

/** Outcome of checkAnswer. */
export type CheckResult =
  | {
      gradable: true;
      /** In [0, 1]. */
      score: number;
      correct: boolean;
      parsed: ParsedAnswer;
      display: AnswerDisplay;
      feedback: string;
      /** Tag of the matched misconception, a built-in tag (sign-error, power-of-ten-error), or null. */
      misconceptionTag: string | null;
    }
  | { gradable: false; formatError: FormatErrorResult };

/** Outcome of previewInput. */
export type PreviewResult =
  | { ok: true; display: AnswerDisplay; parsed: ParsedAnswer }
  | { ok: false; formatError: FormatErrorResult };
