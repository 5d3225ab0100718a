/**
 * Statistic names CloudWatch accepts in graphs, alarms and metric math, per "CloudWatch statistics definitions"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html):
 * the five basic statistics, IQM, percentiles `pNN`, and the trimmed/winsorized family, either short
 * (`tm99` = `TM(:99%)`) or with bounds as percentages or absolute values (`TM(10%:90%)`, `TC(0.005:0.030)`,
 * `TS(80%:)`); percentile rank only with absolute bounds (`PR(:300)`, `PR(100:2000)`).
 * Graphs accept all of these; alarms accept fewer (see lib/alarms/metric-alarm.ts), and the replay engine computes
 * fewer still (replay/engine/statistics.ts).
 */

/** The statistics PutMetricAlarm takes as `Statistic` (any other goes in `ExtendedStatistic`). */
export const BASIC_STATISTICS = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"] as const;
export type BasicStatistic = (typeof BASIC_STATISTICS)[number];

/** The families over a range of values: trimmed mean, winsorized mean, trimmed count, trimmed sum, percentile rank. */
export type RangeFamily = "TM" | "WM" | "TC" | "TS" | "PR";

export type Statistic =
  | { readonly kind: BasicStatistic }
  /** The interquartile mean. */
  | { readonly kind: "IQM" }
  | { readonly kind: "percentile" /** 0..100, e.g. 99.9 */; readonly percent: number }
  | { readonly kind: "range"; readonly family: RangeFamily };

// 0..100 with at most 10 decimals, as the doc allows for percentile boundaries.
const PERCENT = String.raw`(?:100(?:\.0{1,10})?|\d{1,2}(?:\.\d{1,10})?)`;
const ABSOLUTE = String.raw`-?\d+(?:\.\d+)?`;
const PERCENTILE = new RegExp(`^p(${PERCENT})$`);
const SHORT_RANGE = new RegExp(`^(tm|wm|tc|ts)${PERCENT}$`);
const PERCENT_BOUNDS = new RegExp(`^(TM|WM|TC|TS)\\((?:${PERCENT}%:(?:${PERCENT}%)?|:${PERCENT}%)\\)$`);
const ABSOLUTE_BOUNDS = new RegExp(`^(TM|WM|TC|TS|PR)\\((?:${ABSOLUTE}:(?:${ABSOLUTE})?|:${ABSOLUTE})\\)$`);

export const STATISTIC_RULE =
  "allowed: SampleCount, Average, Sum, Minimum, Maximum, IQM, pNN (e.g. p99.9), tmNN/wmNN/tcNN/tsNN, TM|WM|TC|TS(x%:y%), TM|WM|TC|TS|PR(x:y)";

/** A statistic name as CloudWatch reads it, or undefined when it is not one. */
export function parseStatistic(stat: string): Statistic | undefined {
  if ((BASIC_STATISTICS as readonly string[]).includes(stat)) return { kind: stat as BasicStatistic };
  if (stat === "IQM") return { kind: "IQM" };
  const percentile = PERCENTILE.exec(stat);
  if (percentile) return { kind: "percentile", percent: Number(percentile[1]) };
  const short = SHORT_RANGE.exec(stat);
  if (short) return { kind: "range", family: short[1]!.toUpperCase() as RangeFamily };
  const bounded = PERCENT_BOUNDS.exec(stat) ?? ABSOLUTE_BOUNDS.exec(stat);
  return bounded && boundsAscending(stat) ? { kind: "range", family: bounded[1] as RangeFamily } : undefined;
}

export const isStatistic = (stat: string): boolean => parseStatistic(stat) !== undefined;
export const isPercentile = (stat: string): boolean => parseStatistic(stat)?.kind === "percentile";

/** `TM(90%:10%)` parses but selects nothing: the lower bound must be below the upper. */
function boundsAscending(stat: string): boolean {
  const [lo, hi] = stat
    .slice(stat.indexOf("(") + 1, -1)
    .split(":")
    .map((s) => (s === "" ? undefined : Number.parseFloat(s)));
  return lo === undefined || hi === undefined || lo < hi;
}
