import { create, parseDependencies } from "mathjs";

import { GradingFormatError } from "./errors";
import { FUNCTION_ARITY, isFunctionName, type Expr, type FunctionName } from "./expr";
import { LIMITS } from "./limits";
import { prepareInput, quote, type InputContext } from "./normalize";
import { Rational } from "./rational";

/**
 * The only mathjs instance that parses student text. It is built from `parseDependencies` alone,
 * so it has no evaluate, import, createUnit, simplify or compile, and it reads numbers as
 * BigNumber so that decimal literals stay exact. Only its `parse` is kept; the tree it returns
 * is converted by the whitelist below and never evaluated by mathjs.
 */
const restrictedMath = createRestrictedMath();
const mathjsParse: (text: string) => unknown = restrictedMath.parse.bind(restrictedMath);

function createRestrictedMath() {
  if (parseDependencies === undefined) throw new Error("mathjs parseDependencies is missing; check the mathjs version");
  return create({ parseDependencies }, { number: "BigNumber", precision: 64 });
}

/** Names that are accepted without being declared. */
const CONSTANT_NAMES = new Set(["pi", "e"]);

const OPERATOR_SYMBOLS: Record<string, "+" | "-" | "*" | "/" | "^"> = {
  add: "+",
  subtract: "-",
  multiply: "*",
  divide: "/",
  pow: "^",
};

/** Names students type for values we do not accept, with the reason. */
const REJECTED_SYMBOLS: Record<string, string> = {
  Infinity: "Infinite values are not accepted; give a finite number.",
  inf: "Infinite values are not accepted; give a finite number.",
  infinity: "Infinite values are not accepted; give a finite number.",
  NaN: "NaN is not accepted; give a number.",
  i: "Complex numbers are not supported; answers are real.",
  j: "Complex numbers are not supported; answers are real.",
};

/** Reading context of a parse: the answer type and the names it may use. */
export interface ParseOptions {
  context: InputContext;
  /** Declared variable names (expression answers only). */
  variables?: readonly string[];
  /** 0: no brackets [ ]; 1: a vector; 2: a matrix (array of row arrays). */
  arrayDepth?: 0 | 1 | 2;
}

/** Loose view of a mathjs node; only the fields the converter reads. */
interface MathNode {
  type: string;
  fn?: unknown;
  op?: string;
  args?: MathNode[];
  name?: string;
  value?: unknown;
  content?: MathNode;
  items?: MathNode[];
  implicit?: boolean;
}

/**
 * Reads student text into a validated tree, or throws GradingFormatError naming what was wrong.
 * The property tests in test/unit/grading feed random text to check that no other error escapes.
 */
export function parseStudentText(raw: unknown, options: ParseOptions): { expr: Expr; text: string } {
  const text = prepareInput(raw, options.context);
  const tree = runMathjsParse(text);
  const converter = new Converter(options, numberLiterals(text));
  try {
    return { expr: converter.convert(tree, 0, 0), text };
  } catch (error) {
    if (error instanceof RangeError) {
      throw new GradingFormatError("TOO_DEEP", "The answer is nested too deeply to read. Simplify it.");
    }
    throw error;
  }
}

function runMathjsParse(text: string): MathNode {
  try {
    return mathjsParse(text) as MathNode;
  } catch (error) {
    if (error instanceof RangeError) {
      throw new GradingFormatError("TOO_DEEP", "The answer is nested too deeply to read. Simplify it.");
    }
    throw translateSyntaxError(text, error instanceof Error ? error.message : String(error));
  }
}

