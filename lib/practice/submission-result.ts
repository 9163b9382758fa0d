import type { insertSubmission } from "@/lib/db";

export type SubmissionRow = Awaited<ReturnType<typeof insertSubmission>>["submission"];

export interface PartResult {
  partId: string;
  rawInput: string;
  /** Fraction of the part's marks in [0, 1]; null when the input could not be read. */
  score: number | null;
  feedback: string | null;
  misconceptionTag: string | null;
  formatError: { code: string; message: string; hint?: string } | null;
}

/** A stored submission as the student sees it; built from the stored row so replays match exactly. */
export interface SubmissionResult {
  id: string;
  variantId: string;
  createdAt: string;
  gradable: boolean;
  totalScore: number;
  feedback: string;
  misconceptionTags: string[];
  timeTakenMs: number | null;
  parts: PartResult[];
}

export function toSubmissionResult(row: SubmissionRow): SubmissionResult {
  return {
    id: row.id,
    variantId: row.variantId,
    createdAt: row.createdAt.toISOString(),
    gradable: row.gradable,
    totalScore: row.totalScore,
    feedback: row.feedback,
    misconceptionTags: [...row.misconceptionTags],
    timeTakenMs: row.timeTakenMs ?? null,
    parts: row.parts.map((part) => ({
      partId: part.partId,
      rawInput: part.rawInput,
      score: part.score ?? null,
      feedback: part.feedback ?? null,
      misconceptionTag: part.misconceptionTag ?? null,
      formatError: part.formatError ?? null,
    })),
  };
}
