/**
 * A stand-in for CloudWatch's anomaly detection model, which AWS does not publish ("Using CloudWatch anomaly
 * detection": it learns hourly, daily and weekly patterns, and needs about two weeks of data). This approximation
 * learns one thing, the hour-of-day pattern:
 * - training: the metric's values at period starts aligned to the period within the training interval, grouped by
 *   UTC hour of day of the period start; per hour the mean and (population) standard deviation;
 * - band at a period start: mean ± k·σ of its hour, σ at least `stddevFloorFraction`·|mean| so a flat series still
 *   has a band;
 * - an hour with values from fewer than `minDaysPerHour` distinct UTC days has no band (missing), as a new real
 *   alarm has none: the alarm's missing-data rule then decides.
 * The model is trained once, before the replay, and not updated by what the replay sees.
 */
import type { PeriodGrid } from "./period-series";

export interface AnomalyModelOptions {
  /** Distinct UTC days with data an hour of day needs before it has a band. Default 3. */
  readonly minDaysPerHour?: number;
  /** σ is at least this fraction of |mean|. Default 0.05. */
  readonly stddevFloorFraction?: number;
}

interface HourStatistics {
  readonly mean: number;
  readonly stddev: number;
}

export class HourOfDayModel {
  private constructor(private readonly hours: readonly (HourStatistics | undefined)[]) {}

  static train(values: Float64Array, grid: PeriodGrid, options: AnomalyModelOptions = {}): HourOfDayModel {
    const minDays = options.minDaysPerHour ?? 3;
    const floorFraction = options.stddevFloorFraction ?? 0.05;
    const count = new Array<number>(24).fill(0);
    const sum = new Array<number>(24).fill(0);
    const squares = new Array<number>(24).fill(0);
    const days = Array.from({ length: 24 }, () => new Set<number>());
    for (let i = 0; i < grid.count; i++) {
      const value = values[i]!;
      if (Number.isNaN(value)) continue;
      const start = grid.firstStart + i * grid.stepSeconds;
      const hour = hourOfDay(start);
      count[hour]!++;
      sum[hour]! += value;
      squares[hour]! += value * value;
      days[hour]!.add(Math.floor(start / 86400));
    }
    const hours = count.map((n, hour): HourStatistics | undefined => {
      if (days[hour]!.size < minDays) return undefined;
      const mean = sum[hour]! / n;
      const variance = Math.max(0, squares[hour]! / n - mean * mean);
      return { mean, stddev: Math.max(Math.sqrt(variance), floorFraction * Math.abs(mean)) };
    });
    return new HourOfDayModel(hours);
  }

  /** The band [lower, upper] for the period starting at `periodStart`, or undefined where the model has none. */
  band(periodStart: number, deviations: number): readonly [number, number] | undefined {
    const hour = this.hours[hourOfDay(periodStart)];
    if (!hour) return undefined;
    return [hour.mean - deviations * hour.stddev, hour.mean + deviations * hour.stddev];
  }
}

function hourOfDay(time: number): number {
  return Math.floor((((time % 86400) + 86400) % 86400) / 3600);
}

/** Period starts aligned to the period, each whole period inside [start, end). */
export function trainingGrid(start: number, end: number, periodSeconds: number): PeriodGrid {
  const firstStart = Math.ceil(start / periodSeconds) * periodSeconds;
  const count = Math.max(0, Math.floor((end - firstStart) / periodSeconds));
  return { firstStart, count, stepSeconds: periodSeconds };
}
