import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { checkAnswer } from "@/lib/grading";
import { gradeVariant } from "@/lib/questions/grade";
import { renderStudentContent } from "@/lib/questions/student-view";
import { drawVariant } from "@/lib/questions/variant";
import {
  compileTemplate,
  previewTemplate,
  runSeedBatch,
  TemplateCompileError,
  TemplateRuntimeError,
  TEMPLATE_LIMITS,
  type TemplateIssue,
} from "@/lib/templates";
import { DENSE_NETWORK_TEMPLATE } from "@/lib/templates/examples";

const fixture = JSON.parse(readFileSync(path.join(__dirname, "fixtures", "ols-fixture.json"), "utf8")) as {
  xTrain: number[];
  yTrain: number[];
  xTest: number[];
  yTest: number[];
  coefficients: number[];
  testMae: number;
  testMse: number;
};

/** Returns a minimal valid template, pretty-printed with one field per line; `overrides` replaces top-level fields. */
function source(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      format: 1,
      title: "Test template",
      topics: ["feed-forward-counts"],
      difficulty: 1,
      expectedMinutes: 3,
      variables: [{ name: "a", value: "randint(2, 9)" }],
      prompt: "Compute with $a = {{a}}$.",
      parts: [{ id: "result", label: "Result", type: "integer", answer: "a * 100 + 7", misconceptions: [] }],
      solution: "The result is {{answer_result}}.",
      ...overrides,
    },
    null,
    2,
  );
}

function compile(text: string) {
  return compileTemplate(text, { questionId: "tpl-test", version: 1 });
}

/** Compiles and returns the issues, failing the test when the source compiles. */
function compileIssues(text: string): TemplateIssue[] {
  try {
    compile(text);
  } catch (error) {
    if (error instanceof TemplateCompileError) return error.issues;
    throw error;
  }
  throw new Error("expected the template to be rejected");
}

/** Line (1-based) of the first line of `text` that contains `needle`. */
function lineContaining(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`"${needle}" is not in the source`);
  return index + 1;
}

/** Builds seed 1 and returns the runtime issue it fails with. */
function runtimeIssue(text: string, timeLimits?: { evaluationMs: number; buildMs: number; clock?: () => number }): TemplateIssue {
  const compiled = compileTemplate(text, { questionId: "tpl-test", version: 1, ...(timeLimits ? { timeLimits } : {}) });
  try {
    drawVariant(compiled.definition, 1);
  } catch (error) {
    const cause = (error as Error).cause;
    if (cause instanceof TemplateRuntimeError) return cause.issue;
    throw error;
  }
  throw new Error("expected the build to fail");
}

describe("template compiler: known values", () => {
  it("dense parameter count matches a hand count", () => {
    // 19 inputs, 64 hidden units, 1 output: 64·(19 + 1) + 1·(64 + 1) = 1280 + 65 = 1345.
    const text = source({
      variables: [
        { name: "p", value: "19" },
        { name: "K", value: "64" },
      ],
      prompt: "A network with {{p}} inputs and {{K}} hidden units.",
      parts: [{ id: "total", label: "Parameters", type: "integer", answer: "dense_params([p, K, 1])", misconceptions: [] }],
      solution: "In total {{answer_total}}.",
    });
    const variant = drawVariant(compile(text).definition, 5);
    expect(variant.content.parts[0]!.key).toBe(1345);
  });

  it("demo template keys match hand counts on 30 seeds", () => {
    const { definition } = compile(DENSE_NETWORK_TEMPLATE);
    for (let seed = 1; seed <= 30; seed += 1) {
      const variant = drawVariant(definition, seed);
      const { p, K1, K2, M } = (variant.params as { values: Record<string, number> }).values;
      const byHand = (p! + 1) * K1! + (K1! + 1) * K2! + (K2! + 1) * M!;
      const part = variant.content.parts[0]!;
      expect(part.key).toBe(byHand);
      expect(part.misconceptions.find((item) => item.tag === "no-biases")?.value).toBe(p! * K1! + K1! * K2! + K2! * M!);
      expect(variant.content.prompt).toContain(`$p = ${p}$`);
    }
  });

  it("OLS fit and test errors match numpy", () => {
    const list = (values: number[]) => `[${values.join(", ")}]`;
    const text = source({
      variables: [
        { name: "xtr", value: list(fixture.xTrain) },
        { name: "ytr", value: list(fixture.yTrain) },
        { name: "xte", value: list(fixture.xTest) },
        { name: "yte", value: list(fixture.yTest) },
      ],
      prompt: "Fit a line to the training data.",
      parts: [
        { id: "coef", label: "Coefficients", type: "vector", tolerance: { rel: 1e-6 }, answer: "ols_coef(xtr, ytr)", misconceptions: [] },
        { id: "mae", label: "Test MAE", type: "number", tolerance: { rel: 1e-6 }, answer: "ols_test_mae(xtr, ytr, xte, yte)", misconceptions: [] },
        { id: "mse", label: "Test MSE", type: "number", tolerance: { rel: 1e-6 }, answer: "ols_test_mse(xtr, ytr, xte, yte)", misconceptions: [] },
      ],
      solution: "See the fit.",
    });
    const parts = drawVariant(compile(text).definition, 1).content.parts;
    const coefficients = parts[0]!.key as number[];
    expect(coefficients).toHaveLength(2);
    expect(coefficients[0]).toBeCloseTo(fixture.coefficients[0]!, 9);
    expect(coefficients[1]).toBeCloseTo(fixture.coefficients[1]!, 9);
    expect(Math.abs((parts[1]!.key as number) - fixture.testMae) / fixture.testMae).toBeLessThan(1e-9);
    expect(Math.abs((parts[2]!.key as number) - fixture.testMse) / fixture.testMse).toBeLessThan(1e-9);
  });

  it("formats placeholders to significant figures", () => {
    const text = source({
      variables: [{ name: "x", value: "2/3" }],
      prompt: "Default {{x}}, three figures {{x:3}}, expression {{x * 3:2}}, list {{[1, 2.5]}}.",
      parts: [{ id: "result", label: "Result", type: "integer", answer: "7", misconceptions: [] }],
    });
    expect(drawVariant(compile(text).definition, 1).content.prompt).toBe("Default 0.666667, three figures 0.667, expression 2.0, list 1, 2.5.");
  });

  it("same seed gives the same variant", () => {
    const { definition } = compile(DENSE_NETWORK_TEMPLATE);
    expect(JSON.stringify(drawVariant(definition, 42).content)).toBe(JSON.stringify(drawVariant(definition, 42).content));
    expect(JSON.stringify(drawVariant(definition, 42).content)).not.toBe(JSON.stringify(drawVariant(definition, 43).content));
  });
});

