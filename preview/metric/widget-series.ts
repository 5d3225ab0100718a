import { callsFunction, parseMetricMath, type MathNode } from "../../lib/metrics/metric-math";
import { type BulkMetricSource, checkReplayable, evaluateMath, type MathValue } from "../../replay/engine";
import type { MetricId } from "../../replay/metric-data";
import { evaluateSearch } from "./search-expression";
import { defaultLabel, type ExpressionLine, type WidgetLine } from "./widget-lines";

/**
 * The values a metric widget's lines take over the replayed run, one per period start, as CloudWatch computes
 * them: each metric with its own statistic and period (the store's periodSeries), each expression with the engine's
 * metric-math evaluator (replay/engine: the same FILL, IF, arithmetic and missing-point rules the alarms get).
 * Hidden lines are computed when an expression reads them and not drawn.
 */
export interface TimeRange {
  /** First second of the run. */
  readonly start: number;
  /** First second after it. */
  readonly end: number;
}

export interface PeriodGridSpec {
  readonly firstStart: number;
  readonly count: number;
  readonly stepSeconds: number;
}

export interface DrawnSeries {
  readonly line: WidgetLine;
  readonly label: string;
  readonly grid: PeriodGridSpec;
  /** NaN: no datapoint. */
  readonly values: Float64Array;
}

export interface WidgetSeries {
  readonly drawn: readonly DrawnSeries[];
  readonly notes: readonly string[];
}

export interface SeriesSource {
  readonly store: BulkMetricSource;
  /** Every series the world published (what a SEARCH can find). */
  readonly published: readonly MetricId[];
}

/** Whole periods aligned to the period (as CloudWatch aligns a graph's periods), inside the run. */
export function periodGrid(range: TimeRange, periodSeconds: number): PeriodGridSpec {
  const firstStart = Math.ceil(range.start / periodSeconds) * periodSeconds;
  return { firstStart, count: Math.max(0, Math.floor((range.end - firstStart) / periodSeconds)), stepSeconds: periodSeconds };
}

class NotEvaluated extends Error {}

/** An expression line with its parsed tree. */
interface ParsedLine {
  readonly line: ExpressionLine;
  readonly tree: MathNode;
  readonly isSearch: boolean;
}

type LineById = ReadonlyMap<string, WidgetLine>;

export function computeWidgetSeries(lines: readonly WidgetLine[], source: SeriesSource, range: TimeRange): WidgetSeries {
  const byId: LineById = new Map(lines.flatMap((l) => (l.id === undefined ? [] : [[l.id, l] as const])));
  const notes: string[] = [];
  const drawn: DrawnSeries[] = [];
  for (const line of lines) {
    if (!line.visible) continue;
    const grid = periodGrid(range, line.periodSeconds);
    try {
      if (line.kind === "metric") {
        drawn.push({
          line,
          label: defaultLabel(line),
          grid,
          values: source.store.periodSeries(line.metric, line.stat, line.periodSeconds, grid).values,
        });
        continue;
      }
      const parsed = parseLine(line);
      if (parsed.isSearch) {
        for (const s of searchSeries(parsed, source, range)) drawn.push(s);
      } else {
        drawn.push({ line, label: defaultLabel(line), grid, values: evaluateExpression(parsed, byId, source, grid, new Set()) });
      }
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      notes.push(`${defaultLabel(line)}: not evaluated offline (${e.message})`);
    }
  }
  return { drawn, notes };
}

function parseLine(line: ExpressionLine): ParsedLine {
  const tree = parseMetricMath(line.expression, line.id);
  return { line, tree, isSearch: callsFunction(tree, "SEARCH") };
}

const AGGREGATES: readonly string[] = ["SUM", "AVG", "MIN", "MAX"];

