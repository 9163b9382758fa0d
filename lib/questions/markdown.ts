import katex from "katex";
import { Marked } from "marked";

import { QuestionDefinitionError } from "./errors";

/**
 * Markdown with LaTeX, rendered on the server. Math is cut out before Markdown runs, so that
 * Markdown never rewrites `_` or `*` inside a formula, and rendered by KaTeX with MathML output
 * for screen readers. Input comes from question code, not from students.
 */
const markdown = new Marked({ async: false, gfm: true, breaks: false });

const MATH_PATTERN = /\$\$([\s\S]+?)\$\$|\\\(([\s\S]+?)\\\)|\$([^$\n]+?)\$/g;

export function renderMath(tex: string, displayMode: boolean): string {
  try {
    return katex.renderToString(tex, {
      displayMode,
      output: "htmlAndMathml",
      throwOnError: true,
      strict: "ignore",
      trust: false,
    });
  } catch (error) {
    throw new QuestionDefinitionError(`Invalid LaTeX "${tex}": ${(error as Error).message}`);
  }
}

export function renderMarkdown(source: string): string {
  const formulas: string[] = [];
  const withPlaceholders = source.replace(
    MATH_PATTERN,
    (_match, display?: string, inlineParen?: string, inlineDollar?: string) => {
      const isDisplay = display !== undefined;
      const tex = (display ?? inlineParen ?? inlineDollar ?? "").trim();
      formulas.push(renderMath(tex, isDisplay));
      return `@@MATH${formulas.length - 1}@@`;
    },
  );

  const html = markdown.parse(withPlaceholders) as string;
  return html.replace(/@@MATH(\d+)@@/g, (_match, index: string) => formulas[Number(index)] ?? "");
}

/** Renders a single line of Markdown without a wrapping paragraph (labels, option texts). */
export function renderInlineMarkdown(source: string): string {
  const html = renderMarkdown(source).trim();
  const single = /^<p>([\s\S]*)<\/p>$/.exec(html);
  return single && !single[1]!.includes("<p>") ? single[1]! : html;
}
