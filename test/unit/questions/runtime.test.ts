import { readdirSync, statSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { visibleText } from "@/lib/questions/self-test";
import {
  buildVariant,
  drawSeed,
  gradeVariant,
  keyAsInput,
  listQuestions,
  previewPartInput,
  QuestionNotFoundError,
  QuestionVersionMismatchError,
  renderMarkdown,
  solutionView,
  toStudentView,
  UnknownPartError,
  VariantGenerationError,
} from "@/lib/questions";

const questionsDir = path.resolve(__dirname, "../../../questions");

describe("question registry", () => {
  it("serves every question folder", () => {
    const folders = readdirSync(questionsDir).filter((name) => statSync(path.join(questionsDir, name)).isDirectory());
    expect(listQuestions().map((question) => question.id).sort()).toEqual(folders.sort());
  });

  it("rejects an unknown id", () => {
    expect(() => buildVariant({ questionId: "no-such-question", seed: 1 })).toThrow(QuestionNotFoundError);
  });
});

describe("variants", () => {
  const ids = listQuestions().map((question) => question.id);

  it.each(ids)("%s is reproducible from its seed", (questionId) => {
    const first = buildVariant({ questionId, seed: 42 });
    // A second registry lookup must rebuild, not only return the cached object.
    const rebuilt = JSON.stringify(buildVariant({ questionId, seed: 42 }).content);
    expect(rebuilt).toBe(JSON.stringify(first.content));
  });

  it.each(ids)("%s differs between seeds", (questionId) => {
    // Prompt, data and keys together: a data question may keep its wording and change only its data.
    const contents = new Set(
      [1, 2, 3, 4, 5].map((seed) => {
        const { prompt, csv, parts } = buildVariant({ questionId, seed }).content;
        return JSON.stringify({ prompt, csv, keys: parts.map((part) => part.key) });
      }),
    );
    expect(contents.size).toBeGreaterThan(3);
  });

  it("rejects seeds outside 32 bits", () => {
    expect(() => buildVariant({ questionId: ids[0]!, seed: 2 ** 32 })).toThrow(VariantGenerationError);
    expect(() => buildVariant({ questionId: ids[0]!, seed: -1 })).toThrow(VariantGenerationError);
  });

  it("rejects a variant drawn at another version", () => {
    expect(() => buildVariant({ questionId: ids[0]!, seed: 1, version: "0" })).toThrow(QuestionVersionMismatchError);
  });

  it("draws seeds in the 32-bit range", () => {
    for (let i = 0; i < 100; i += 1) {
      const seed = drawSeed();
      expect(Number.isInteger(seed)).toBe(true);
      expect(seed).toBeGreaterThanOrEqual(0);
      expect(seed).toBeLessThan(2 ** 32);
    }
  });
});

describe("student view", () => {
  it.each(listQuestions().map((question) => question.id))("%s sends no key or misconception", (questionId) => {
    for (const seed of [7, 8, 9]) {
      const variant = buildVariant({ questionId, seed });
      const view = toStudentView(variant);
      expect(JSON.stringify(view)).not.toMatch(/"key"|misconception|"solution"/i);

      // The text a student reads: prompt, labels, options and figure descriptions. Input hints,
      // difficulty and minutes are the same on every page and are not searched.
      const text = [
        visibleText(view.promptHtml),
        ...view.parts.map((part) => visibleText(part.labelHtml)),
        ...view.parts.flatMap((part) => (part.options ?? []).map((option) => visibleText(option.html))),
        ...view.figures.map((figure) => `${figure.alt} ${figure.caption ?? ""}`),
      ].join("\n");
      for (const part of variant.content.parts) {
        if (part.keyShownInPromptBecause || typeof part.key !== "number") continue;
        const standalone = new RegExp(`(?<![\\d.])${String(part.key).replace(".", "\\.")}(?![\\d])`);
        expect(standalone.test(text), `${questionId} seed ${seed} part ${part.id}`).toBe(false);
      }
    }
  });

  it("renders LaTeX with MathML for screen readers", () => {
    const html = renderMarkdown("The count is $K(p+1)$ and $$K^2$$.");
    expect(html).toContain("<math");
    expect(html).toContain("katex-display");
  });
});

describe("grading a variant", () => {
  const variant = buildVariant({ questionId: "rnn-parameter-count", seed: 11 });
  const part = variant.content.parts[0]!;

  it("scores the key 1", () => {
    const result = gradeVariant({ variant, answers: { [part.id]: keyAsInput(part.spec, part.key) } });
    expect(result.gradable).toBe(true);
    expect(result.totalScore).toBe(1);
    expect(result.parts[0]!.correct).toBe(true);
  });

  it("tags a misconception", () => {
    const wrong = part.misconceptions[0]!;
    const result = gradeVariant({ variant, answers: { [part.id]: keyAsInput(part.spec, wrong.value) } });
    expect(result.totalScore).toBe(0);
    expect(result.misconceptionTags).toEqual([wrong.tag]);
    expect(result.parts[0]!.feedback).toContain(wrong.message);
  });

  it("does not grade an empty answer", () => {
    const result = gradeVariant({ variant, answers: { [part.id]: "   " } });
    expect(result.gradable).toBe(false);
    expect(result.formatErrors[0]!.code).toBe("empty");
  });

  it("does not grade text in a number field", () => {
    const result = gradeVariant({ variant, answers: { [part.id]: "two hundred" } });
    expect(result.gradable).toBe(false);
    expect(result.formatErrors).toHaveLength(1);
  });

  it("rejects an unknown part", () => {
    expect(() => gradeVariant({ variant, answers: { nope: "1" } })).toThrow(UnknownPartError);
  });

  it("previews without grading", () => {
    const preview = previewPartInput({ variant, partId: part.id, input: "12*(3+1)" });
    expect(preview.ok).toBe(true);
    expect(() => previewPartInput({ variant, partId: "nope", input: "1" })).toThrow(UnknownPartError);
  });

  it("shows the key in the solution", () => {
    const solution = solutionView(variant);
    expect(solution.answers[0]!.partId).toBe(part.id);
    expect(solution.solutionHtml.length).toBeGreaterThan(100);
  });
});