function searchSeries({ line, tree }: ParsedLine, source: SeriesSource, range: TimeRange): DrawnSeries[] {
  const found = evaluateSearch(tree, source.published, line.periodSeconds);
  if (!found.ok) throw new NotEvaluated(`SEARCH: ${found.reason}`);
  const grid = periodGrid(range, found.match.periodSeconds);
  if (found.match.series.length === 0) throw new NotEvaluated("SEARCH found no series the replay world published");
  return found.match.series.map((s) => ({
    line,
    label: line.label === undefined ? s.label : `${line.label} ${s.label}`,
    grid,
    values: source.store.periodSeries(s.metric, found.match.stat, found.match.periodSeconds, grid).values,
  }));
}

/**
 * One expression on `grid`. A SEARCH it reads (many series) is accepted inside SUM/AVG/MIN/MAX, which CloudWatch
 * applies across the found series: the call becomes the list form the engine evaluates, SUM([id__0, id__1…]).
 */
function evaluateExpression(
  parsed: ParsedLine,
  byId: LineById,
  source: SeriesSource,
  grid: PeriodGridSpec,
  reading: Set<string>,
): Float64Array {
  const { line } = parsed;
  if (reading.has(line.id)) throw new NotEvaluated(`${line.id} reads itself`);
  reading.add(line.id);
  const parts = new Map<string, Float64Array>();
  const searchParts = (id: string): string[] | undefined => {
    const other = byId.get(id);
    if (other?.kind !== "expression") return undefined;
    const search = parseLine(other);
    if (!search.isSearch) return undefined;
    const found = searchSeries(search, source, { start: grid.firstStart, end: grid.firstStart + grid.count * grid.stepSeconds });
    return found.map((s, k) => {
      parts.set(`${id}__${k}`, s.values);
      return `${id}__${k}`;
    });
  };
  const tree = checkReplayable(expandSearches(parsed.tree, searchParts), line.expression, line.id);
  const resolve = (id: string): MathValue => {
    const part = parts.get(id);
    if (part) return { kind: "series", values: part };
    const input = byId.get(id);
    if (!input) throw new NotEvaluated(`no line has the id ${id}`);
    if (input.kind === "metric")
      return { kind: "series", values: source.store.periodSeries(input.metric, input.stat, grid.stepSeconds, grid).values };
    const inner = parseLine(input);
    if (inner.isSearch) throw new NotEvaluated(`${id} is a SEARCH (many series); only SUM, AVG, MIN or MAX of it is evaluated`);
    return { kind: "series", values: evaluateExpression(inner, byId, source, grid, reading) };
  };
  const value = evaluateMath(tree, {
    length: grid.count,
    timeOf: (i) => grid.firstStart + i * grid.stepSeconds,
    where: line.id,
    resolve,
    band: () => {
      throw new NotEvaluated("ANOMALY_DETECTION_BAND needs a trained model");
    },
  });
  reading.delete(line.id);
  if (value.kind === "series") return value.values;
  if (value.kind === "scalar") return new Float64Array(grid.count).fill(value.value);
  throw new NotEvaluated("a band is not a line");
}

/** `SUM(s)` of a SEARCH line `s` as `SUM([s__0, s__1, …])`, the ids `parts` gives it; other nodes as they are. */
function expandSearches(node: MathNode, parts: (id: string) => string[] | undefined): MathNode {
  switch (node.kind) {
    case "call": {
      const [only] = node.args;
      const ids = AGGREGATES.includes(node.name) && node.args.length === 1 && only?.kind === "ref" ? parts(only.id) : undefined;
      if (ids) return { ...node, args: [{ kind: "list", items: ids.map((id) => ({ kind: "ref", id })) }] };
      return { ...node, args: node.args.map((a) => expandSearches(a, parts)) };
    }
    case "negate":
      return { ...node, argument: expandSearches(node.argument, parts) };
    case "binary":
      return { ...node, left: expandSearches(node.left, parts), right: expandSearches(node.right, parts) };
    case "list":
      return { ...node, items: node.items.map((i) => expandSearches(i, parts)) };
    default:
      return node;
  }
}
