import type { ServiceKind } from "../scenarios/scenario";
import type { LogEvent } from "./filter-pattern";

/**
 * The kinds of log line a service writes, one JSON body each, in AxonFlow's structured format. The world counts
 * lines per kind per minute and never builds a line object: a metric filter's pattern is evaluated once per kind.
 */
export const LINE_KINDS = [
  "request-ok",
  "policy-block",
  "completion-claude",
  "completion-gpt",
  "provider-error",
  "orchestrator-unavailable",
  "internal-error",
  "crash",
  "startup",
  "shutdown",
  "heartbeat",
] as const;
export type LineKindName = (typeof LINE_KINDS)[number];

export interface LineKind extends LogEvent {
  readonly name: LineKindName;
  /** Size of the line in bytes, as CloudWatch Logs counts IncomingBytes (uncompressed). */
  readonly bytes: number;
}

type Body = Record<string, string | number | boolean>;

function bodyOf(name: LineKindName, service: string, kind: ServiceKind): Body {
  const base = { timestamp: "2026-03-10T00:00:00.000Z", service, request_id: "req-replay", organization_id: "org-replay" };
  const request = { latency_ms: 245, policy_evaluations: 3, blocked: false };
  switch (name) {
    case "request-ok":
      return { ...base, level: "info", message: kind === "public" ? "Page served" : "Request processed successfully", ...request };
    case "policy-block":
      return { ...base, level: "warn", message: "Request blocked by policy", latency_ms: 18, policy_evaluations: 3, blocked: true };
    case "completion-claude":
      return { ...base, level: "info", message: "Request processed successfully", ...request, model: "claude-sonnet-4", tokens_used: 1250 };
    case "completion-gpt":
      return { ...base, level: "info", message: "Request processed successfully", ...request, model: "gpt-4o", tokens_used: 900 };
    case "provider-error":
      return { ...base, level: "error", message: "LLM provider returned 503", latency_ms: 812, blocked: false };
    case "orchestrator-unavailable":
      return { ...base, level: "error", message: "Orchestrator unavailable: connection refused", latency_ms: 4, blocked: false };
    case "internal-error":
      return { ...base, level: "error", message: "Unhandled error while processing request", latency_ms: 52, blocked: false };
    case "crash":
      return { ...base, level: "error", message: "fatal: unrecoverable error, exiting" };
    case "startup":
      return { ...base, level: "info", message: "Service started" };
    case "shutdown":
      return { ...base, level: "info", message: "SIGTERM received, draining connections" };
    case "heartbeat":
      return { ...base, level: "info", message: "heartbeat" };
  }
}

/** Every kind with its body for one service; `index` maps a kind name to its position in per-minute count arrays. */
export function lineKindsFor(service: string, kind: ServiceKind): readonly LineKind[] {
  return LINE_KINDS.map((name) => {
    const json = bodyOf(name, service, kind);
    const message = JSON.stringify(json);
    return { name, message, json, bytes: Buffer.byteLength(message, "utf8") };
  });
}

export const KIND_INDEX: Readonly<Record<LineKindName, number>> = Object.fromEntries(LINE_KINDS.map((k, i) => [k, i])) as Record<LineKindName, number>;
