import { describe, expect, it } from "vitest";

import { examItemIdempotencyKey, gradeExamItem, UNANSWERED_FEEDBACK, UNREADABLE_FEEDBACK } from "@/lib/exams/grade-item";
import { buildVariant } from "@/lib/questions";

// Seed 3 of the feed-forward question draws a classification story (checked below), so both keys
// follow from the textbook counts: hidden layer K(p + 1), total K(p + 1) + M(K + 1).
const variant = buildVariant({ questionId: "feed-forward-parameter-count", seed: 3 });
const params = variant.params as { story: { kind: string; p: number; classes: number }; K: number };
const hidden = params.K * (params.story.p + 1);
const total = hidden + params.story.classes * (params.K + 1);

describe("exam item grading", () => {
  it("uses a classification draw", () => {
    expect(params.story.kind).toBe("classification");
  });

  it("scores a fully correct item 1", () => {
    const grade = gradeExamItem(variant, { "hidden-layer": String(hidden), total: String(total) });
    expect(grade.totalScore).toBe(1);
    expect(grade.formatErrors).toEqual([]);
  });

  it("records an empty part as unanswered", () => {
    const grade = gradeExamItem(variant, { "hidden-layer": String(hidden) });
    // Two equally weighted parts, one correct: (1 + 0) / 2.
    expect(grade.totalScore).toBe(0.5);
    const empty = grade.parts.find((part) => part.partId === "total")!;
    expect(empty.score).toBe(0);
    expect(empty.rawInput).toBe("");
    expect(empty.formatError).toBeNull();
    expect(empty.feedback).toBe(UNANSWERED_FEEDBACK);
    expect(grade.feedback).toContain("1 unanswered");
  });

  it("scores an unreadable part 0 with its error", () => {
    const grade = gradeExamItem(variant, { "hidden-layer": "about ninety", total: String(total) });
    expect(grade.totalScore).toBe(0.5);
    const unreadable = grade.parts.find((part) => part.partId === "hidden-layer")!;
    expect(unreadable.score).toBe(0);
    expect(unreadable.feedback).toBe(UNREADABLE_FEEDBACK);
    expect(unreadable.formatError?.message.length).toBeGreaterThan(0);
    expect(grade.formatErrors.map((error) => error.partId)).toEqual(["hidden-layer"]);
  });

  it("keeps the misconception of a wrong part", () => {
    // Hidden layer plus a single output unit: the "one output unit" mistake for M classes.
    const grade = gradeExamItem(variant, { "hidden-layer": String(hidden), total: String(hidden + params.K + 1) });
    expect(grade.totalScore).toBe(0.5);
    expect(grade.misconceptionTags.length).toBe(1);
  });

  it("derives the key from the item id", () => {
    expect(examItemIdempotencyKey("0193a1b2-0000-7000-8000-000000000001")).toBe("exam-item:0193a1b2-0000-7000-8000-000000000001");
  });
});
