import type { AnswerKey, AnswerSpec, Misconception } from "@/lib/grading";
import type { Rng } from "@/lib/numerics";
import type { QuestionContent, QuestionDefinition, QuestionPart } from "@/lib/questions/definition";
import { RejectDraw } from "@/lib/questions/errors";

import { TemplateCompileError, TemplateRuntimeError, type TemplateIssue } from "./errors";
import { TEMPLATE_FUNCTIONS } from "./functions";
import { JsonSourceError, lineOf, parseJsonSource } from "./json-source";
import { TEMPLATE_LIMITS } from "./limits";
import { compilePlaceholders, fillPlaceholders, type Placeholder } from "./placeholders";
import { Budget, compileExpression, evaluateExpression, type CompiledExpression, type TimeLimits } from "./sandbox";
import { templateSchema, UNSAFE_TEXT, type TemplatePartSource, type TemplateSource } from "./schema";
import { describeType, isDataSet, SandboxError, type DataSetValue, type Value } from "./values";

/** Names every expression may read without defining them. */
const BUILT_IN_NAMES = new Set(["pi", "e", "true", "false"]);

/** Parameters of one draw: the value of every variable, by name. */
export interface TemplateParams {
  values: Record<string, Value>;
}

interface CompiledText {
  text: string;
  field: string;
  placeholders: Placeholder[];
}

interface CompiledPart {
  source: TemplatePartSource;
  field: string;
  label: CompiledText;
  /** Key text with placeholders for expression parts; an expression for the other types. */
  answer: CompiledExpression | CompiledText;
  misconceptions: { tag: string; message: string; field: string; answer: CompiledExpression | CompiledText }[];
}

/** A compiled template: the question definition and the validated source it came from. */
export interface CompiledTemplate {
  definition: QuestionDefinition;
  template: TemplateSource;
}

/** Part id → the name that the solution uses for that part's key, e.g. "test-mae" → "answer_test_mae". */
export function answerName(partId: string): string {
  return `answer_${partId.replace(/-/g, "_")}`;
}

/**
 * Compiles the JSON source of a template into a question definition. Every problem found before
 * drawing (JSON syntax, schema, expression syntax, unknown functions and variables, random calls
 * outside `variables`) is collected into one TemplateCompileError, each issue naming its line.
 */
