import { parseJsonNumber, parseJsonString } from "./axonflow-json-fields";
import { pipeline, type SavedQuery } from "./saved-query";

/**
 * Requests slower than the p95 latency alarm's threshold. The alarm reads ALB TargetResponseTime in
 * seconds; the logs carry milliseconds. This is the one place the unit changes, so the
 * query and the alarm cannot drift apart (the guide's 5000 ms is the 5 s default).
 */
export const slowRequestThresholdMs = (latencyThresholdSeconds: number): number => Math.round(latencyThresholdSeconds * 1000);

export const slowRequests: SavedQuery = {
  id: "slow-requests",
  title: "Slow Requests (Above P95 Threshold)",
  text: {
    "axonflow-json": ({ latencyThresholdSeconds }) =>
      pipeline(
        parseJsonNumber("duration_ms"),
        parseJsonString("component"),
        parseJsonString("client_id"),
        `filter duration_ms > ${slowRequestThresholdMs(latencyThresholdSeconds)}`,
        "fields @timestamp, component, client_id, duration_ms, @message",
        "sort duration_ms desc",
        "limit 50",
      ),
    "guide-json": ({ latencyThresholdSeconds }) =>
      pipeline(
        `filter latency_ms > ${slowRequestThresholdMs(latencyThresholdSeconds)}`,
        "fields @timestamp, service, model, latency_ms, tokens_used, organization_id",
        "sort latency_ms desc",
        "limit 50",
      ),
  },
  unanswerable: "text lines carry no request latency in milliseconds",
};
