import type { SandboxErrorCode } from "./values";

/** One problem of a template, located by the line of its JSON source and the field path. */
export interface TemplateIssue {
  /** 1-based line of the JSON source. */
  line: number;
  /** Field path such as `parts[0].answer`; empty for the whole document. */
  field: string;
  code: SandboxErrorCode | "json" | "schema" | "degenerate-draw";
  message: string;
}

export function formatIssue(issue: TemplateIssue): string {
  return `line ${issue.line}${issue.field === "" ? "" : `, ${issue.field}`}: ${issue.message}`;
}

/** A template that cannot be compiled: invalid JSON, a schema violation or an invalid expression. */
export class TemplateCompileError extends Error {
  override readonly name = "TemplateCompileError";
  constructor(readonly issues: TemplateIssue[]) {
    super(`The template is invalid: ${issues.map(formatIssue).join("; ")}`);
  }
}

/** A template that compiled but failed while drawing or building one variant. */
export class TemplateRuntimeError extends Error {
  override readonly name = "TemplateRuntimeError";
  constructor(readonly issue: TemplateIssue) {
    super(formatIssue(issue));
  }
}
