/**
 * The part of metric math the engine evaluates (evaluate-metric-math.ts): the functions below with their documented
 * argument counts, MIN/MAX/SUM/AVG of a list only (of one series they are a scalar over the whole fetched range),
 * and no quoted arguments or FILL keywords. Anything else is refused when the alarm is read, never evaluated wrongly.
 */
import { expressionProblem, mathNodes, MetricMathError, parseMetricMath, type MathNode } from "../../lib/metrics/metric-math";

export type MathFunction =
  | "FILL"
  | "IF"
  | "MIN"
  | "MAX"
  | "SUM"
  | "AVG"
  | "ABS"
  | "CEIL"
  | "FLOOR"
  | "HOUR"
  | "DAY"
  | "ANOMALY_DETECTION_BAND";

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

const isAggregate = (name: string) => name === "MIN" || name === "MAX" || name === "SUM" || name === "AVG";

/** Parses an expression and refuses what the engine does not evaluate. */
export function parseReplayableMath(expression: string, where: string): MathNode {
  return checkReplayable(parseMetricMath(expression, where), expression, where);
}

/** `node` (parsed from `expression`) when the engine evaluates all of it; a MetricMathError naming the first part it does not. */
export function checkReplayable(node: MathNode, expression: string, where: string): MathNode {
  const fail = (problem: string): never => {
    throw new MetricMathError(expressionProblem(where, expression, problem));
  };
  const lists = new Set<MathNode>();
  for (const n of mathNodes(node)) {
    if (n.kind === "string") fail(`a quoted argument '${n.text}' is not supported by the replay`);
    if (n.kind === "keyword") fail(`FILL(…, ${n.name}) is not supported by the replay (only a number or a series)`);
    if (n.kind === "list" && !lists.has(n)) fail("a list [ … ] is only supported as the argument of MIN, MAX, SUM or AVG");
    if (n.kind !== "call") continue;
    if (!Object.hasOwn(ARITY, n.name)) fail(`unknown or unsupported function ${n.name}`);
    const [min, max] = ARITY[n.name as MathFunction];
    if (n.args.length < min || n.args.length > max)
      fail(`${n.name} takes ${min === max ? min : `${min} to ${max}`} arguments, got ${n.args.length}`);
    if (isAggregate(n.name)) {
      if (n.args[0]!.kind !== "list")
        fail(`${n.name} of a single series is a scalar over the whole fetched range; the replay supports ${n.name}([a, b, …]) only`);
      lists.add(n.args[0]!);
    }
  }
  return node;
}
