import { create, parseDependencies } from "mathjs";

import { TEMPLATE_FUNCTIONS, functionNamesForMessage, type CallContext } from "./functions";
import { TEMPLATE_LIMITS } from "./limits";
import { checkSize, describeType, expectBoolean, expectInteger, formatForMessage, isDataSet, SandboxError, type Value } from "./values";

/**
 * The parser of template expressions. Like the student-input parser in lib/grading it is a mathjs
 * instance built from `parseDependencies` alone, so it has no evaluate, import, createUnit,
 * simplify or compile. Its tree is walked by `evaluateExpression` below, which accepts a fixed set
 * of node types and calls only the functions in TEMPLATE_FUNCTIONS.
 */
const restrictedMath = createRestrictedMath();

function createRestrictedMath() {
  if (parseDependencies === undefined) throw new Error("mathjs parseDependencies is missing; check the mathjs version");
  return create({ parseDependencies }, { number: "number" });
}

/** Loose view of a mathjs node; only the fields the evaluator reads. */
interface MathNode {
  type: string;
  fn?: unknown;
  op?: string;
  args?: MathNode[];
  name?: string;
  value?: unknown;
  content?: MathNode;
  items?: MathNode[];
  object?: MathNode;
  index?: { dimensions: MathNode[]; dotNotation: boolean };
  condition?: MathNode;
  trueExpr?: MathNode;
  falseExpr?: MathNode;
}

/** A parsed expression, ready to evaluate many times. */
export interface CompiledExpression {
  text: string;
  tree: MathNode;
  /** Names the expression reads, in order of first use. */
  names: string[];
}

/** A wall-clock deadline shared by the evaluations of one build. */
export class Budget {
  private readonly buildDeadline: number;
  readonly now: () => number;
  constructor(private readonly limits: TimeLimits = TEMPLATE_LIMITS) {
    this.now = limits.clock ?? (() => performance.now());
    this.buildDeadline = this.now() + limits.buildMs;
  }
  /** Deadline of one evaluation that starts now: the earlier of its own budget and the build's. */
  evaluationDeadline(): { at: number; reason: string } {
    const own = this.now() + this.limits.evaluationMs;
    return own <= this.buildDeadline
      ? { at: own, reason: `one expression may take at most ${this.limits.evaluationMs} ms` }
      : { at: this.buildDeadline, reason: `one variant may take at most ${this.limits.buildMs} ms to build` };
  }
}

/** Wall-clock budgets in milliseconds; TEMPLATE_LIMITS holds the defaults. */
export interface TimeLimits {
  evaluationMs: number;
  buildMs: number;
  /** Milliseconds since an arbitrary origin; performance.now() unless a test passes a counting clock. */
  clock?: () => number;
}

const BLOCKED_NODE_MESSAGES: Record<string, string> = {
  AssignmentNode: "assignments (x = ...) are not allowed. Define a variable in the \"variables\" list instead.",
  FunctionAssignmentNode: "function definitions are not allowed. Only the listed functions can be called.",
  BlockNode: "several statements (separated by ; or a line break) are not allowed. Write one expression.",
  ObjectNode: "objects { ... } are not allowed. Use lists [ ... ].",
  RangeNode: "ranges (a:b) are not allowed. Write the list out, e.g. [1, 2, 3].",
  RelationalNode: "chained comparisons (a < b < c) are not allowed. Write a < b and b < c.",
};

