import { pipeline, type SavedQuery } from "./saved-query";

export const latencyPercentilesByModel: SavedQuery = {
  id: "latency-percentiles-by-model",
  title: "Latency Percentiles by Model",
  // pct(field, percent), not percentile(): the latter is not a Logs Insights function.
  text: {
    "guide-json": () =>
      pipeline(
        "filter ispresent(latency_ms) and ispresent(model)",
        "stats pct(latency_ms, 50) as p50, pct(latency_ms, 90) as p90, pct(latency_ms, 95) as p95, pct(latency_ms, 99) as p99, count(*) as requests by model",
        "sort p95 desc",
      ),
  },
  unanswerable: "only the guide's JSON names the model with a latency in milliseconds on one line",
};
