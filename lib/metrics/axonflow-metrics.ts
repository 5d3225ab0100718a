import { MetricDefinition } from "./metric";

/**
 * Custom metrics that the log metric filters publish from AxonFlow's structured JSON logs, in the
 * environment's namespace `AxonFlow/<env>` (Naming.metricNamespace). The filters (lib/logging) and the
 * dashboard and alarms read the same definitions, so they cannot drift apart.
 *
 * CloudWatch forbids a default value on a filter that has dimensions. Metrics that alarms read must report 0
 * in quiet periods, so they carry no dimensions and the service is part of the metric name instead.
 */
export function axonflowMetrics(namespace: string) {
  return {
    /** Log events with level "error" in one service's log group; default 0. */
    errorCount: (service: string) => new MetricDefinition(namespace, `ErrorCount-${service}`, "Count", []),
    /** Requests blocked by policy (`blocked` true), all services; default 0. */
    policyBlocks: new MetricDefinition(namespace, "PolicyBlocks", "Count", []),
    /** Sum of `tokens_used`, by model (dimension from `$.model`, so no default value). */
    tokensUsedByModel: new MetricDefinition(namespace, "TokensUsed", "Count", ["Model"]),
  } as const;
}
