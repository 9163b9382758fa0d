import { keyAsInput, keyAsMarkdown } from "@/lib/questions/format-key";
import { renderInlineMarkdown, renderMarkdown } from "@/lib/questions/markdown";
import { renderStudentContent, type StudentPartView } from "@/lib/questions/student-view";
import { QuestionDefinitionError, VariantGenerationError } from "@/lib/questions/errors";
import { drawVariant } from "@/lib/questions/variant";

import { compileTemplate } from "./compile";
import { TemplateCompileError, TemplateRuntimeError, type TemplateIssue } from "./errors";
import { describeType, isDataSet, type Value } from "./values";
import type { TemplateParams } from "./compile";

/** What the editor shows for one seed: the student's view beside the keys and misconception values. */
export type TemplatePreview =
  | {
      ok: true;
      seed: number;
      rejectedDraws: number;
      promptHtml: string;
      parts: (StudentPartView & {
        keyInput: string;
        keyHtml: string;
        misconceptions: { tag: string; valueInput: string; messageHtml: string }[];
      })[];
      solutionHtml: string;
      /** Each variable's value as text; data sets are summarized by their fields. */
      variables: { name: string; value: string }[];
      csvFilename: string | null;
    }
  | { ok: false; seed: number; issues: TemplateIssue[] };

function summarize(value: Value): string {
  if (isDataSet(value)) return describeType(value);
  if (Array.isArray(value)) return value.length > 12 ? `${describeType(value)}` : JSON.stringify(value);
  return typeof value === "string" ? `"${value}"` : String(value);
}

/** Compiles a draft and builds the variant for one seed; problems come back as issues, not throws. */
export function previewTemplate(source: string, seed: number): TemplatePreview {
  try {
    const compiled = compileTemplate(source, { questionId: "preview", version: 1 });
    const variant = drawVariant(compiled.definition, seed);
    const view = renderStudentContent(variant.content);
    const params = variant.params as TemplateParams;
    return {
      ok: true,
      seed,
      rejectedDraws: variant.rejectedDraws,
      promptHtml: view.promptHtml,
      parts: view.parts.map((partView, index) => {
        const part = variant.content.parts[index]!;
        return {
          ...partView,
          keyInput: keyAsInput(part.spec, part.key),
          keyHtml: renderMarkdown(keyAsMarkdown(part.spec, part.key)),
          misconceptions: part.misconceptions.map((misconception) => ({
            tag: misconception.tag,
            valueInput: keyAsInput(part.spec, misconception.value),
            messageHtml: renderInlineMarkdown(misconception.message),
          })),
        };
      }),
      solutionHtml: renderMarkdown(variant.content.solution),
      variables: Object.entries(params.values).map(([name, value]) => ({ name, value: summarize(value) })),
      csvFilename: variant.content.csv?.filename ?? null,
    };
  } catch (error) {
    return { ok: false, seed, issues: issuesOf(error) };
  }
}

/** Turns a compile, build or rendering failure into issues with a line and field. */
export function issuesOf(error: unknown): TemplateIssue[] {
  if (error instanceof TemplateCompileError) return error.issues;
  if (error instanceof TemplateRuntimeError) return [error.issue];
  if (error instanceof VariantGenerationError) {
    if (error.cause instanceof TemplateRuntimeError) return [error.cause.issue];
    const degenerate = /draws was rejected/.test(error.message);
    return [{ line: 1, field: degenerate ? "conditions" : "", code: degenerate ? "degenerate-draw" : "numerics", message: degenerate ? `degenerate draw: ${error.message}` : error.message }];
  }
  if (error instanceof QuestionDefinitionError) return [{ line: 1, field: "", code: "not-allowed", message: error.message }];
  throw error;
}
