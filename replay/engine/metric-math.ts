/**
 * Parsing CloudWatch metric math ("Metric math syntax and functions", in "Using metric math") into a small tree the
 * engine evaluates (evaluate-metric-math.ts). jsep does the parsing, configured with CloudWatch's operators only:
 * + - * / ^ and unary -, the comparisons == != <= >= < >, and the logical operators the page lists, "AND or &&" and
 * "OR or ||". NOT/! is not in that list, so it is rejected, as is any function the engine does not model.
 * Precedence is the usual one (the page gives none): unary - binds tightest, then ^ (right-associative),
 * * /, + -, the comparisons, AND, OR. So -2^2 is (-2)^2 = 4.
 */
import jsep from "jsep";

export type ArithmeticOperator = "+" | "-" | "*" | "/" | "^";
export type ComparisonOperator = "==" | "!=" | "<=" | ">=" | "<" | ">";
export type LogicalOperator = "AND" | "OR";

export type MathFunction = "FILL" | "IF" | "MIN" | "MAX" | "SUM" | "AVG" | "ABS" | "CEIL" | "FLOOR" | "HOUR" | "DAY" | "ANOMALY_DETECTION_BAND";

export type MathNode =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "ref"; readonly id: string }
  | { readonly kind: "negate"; readonly argument: MathNode }
  | {
      readonly kind: "binary";
      readonly operator: ArithmeticOperator | ComparisonOperator | LogicalOperator;
      readonly left: MathNode;
      readonly right: MathNode;
    }
  | { readonly kind: "call"; readonly name: MathFunction; readonly args: readonly MathNode[] }
  /** `[a, b]`: only as the argument of MIN, MAX, SUM, AVG. */
  | { readonly kind: "list"; readonly items: readonly MathNode[] };

const ARITY: Readonly<Record<MathFunction, readonly [number, number]>> = {
  FILL: [2, 2],
  IF: [2, 3],
  MIN: [1, 1],
  MAX: [1, 1],
  SUM: [1, 1],
  AVG: [1, 1],
  ABS: [1, 1],
  CEIL: [1, 1],
  FLOOR: [1, 1],
  HOUR: [1, 1],
  DAY: [1, 1],
  ANOMALY_DETECTION_BAND: [1, 2],
};

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
  configured = true;
}

export class MetricMathError extends Error {}

/** Parses one metric_query expression; `where` names the alarm and query for error messages. */
export function parseMetricMath(expression: string, where: string): MathNode {
  configureJsep();
  const fail = (problem: string): never => {
    throw new MetricMathError(`${where}: expression ${JSON.stringify(expression)}: ${problem}`);
  };
  if (/\bNOT\b|!(?!=)/.test(expression)) {
    fail("NOT and ! are not metric math operators (the documented logical operators are AND/&& and OR/||)");
  }
  let tree: jsep.Expression;
  try {
    tree = jsep(expression);
  } catch (error) {
    return fail(`does not parse (${(error as Error).message})`);
  }
  return convert(tree, fail, false);
}

function convert(node: jsep.Expression, fail: (problem: string) => never, inAggregate: boolean): MathNode {
  switch (node.type) {
    case "Literal": {
      const value = (node as jsep.Literal).value;
      return typeof value === "number" ? { kind: "number", value } : fail(`unsupported literal ${String((node as jsep.Literal).raw)}`);
    }
    case "Identifier": {
      const id = (node as jsep.Identifier).name;
      if (id === "REPEAT" || id === "LINEAR") return fail(`FILL(…, ${id}) is not supported by the replay (only a number or a series)`);
      if (!/^[a-z][a-zA-Z0-9_]*$/.test(id)) return fail(`${id} is neither a query id (lowercase start) nor a value`);
      return { kind: "ref", id };
    }
    case "UnaryExpression":
      return { kind: "negate", argument: convert((node as jsep.UnaryExpression).argument, fail, false) };
    case "BinaryExpression": {
      const binary = node as jsep.BinaryExpression;
      const operator = binary.operator === "&&" ? "AND" : binary.operator === "||" ? "OR" : binary.operator;
      return {
        kind: "binary",
        operator: operator as ArithmeticOperator | ComparisonOperator | LogicalOperator,
        left: convert(binary.left, fail, false),
        right: convert(binary.right, fail, false),
      };
    }
    case "CallExpression": {
      const call = node as jsep.CallExpression;
      if (call.callee.type !== "Identifier") return fail("unsupported call");
      const name = (call.callee as jsep.Identifier).name;
      if (!Object.hasOwn(ARITY, name)) return fail(`unknown or unsupported function ${name}`);
      const [min, max] = ARITY[name as MathFunction];
      if (call.arguments.length < min || call.arguments.length > max) {
        return fail(`${name} takes ${min === max ? min : `${min} to ${max}`} arguments, got ${call.arguments.length}`);
      }
      const aggregate = name === "MIN" || name === "MAX" || name === "SUM" || name === "AVG";
      if (aggregate && call.arguments[0]!.type !== "ArrayExpression") {
        return fail(`${name} of a single series is a scalar over the whole fetched range; the replay supports ${name}([a, b, …]) only`);
      }
      return { kind: "call", name: name as MathFunction, args: call.arguments.map((a) => convert(a, fail, aggregate)) };
    }
    case "ArrayExpression": {
      if (!inAggregate) return fail("a list [ … ] is only supported as the argument of MIN, MAX, SUM or AVG");
      const elements = (node as jsep.ArrayExpression).elements;
      if (elements.length === 0 || elements.some((e) => e === null)) return fail("empty list element");
      return { kind: "list", items: elements.map((e) => convert(e!, fail, false)) };
    }
    default:
      return fail(`unsupported syntax (${node.type})`);
  }
}

/** The query ids an expression reads. */
export function referencedIds(node: MathNode): string[] {
  switch (node.kind) {
    case "number":
      return [];
    case "ref":
      return [node.id];
    case "negate":
      return referencedIds(node.argument);
    case "binary":
      return [...referencedIds(node.left), ...referencedIds(node.right)];
    case "call":
      return node.args.flatMap(referencedIds);
    case "list":
      return node.items.flatMap(referencedIds);
  }
}
