/**
 * CloudWatch metric math ("Metric math syntax and functions", in "Using metric math"), parsed into a tree: the one
 * grammar the alarm and widget constructs, the inventory, the replay engine and the preview read expressions with.
 * jsep does the parsing, configured with CloudWatch's operators only: + - * / ^ and unary -, the comparisons
 * == != <= >= < >, and the logical operators the page lists, "AND or &&" and "OR or ||". NOT/! is not in that list:
 * it is parsed only to be refused by name. Precedence is the usual one (the page gives none): unary - binds
 * tightest, then ^ (right-associative), * /, + -, the comparisons, AND, OR. So -2^2 is (-2)^2 = 4.
 * Any upper-case function is syntax here (SEARCH, METRICS, RATE…); which of them the replay evaluates is the
 * engine's business (replay/engine/replayable-math.ts).
 */
import jsep from "jsep";

export type ArithmeticOperator = "+" | "-" | "*" | "/" | "^";
export type RelationalOperator = "==" | "!=" | "<=" | ">=" | "<" | ">";
export type LogicalOperator = "AND" | "OR";

/** The bare words FILL takes instead of a value: FILL(m, REPEAT), FILL(m, LINEAR). */
export type FillKeyword = "REPEAT" | "LINEAR";

export type MathNode =
  | { readonly kind: "number"; readonly value: number }
  /** A quoted argument (a SEARCH query, its statistic), as written between the quotes: a SEARCH query has escapes of its own. */
  | { readonly kind: "string"; readonly text: string }
  | { readonly kind: "ref"; readonly id: string }
  | { readonly kind: "keyword"; readonly name: FillKeyword }
  | { readonly kind: "negate"; readonly argument: MathNode }
  | {
      readonly kind: "binary";
      readonly operator: ArithmeticOperator | RelationalOperator | LogicalOperator;
      readonly left: MathNode;
      readonly right: MathNode;
    }
  | { readonly kind: "call"; readonly name: string; readonly args: readonly MathNode[] }
  /** `[a, b]`: a function's argument. */
  | { readonly kind: "list"; readonly items: readonly MathNode[] };

/** A metric_query id or a widget line id: "must start with a lowercase letter", then letters, digits and _. */
export const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/;
// Function names are upper case (FILL, ANOMALY_DETECTION_BAND), which is what tells them from query ids.
const FUNCTION_NAME = /^[A-Z][A-Z0-9_]*$/;
const FILL_KEYWORDS: readonly string[] = ["REPEAT", "LINEAR"] satisfies FillKeyword[];

let configured = false;

// jsep is configured globally; this module is its only user in the project.
function configureJsep(): void {
  if (configured) return;
  jsep.removeAllBinaryOps();
  jsep.removeAllUnaryOps();
  jsep.removeAllLiterals();
  jsep.addBinaryOp("OR", 1);
  jsep.addBinaryOp("||", 1);
  jsep.addBinaryOp("AND", 2);
  jsep.addBinaryOp("&&", 2);
  for (const op of ["==", "!=", "<=", ">=", "<", ">"]) jsep.addBinaryOp(op, 3);
  jsep.addBinaryOp("+", 4);
  jsep.addBinaryOp("-", 4);
  jsep.addBinaryOp("*", 5);
  jsep.addBinaryOp("/", 5);
  jsep.addBinaryOp("^", 6, true);
  jsep.addUnaryOp("-");
  // Not metric math, but parsed so that an expression using them is refused by name rather than as garbage.
  jsep.addUnaryOp("!");
  jsep.addUnaryOp("NOT");
  configured = true;
}

export class MetricMathError extends Error {}

/** How a problem with one expression is reported: `<where>: expression "<text>": <problem>`. */
export const expressionProblem = (where: string, expression: string, problem: string) =>
  `${where}: expression ${JSON.stringify(expression)}: ${problem}`;

