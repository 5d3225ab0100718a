/**
 * The statistics the engine computes, and the low-sample rule for percentiles.
 * Only the five basic statistics and percentiles above p0: trimmed means (tm99), IQM, PR(…) and the like are
 * CloudWatch statistics (lib/metrics/statistic.ts) the engine does not compute, so an alarm using one fails loudly
 * instead of being evaluated wrongly.
 */
import { parseStatistic, type BasicStatistic } from "../../lib/metrics/statistic";

export type EngineStatistic =
  | { readonly kind: BasicStatistic }
  | { readonly kind: "percentile" /** 0 < p <= 100, e.g. 99.9 */; readonly percent: number };

/** A CloudWatch statistic name, or undefined when the engine does not compute it. */
export function engineStatistic(name: string): EngineStatistic | undefined {
  const statistic = parseStatistic(name);
  if (statistic === undefined || statistic.kind === "IQM" || statistic.kind === "range") return undefined;
  if (statistic.kind === "percentile" && !(statistic.percent > 0)) return undefined;
  return statistic;
}

/**
 * The sample count under which a period is "low-sample" for this percentile, or undefined where the rule does
 * not apply. "Percentile-based alarms and low data samples": for percentiles between 0.5 (inclusive) and 1.00
 * (exclusive), fewer than 10/(1-percentile) data points; between 0 and 0.5 (exclusive), fewer than 10/percentile.
 */
export function lowSampleThreshold(percent: number): number | undefined {
  const p = percent / 100;
  if (p >= 0.5 && p < 1) return roundThreshold(10 / (1 - p));
  if (p > 0 && p < 0.5) return roundThreshold(10 / p);
  return undefined;
}

// 10/(1-0.95) is 199.99999999999983 in floating point; the page means 200.
function roundThreshold(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