describe("template compiler: grading through the runtime", () => {
  it("grades the key and tags a misconception", () => {
    const variant = drawVariant(compile(DENSE_NETWORK_TEMPLATE).definition, 3);
    const part = variant.content.parts[0]!;
    const right = gradeVariant({ variant, answers: { total: String(part.key) } });
    expect(right.totalScore).toBe(1);
    const mistake = part.misconceptions.find((item) => item.tag === "no-biases")!;
    const wrong = gradeVariant({ variant, answers: { total: String(mistake.value) } });
    expect(wrong.totalScore).toBe(0);
    expect(wrong.misconceptionTags).toEqual(["no-biases"]);
  });

  it("expression part fills placeholders into the key", () => {
    const text = source({
      variables: [{ name: "c", value: "randint(2, 5)" }],
      prompt: "Each unit has {{c}} inputs.",
      parts: [
        {
          id: "formula",
          label: "Formula in K",
          type: "expression",
          variables: [{ name: "K", min: 1, max: 50, integer: true }],
          answer: "K*({{c}} + 1)",
          misconceptions: [{ tag: "no-bias", answer: "K*{{c}}", message: "Each unit has a bias." }],
        },
      ],
      solution: "The formula is {{answer_formula}}.",
    });
    const variant = drawVariant(compile(text).definition, 2);
    const c = (variant.params as { values: { c: number } }).values.c;
    const part = variant.content.parts[0]!;
    expect(part.key).toBe(`K*(${c} + 1)`);
    const right = checkAnswer({ spec: part.spec, key: part.key, input: `K*${c} + K`, misconceptions: part.misconceptions, seed: 2 });
    expect(right.gradable).toBe(true);
    expect(right.gradable ? right.score : null).toBe(1);
    const mistake = checkAnswer({ spec: part.spec, key: part.key, input: `${c}*K`, misconceptions: part.misconceptions, seed: 2 });
    expect(mistake.gradable).toBe(true);
    expect(mistake.gradable ? mistake.misconceptionTag : null).toBe("no-bias");
  });

  it("student view carries no key", () => {
    const variant = drawVariant(compile(DENSE_NETWORK_TEMPLATE).definition, 11);
    const view = JSON.stringify(renderStudentContent(variant.content));
    expect(view).not.toContain(String(variant.content.parts[0]!.key));
  });
});

