import type { PrometheusConfig } from "../config/prometheus-schema";
import type { Metric } from "../metrics/metric";
import { SERVICE_LABEL } from "./cloudwatch-agent-config";
import { componentOf, MIRRORED_SIGNALS, type MirroredSignalKey } from "./mirrored-signals";

/**
 * The CloudWatch metrics the bridge's EMF events become, as alarms and widgets read them: namespace
 * `AxonFlow/<env>`, the series' name as the metric name, the dimensions `Service` (the service running the
 * component) plus the signal's labels. Every label of the signal must be given: CloudWatch matches the whole set.
 */
export function mirroredMetric(
  namespace: string,
  prometheus: PrometheusConfig,
  signal: MirroredSignalKey,
  labels: Readonly<Record<string, string>> = {},
): Metric {
  const { series, dimensions } = MIRRORED_SIGNALS[signal];
  const given = Object.keys(labels);
  if (given.length !== dimensions.length || dimensions.some((d) => labels[d] === undefined)) {
    throw new Error(`${series}: dimensions ${[SERVICE_LABEL, ...dimensions].join(", ")}; received ${[SERVICE_LABEL, ...given].join(", ")}`);
  }
  const ordered: Record<string, string> = { [SERVICE_LABEL]: prometheus[componentOf(signal)].service };
  for (const d of dimensions) ordered[d] = labels[d];
  // Counters arrive as the delta of each scrape: a count.
  return Object.freeze({ namespace, metricName: series, unit: "Count", dimensions: Object.freeze(ordered) });
}

/** Whether the environment mirrors every one of `signals`. */
export const mirrors = (prometheus: PrometheusConfig | undefined, signals: readonly MirroredSignalKey[]): prometheus is PrometheusConfig =>
  prometheus !== undefined && signals.every((s) => prometheus.mirror.includes(s));

/** What AxonFlow writes as the provider of a call no provider answered (platform/orchestrator: the router gave up). */
export const FAILED_CALL_PROVIDER = "unknown";