export function compileTemplate(
  sourceText: string,
  options: { questionId: string; version: number; timeLimits?: TimeLimits },
): CompiledTemplate {
  if (sourceText.length > TEMPLATE_LIMITS.maxSourceLength) {
    throw new TemplateCompileError([
      {
        line: 1,
        field: "",
        code: "too-large",
        message: `the source has ${sourceText.length} characters; at most ${TEMPLATE_LIMITS.maxSourceLength} are allowed.`,
      },
    ]);
  }

  let parsed: ReturnType<typeof parseJsonSource>;
  try {
    parsed = parseJsonSource(sourceText);
  } catch (error) {
    if (error instanceof JsonSourceError) {
      throw new TemplateCompileError([{ line: error.line, field: "", code: "json", message: `invalid JSON at ${error.message}` }]);
    }
    throw error;
  }
  const lines = parsed.lines;
  const at = (field: string) => lineOf(lines, field);

  const schema = templateSchema.safeParse(parsed.value);
  if (!schema.success) {
    throw new TemplateCompileError(
      schema.error.issues.slice(0, 20).map((issue) => {
        const field = issue.path.map((key, index) => (typeof key === "number" ? `[${key}]` : `${index === 0 ? "" : "."}${String(key)}`)).join("");
        return { line: at(field), field, code: "schema" as const, message: schemaMessage(issue) };
      }),
    );
  }
  const template = schema.data;
  const issues: TemplateIssue[] = [];
  const record = (field: string, error: unknown) => {
    if (error instanceof SandboxError) issues.push({ line: at(field), field, code: error.code, message: error.message });
    else throw error;
  };

  // Static checks: every name is defined before its use, random draws only in variables.
  const defined = new Set<string>();
  const compileIn = (text: string, field: string, names: ReadonlySet<string>, allowRandom: boolean): CompiledExpression | null => {
    try {
      const expression = compileExpression(text);
      checkNames(expression, names, allowRandom);
      return expression;
    } catch (error) {
      record(field, error);
      return null;
    }
  };
  const compileText = (text: string, field: string, names: ReadonlySet<string>): CompiledText => {
    try {
      const placeholders = compilePlaceholders(text);
      for (const placeholder of placeholders) checkNames(placeholder.expression, names, false);
      return { text, field, placeholders };
    } catch (error) {
      record(field, error);
      return { text, field, placeholders: [] };
    }
  };

  const variables: { name: string; field: string; expression: CompiledExpression | null }[] = [];
  template.variables.forEach((variable, index) => {
    const field = `variables[${index}]`;
    if (defined.has(variable.name) || BUILT_IN_NAMES.has(variable.name) || variable.name in TEMPLATE_FUNCTIONS) {
      issues.push({
        line: at(`${field}.name`),
        field: `${field}.name`,
        code: "not-allowed",
        message: `the name "${variable.name}" is already taken (by an earlier variable, a constant or a function). Choose another name.`,
      });
    }
    variables.push({ name: variable.name, field: `${field}.value`, expression: compileIn(variable.value, `${field}.value`, defined, true) });
    defined.add(variable.name);
  });

  const conditions = template.conditions.map((condition, index) => ({
    field: `conditions[${index}].require`,
    message: condition.message,
    expression: compileIn(condition.require, `conditions[${index}].require`, defined, false),
  }));

  const partIds = new Set<string>();
  const parts: CompiledPart[] = template.parts.map((part, index) => {
    const field = `parts[${index}]`;
    if (partIds.has(part.id)) {
      issues.push({ line: at(`${field}.id`), field: `${field}.id`, code: "not-allowed", message: `the part id "${part.id}" repeats. Give each part its own id.` });
    }
    partIds.add(part.id);
    const compileAnswer = (text: string, answerField: string) =>
      part.type === "expression" ? compileText(text, answerField, defined) : (compileIn(text, answerField, defined, false) ?? compileText("", answerField, defined));
    const tags = new Set<string>();
    return {
      source: part,
      field,
      label: compileText(part.label, `${field}.label`, defined),
      answer: compileAnswer(part.answer, `${field}.answer`),
      misconceptions: part.misconceptions.map((misconception, position) => {
        const misconceptionField = `${field}.misconceptions[${position}]`;
        if (tags.has(misconception.tag)) {
          issues.push({ line: at(`${misconceptionField}.tag`), field: `${misconceptionField}.tag`, code: "not-allowed", message: `the tag "${misconception.tag}" repeats within this part.` });
        }
        tags.add(misconception.tag);
        return {
          tag: misconception.tag,
          message: misconception.message,
          field: `${misconceptionField}.answer`,
          answer: compileAnswer(misconception.answer, `${misconceptionField}.answer`),
        };
      }),
    };
  });

  const prompt = compileText(template.prompt, "prompt", defined);
  const solutionNames = new Set([...defined, ...template.parts.map((part) => answerName(part.id))]);
  const solution = compileText(template.solution, "solution", solutionNames);
  if (template.csv !== undefined && !defined.has(template.csv)) {
    issues.push({ line: at("csv"), field: "csv", code: "unknown-variable", message: `"${template.csv}" is not a variable of this template. Name a variable that contains a data set.` });
  }

  if (issues.length > 0) throw new TemplateCompileError(issues.slice(0, 20));

  const run = new TemplateRun(template, lines, options.timeLimits ?? TEMPLATE_LIMITS);
  const definition: QuestionDefinition = {
    meta: {
      id: options.questionId,
      version: String(options.version),
      title: template.title,
      topics: template.topics,
      difficulty: template.difficulty,
      expectedMinutes: template.expectedMinutes,
    },
    generate: (rng: Rng) => run.generate(rng, variables as { name: string; field: string; expression: CompiledExpression }[], conditions as { field: string; message: string; expression: CompiledExpression }[]),
    build: (params: unknown) => run.build(params as TemplateParams, { parts, prompt, solution }),
  };
  return { definition, template };
}