describe("template compiler: errors name the line and field", () => {
  it("unknown function", () => {
    const text = source({ parts: [{ id: "result", label: "Result", type: "integer", answer: "fancy_fit(a)", misconceptions: [] }] });
    const [issue] = compileIssues(text);
    expect(issue?.code).toBe("unknown-function");
    expect(issue?.field).toBe("parts[0].answer");
    expect(issue?.line).toBe(lineContaining(text, "fancy_fit"));
    expect(issue?.message).toContain('"fancy_fit"');
  });

  it("unknown variable", () => {
    const text = source({
      variables: [
        { name: "a", value: "randint(1, 5)" },
        { name: "b", value: "a + later" },
        { name: "later", value: "2" },
      ],
    });
    const [issue] = compileIssues(text);
    expect(issue?.code).toBe("unknown-variable");
    expect(issue?.field).toBe("variables[1].value");
    expect(issue?.line).toBe(lineContaining(text, "a + later"));
  });

  it("invalid JSON", () => {
    const text = source().replace('"difficulty": 1,', '"difficulty": 1,,');
    const [issue] = compileIssues(text);
    expect(issue?.code).toBe("json");
    expect(issue?.line).toBe(lineContaining(text, ",,"));
  });

  it("schema violation", () => {
    const text = source({ difficulty: 5 });
    const [issue] = compileIssues(text);
    expect(issue?.code).toBe("schema");
    expect(issue?.field).toBe("difficulty");
    expect(issue?.line).toBe(lineContaining(text, '"difficulty": 5'));
  });

  it("random draw outside variables", () => {
    const text = source({ parts: [{ id: "result", label: "Result", type: "integer", answer: "randint(1, 3)", misconceptions: [] }] });
    const [issue] = compileIssues(text);
    expect(issue?.code).toBe("random-not-allowed");
    expect(issue?.line).toBe(lineContaining(text, '"answer": "randint(1, 3)"'));
  });

  it("division by zero at build time", () => {
    const text = source({ variables: [{ name: "a", value: "randint(2, 9)" }, { name: "z", value: "a - a" }, { name: "q", value: "a / z" }] });
    const issue = runtimeIssue(text);
    expect(issue.code).toBe("division-by-zero");
    expect(issue.field).toBe("variables[2].value");
    expect(issue.line).toBe(lineContaining(text, '"a / z"'));
  });

  it("wrong type of an answer", () => {
    const text = source({ parts: [{ id: "result", label: "Result", type: "integer", answer: "a / 2 + 0.25", misconceptions: [] }] });
    const issue = runtimeIssue(text);
    expect(issue.code).toBe("wrong-type");
    expect(issue.field).toBe("parts[0].answer");
    expect(issue.message).toContain("whole number");
  });

  it("wrong type in an operator", () => {
    const text = source({ variables: [{ name: "a", value: "[1, 2] + 3" }] });
    const issue = runtimeIssue(text);
    expect(issue.code).toBe("wrong-type");
    expect(issue.line).toBe(lineContaining(text, "[1, 2] + 3"));
  });

  it("degenerate draw after the cap", () => {
    const text = source({ conditions: [{ require: "a > 100", message: "a must exceed 100" }] });
    const preview = previewTemplate(text, 1);
    expect(preview.ok).toBe(false);
    if (preview.ok) return;
    expect(preview.issues[0]?.code).toBe("degenerate-draw");
    expect(preview.issues[0]?.message).toContain("a must exceed 100");
    expect(preview.issues[0]?.message).toContain(`line ${lineContaining(text, "a > 100")}`);
  });
});

describe("template sandbox refuses what is not whitelisted", () => {
  const refused: [string, string][] = [
    ["import({x: 1})", "unknown-function"],
    ["import(1)", "unknown-function"],
    ["evaluate('1 + 1')", "unknown-function"],
    ["createUnit('foo')", "unknown-function"],
    ["parse('1')", "unknown-function"],
    ["compile('1')", "unknown-function"],
    ["simplify('x')", "unknown-function"],
    ["f(x) = x", "not-allowed"],
    ["x = 1", "not-allowed"],
    ["1:3", "not-allowed"],
    ["a; a", "not-allowed"],
    ["5 mod 3", "not-allowed"],
    ["a.constructor", "wrong-type"],
    ["d.constructor", "unknown-variable"],
    ["sqrt.constructor('return 1')()", "syntax"],
  ];
  for (const [expression, code] of refused) {
    it(`refuses ${expression}`, () => {
      const text = source({
        variables: [
          { name: "a", value: "randint(2, 9)" },
          { name: "d", value: "sine_data(5, 0.1)" },
        ],
        parts: [{ id: "result", label: "Result", type: "integer", answer: expression, misconceptions: [] }],
      });
      let issue: TemplateIssue | undefined;
      try {
        issue = compileIssues(text)[0];
      } catch {
        // Compiled: the refusal must then come when the expression runs.
        issue = runtimeIssue(text);
      }
      expect(issue?.code).toBe(code);
      expect(issue?.field).toBe("parts[0].answer");
    });
  }

  it("rejects HTML in texts", () => {
    const [issue] = compileIssues(source({ prompt: "Hello <script>alert(1)</script>" }));
    expect(issue?.field).toBe("prompt");
  });
});