/** Turns a mathjs parse message into one that names the place and the fix. */
function translateSyntaxError(text: string, message: string): GradingFormatError {
  const position = /\(char (\d+)\)/.exec(message);
  const index = position ? Number(position[1]) - 1 : -1;
  const near = index >= 0 ? text.slice(Math.max(0, index - 8), index + 8).trim() : "";
  const unexpectedPart = /Unexpected part "([^"]*)"/.exec(message);
  if (unexpectedPart) {
    const before = text.slice(0, Math.max(0, index)).trimEnd();
    const previousToken = quote(/([A-Za-z0-9_.]+|\))$/.exec(before)?.[1] ?? before.slice(-1), 20);
    const nextToken = quote(unexpectedPart[1] ?? "", 20);
    return new GradingFormatError(
      "MISSING_OPERATOR",
      `An operator is missing between "${previousToken}" and "${nextToken}". Write * to multiply, e.g. ${previousToken}*${nextToken}.`,
    );
  }
  if (/Unexpected end of expression/.test(message)) {
    return new GradingFormatError("SYNTAX", `The answer ends too early: a number or variable is missing after "${text.slice(-8).trim()}".`);
  }
  if (/Value expected/.test(message)) {
    return new GradingFormatError("SYNTAX", `A number or variable is missing near "${near}" (character ${index + 1}).`);
  }
  if (/Parenthesis \) expected/.test(message)) {
    return new GradingFormatError("SYNTAX", `A closing bracket ")" is expected near "${near}" (character ${index + 1}).`);
  }
  if (/Unexpected operator/.test(message)) {
    const operator = /Unexpected operator (\S+)/.exec(message)?.[1] ?? "";
    return new GradingFormatError("SYNTAX", `The operator "${operator}" is out of place near "${near}" (character ${index + 1}).`);
  }
  if (/Digit expected/.test(message)) {
    return new GradingFormatError("SYNTAX", `A digit is expected after the exponent sign near "${near}", e.g. 1e-3.`);
  }
  return new GradingFormatError("SYNTAX", `The answer could not be read near "${near || text.slice(0, 16)}". Check for a missing number, operator or bracket.`);
}

/**
 * Number literals in source order, as mathjs tokenises them. Digits inside names ("x2", "mu0")
 * are skipped. The converter pairs them with ConstantNodes in tree order, which is source order
 * for these infix trees, so that "1.50" keeps its trailing zero for display and for counting
 * significant figures.
 */
