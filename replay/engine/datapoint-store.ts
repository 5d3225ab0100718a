/**
 * The world model's datapoints, kept as CloudWatch keeps them, and read back as an alarm reads them: one statistic
 * over [periodStart, periodStart + period).
 *
 * Percentiles come from the merged Values/Counts distribution of the minutes in the period, by nearest rank: the
 * smallest value whose cumulative count reaches p% of the period's samples. (CloudWatch's own percentile algorithm
 * is not published.) A datapoint published without a distribution counts as one value only where AWS says a
 * statistic set can give percentiles ("CloudWatch statistics definitions", statistic sets): SampleCount 1 with Min,
 * Max and Sum equal, or Min equal to Max with Sum equal to Min × SampleCount. Any other such datapoint makes the
 * period's percentile unavailable: `undefined` (a missing period), or an Error with `percentileWithoutDistribution:
 * "throw"`, to catch a world model that forgot to publish a distribution.
 */
import { metricKey, type Datapoint, type MetricId, type MetricSink, type PeriodValue } from "../metric-data";
import type { BulkMetricSource, PeriodGrid, PeriodSeries } from "./period-series";
import { engineStatistic, type EngineStatistic } from "./statistics";

export interface DatapointStoreOptions {
  /** What a percentile over datapoints without a usable distribution gives. Default "missing". */
  readonly percentileWithoutDistribution?: "missing" | "throw";
}

type Distribution = { values: Float64Array; counts: Float64Array; total: number };

/**
 * One minute of one series: the statistic set, and its distribution sorted by value (null: none usable). The
 * distribution is built when a percentile first asks for it: most series are never read by one, and building every
 * minute's was most of a replay's allocations.
 */
interface StoredMinute {
  sampleCount: number;
  sum: number;
  min: number;
  max: number;
  /** undefined: not built yet, from `raw`. */
  dist?: Distribution | null;
  raw?: Datapoint;
}

function distributionOfMinute(m: StoredMinute): Distribution | null {
  if (m.dist === undefined) {
    m.dist = distributionOf(m.raw!);
    m.raw = undefined;
  }
  return m.dist;
}

interface Series {
  readonly key: string;
  readonly minutes: Map<number, StoredMinute>;
  /** "stat|period" → period start → value (null: missing). Cleared by every put to the series. */
  readonly cache: Map<string, Map<number, PeriodValue | null>>;
  /** Whole grids read by periodSeries. Cleared by every put to the series. */
  readonly grids: Map<string, PeriodSeries>;
}

export class DatapointStore implements MetricSink, BulkMetricSource {
  private readonly series = new Map<string, Series>();
  private readonly keys = new WeakMap<MetricId, string>();
  private readonly statistics = new Map<string, EngineStatistic>();
  private readonly throwOnMissingDistribution: boolean;

  constructor(options: DatapointStoreOptions = {}) {
    this.throwOnMissingDistribution = options.percentileWithoutDistribution === "throw";
  }

  put(metric: MetricId, datapoint: Datapoint): void {
    const key = this.keyOf(metric);
    const minute = toStoredMinute(key, datapoint);
    let series = this.series.get(key);
    if (!series) {
      series = { key, minutes: new Map(), cache: new Map(), grids: new Map() };
      this.series.set(key, series);
    }
    if (series.cache.size > 0) series.cache.clear();
    if (series.grids.size > 0) series.grids.clear();
    const existing = series.minutes.get(datapoint.timestamp);
    // Two puts for one minute are one minute of data, as CloudWatch aggregates them.
    series.minutes.set(datapoint.timestamp, existing ? mergeMinutes(existing, minute) : minute);
  }

  periodValue(metric: MetricId, stat: string, periodSeconds: number, periodStart: number): PeriodValue | undefined {
    const series = this.series.get(this.keyOf(metric));
    if (!series) return undefined;
    checkPeriod(periodSeconds, periodStart);
    return this.compute(series, stat, periodSeconds, periodStart) ?? undefined;
  }

