import type { AnswerSpec } from "@/lib/grading";

import type { QuestionContent } from "./definition";
import { renderInlineMarkdown, renderMarkdown } from "./markdown";
import { getQuestion } from "./registry";
import type { Variant } from "./variant";

export interface StudentPartView {
  id: string;
  labelHtml: string;
  answerType: AnswerSpec["type"];
  placeholder: string;
  /** One line on what to type, e.g. "a number, such as 0.25 or 1.5e-3". */
  inputHint: string;
  /** Choice options in this variant's order; present for single and multiple choice only. */
  options?: { id: string; html: string }[];
}

/**
 * The variant as the browser may see it before grading: prompt, parts and figures, and nothing
 * derived from the keys or misconceptions.
 */
export interface StudentVariantView {
  questionId: string;
  questionVersion: string;
  title: string;
  topics: string[];
  difficulty: 1 | 2 | 3;
  expectedMinutes: number;
  promptHtml: string;
  parts: StudentPartView[];
  figures: { svg: string; alt: string; caption?: string }[];
  hasCsv: boolean;
}

function describeInput(spec: AnswerSpec): { placeholder: string; inputHint: string } {
  switch (spec.type) {
    case "integer":
      return { placeholder: "an integer", inputHint: "A whole number, such as 205. Arithmetic like 12*(3+1) is allowed." };
    case "number":
      return {
        placeholder: "a number",
        inputHint: "A number such as 0.25, 1.5e-3 or 3/8. Use a point as the decimal separator.",
      };
    case "expression":
      return {
        placeholder: "an expression",
        inputHint: `An expression in ${spec.variables.map((variable) => variable.name).join(", ")}, such as K*(p+1).`,
      };
    case "vector":
      return { placeholder: "[a, b, …]", inputHint: `A vector of ${spec.length} numbers in brackets, such as [1.5, -2, 0.25].` };
    case "matrix":
      return {
        placeholder: "[[a, b], [c, d]]",
        inputHint: `A ${spec.rows}×${spec.cols} matrix written row by row, such as [[1, 2], [3, 4]].`,
      };
    case "single-choice":
      return { placeholder: "", inputHint: "Choose one option." };
    case "multiple-choice":
      return { placeholder: "", inputHint: "Choose every option that applies." };
  }
}

/** Renders what a student sees of a variant's content: prompt, parts and figures, without keys. */
export function renderStudentContent(
  content: QuestionContent,
): Pick<StudentVariantView, "promptHtml" | "parts" | "figures" | "hasCsv"> {
  return {
    promptHtml: renderMarkdown(content.prompt),
    parts: content.parts.map((part) => {
      const described = describeInput(part.spec);
      const view: StudentPartView = {
        id: part.id,
        labelHtml: renderInlineMarkdown(part.label),
        answerType: part.spec.type,
        placeholder: part.placeholder ?? described.placeholder,
        inputHint: described.inputHint,
      };
      if (part.spec.type === "single-choice" || part.spec.type === "multiple-choice") {
        view.options = part.spec.options.map((option) => ({ id: option.id, html: renderInlineMarkdown(option.text) }));
      }
      return view;
    }),
    figures: (content.figures ?? []).map((figure) => ({ ...figure })),
    hasCsv: content.csv !== undefined,
  };
}

export function toStudentView(variant: Variant): StudentVariantView {
  const meta = getQuestion(variant.questionId).meta;
  return {
    questionId: variant.questionId,
    questionVersion: variant.questionVersion,
    title: meta.title,
    topics: [...meta.topics],
    difficulty: meta.difficulty,
    expectedMinutes: meta.expectedMinutes,
    ...renderStudentContent(variant.content),
  };
}

export function variantCsv(variant: Variant): { filename: string; csv: string } | null {
  const csv = variant.content.csv;
  return csv ? { filename: csv.filename, csv: csv.text } : null;
}
