import { pipeline, type SavedQuery } from "./saved-query";

export const latencyDistribution: SavedQuery = {
  id: "latency-distribution",
  title: "Latency Distribution",
  // Logs Insights' percentile function is pct(field, percent). After stats only the aggregates and the
  // group keys exist (no @timestamp), so the time bin gets an alias to sort by.
  text: () =>
    pipeline(
      "stats avg(latency_ms) as avg_latency, pct(latency_ms, 50) as p50, pct(latency_ms, 95) as p95, pct(latency_ms, 99) as p99 by bin(5m) as period",
      "sort period desc",
    ),
};
