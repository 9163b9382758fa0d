import { renderTextWithMath } from "@/lib/questions/math-text";

/** Feedback text with its `$…$` formulas typeset; usable from server and client components. */
export function MathText({ text }: { text: string }) {
  return <span dangerouslySetInnerHTML={{ __html: renderTextWithMath(text) }} />;
}