function numberLiterals(text: string): string[] {
  const literals: string[] = [];
  for (const match of text.matchAll(/(?<![A-Za-z_0-9.])(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/g)) literals.push(match[0]);
  return literals;
}

class Converter {
  private nodes = 0;
  private literalIndex = 0;
  private readonly variables: ReadonlySet<string>;

  constructor(
    private readonly options: ParseOptions,
    private readonly literals: string[],
  ) {
    this.variables = new Set(options.variables ?? []);
  }

  convert(node: MathNode, depth: number, arrayLevel: number): Expr {
    this.nodes += 1;
    if (this.nodes > LIMITS.maxNodes) {
      throw new GradingFormatError("TOO_COMPLEX", `The answer has more than ${LIMITS.maxNodes} parts. Simplify it.`);
    }
    if (depth > LIMITS.maxTreeDepth) {
      throw new GradingFormatError("TOO_DEEP", `The answer is nested more than ${LIMITS.maxTreeDepth} levels deep. Simplify it.`);
    }
    switch (node.type) {
      case "ParenthesisNode":
        return this.convert(node.content as MathNode, depth + 1, arrayLevel);
      case "ConstantNode":
        return this.convertConstant(node);
      case "SymbolNode":
        return this.convertSymbol(node.name ?? "");
      case "OperatorNode":
        return this.convertOperator(node, depth, arrayLevel);
      case "FunctionNode":
        return this.convertFunction(node, depth);
      case "ArrayNode":
        return this.convertArray(node, depth, arrayLevel);
      default:
        throw notAllowed(node);
    }
  }

  private convertConstant(node: MathNode): Expr {
    const value = node.value;
    if (typeof value !== "object" || value === null || !("isBigNumber" in value)) {
      throw new GradingFormatError("NOT_ALLOWED", "Only numbers are accepted as values; text and true/false are not.");
    }
    const decimalText = String(value);
    const exact = Rational.fromDecimalString(decimalText);
    if (exact === null) {
      throw new GradingFormatError("OUT_OF_RANGE", `The number ${decimalText} is outside the accepted range (about 1e-300 to 1e300).`);
    }
    const literal = this.literals[this.literalIndex];
    this.literalIndex += 1;
    const literalValue = literal === undefined ? null : Rational.fromDecimalString(literal);
    const text = literal !== undefined && literalValue !== null && literalValue.equals(exact) ? literal : decimalText;
    return { kind: "number", value: exact, text };
  }

  private convertSymbol(name: string): Expr {
    if (this.variables.has(name)) return { kind: "variable", name };
    if (CONSTANT_NAMES.has(name)) return { kind: "constant", name: name as "pi" | "e" };
    const rejected = REJECTED_SYMBOLS[name];
    if (rejected !== undefined) throw new GradingFormatError("NOT_ALLOWED", `"${quote(name)}" is not accepted. ${rejected}`);
    if (isFunctionName(name)) {
      throw new GradingFormatError(
        "FUNCTION_WITHOUT_BRACKETS",
        `The function ${name} needs brackets around its argument: write ${name}(x), not ${name} x.`,
        `${name}(x)`,
      );
    }
    throw this.unknownName(name, "variable");
  }

  private unknownName(name: string, kind: "variable" | "function"): GradingFormatError {
    const declared = [...this.variables];
    if (this.options.context !== "expression" && kind === "variable") {
      return new GradingFormatError(
        "VARIABLE_NOT_ALLOWED",
        `"${quote(name)}" is not a number. This answer must be a number; the only names allowed are pi and e.`,
      );
    }
    const caseMatch = declared.find((variable) => variable.toLowerCase() === name.toLowerCase());
    const split = name.length <= 40 ? splitIntoKnownNames(name, this.variables) : null;
    let hint: string | undefined;
    if (caseMatch !== undefined) hint = `Did you mean ${caseMatch}? Names are case-sensitive.`;
    else if (split !== null) hint = splitHint(split, kind);
    const known = declared.length > 0 ? `The variables in this question are ${declared.join(", ")}.` : "This question has no variables.";
    if (kind === "function") {
      return new GradingFormatError(
        "UNKNOWN_FUNCTION",
        `Unknown function "${quote(name)}". ${hint ?? `Allowed functions: ${Object.keys(FUNCTION_ARITY).join(", ")}.`}`,
        hint,
      );
    }
    return new GradingFormatError("UNKNOWN_VARIABLE", `Unknown variable "${quote(name)}". ${known}${hint ? ` ${hint}` : ""}`, hint);
  }

  private convertOperator(node: MathNode, depth: number, arrayLevel: number): Expr {
    const fn = typeof node.fn === "string" ? node.fn : "";
    const args = node.args ?? [];
    if (fn === "unaryPlus" && args.length === 1) return this.convert(args[0] as MathNode, depth + 1, arrayLevel);
    if (fn === "unaryMinus" && args.length === 1) {
      return { kind: "negate", arg: this.convert(args[0] as MathNode, depth + 1, arrayLevel) };
    }
    if (fn === "factorial" && args.length === 1) {
      return { kind: "factorial", arg: this.convert(args[0] as MathNode, depth + 1, arrayLevel) };
    }
    const op = OPERATOR_SYMBOLS[fn];
    if (op !== undefined && args.length === 2) {
      return {
        kind: "binary",
        op,
        left: this.convert(args[0] as MathNode, depth + 1, arrayLevel),
        right: this.convert(args[1] as MathNode, depth + 1, arrayLevel),
        implicit: node.implicit === true,
      };
    }
    const shown = node.op ?? fn;
    throw new GradingFormatError(
      "NOT_ALLOWED",
      `The operator "${shown}" is not accepted. Use only + - * / ^ and !.`,
    );
  }

  private convertFunction(node: MathNode, depth: number): Expr {
    const callee = node.fn as MathNode | undefined;
    if (callee === undefined || callee.type !== "SymbolNode") throw notAllowed(node);
    const name = callee.name ?? "";
    const rawArgs = node.args ?? [];

    // A declared variable or a constant followed by brackets is a product: K(p+1) = K*(p+1).
    if (this.variables.has(name) || CONSTANT_NAMES.has(name)) {
      if (rawArgs.length !== 1) {
        throw new GradingFormatError(
          "WRONG_ARGUMENT_COUNT",
          `"${quote(name)}(...)" with ${rawArgs.length} arguments cannot be read: ${name} is a variable, not a function. Write ${name}*(...) to multiply.`,
        );
      }
      return {
        kind: "binary",
        op: "*",
        left: this.convertSymbol(name),
        right: this.convert(rawArgs[0] as MathNode, depth + 1, 0),
        implicit: true,
      };
    }
    if (!isFunctionName(name)) {
      const rejected = REJECTED_SYMBOLS[name];
      if (rejected !== undefined) throw new GradingFormatError("NOT_ALLOWED", `"${quote(name)}" is not accepted. ${rejected}`);
      throw this.unknownName(name, "function");
    }
    const arity: readonly number[] = FUNCTION_ARITY[name];
    if (!arity.includes(rawArgs.length)) {
      const expected = arity.length === 1 ? `${arity[0]} argument${arity[0] === 1 ? "" : "s"}` : `${arity.join(" or ")} arguments`;
      throw new GradingFormatError(
        "WRONG_ARGUMENT_COUNT",
        `The function ${name} takes ${expected}, but ${rawArgs.length} ${rawArgs.length === 1 ? "was" : "were"} given.`,
      );
    }
    const args = rawArgs.map((arg) => this.convert(arg, depth + 1, 0));
    if (name === "factorial") return { kind: "factorial", arg: args[0] as Expr };
    const stored: FunctionName = name === "log" && args.length === 1 ? "ln" : name;
    return { kind: "call", name: stored, args };
  }

  private convertArray(node: MathNode, depth: number, arrayLevel: number): Expr {
    const allowedDepth = this.options.arrayDepth ?? 0;
    if (allowedDepth === 0) {
      throw new GradingFormatError("ARRAY_NOT_ALLOWED", "Square brackets [ ] are only for vector and matrix answers. Use ( ) for grouping.");
    }
    if (arrayLevel >= allowedDepth) {
      throw new GradingFormatError(
        "ARRAY_NOT_ALLOWED",
        allowedDepth === 1
          ? "A vector answer is one list such as [1, 2, 3]; brackets inside it are not accepted."
          : "A matrix answer is a list of rows such as [[1, 2], [3, 4]]; deeper nesting is not accepted.",
      );
    }
    const items = (node.items ?? []).map((item) => this.convert(item, depth + 1, arrayLevel + 1));
    return { kind: "array", items };
  }
}

function notAllowed(node: MathNode): GradingFormatError {
  const reasons: Record<string, string> = {
    AccessorNode: "A point may only be used as a decimal point, and [ ] only for vectors and matrices.",
    AssignmentNode: "Give only the value or expression, not an assignment.",
    FunctionAssignmentNode: "Defining functions is not accepted.",
    BlockNode: "Give a single answer, without ';' or line breaks between several expressions.",
    ConditionalNode: "Conditional expressions are not accepted.",
    IndexNode: "Indexing is not accepted.",
    ObjectNode: "Objects are not accepted.",
    RangeNode: "Ranges are not accepted.",
    RelationalNode: "Comparisons are not accepted.",
  };
  return new GradingFormatError("NOT_ALLOWED", reasons[node.type] ?? "This kind of expression is not accepted.");
}

/**
 * Splits a run of letters such as "xy" or "pizza" into declared names, constants and function
 * names (greedy, longest first). Used only for a hint; the answer is never read this way.
 */
function splitIntoKnownNames(name: string, variables: ReadonlySet<string>): string[] | null {
  const known = [...variables, ...CONSTANT_NAMES, ...Object.keys(FUNCTION_ARITY)].sort((a, b) => b.length - a.length);
  const parts: string[] = [];
  let rest = name;
  while (rest.length > 0) {
    const next = known.find((candidate) => rest.startsWith(candidate));
    if (next === undefined) {
      const digits = /^\d+/.exec(rest);
      if (digits === null || parts.length === 0) return null;
      parts.push(digits[0]);
      rest = rest.slice(digits[0].length);
      continue;
    }
    parts.push(next);
    rest = rest.slice(next.length);
  }
  return parts.length > 1 ? parts : null;
}

/** "x*y" for a product of names, "ln(abs(...))" for composed functions, "x*cos(...)" for a mix. */
function splitHint(parts: string[], kind: "variable" | "function"): string {
  const functionStart = parts.findIndex((part) => isFunctionName(part));
  if (kind === "function" && functionStart >= 0 && parts.slice(functionStart).every((part) => isFunctionName(part))) {
    const factors = parts.slice(0, functionStart);
    const composed = parts.slice(functionStart).reduceRight((inner, name) => `${name}(${inner})`, "...");
    return `Write ${[...factors, composed].join("*")}: put * between factors and brackets around each function's argument.`;
  }
  return `For a product write ${parts.join("*")}${kind === "function" ? "*(...)" : ""}.`;
}
