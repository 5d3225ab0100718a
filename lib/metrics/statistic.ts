/**
 * Statistic names CloudWatch accepts in graphs and metric math, per "CloudWatch statistics definitions"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html):
 * the five basic statistics, IQM, percentiles `pNN`, and the trimmed/winsorized family, either short
 * (`tm99` = `TM(:99%)`) or with bounds as percentages or absolute values (`TM(10%:90%)`, `TC(0.005:0.030)`,
 * `TS(80%:)`); percentile rank only with absolute bounds (`PR(:300)`, `PR(100:2000)`).
 * Graphs accept all of these; alarms accept fewer (see lib/alarms/metric-alarm.ts).
 */
const BASIC = ["SampleCount", "Average", "Sum", "Minimum", "Maximum", "IQM"] as const;

// 0..100 with at most 10 decimals, as the doc allows for percentile boundaries.
const PERCENT = String.raw`(?:100(?:\.0{1,10})?|\d{1,2}(?:\.\d{1,10})?)`;
const ABSOLUTE = String.raw`-?\d+(?:\.\d+)?`;
const SHORT = new RegExp(`^(?:p|tm|wm|tc|ts)${PERCENT}$`);
const PERCENT_BOUNDS = new RegExp(`^(?:TM|WM|TC|TS)\\((?:${PERCENT}%:(?:${PERCENT}%)?|:${PERCENT}%)\\)$`);
const ABSOLUTE_BOUNDS = new RegExp(`^(?:TM|WM|TC|TS|PR)\\((?:${ABSOLUTE}:(?:${ABSOLUTE})?|:${ABSOLUTE})\\)$`);

export const STATISTIC_RULE =
  "allowed: SampleCount, Average, Sum, Minimum, Maximum, IQM, pNN (e.g. p99.9), tmNN/wmNN/tcNN/tsNN, TM|WM|TC|TS(x%:y%), TM|WM|TC|TS|PR(x:y)";

export function isStatistic(stat: string): boolean {
  if ((BASIC as readonly string[]).includes(stat) || SHORT.test(stat)) return true;
  return (PERCENT_BOUNDS.test(stat) || ABSOLUTE_BOUNDS.test(stat)) && boundsAscending(stat);
}

/** `TM(90%:10%)` parses but selects nothing: the lower bound must be below the upper. */
function boundsAscending(stat: string): boolean {
  const [lo, hi] = stat.slice(stat.indexOf("(") + 1, -1).split(":").map((s) => (s === "" ? undefined : Number.parseFloat(s)));
  return lo === undefined || hi === undefined || lo < hi;
}