/** Parses an expression and checks its size and node types, or throws SandboxError. */
export function compileExpression(text: string): CompiledExpression {
  if (typeof text !== "string" || text.trim() === "") {
    throw new SandboxError("syntax", "the expression is empty. Write an expression such as randint(1, 10).");
  }
  if (text.length > TEMPLATE_LIMITS.maxExpressionLength) {
    throw new SandboxError("too-large", `the expression has ${text.length} characters; at most ${TEMPLATE_LIMITS.maxExpressionLength} are allowed. Split it into several variables.`);
  }
  let tree: MathNode;
  try {
    tree = restrictedMath.parse(text) as unknown as MathNode;
  } catch (error) {
    throw new SandboxError("syntax", `the expression "${text}" cannot be read: ${(error as Error).message}.`);
  }

  const names: string[] = [];
  let nodes = 0;
  const check = (node: MathNode, depth: number): void => {
    nodes += 1;
    if (nodes > TEMPLATE_LIMITS.maxExpressionNodes || depth > 100) {
      throw new SandboxError("too-large", `the expression is too large (more than ${TEMPLATE_LIMITS.maxExpressionNodes} parts). Split it into several variables.`);
    }
    const blocked = BLOCKED_NODE_MESSAGES[node.type];
    if (blocked !== undefined) throw new SandboxError("not-allowed", blocked);
    switch (node.type) {
      case "ConstantNode":
        if (typeof node.value !== "number" && typeof node.value !== "string" && typeof node.value !== "boolean") {
          throw new SandboxError("not-allowed", `the constant ${String(node.value)} is not allowed.`);
        }
        return;
      case "SymbolNode":
        if (!names.includes(node.name!)) names.push(node.name!);
        return;
      case "FunctionNode": {
        const fn = node.fn as MathNode;
        if (fn.type !== "SymbolNode") throw new SandboxError("not-allowed", "only named functions from the list can be called (no methods or computed functions).");
        checkFunctionName(fn.name!);
        for (const arg of node.args ?? []) check(arg, depth + 1);
        return;
      }
      case "OperatorNode":
        if (operatorOf(node) === undefined) {
          throw new SandboxError("not-allowed", `the operator "${node.op}" is not allowed. Use + - * / ^, comparisons, and, or, not.`);
        }
        for (const arg of node.args ?? []) check(arg, depth + 1);
        return;
      case "ParenthesisNode":
        check(node.content!, depth + 1);
        return;
      case "ArrayNode":
        for (const item of node.items ?? []) check(item, depth + 1);
        return;
      case "ConditionalNode":
        check(node.condition!, depth + 1);
        check(node.trueExpr!, depth + 1);
        check(node.falseExpr!, depth + 1);
        return;
      case "AccessorNode": {
        check(node.object!, depth + 1);
        const dimensions = node.index?.dimensions ?? [];
        if (dimensions.length !== 1) throw new SandboxError("not-allowed", "index one entry at a time, e.g. x[1] or X[2][1].");
        if (!node.index!.dotNotation) check(dimensions[0]!, depth + 1);
        return;
      }
      default:
        throw new SandboxError("not-allowed", `this kind of expression (${node.type}) is not allowed.`);
    }
  };
  check(tree, 0);
  return { text, tree, names };
}

function checkFunctionName(name: string): void {
  if (!Object.prototype.hasOwnProperty.call(TEMPLATE_FUNCTIONS, name)) {
    throw new SandboxError("unknown-function", `the function "${name}" is unknown. Templates may call only: ${functionNamesForMessage()}.`);
  }
}

type Operator =
  | "add" | "subtract" | "multiply" | "divide" | "pow" | "unaryMinus" | "unaryPlus"
  | "smaller" | "larger" | "smallerEq" | "largerEq" | "equal" | "unequal" | "and" | "or" | "not";

const OPERATORS = new Set<string>([
  "add", "subtract", "multiply", "divide", "pow", "unaryMinus", "unaryPlus",
  "smaller", "larger", "smallerEq", "largerEq", "equal", "unequal", "and", "or", "not",
]);

function operatorOf(node: MathNode): Operator | undefined {
  return typeof node.fn === "string" && OPERATORS.has(node.fn) ? (node.fn as Operator) : undefined;
}

/** Names bound while evaluating: variables and data sets drawn so far. */
export type Scope = ReadonlyMap<string, Value>;

/**
 * Evaluates a compiled expression in a scope. Throws SandboxError for an unknown name, a wrong
 * type, a division by zero, a non-finite result, or a run past the budget's deadline.
 */
