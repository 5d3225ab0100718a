/**
 * Reading one statistic of one metric at many period starts at once. The engine reads every period start on a
 * minute grid (sliding windows, see evaluate-metric-alarm.ts); a source that can answer for a whole grid in one call
 * (DatapointStore) saves a lookup per call, any other MetricSource is asked period by period.
 */
import type { MetricId, MetricSource } from "../metric-data";

/** One value per period start: `values[i]` is the statistic over [firstStart + i·step, … + period); NaN = missing. */
export interface PeriodSeries {
  readonly values: Float64Array;
  /** The period's sample count (NaN where the period is missing); the low-sample rule reads it. */
  readonly sampleCounts: Float64Array;
}

export interface PeriodGrid {
  readonly firstStart: number;
  readonly count: number;
  readonly stepSeconds: number;
}

/** A MetricSource that can also answer for a whole grid of period starts in one call. */
export interface BulkMetricSource extends MetricSource {
  periodSeries(metric: MetricId, stat: string, periodSeconds: number, grid: PeriodGrid): PeriodSeries;
}

function isBulk(source: MetricSource): source is BulkMetricSource {
  return typeof (source as Partial<BulkMetricSource>).periodSeries === "function";
}

export function readPeriodSeries(
  source: MetricSource,
  metric: MetricId,
  stat: string,
  periodSeconds: number,
  grid: PeriodGrid,
): PeriodSeries {
  if (isBulk(source)) return source.periodSeries(metric, stat, periodSeconds, grid);
  const values = new Float64Array(grid.count).fill(Number.NaN);
  const sampleCounts = new Float64Array(grid.count).fill(Number.NaN);
  for (let i = 0; i < grid.count; i++) {
    const found = source.periodValue(metric, stat, periodSeconds, grid.firstStart + i * grid.stepSeconds);
    if (found !== undefined && Number.isFinite(found.value)) {
      values[i] = found.value;
      sampleCounts[i] = found.sampleCount;
    }
  }
  return { values, sampleCounts };
}
