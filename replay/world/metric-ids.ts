import type { MetricId } from "../metric-data";

/** One MetricId per metric name for a fixed namespace and dimension set, built once and reused every minute. */
export function metricIds<K extends string>(
  namespace: string,
  names: readonly K[],
  dimensions: Readonly<Record<string, string>>,
): Readonly<Record<K, MetricId>> {
  const out = {} as Record<K, MetricId>;
  for (const metricName of names) out[metricName] = { namespace, metricName, dimensions };
  return out;
}