export function evaluateExpression(expression: CompiledExpression, scope: Scope, context: CallContext & { budget: Budget }): Value {
  const deadline = context.budget.evaluationDeadline();
  const checkTime = () => {
    if (context.budget.now() > deadline.at) throw new SandboxError("too-slow", `the evaluation took too long: ${deadline.reason}.`);
  };

  const numberArgs = (node: MathNode, op: string): [number, number] => {
    const [left, right] = (node.args ?? []).map(walk);
    if (typeof left !== "number" || typeof right !== "number") {
      throw new SandboxError(
        "wrong-type",
        `"${op}" works on numbers only, but it got ${describeType(left!)} and ${describeType(right!)}. Use sum(...), mean(...) or a function for lists.`,
      );
    }
    return [left, right];
  };

  const finite = (value: number, what: string): number => {
    if (!Number.isFinite(value)) throw new SandboxError("not-finite", `${what} is not a finite number (it gives ${String(value)}).`);
    return value;
  };

  const walk = (node: MathNode): Value => {
    checkTime();
    switch (node.type) {
      case "ConstantNode":
        return node.value as Value;
      case "SymbolNode": {
        const name = node.name!;
        const value = scope.get(name);
        if (value !== undefined) return value;
        if (name === "pi") return Math.PI;
        if (name === "e") return Math.E;
        if (name === "true") return true;
        if (name === "false") return false;
        const known = [...scope.keys()];
        throw new SandboxError(
          "unknown-variable",
          `the variable "${name}" is not defined here. ${known.length > 0 ? `Defined so far: ${known.join(", ")}.` : "No variable is defined yet."} Variables are drawn in order, so a variable can use only those listed before it.`,
        );
      }
      case "ParenthesisNode":
        return walk(node.content!);
      case "ArrayNode": {
        const items = (node.items ?? []).map(walk);
        checkSize(items, "A list");
        return items;
      }
      case "ConditionalNode":
        return expectBoolean(walk(node.condition!), "The condition before ?") ? walk(node.trueExpr!) : walk(node.falseExpr!);
      case "AccessorNode": {
        const object = walk(node.object!);
        const dimension = node.index!.dimensions[0]!;
        if (node.index!.dotNotation) {
          const field = String(dimension.value);
          if (!isDataSet(object)) throw new SandboxError("wrong-type", `".${field}" reads a field of a data set, but it was used on ${describeType(object)}.`);
          // Own fields only: "constructor" or "__proto__" must not reach Object.prototype.
          const value = Object.prototype.hasOwnProperty.call(object.fields, field) ? object.fields[field] : undefined;
          if (value === undefined) {
            throw new SandboxError("unknown-variable", `the data set has no field "${field}". Its fields are: ${Object.keys(object.fields).join(", ")}.`);
          }
          return value;
        }
        if (!Array.isArray(object)) throw new SandboxError("wrong-type", `[...] reads an entry of a list, but it was used on ${describeType(object)}.`);
        const position = expectInteger(walk(dimension), "A list index", 1, object.length);
        return object[position - 1]!;
      }
      case "FunctionNode": {
        const name = (node.fn as MathNode).name!;
        const fn = TEMPLATE_FUNCTIONS[name]!;
        const args = (node.args ?? []).map(walk);
        if (args.length < fn.minArgs || args.length > fn.maxArgs) {
          const count = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs}`;
          throw new SandboxError("wrong-arguments", `${name} takes ${count} arguments but got ${args.length}: ${fn.signature}.`);
        }
        const result = fn.call(args, context);
        checkTime();
        if (typeof result === "number") finite(result, `${name}(...)`);
        checkSize(result, `The result of ${name}`);
        return result;
      }
      case "OperatorNode": {
        const op = operatorOf(node)!;
        switch (op) {
          case "add": {
            const [a, b] = numberArgs(node, "+");
            return finite(a + b, "A sum");
          }
          case "subtract": {
            const [a, b] = numberArgs(node, "-");
            return finite(a - b, "A difference");
          }
          case "multiply": {
            const [a, b] = numberArgs(node, "*");
            return finite(a * b, "A product");
          }
          case "divide": {
            const [a, b] = numberArgs(node, "/");
            if (b === 0) throw new SandboxError("division-by-zero", `division by zero (${formatForMessage(a)} / 0). Add a condition that keeps the divisor away from 0.`);
            return finite(a / b, "A quotient");
          }
          case "pow": {
            const [a, b] = numberArgs(node, "^");
            return finite(a ** b, `${formatForMessage(a)}^${formatForMessage(b)}`);
          }
          case "unaryMinus":
          case "unaryPlus": {
            const value = walk(node.args![0]!);
            if (typeof value !== "number") throw new SandboxError("wrong-type", `a sign works on numbers only, but it got ${describeType(value)}.`);
            return op === "unaryMinus" ? -value : value;
          }
          case "smaller":
          case "larger":
          case "smallerEq":
          case "largerEq": {
            const [a, b] = numberArgs(node, node.op ?? op);
            if (op === "smaller") return a < b;
            if (op === "larger") return a > b;
            if (op === "smallerEq") return a <= b;
            return a >= b;
          }
          case "equal":
          case "unequal": {
            const [a, b] = (node.args ?? []).map(walk);
            const same = JSON.stringify(a) === JSON.stringify(b);
            return op === "equal" ? same : !same;
          }
          case "and":
            return expectBoolean(walk(node.args![0]!), "The left side of and") && expectBoolean(walk(node.args![1]!), "The right side of and");
          case "or":
            return expectBoolean(walk(node.args![0]!), "The left side of or") || expectBoolean(walk(node.args![1]!), "The right side of or");
          case "not":
            return !expectBoolean(walk(node.args![0]!), "The argument of not");
        }
      }
    }
    throw new SandboxError("not-allowed", `this kind of expression (${node.type}) is not allowed.`);
  };

  return walk(expression.tree);
}
