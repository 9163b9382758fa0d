import { describe, expect, it } from "vitest";

import question from "@/questions/model-preference-table";

import reference from "./fixtures/model-preference-table-reference.json";

type Params = Parameters<typeof question.build>[0];

function csvRows(text: string): Record<string, { predictors: number; trainMse: number; testMse: number }> {
  const rows = text.trim().split("\n").slice(1);
  return Object.fromEntries(
    rows.map((row) => {
      const [model, predictors, trainMse, testMse] = row.split(",");
      return [model!, { predictors: Number(predictors), trainMse: Number(trainMse), testMse: Number(testMse) }];
    }),
  );
}

describe("model-preference-table", () => {
  // numpy least squares and scikit-learn's Lasso at the cross-validated λ
  // (fixtures/make_reasoning_questions_reference.py).
  it.each(reference.cases.map((item) => [item.seed, item] as const))("seed %i table matches numpy and scikit-learn", (_seed, item) => {
    const content = question.build(item.params as Params);
    const rows = csvRows(content.csv!.text);
    for (const model of ["linear", "lasso", "intercept"] as const) {
      const expected = item[model];
      expect(Math.abs(rows[model]!.trainMse - expected.trainMse) / expected.trainMse, `${model} training MSE`).toBeLessThan(1e-6);
      expect(Math.abs(rows[model]!.testMse - expected.testMse) / expected.testMse, `${model} test MSE`).toBeLessThan(1e-6);
    }
    expect(rows.lasso!.predictors).toBe(item.lasso.predictors);

    const preferred = (["linear", "lasso", "intercept"] as const).reduce((best, model) => (item[model].testMse < item[best].testMse ? model : best));
    const part = content.parts.find((candidate) => candidate.id === "preferred-model")!;
    if (part.spec.type !== "single-choice") throw new Error("expected a single choice");
    const chosen = part.spec.options.find((option) => option.id === part.key)!.text.toLowerCase();
    expect(chosen).toContain({ linear: "linear regression", lasso: "lasso", intercept: "intercept-only" }[preferred]);
  });

  it("always marks least squares as lowest in training MSE", () => {
    for (const item of reference.cases) {
      expect(item.linear.trainMse).toBeLessThanOrEqual(item.lasso.trainMse);
      const content = question.build(item.params as Params);
      const part = content.parts.find((candidate) => candidate.id === "supported-statements")!;
      if (part.spec.type !== "multiple-choice") throw new Error("expected a multiple choice");
      const statement = part.spec.options.find((option) => option.text.startsWith("Linear regression has the lowest training MSE"));
      if (statement) expect(part.key as string[]).toContain(statement.id);
    }
  });
});