  periodSeries(metric: MetricId, stat: string, periodSeconds: number, grid: PeriodGrid): PeriodSeries {
    const series = this.series.get(this.keyOf(metric));
    if (!series)
      return { values: new Float64Array(grid.count).fill(Number.NaN), sampleCounts: new Float64Array(grid.count).fill(Number.NaN) };
    checkPeriod(periodSeconds, grid.firstStart);
    checkPeriod(grid.stepSeconds, 0);
    // Whole grids are cached too: alarms reading one metric with one statistic share the work.
    const cacheKey = `${stat}|${periodSeconds}|${grid.firstStart}|${grid.count}|${grid.stepSeconds}`;
    const cached = series.grids.get(cacheKey);
    if (cached) return cached;
    const statistic = this.statistic(stat);
    const values = new Float64Array(grid.count).fill(Number.NaN);
    const sampleCounts = new Float64Array(grid.count).fill(Number.NaN);
    // The minutes of the whole grid, looked up once; each period then reads a slice of them.
    const perPeriod = periodSeconds / 60;
    const step = grid.stepSeconds / 60;
    const minutes: (StoredMinute | undefined)[] = new Array((grid.count - 1) * step + perPeriod);
    for (let m = 0; m < minutes.length; m++) minutes[m] = series.minutes.get(grid.firstStart + m * 60);
    const window: StoredMinute[] = [];
    for (let i = 0; i < grid.count; i++) {
      window.length = 0;
      for (let m = i * step; m < i * step + perPeriod; m++) if (minutes[m]) window.push(minutes[m]!);
      if (window.length === 0) continue;
      if (statistic.kind !== "percentile") {
        // The basic statistics inline: no object per period.
        let count = 0;
        let sum = 0;
        let min = Number.POSITIVE_INFINITY;
        let max = Number.NEGATIVE_INFINITY;
        for (const w of window) {
          count += w.sampleCount;
          sum += w.sum;
          if (w.min < min) min = w.min;
          if (w.max > max) max = w.max;
        }
        sampleCounts[i] = count;
        values[i] =
          statistic.kind === "Sum"
            ? sum
            : statistic.kind === "Average"
              ? sum / count
              : statistic.kind === "Minimum"
                ? min
                : statistic.kind === "Maximum"
                  ? max
                  : count;
        continue;
      }
      const found = this.aggregate(series.key, statistic, window, grid.firstStart + i * grid.stepSeconds);
      if (found) {
        values[i] = found.value;
        sampleCounts[i] = found.sampleCount;
      }
    }
    const result = { values, sampleCounts };
    series.grids.set(cacheKey, result);
    return result;
  }

  private keyOf(metric: MetricId): string {
    let key = this.keys.get(metric);
    if (key === undefined) {
      key = metricKey(metric);
      this.keys.set(metric, key);
    }
    return key;
  }

  private statistic(stat: string): EngineStatistic {
    let parsed = this.statistics.get(stat);
    if (!parsed) {
      parsed = engineStatistic(stat);
      if (!parsed) throw new Error(`DatapointStore: unsupported statistic "${stat}"`);
      this.statistics.set(stat, parsed);
    }
    return parsed;
  }

  private compute(series: Series, stat: string, periodSeconds: number, start: number): PeriodValue | null {
    const cacheKey = `${stat}|${periodSeconds}`;
    let byStart = series.cache.get(cacheKey);
    if (!byStart) {
      byStart = new Map();
      series.cache.set(cacheKey, byStart);
    }
    const cached = byStart.get(start);
    if (cached !== undefined) return cached;
    const minutes: StoredMinute[] = [];
    for (let t = start; t < start + periodSeconds; t += 60) {
      const minute = series.minutes.get(t);
      if (minute) minutes.push(minute);
    }
    const value = minutes.length === 0 ? null : this.aggregate(series.key, this.statistic(stat), minutes, start);
    byStart.set(start, value);
    return value;
  }

  private aggregate(key: string, statistic: EngineStatistic, minutes: readonly StoredMinute[], start: number): PeriodValue | null {
    let sampleCount = 0;
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const m of minutes) {
      sampleCount += m.sampleCount;
      sum += m.sum;
      if (m.min < min) min = m.min;
      if (m.max > max) max = m.max;
    }
    switch (statistic.kind) {
      case "Sum":
        return { value: sum, sampleCount };
      case "Average":
        return { value: sum / sampleCount, sampleCount };
      case "Minimum":
        return { value: min, sampleCount };
      case "Maximum":
        return { value: max, sampleCount };
      case "SampleCount":
        return { value: sampleCount, sampleCount };
      case "percentile": {
        if (minutes.some((m) => distributionOfMinute(m) === null)) {
          if (this.throwOnMissingDistribution) {
            throw new Error(`DatapointStore: p${statistic.percent} of ${key} at ${start}: a datapoint has no Values/Counts distribution`);
          }
          return null;
        }
        return { value: percentileOf(minutes, statistic.percent), sampleCount };
      }
    }
  }
}

function checkPeriod(periodSeconds: number, start: number): void {
  if (!Number.isInteger(periodSeconds) || periodSeconds <= 0 || periodSeconds % 60 !== 0) {
    throw new Error(`DatapointStore: period ${periodSeconds} s is not a positive multiple of 60`);
  }
  if (!Number.isInteger(start) || start % 60 !== 0) throw new Error(`DatapointStore: period start ${start} is not on a minute`);
}

