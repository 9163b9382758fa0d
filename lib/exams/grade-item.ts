import type { InsertSubmissionPart, JsonValue } from "@/lib/db";
import { gradeVariant, type Variant } from "@/lib/questions";

/** Feedback stored for a part left empty in an exam; such a part scores 0 and has no format error. */
export const UNANSWERED_FEEDBACK = "No answer was given, so this part scores 0.";
/** Feedback stored for a part whose answer could not be read; its format error is kept beside it. */
export const UNREADABLE_FEEDBACK = "This answer could not be read, so it scores 0.";

export interface ExamItemGrade {
  /** Weighted mean of the part scores, 0..1. */
  totalScore: number;
  parts: InsertSubmissionPart[];
  feedback: string;
  misconceptionTags: string[];
  formatErrors: { partId: string; code: string; message: string; hint?: string }[];
}

/**
 * Grades an exam item's saved answers. Unlike a practice try, every exam item is gradable: an
 * empty part is recorded as unanswered and an unreadable part keeps its format error, and both
 * score 0, so the sitting's score and the topic progress count every question.
 */
export function gradeExamItem(variant: Variant, savedAnswers: Record<string, string>): ExamItemGrade {
  const known = new Set(variant.content.parts.map((part) => part.id));
  // Saved answers are checked against the parts when stored; this keeps grading total anyway.
  const answers = Object.fromEntries(Object.entries(savedAnswers).filter(([partId]) => known.has(partId)));
  const grade = gradeVariant({ variant, answers });

  const weights = variant.content.parts.map((part) => part.weight ?? 1);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  let weighted = 0;
  let correct = 0;
  let unanswered = 0;
  let unreadable = 0;

  const parts: InsertSubmissionPart[] = grade.parts.map((part, index) => {
    const empty = part.rawInput.trim() === "";
    if (part.gradable) {
      weighted += part.score * weights[index]!;
      if (part.correct) correct += 1;
      return {
        partId: part.partId,
        rawInput: part.rawInput,
        // The grader returns JSON-serializable parsed values (numbers, arrays, strings).
        parsedValue: part.parsed as JsonValue,
        score: part.score,
        feedback: part.feedback,
        misconceptionTag: part.misconceptionTag,
        formatError: null,
      };
    }
    if (empty) {
      unanswered += 1;
      return { partId: part.partId, rawInput: "", parsedValue: null, score: 0, feedback: UNANSWERED_FEEDBACK, misconceptionTag: null, formatError: null };
    }
    unreadable += 1;
    return {
      partId: part.partId,
      rawInput: part.rawInput,
      parsedValue: null,
      score: 0,
      feedback: UNREADABLE_FEEDBACK,
      misconceptionTag: null,
      formatError: part.formatError === null ? null : { partId: part.partId, ...part.formatError },
    };
  });

  const totalScore = weightSum > 0 ? weighted / weightSum : 0;
  const count = parts.length;
  const notes = [
    `${correct} of ${count} ${count === 1 ? "part" : "parts"} correct`,
    ...(unanswered > 0 ? [`${unanswered} unanswered`] : []),
    ...(unreadable > 0 ? [`${unreadable} could not be read`] : []),
  ];
  return {
    totalScore: Math.min(1, Math.max(0, totalScore)),
    parts,
    feedback: `${notes.join(", ")}; score ${Math.round(totalScore * 100)}%.`,
    misconceptionTags: grade.misconceptionTags,
    formatErrors: parts.flatMap((part) =>
      part.formatError === null
        ? []
        : [{ partId: part.partId, code: part.formatError.code, message: part.formatError.message, ...(part.formatError.hint ? { hint: part.formatError.hint } : {}) }],
    ),
  };
}

/** Idempotency key of the one submission an exam item gets: derived from the item, so a second grading replays it. */
export function examItemIdempotencyKey(itemId: string): string {
  return `exam-item:${itemId}`;
}
