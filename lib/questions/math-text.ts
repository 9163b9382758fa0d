import katex from "katex";

/**
 * Renders plain text in which `$…$` marks inline LaTeX, as feedback and misconception messages
 * write it. Everything outside the formulas is HTML-escaped and no Markdown runs, because feedback
 * can quote a student's input. A formula KaTeX cannot read is shown as its escaped source.
 */
export function renderTextWithMath(text: string): string {
  let html = "";
  let last = 0;
  for (const match of text.matchAll(/\$([^$\n]+?)\$/g)) {
    html += escapeHtml(text.slice(last, match.index));
    try {
      html += katex.renderToString(match[1]!, { displayMode: false, output: "htmlAndMathml", throwOnError: true, strict: "ignore", trust: false });
    } catch {
      html += escapeHtml(match[0]);
    }
    last = match.index + match[0].length;
  }
  return html + escapeHtml(text.slice(last));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