function toStoredMinute(key: string, d: Datapoint): StoredMinute {
  // Runs for every datapoint of a replay: plain loops, and a message only when something is wrong.
  const problem = datapointProblem(d);
  if (problem) throw new Error(`DatapointStore.put(${key}, ${d.timestamp}): ${problem}`);
  return { sampleCount: d.sampleCount, sum: d.sum, min: d.min, max: d.max, raw: d };
}

function datapointProblem(d: Datapoint): string | undefined {
  if (!Number.isInteger(d.timestamp) || d.timestamp % 60 !== 0) return "timestamp is not the start of a minute";
  if (!(d.sampleCount > 0) || !Number.isFinite(d.sampleCount)) return "sampleCount must be positive";
  if (!Number.isFinite(d.sum) || !Number.isFinite(d.min) || !Number.isFinite(d.max) || d.min > d.max)
    return "sum/min/max are not finite or min > max";
  const { values, counts } = d;
  if (values === undefined) return counts === undefined ? undefined : "counts without values";
  if (counts !== undefined && counts.length !== values.length) return "values and counts differ in length";
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]) || (counts !== undefined && !(counts[i]! > 0 && Number.isFinite(counts[i]))))
      return "values must be finite and counts positive";
  }
  return undefined;
}

/** Checked already by toStoredMinute. */
function distributionOf(d: Datapoint): Distribution | null {
  if (d.values === undefined) {
    const single = d.sampleCount === 1 && d.min === d.max && d.sum === d.min;
    const flat = d.min === d.max && d.sum === d.min * d.sampleCount;
    return single || flat ? { values: Float64Array.of(d.min), counts: Float64Array.of(d.sampleCount), total: d.sampleCount } : null;
  }
  const counts = d.counts ?? d.values.map(() => 1);
  const order = d.values.map((_, i) => i).sort((a, b) => d.values![a]! - d.values![b]!);
  const values = new Float64Array(order.length);
  const sortedCounts = new Float64Array(order.length);
  order.forEach((from, to) => {
    values[to] = d.values![from]!;
    sortedCounts[to] = counts[from]!;
  });
  return { values, counts: sortedCounts, total: sortedCounts.reduce((a, b) => a + b, 0) };
}

function mergeMinutes(a: StoredMinute, b: StoredMinute): StoredMinute {
  let distribution: Distribution | null = null;
  const da = distributionOfMinute(a);
  const db = distributionOfMinute(b);
  if (da && db) {
    const pairs = [...pairsOf(da), ...pairsOf(db)].sort((x, y) => x[0] - y[0]);
    distribution = {
      values: Float64Array.from(pairs, (p) => p[0]),
      counts: Float64Array.from(pairs, (p) => p[1]),
      total: da.total + db.total,
    };
  }
  return {
    sampleCount: a.sampleCount + b.sampleCount,
    sum: a.sum + b.sum,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
    dist: distribution,
  };
}

function pairsOf(d: { values: Float64Array; counts: Float64Array }): Array<[number, number]> {
  return Array.from(d.values, (v, i) => [v, d.counts[i]!]);
}

/** The merge's read positions, one per minute, reused: percentiles are computed tens of thousands of times a replay. */
let HEADS = new Int32Array(64);

/**
 * Nearest rank over the minutes' sorted distributions, merged on the fly (each minute is sorted already): the
 * smallest value whose cumulative count reaches p% of the total. High percentiles walk down from the largest values,
 * which is the same rank found in fewer steps.
 */
function percentileOf(minutes: readonly StoredMinute[], percent: number): number {
  let total = 0;
  for (const m of minutes) total += m.dist!.total;
  const target = (percent / 100) * total;
  // A relative tolerance: p% of the total is rarely an exact binary fraction.
  const tolerance = target * 1e-12;
  const descending = percent > 50;
  const heads = HEADS.length >= minutes.length ? HEADS : (HEADS = new Int32Array(minutes.length * 2));
  for (let i = 0; i < minutes.length; i++) heads[i] = descending ? minutes[i]!.dist!.values.length - 1 : 0;
  // Ascending: stop at the first value where the count so far reaches the target. Descending: stop at the first
  // value that would take the count above it past total − target (every value above it fits in the top share).
  const above = total - target;
  let accumulated = 0;
  let last = Number.NaN;
  for (;;) {
    let best = -1;
    let bestValue = descending ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    for (let i = 0; i < minutes.length; i++) {
      const values = minutes[i]!.dist!.values;
      const h = heads[i]!;
      if (h < 0 || h >= values.length) continue;
      if (descending ? values[h]! > bestValue : values[h]! < bestValue) {
        bestValue = values[h]!;
        best = i;
      }
    }
    if (best < 0) return last;
    const count = minutes[best]!.dist!.counts[heads[best]!]!;
    heads[best]! += descending ? -1 : 1;
    last = bestValue;
    if (descending ? accumulated + count > above + tolerance : accumulated + count >= target - tolerance) return bestValue;
    accumulated += count;
  }
}