/** Parses one expression; `where` names its alarm and query (or widget line) for error messages. */
export function parseMetricMath(expression: string, where: string): MathNode {
  configureJsep();
  const fail = (problem: string): never => {
    throw new MetricMathError(expressionProblem(where, expression, problem));
  };
  let tree: jsep.Expression;
  try {
    tree = jsep(expression);
  } catch (error) {
    return fail(`does not parse (${(error as Error).message})`);
  }
  return convert(tree, fail, false);
}

/** The parsed expression, or why it does not parse: for checks that list every problem at once. */
export function parseOrProblem(expression: string, where: string): { readonly tree: MathNode } | { readonly problem: string } {
  try {
    return { tree: parseMetricMath(expression, where) };
  } catch (error) {
    if (!(error instanceof MetricMathError)) throw error;
    return { problem: error.message };
  }
}

function convert(node: jsep.Expression, fail: (problem: string) => never, inCall: boolean): MathNode {
  switch (node.type) {
    case "Literal": {
      const { value, raw } = node as jsep.Literal;
      if (typeof value === "number") return { kind: "number", value };
      if (typeof value === "string" && inCall) return { kind: "string", text: raw.slice(1, -1) };
      return fail(`unsupported literal ${String(raw)}`);
    }
    case "Identifier": {
      const id = (node as jsep.Identifier).name;
      if (FILL_KEYWORDS.includes(id) && inCall) return { kind: "keyword", name: id as FillKeyword };
      if (!QUERY_ID.test(id)) return fail(`${id} is neither a query id (lowercase start) nor a value`);
      return { kind: "ref", id };
    }
    case "UnaryExpression": {
      const unary = node as jsep.UnaryExpression;
      if (unary.operator !== "-")
        return fail("NOT and ! are not metric math operators (the documented logical operators are AND/&& and OR/||)");
      return { kind: "negate", argument: convert(unary.argument, fail, false) };
    }
    case "BinaryExpression": {
      const binary = node as jsep.BinaryExpression;
      const operator = binary.operator === "&&" ? "AND" : binary.operator === "||" ? "OR" : binary.operator;
      return {
        kind: "binary",
        operator: operator as ArithmeticOperator | RelationalOperator | LogicalOperator,
        left: convert(binary.left, fail, false),
        right: convert(binary.right, fail, false),
      };
    }
    case "CallExpression": {
      const call = node as jsep.CallExpression;
      if (call.callee.type !== "Identifier") return fail("unsupported call");
      const name = (call.callee as jsep.Identifier).name;
      if (!FUNCTION_NAME.test(name)) return fail(`unknown or unsupported function ${name}`);
      return { kind: "call", name, args: call.arguments.map((a) => convert(a, fail, true)) };
    }
    case "ArrayExpression": {
      if (!inCall) return fail("a list [ … ] is only valid as a function's argument");
      const elements = (node as jsep.ArrayExpression).elements;
      if (elements.length === 0 || elements.some((e) => e === null)) return fail("empty list element");
      return { kind: "list", items: elements.map((e) => convert(e!, fail, false)) };
    }
    default:
      return fail(`unsupported syntax (${node.type})`);
  }
}

/** The nodes of a tree, the tree first, then each child's in order. */
export function mathNodes(node: MathNode): MathNode[] {
  switch (node.kind) {
    case "number":
    case "string":
    case "ref":
    case "keyword":
      return [node];
    case "negate":
      return [node, ...mathNodes(node.argument)];
    case "binary":
      return [node, ...mathNodes(node.left), ...mathNodes(node.right)];
    case "call":
      return [node, ...node.args.flatMap(mathNodes)];
    case "list":
      return [node, ...node.items.flatMap(mathNodes)];
  }
}

/** The query ids an expression reads, in order of appearance, each once. */
export function referencedIds(node: MathNode): string[] {
  return [...new Set(mathNodes(node).flatMap((n) => (n.kind === "ref" ? [n.id] : [])))];
}

/** Whether the expression calls `name` anywhere (SEARCH, ANOMALY_DETECTION_BAND). */
export const callsFunction = (node: MathNode, name: string): boolean => mathNodes(node).some((n) => n.kind === "call" && n.name === name);
