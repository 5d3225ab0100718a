import { parseJsonNumber } from "./axonflow-json-fields";
import { pipeline, type SavedQuery } from "./saved-query";

const distribution = (field: string) =>
  `stats avg(${field}) as avg_latency, pct(${field}, 50) as p50, pct(${field}, 95) as p95, pct(${field}, 99) as p99 by bin(5m) as period`;

export const latencyDistribution: SavedQuery = {
  id: "latency-distribution",
  title: "Latency Distribution",
  // Logs Insights' percentile function is pct(field, percent). After stats only the aggregates and the
  // group keys exist (no @timestamp), so the time bin gets an alias to sort by.
  text: {
    "axonflow-json": () =>
      pipeline(parseJsonNumber("duration_ms"), "filter ispresent(duration_ms)", distribution("duration_ms"), "sort period desc"),
    "guide-json": () => pipeline(distribution("latency_ms"), "sort period desc"),
  },
  unanswerable: "text lines carry no request latency in milliseconds; the ALB's TargetResponseTime on the dashboard has it",
};
