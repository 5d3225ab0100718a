/**
 * The statistics the engine computes, and the low-sample rule for percentiles.
 * Only the five basic statistics and pNN(.NN) percentiles: trimmed means (tm99), IQM, PR(…) and the like
 * are rejected by parseStatistic, so an alarm using one fails loudly instead of being evaluated wrongly.
 */

export type Statistic =
  | { readonly kind: "Sum" | "Average" | "Minimum" | "Maximum" | "SampleCount" }
  | { readonly kind: "percentile"; /** 0 < p <= 100, e.g. 99.9 */ readonly percent: number };

const BASIC = new Set(["Sum", "Average", "Minimum", "Maximum", "SampleCount"]);
const PERCENTILE = /^p(\d{1,2}(?:\.\d{1,10})?|100)$/;

/** A CloudWatch statistic name, or undefined when the engine does not support it. */
export function parseStatistic(name: string): Statistic | undefined {
  if (BASIC.has(name)) return { kind: name as "Sum" | "Average" | "Minimum" | "Maximum" | "SampleCount" };
  const match = PERCENTILE.exec(name);
  if (!match) return undefined;
  const percent = Number(match[1]);
  if (!(percent > 0 && percent <= 100)) return undefined;
  return { kind: "percentile", percent };
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
