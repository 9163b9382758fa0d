import { checkAnswer } from "@/lib/grading";

import { UnknownPartError } from "./errors";
import { keyAsMarkdown } from "./format-key";
import { renderMarkdown } from "./markdown";
import type { Variant } from "./variant";

export interface PartFormatError {
  code: string;
  message: string;
  hint?: string;
}

export interface PartGrade {
  partId: string;
  rawInput: string;
  gradable: boolean;
  score: number;
  correct: boolean;
  feedback: string;
  misconceptionTag: string | null;
  /** The value the checker read, JSON-serializable; null when the input was not readable. */
  parsed: unknown;
  display: { text: string; latex: string } | null;
  formatError: PartFormatError | null;
}

export interface GradeResult {
  /** False when any part could not be read: such a submission is stored but uses no attempt. */
  gradable: boolean;
  /** Weighted mean of the part scores, in [0, 1]; 0 when not gradable. */
  totalScore: number;
  parts: PartGrade[];
  misconceptionTags: string[];
  formatErrors: { partId: string; code: string; message: string }[];
}

/** Longest answer text kept per part; the checker rejects longer inputs with a format error. */
const STORED_INPUT_LIMIT = 4_096;

/** Builds the grade of a part whose input could not be read: no score, only the format error. */
function notGraded(base: { partId: string; rawInput: string }, formatError: PartFormatError): PartGrade {
  return {
    ...base,
    gradable: false,
    score: 0,
    correct: false,
    feedback: "",
    misconceptionTag: null,
    parsed: null,
    display: null,
    formatError,
  };
}

/**
 * Grades every part of a variant on the server. `lib/grading` checks each part against its key and
 * its misconceptions. The variant's seed also seeds the random evaluation points of expression
 * checks, so replaying a submission gives the same verdict.
 */
export function gradeVariant(input: { variant: Variant; answers: Record<string, string> }): GradeResult {
  const { variant, answers } = input;
  const partIds = new Set(variant.content.parts.map((part) => part.id));
  for (const partId of Object.keys(answers)) {
    if (!partIds.has(partId)) throw new UnknownPartError(variant.questionId, partId);
  }

  const parts: PartGrade[] = variant.content.parts.map((part) => {
    const rawInput = answers[part.id] ?? "";
    const base = { partId: part.id, rawInput: rawInput.slice(0, STORED_INPUT_LIMIT) };

    if (rawInput.trim() === "") {
      return notGraded(base, { code: "empty", message: "This part has no answer yet. Type an answer, then submit." });
    }

    const result = checkAnswer({
      spec: part.spec,
      key: part.key,
      input: rawInput,
      misconceptions: part.misconceptions,
      seed: variant.seed,
    });
    if (!result.gradable) return notGraded(base, { ...result.formatError });
    return {
      ...base,
      gradable: true,
      score: result.score,
      correct: result.correct,
      feedback: result.feedback,
      misconceptionTag: result.misconceptionTag,
      parsed: result.parsed,
      display: result.display,
      formatError: null,
    };
  });

  const gradable = parts.every((part) => part.gradable);
  const weights = variant.content.parts.map((part) => part.weight ?? 1);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const totalScore = gradable
    ? parts.reduce((sum, part, index) => sum + part.score * weights[index]!, 0) / weightSum
    : 0;

  return {
    gradable,
    totalScore,
    parts,
    misconceptionTags: parts.flatMap((part) => (part.misconceptionTag ? [part.misconceptionTag] : [])),
    formatErrors: parts.flatMap((part) =>
      part.formatError ? [{ partId: part.partId, code: part.formatError.code, message: part.formatError.message }] : [],
    ),
  };
}

/**
 * Renders the worked solution and the keys. Callers send them only once the variant is closed:
 * answered correctly, out of tries, or given up.
 */
export function solutionView(variant: Variant): {
  solutionHtml: string;
  answers: { partId: string; answerHtml: string }[];
} {
  return {
    solutionHtml: renderMarkdown(variant.content.solution),
    answers: variant.content.parts.map((part) => ({
      partId: part.id,
      answerHtml: renderMarkdown(keyAsMarkdown(part.spec, part.key)),
    })),
  };
}