function checkNames(expression: CompiledExpression, names: ReadonlySet<string>, allowRandom: boolean): void {
  for (const name of expression.names) {
    if (!names.has(name) && !BUILT_IN_NAMES.has(name)) {
      const known = [...names];
      throw new SandboxError(
        "unknown-variable",
        `the variable "${name}" is not defined here. ${known.length > 0 ? `Defined before this point: ${known.join(", ")}.` : "No variable is defined before this point."}`,
      );
    }
  }
  if (!allowRandom) {
    const random = findCalls(expression).find((name) => TEMPLATE_FUNCTIONS[name]?.random === true);
    if (random !== undefined) {
      throw new SandboxError(
        "random-not-allowed",
        `${random}(...) draws random numbers, which is allowed only in "variables". Draw the value there and use its name here.`,
      );
    }
  }
}

function findCalls(expression: CompiledExpression): string[] {
  const calls: string[] = [];
  const visit = (node: unknown) => {
    if (node === null || typeof node !== "object") return;
    const typed = node as { type?: string; fn?: { name?: string } };
    if (typed.type === "FunctionNode" && typed.fn?.name) calls.push(typed.fn.name);
    for (const [key, child] of Object.entries(node)) {
      if (key === "comment") continue;
      if (Array.isArray(child)) child.forEach(visit);
      else if (typeof child === "object") visit(child);
    }
  };
  visit(expression.tree);
  return calls;
}

function schemaMessage(issue: { code: string; message: string; path: PropertyKey[] }): string {
  if (issue.code === "unrecognized_keys") return `${issue.message}. Remove the field or check its spelling.`;
  if (issue.path.length === 0) return issue.message;
  return `${issue.message}.`;
}

/** Draws and builds variants of one compiled template, and locates runtime errors by the line map. */
class TemplateRun {
  private readonly budgets = new WeakMap<object, Budget>();

  constructor(
    private readonly template: TemplateSource,
    private readonly lines: ReadonlyMap<string, number>,
    private readonly timeLimits: TimeLimits,
  ) {}

  private fail(field: string, error: unknown): never {
    if (error instanceof SandboxError) {
      throw new TemplateRuntimeError({ line: lineOf(this.lines, field), field, code: error.code, message: error.message });
    }
    throw error;
  }

  generate(
    rng: Rng,
    variables: { name: string; field: string; expression: CompiledExpression }[],
    conditions: { field: string; message: string; expression: CompiledExpression }[],
  ): TemplateParams {
    const budget = new Budget(this.timeLimits);
    const scope = new Map<string, Value>();
    for (const variable of variables) {
      try {
        scope.set(variable.name, evaluateExpression(variable.expression, scope, { rng, budget }));
      } catch (error) {
        this.fail(variable.field, error);
      }
    }
    for (const condition of conditions) {
      let holds: Value;
      try {
        holds = evaluateExpression(condition.expression, scope, { rng: null, budget });
      } catch (error) {
        this.fail(condition.field, error);
      }
      if (typeof holds !== "boolean") {
        this.fail(condition.field, new SandboxError("wrong-type", `a condition must be true or false, but it is ${describeType(holds)}.`));
      }
      if (!holds) throw new RejectDraw(`line ${lineOf(this.lines, condition.field)}: ${condition.message}`);
    }
    const params: TemplateParams = { values: Object.fromEntries(scope) };
    this.budgets.set(params, budget);
    return params;
  }