describe("template limits", () => {
  it("source length", () => {
    const [issue] = compileIssues(source({ solution: "x".repeat(TEMPLATE_LIMITS.maxSourceLength) }));
    expect(issue?.code).toBe("too-large");
  });

  it("expression length", () => {
    const long = Array.from({ length: 400 }, () => "1").join(" + ");
    const [issue] = compileIssues(source({ variables: [{ name: "a", value: long }] }));
    expect(issue?.code).toBe("schema");
    expect(issue?.field).toBe("variables[0].value");
  });

  it("data-set length", () => {
    const issue = runtimeIssue(source({ variables: [{ name: "a", value: "2" }, { name: "d", value: "sine_data(5000, 0.1)" }] }));
    expect(issue.code).toBe("wrong-arguments");
    expect(issue.message).toContain(String(TEMPLATE_LIMITS.maxDataSetLength));
  });

  /** A clock that advances 1 ms per reading, so budgets count evaluation steps and the tests never depend on load. */
  function countingClock(): () => number {
    let now = 0;
    return () => (now += 1);
  }

  it("time per evaluation", () => {
    const slow = Array.from({ length: 40 }, (_, i) => `a*${i}`).join(" + ");
    const text = source({ variables: [{ name: "a", value: "2" }, { name: "b", value: "a + 1" }, { name: "m", value: slow }] });
    const issue = runtimeIssue(text, { evaluationMs: 50, buildMs: 1_000_000, clock: countingClock() });
    expect(issue.code).toBe("too-slow");
    expect(issue.field).toBe("variables[2].value");
    expect(issue.line).toBe(lineContaining(text, "a*39"));
    expect(issue.message).toContain("at most 50 ms");
  });

  it("time per build", () => {
    const text = source({
      variables: [{ name: "a", value: "2" }, ...Array.from({ length: 30 }, (_, i) => ({ name: `m${i}`, value: "a * a + a" }))],
    });
    const issue = runtimeIssue(text, { evaluationMs: 1_000_000, buildMs: 100, clock: countingClock() });
    expect(issue.code).toBe("too-slow");
    expect(issue.message).toContain("at most 100 ms to build");
  });

  it("slow numerics call stops the build", () => {
    // Real clock: a 30-fold OLS fit on 1000 points takes well over 1 ms on any machine.
    const slow = Array.from({ length: 30 }, () => "ols_test_mse(d.x,d.y,d.x,d.y)").join("+");
    const text = source({ variables: [{ name: "a", value: "2" }, { name: "d", value: "sine_data(1000, 0.3, -3, 3)" }, { name: "m", value: slow }] });
    const issue = runtimeIssue(text, { evaluationMs: 1, buildMs: 1 });
    expect(issue.code).toBe("too-slow");
  });
});

describe("seed test", () => {
  it("demo template passes 100 seeds", () => {
    const report = runSeedBatch(compile(DENSE_NETWORK_TEMPLATE), { firstSeed: 1, seeds: 100, timeBudgetMs: 60_000 });
    expect(report.seeds).toBe(100);
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(100);
  });

  it("reports a misconception collision", () => {
    // "a * 100 + 7 - (a - a)" always equals the key.
    const text = source({
      parts: [
        {
          id: "result",
          label: "Result",
          type: "integer",
          answer: "a * 100 + 7",
          misconceptions: [{ tag: "same-as-key", answer: "a * 100 + 7 - (a - a)", message: "Never shown." }],
        },
      ],
    });
    const report = runSeedBatch(compile(text), { firstSeed: 1, seeds: 5, timeBudgetMs: 10_000 });
    expect(report.collisions.map((collision) => collision.tag)).toEqual(Array(5).fill("same-as-key"));
  });

  it("reports degenerate draws", () => {
    const text = source({ conditions: [{ require: "a > 100", message: "a must exceed 100" }] });
    const report = runSeedBatch(compile(text), { firstSeed: 1, seeds: 2, timeBudgetMs: 10_000 });
    expect(report.degenerateSeeds).toEqual([1, 2]);
    expect(report.failures[0]?.check).toBe("degenerate-draw");
  });

  it("reports a leaked key", () => {
    const text = source({ prompt: "The answer is {{a * 100 + 7}}.", variables: [{ name: "a", value: "randint(20, 90)" }] });
    const report = runSeedBatch(compile(text), { firstSeed: 1, seeds: 3, timeBudgetMs: 10_000 });
    expect(report.failed).toBe(3);
    expect(report.failures[0]?.check).toBe("no-leak");
  });
});
