import { describe, expect, it } from "vitest";
import { ConfigError } from "@/lib/config/env";
import { readMaxTriesPerVariant } from "@/lib/config/practice";
import { isAppError } from "@/lib/http/app-error";
import { parseTopicFilter, practiceQuestions, recentQuestionIds } from "@/lib/practice/adaptive-practice";
import type { HistoryAttempt } from "@/lib/practice/mastery-history";
import { parseReviewFilters, resultOf } from "@/lib/practice/review";

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("parseTopicFilter", () => {
  it("reads a comma-separated list", () => {
    expect(parseTopicFilter("regularization, bias-variance,regularization")).toEqual(["regularization", "bias-variance"]);
  });

  it("treats empty as every topic", () => {
    expect(parseTopicFilter(undefined)).toBeUndefined();
    expect(parseTopicFilter(" ")).toBeUndefined();
  });

  it("names each unknown topic", () => {
    const error = thrown(() => parseTopicFilter("regularization,rnns,cnn"));
    expect(isAppError(error)).toBe(true);
    expect((error as Error).message).toContain('"rnns"');
    expect((error as Error).message).toContain('"cnn"');
    expect((error as Error).message).not.toContain('"regularization"');
  });
});

describe("practiceQuestions", () => {
  it("keeps only listed topics", () => {
    const questions = practiceQuestions(["regularization"]);
    expect(questions.length).toBeGreaterThan(0);
    for (const question of questions) expect(question.topics).toEqual(["regularization"]);
    // regularization-methods is tagged regularization and when-deep-learning.
    expect(questions.find((question) => question.id === "regularization-methods")?.topics).toEqual(["regularization"]);
    expect(questions.find((question) => question.id === "rnn-parameter-count")).toBeUndefined();
  });
});

describe("recentQuestionIds", () => {
  it("lists distinct questions newest first", () => {
    const attempts = ["a", "b", "b", "c", "c"].map((questionId) => ({ questionId }) as HistoryAttempt);
    expect(recentQuestionIds(attempts, 2)).toEqual(["c", "b"]);
    expect(recentQuestionIds([], 2)).toEqual([]);
  });
});

describe("parseReviewFilters", () => {
  it("reads topic, result and cursor", () => {
    expect(parseReviewFilters({ topic: "double-descent", result: "partly", cursor: "abc" })).toEqual({
      topic: "double-descent",
      result: "partly",
      cursor: "abc",
    });
    expect(parseReviewFilters({ topic: "", result: undefined })).toEqual({});
  });

  it("names an unknown result", () => {
    const error = thrown(() => parseReviewFilters({ result: "wrong" }));
    expect(isAppError(error)).toBe(true);
    expect((error as { code?: string }).code).toBe("invalid_input");
    expect((error as Error).message).toContain('"wrong"');
  });

  it("names an unknown topic", () => {
    const error = thrown(() => parseReviewFilters({ topic: "rnn" }));
    expect(isAppError(error)).toBe(true);
    expect((error as { code?: string }).code).toBe("invalid_input");
    expect((error as Error).message).toContain('"rnn"');
  });
});

describe("resultOf", () => {
  it("classifies scores", () => {
    expect(resultOf({ gradable: true, totalScore: 1 })).toBe("correct");
    expect(resultOf({ gradable: true, totalScore: 1 - 1e-10 })).toBe("correct");
    expect(resultOf({ gradable: true, totalScore: 0.999 })).toBe("partly");
    expect(resultOf({ gradable: true, totalScore: 0 })).toBe("incorrect");
    expect(resultOf({ gradable: false, totalScore: 0 })).toBe("not-gradable");
  });
});

describe("readMaxTriesPerVariant", () => {
  it("defaults to 3", () => {
    expect(readMaxTriesPerVariant({})).toBe(3);
    expect(readMaxTriesPerVariant({ PRACTICE_MAX_TRIES: "" })).toBe(3);
  });

  it("reads a whole number", () => {
    expect(readMaxTriesPerVariant({ PRACTICE_MAX_TRIES: "5" })).toBe(5);
    expect(readMaxTriesPerVariant({ PRACTICE_MAX_TRIES: " 1 " })).toBe(1);
  });

  it.each(["0", "11", "2.5", "three", "-1"])("rejects %s", (value) => {
    const error = thrown(() => readMaxTriesPerVariant({ PRACTICE_MAX_TRIES: value }));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(`PRACTICE_MAX_TRIES="${value}"`);
  });
});
