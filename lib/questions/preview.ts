import { previewInput } from "@/lib/grading";

import { UnknownPartError } from "./errors";
import { findPart, type Variant } from "./variant";

export type PreviewResult =
  | { ok: true; display: { text: string; latex: string } }
  | { ok: false; formatError: { code: string; message: string; hint?: string } };

/**
 * Shows how an input would be read for one part, without grading it: the answer's key and
 * misconceptions are not consulted, so the result reveals nothing about correctness.
 */
export function previewPartInput(input: { variant: Variant; partId: string; input: string }): PreviewResult {
  const part = findPart(input.variant, input.partId);
  if (!part) throw new UnknownPartError(input.variant.questionId, input.partId);
  if (input.input.trim() === "") {
    return { ok: false, formatError: { code: "empty", message: "Type an answer to see how it is read." } };
  }

  const result = previewInput({ spec: part.spec, input: input.input });
  return result.ok ? { ok: true, display: result.display } : { ok: false, formatError: { ...result.formatError } };
}
