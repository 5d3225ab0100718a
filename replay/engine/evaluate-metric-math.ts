/**
 * Evaluating parsed metric math over a grid of period starts, one array slot per period; NaN is a missing point.
 * The rules are those of "Metric math syntax and functions" ("Using metric math"):
 * - Arithmetic: "Missing values in a time series are treated as 0. If the value of a data point causes a function
 *   to attempt to divide by zero, the data point is dropped." So between two series a point exists where either
 *   has one (the other counts 0); between a series and a number, where the series has one. Any non-finite result
 *   (x/0, 0/0, overflow) is dropped.
 * - Comparisons and AND/OR give 1 or 0; "When comparison operators are used between two time series, and only one of
 *   the time series has a value for a particular time stamp, the function treats the missing value in the other
 *   time series as 0". The engine applies the same to AND/OR.
 * - FILL(m, v): v where m is missing; v a number or a series.
 * - IF(cond, a, b), per "Using IF expressions": no point where cond has none; cond true and a a series without a
 *   point → 0; cond false with b omitted, or b a series without a point → no point. A number as cond picks a or b
 *   whole (b omitted: an empty series).
 * - SUM/AVG/MIN/MAX([a, b, …]) pointwise; AVG counts missing points as 0 (the page says so for AVG), SUM adds the
 *   points present; MIN/MAX take the points present (the page is silent). No point where no item has one.
 * - HOUR(m), DAY(m): per point of m, the UTC hour (0–23) and the day of the week (1 Monday … 7 Sunday) of its
 *   timestamp, the period's start (AWS blog "Enhance CloudWatch metrics with metric math functions", 2021). The
 *   sources do not say whether a missing point of m gets one; the engine gives none, and the stack only ever passes
 *   FILLed series, where the question does not arise.
 * - ANOMALY_DETECTION_BAND(m, k = 2): only as the whole expression of the alarm's threshold_metric_id.
 */
import { MetricMathError, type MathNode } from "../../lib/metrics/metric-math";

export type MathValue =
  | { readonly kind: "scalar"; readonly value: number }
  | { readonly kind: "series"; readonly values: Float64Array }
  | { readonly kind: "band"; readonly lower: Float64Array; readonly upper: Float64Array };

export interface MathContext {
  /** Grid length: every series has this many points. */
  readonly length: number;
  /** The timestamp (epoch seconds, the period's start) of point `i`. */
  timeOf(i: number): number;
  /** Where errors point to ("alarm X, query e1"). */
  readonly where: string;
  /** The value of another query id. */
  resolve(id: string): MathValue;
  /** ANOMALY_DETECTION_BAND of query `id` with `k` standard deviations. */
  band(id: string, k: number): MathValue;
}

export function evaluateMath(node: MathNode, context: MathContext): MathValue {
  const fail = (problem: string): never => {
    throw new MetricMathError(`${context.where}: ${problem}`);
  };
  const series = (value: MathValue, what: string): Float64Array | number =>
    value.kind === "scalar"
      ? value.value
      : value.kind === "series"
        ? value.values
        : fail(`${what}: a band cannot be used inside an expression`);
  const evaluate = (n: MathNode): MathValue => evaluateMath(n, context);

  switch (node.kind) {
    case "number":
      return { kind: "scalar", value: node.value };
    case "ref":
      return context.resolve(node.id);
    case "negate":
      return pointwise([series(evaluate(node.argument), "-")], context.length, (v) => -v!);
    case "binary": {
      const left = series(evaluate(node.left), node.operator);
      const right = series(evaluate(node.right), node.operator);
      return binary(node.operator, left, right, context.length);
    }
    case "list":
      return fail("a list is only valid inside MIN, MAX, SUM or AVG");
    case "string":
    case "keyword":
      return fail("a quoted argument or a FILL keyword is not evaluated");
    case "call":
      return call(node.name, node.args, context, evaluate, series, fail);
  }
}

function call(
  name: string,
  args: readonly MathNode[],
  context: MathContext,
  evaluate: (n: MathNode) => MathValue,
  series: (value: MathValue, what: string) => Float64Array | number,
  fail: (problem: string) => never,
): MathValue {
  const n = context.length;
  switch (name) {
    case "ABS":
      return pointwise([series(evaluate(args[0]!), name)], n, (v) => Math.abs(v!));
    case "CEIL":
      return pointwise([series(evaluate(args[0]!), name)], n, (v) => Math.ceil(v!));
    case "FLOOR":
      return pointwise([series(evaluate(args[0]!), name)], n, (v) => Math.floor(v!));
    case "FILL": {
      const target = series(evaluate(args[0]!), name);
      if (typeof target === "number") return fail("FILL needs a series as its first argument");
      const filler = series(evaluate(args[1]!), name);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = Number.isNaN(target[i]!) ? at(filler, i) : target[i]!;
      return { kind: "series", values: out };
    }
    case "HOUR":
    case "DAY": {
      const target = series(evaluate(args[0]!), name);
      if (typeof target === "number") return fail(`${name} needs a series as its argument`);
      const field = name === "HOUR" ? utcHour : isoWeekday;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = Number.isNaN(target[i]!) ? Number.NaN : field(context.timeOf(i));
      return { kind: "series", values: out };
    }
    case "IF":
      return conditional(
        args.map((a) => series(evaluate(a), name)),
        n,
      );
    case "SUM":
    case "AVG":
    case "MIN":
    case "MAX": {
      const list = args[0]!;
      if (list.kind !== "list") return fail(`${name} needs a list`);
      return aggregate(
        name,
        list.items.map((item) => series(evaluate(item), name)),
        n,
      );
    }
    case "ANOMALY_DETECTION_BAND": {
      const target = args[0]!;
      if (target.kind !== "ref") return fail("ANOMALY_DETECTION_BAND's first argument must be a query id");
      const k = args[1] === undefined ? 2 : evaluate(args[1]);
      if (typeof k !== "number" && k.kind !== "scalar") return fail("ANOMALY_DETECTION_BAND's second argument must be a number");
      const deviations = typeof k === "number" ? k : k.value;
      if (!(deviations > 0)) return fail("ANOMALY_DETECTION_BAND's number of standard deviations must be positive");
      return context.band(target.id, deviations);
    }
    default:
      return fail(`unknown or unsupported function ${name}`);
  }
}