  build(params: TemplateParams, compiled: { parts: CompiledPart[]; prompt: CompiledText; solution: CompiledText }): QuestionContent {
    const budget = this.budgets.get(params) ?? new Budget(this.timeLimits);
    const scope = new Map<string, Value>(Object.entries(params.values));
    const evaluate = (expression: CompiledExpression, field: string): Value => {
      try {
        return evaluateExpression(expression, scope, { rng: null, budget });
      } catch (error) {
        return this.fail(field, error);
      }
    };
    const fill = (text: CompiledText, names: Map<string, Value> = scope): string => {
      let filled: string;
      try {
        filled = fillPlaceholders(text.text, text.placeholders, (expression) => evaluateExpression(expression, names, { rng: null, budget }));
      } catch (error) {
        return this.fail(text.field, error);
      }
      if (UNSAFE_TEXT.test(filled)) {
        this.fail(text.field, new SandboxError("not-allowed", "a placeholder put an HTML tag or a Markdown link into the text. Placeholders must give numbers or plain text."));
      }
      if (filled.length > TEMPLATE_LIMITS.maxTextLength) {
        this.fail(text.field, new SandboxError("too-large", `the text has ${filled.length} characters after filling its placeholders; at most ${TEMPLATE_LIMITS.maxTextLength} are allowed.`));
      }
      return filled;
    };
    const answerOf = (part: CompiledPart, answer: CompiledExpression | CompiledText, field: string): AnswerKey => {
      if ("placeholders" in answer) return fill(answer);
      return this.toKey(part.source, evaluate(answer, field), field);
    };

    const solutionScope = new Map(scope);
    const parts: QuestionPart[] = compiled.parts.map((part) => {
      const key = answerOf(part, part.answer, `${part.field}.answer`);
      solutionScope.set(answerName(part.source.id), Array.isArray(key) ? (key as number[]) : (key as number | string));
      const misconceptions: Misconception[] = part.misconceptions.map((misconception) => ({
        tag: misconception.tag,
        message: misconception.message,
        value: answerOf(part, misconception.answer, misconception.field),
      }));
      return { id: part.source.id, label: fill(part.label), spec: this.specOf(part.source, key), key, misconceptions };
    });

    const content: QuestionContent = {
      prompt: fill(compiled.prompt),
      parts,
      solution: fill(compiled.solution, solutionScope),
    };
    if (this.template.csv !== undefined) {
      const data = scope.get(this.template.csv);
      if (data === undefined || !isDataSet(data)) {
        this.fail("csv", new SandboxError("wrong-type", `"${this.template.csv}" must hold a data set (from sine_data, poly_data, ar1_data or hitters_split), but it is ${data === undefined ? "undefined" : describeType(data)}.`));
      }
      content.csv = { filename: `${this.template.csv}.csv`, text: dataSetCsv(data) };
    }
    return content;
  }

  private toKey(part: TemplatePartSource, value: Value, field: string): AnswerKey {
    switch (part.type) {
      case "integer":
        if (typeof value !== "number" || !Number.isInteger(value)) {
          this.fail(field, new SandboxError("wrong-type", `an integer part needs a whole number, but the answer is ${describeType(value)}. Use round(...) or change the type to "number".`));
        }
        return value;
      case "number":
        if (typeof value !== "number") this.fail(field, new SandboxError("wrong-type", `a number part needs a number, but the answer is ${describeType(value)}.`));
        return value;
      case "vector":
        if (!Array.isArray(value) || value.length === 0 || value.length > 100 || value.some((entry) => typeof entry !== "number")) {
          this.fail(field, new SandboxError("wrong-type", `a vector part needs a list of 1 to 100 numbers, but the answer is ${describeType(value)}.`));
        }
        return value as number[];
      case "expression":
        return String(value);
    }
  }

  private specOf(part: TemplatePartSource, key: AnswerKey): AnswerSpec {
    switch (part.type) {
      case "integer":
        return { type: "integer" };
      case "number":
        return { type: "number", tolerance: part.tolerance };
      case "vector":
        return { type: "vector", length: (key as number[]).length, tolerance: part.tolerance };
      case "expression":
        return { type: "expression", variables: part.variables };
    }
  }
}

/** Writes a data set as CSV: equal-length vector fields side by side, Hitters as training then test rows. */
function dataSetCsv(data: DataSetValue): string {
  const { fields } = data;
  if (data.generator === "hitters_split") {
    const rows = (matrix: number[][], y: number[], split: string) => matrix.map((row, i) => [...row, y[i], split].join(","));
    const width = (fields.xTrain as number[][])[0]?.length ?? 0;
    const header = [...Array.from({ length: width }, (_, i) => `x${i + 1}`), "y", "split"].join(",");
    return [
      header,
      ...rows(fields.xTrain as number[][], fields.yTrain as number[], "train"),
      ...rows(fields.xTest as number[][], fields.yTest as number[], "test"),
    ].join("\n") + "\n";
  }
  const columns = Object.entries(fields).filter(([, values]) => values.every((value) => typeof value === "number")) as [string, number[]][];
  const length = columns[0]?.[1].length ?? 0;
  const kept = columns.filter(([, values]) => values.length === length);
  const lines = [kept.map(([name]) => name).join(",")];
  for (let i = 0; i < length; i += 1) lines.push(kept.map(([, values]) => String(values[i])).join(","));
  return lines.join("\n") + "\n";
}