const utcHour = (time: number): number => new Date(time * 1000).getUTCHours();
/** 1 Monday … 7 Sunday, as metric math numbers the days. */
const isoWeekday = (time: number): number => ((new Date(time * 1000).getUTCDay() + 6) % 7) + 1;

function at(value: Float64Array | number, i: number): number {
  return typeof value === "number" ? value : value[i]!;
}

/** A function of one or more operands applied per point; no point where any series operand has none. */
function pointwise(operands: readonly (Float64Array | number)[], n: number, f: (...v: number[]) => number): MathValue {
  if (operands.every((o) => typeof o === "number")) {
    const value = f(...(operands as number[]));
    return { kind: "scalar", value: Number.isFinite(value) ? value : Number.NaN };
  }
  const out = new Float64Array(n);
  const args = new Array<number>(operands.length);
  for (let i = 0; i < n; i++) {
    let missing = false;
    for (let j = 0; j < operands.length; j++) {
      args[j] = at(operands[j]!, i);
      if (Number.isNaN(args[j]!)) missing = true;
    }
    const value = missing ? Number.NaN : f(...args);
    out[i] = Number.isFinite(value) ? value : Number.NaN;
  }
  return { kind: "series", values: out };
}

const OPERATIONS: Readonly<Record<string, (a: number, b: number) => number>> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => (b === 0 ? Number.NaN : a / b),
  "^": (a, b) => a ** b,
  "==": (a, b) => (a === b ? 1 : 0),
  "!=": (a, b) => (a !== b ? 1 : 0),
  "<=": (a, b) => (a <= b ? 1 : 0),
  ">=": (a, b) => (a >= b ? 1 : 0),
  "<": (a, b) => (a < b ? 1 : 0),
  ">": (a, b) => (a > b ? 1 : 0),
  AND: (a, b) => (a !== 0 && b !== 0 ? 1 : 0),
  OR: (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
};

function binary(operator: string, left: Float64Array | number, right: Float64Array | number, n: number): MathValue {
  const f = OPERATIONS[operator]!;
  if (typeof left !== "number" && typeof right !== "number") {
    // Two series: a point where either has one, the other's missing point counting 0.
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = left[i]!;
      const b = right[i]!;
      const aMissing = Number.isNaN(a);
      const bMissing = Number.isNaN(b);
      const value = aMissing && bMissing ? Number.NaN : f(aMissing ? 0 : a, bMissing ? 0 : b);
      out[i] = Number.isFinite(value) ? value : Number.NaN;
    }
    return { kind: "series", values: out };
  }
  return pointwise([left, right], n, f);
}

function conditional(args: readonly (Float64Array | number)[], n: number): MathValue {
  const [condition, whenTrue, whenFalse] = args as [Float64Array | number, Float64Array | number, (Float64Array | number)?];
  if (typeof condition === "number") {
    const picked = condition !== 0 && !Number.isNaN(condition) ? whenTrue : whenFalse;
    if (picked === undefined) return { kind: "series", values: new Float64Array(n).fill(Number.NaN) };
    return typeof picked === "number" ? { kind: "scalar", value: picked } : { kind: "series", values: picked };
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = condition[i]!;
    if (Number.isNaN(c)) out[i] = Number.NaN;
    else if (c !== 0) {
      const a = at(whenTrue, i);
      out[i] = Number.isNaN(a) ? 0 : a;
    } else out[i] = whenFalse === undefined ? Number.NaN : at(whenFalse, i);
  }
  return { kind: "series", values: out };
}

function aggregate(name: "SUM" | "AVG" | "MIN" | "MAX", items: readonly (Float64Array | number)[], n: number): MathValue {
  const combine = (values: number[]): number => {
    const present = values.filter((v) => !Number.isNaN(v));
    if (present.length === 0) return Number.NaN;
    switch (name) {
      case "SUM":
        return present.reduce((a, b) => a + b, 0);
      case "AVG":
        return present.reduce((a, b) => a + b, 0) / values.length;
      case "MIN":
        return Math.min(...present);
      case "MAX":
        return Math.max(...present);
    }
  };
  if (items.every((item) => typeof item === "number")) return { kind: "scalar", value: combine(items as number[]) };
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = combine(items.map((item) => at(item, i)));
  return { kind: "series", values: out };
}
