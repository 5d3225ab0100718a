import type { LogFormat } from "../../lib/config/log-formats";
import type { ServiceKind } from "../scenarios/scenario";
import type { LogEvent } from "./filter-pattern";

/**
 * The kinds of log line a service writes, one line each in the service's log format. The world counts lines per
 * kind per minute and never builds a line object: a metric filter's pattern is evaluated once per kind.
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

/** The integration guide's JSON body of each kind. */
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

/**
 * The same kinds as AxonFlow's Go `log` text (the default flags: local date and time, then the message), worded
 * after the format strings of getaxonflow/axonflow platform/agent/run.go and platform/orchestrator/run.go. Entry
 * and internal services are the agent and the orchestrator; a public service that calls none and a worker say the
 * same things in their own words.
 */
function textOf(name: LineKindName, service: string, kind: ServiceKind): string {
  switch (name) {
    case "request-ok":
      return kind === "public"
        ? "GET /api/usage 200 in 35ms"
        : "📨 Incoming request from 10.0.1.23:51844 - Method: POST, Path: /api/request";
    case "policy-block":
      return "Request blocked by static policy for user ana@example.com: Blocked by tenant policy: block-card-numbers";
    case "completion-claude":
      return "[LLM] COMPLETED: provider=anthropic, latency=1.843257912s, err=<nil>";
    case "completion-gpt":
      return "[LLM] COMPLETED: provider=openai, latency=1.311s, err=<nil>";
    case "provider-error":
      // A failed call names no provider: providerInfo is nil on error.
      return (
        "[LLM] COMPLETED: provider=unknown, latency=812ms, err=primary provider failed and no " +
        "fallback: anthropic API error (status 529, type overloaded_error): Overloaded"
      );
    case "orchestrator-unavailable":
      return "❌ Orchestrator forward failed: orchestrator connection failed: dial tcp 172.18.0.5:8081: connect: connection refused (time: 2.4ms)";
    case "internal-error":
      return "[ERROR] Failed to marshal response: json: unsupported value: NaN";
    case "crash":
      return "❌ Failed to connect to database after 5 attempts: dial tcp 10.0.5.20:5432: connect: connection refused";
    case "startup":
      return `🚀 AxonFlow ${service} starting on port 8080 (status: starting)`;
    case "shutdown":
      return "⏸️  Received terminated — flushing decision tracer before exit";
    case "heartbeat":
      return "Policy engine health: 37 policies loaded, last refresh: 4.2s ago (source=database)";
  }
}

/** Go's `log` prefix with the default flags: `2006/01/02 15:04:05 `. */
const GO_LOG_PREFIX = "2026/03/10 00:00:00 ";

/**
 * The shared logger's JSON (platform/shared/logger): upper-case level, component, client_id, request_id, extras
 * under fields; written with log.Println, so Go's date comes first. Its services write it for requests and their
 * failures, and Go text for everything else.
 */
function axonflowJsonOf(name: LineKindName, service: string, kind: ServiceKind): string {
  const entry = (level: string, message: string, fields: Record<string, string | number>) =>
    JSON.stringify({
      timestamp: "2026-03-10T00:00:00.000000000Z",
      level,
      component: service,
      instance_id: "ip-10-0-12-7",
      client_id: "client-replay",
      request_id: "req-replay",
      message,
      fields,
    });
  switch (name) {
    case "request-ok":
      return entry("INFO", "Request completed", { duration_ms: kind === "public" ? 35 : 245, status_code: 200 });
    case "internal-error":
      return entry("ERROR", "Request failed", { duration_ms: 52, status_code: 500, error: "context deadline exceeded" });
    case "provider-error":
      return entry("ERROR", "LLM call failed", { duration_ms: 812, status_code: 502, error: "API error: 503 Service Unavailable" });
    default:
      return textOf(name, service, kind);
  }
}

function messageOf(name: LineKindName, service: string, kind: ServiceKind, format: LogFormat): { message: string; json?: unknown } {
  switch (format) {
    case "guide-json": {
      const json = bodyOf(name, service, kind);
      return { message: JSON.stringify(json), json };
    }
    case "axonflow-json":
      return { message: GO_LOG_PREFIX + axonflowJsonOf(name, service, kind) };
    case "text":
      return { message: GO_LOG_PREFIX + textOf(name, service, kind) };
  }
}

/** Every kind with its line for one service; `index` maps a kind name to its position in per-minute count arrays. */
export function lineKindsFor(service: string, kind: ServiceKind, format: LogFormat): readonly LineKind[] {
  return LINE_KINDS.map((name) => {
    const { message, json } = messageOf(name, service, kind, format);
    return { name, message, ...(json !== undefined && { json }), bytes: Buffer.byteLength(message, "utf8") };
  });
}

export const KIND_INDEX: Readonly<Record<LineKindName, number>> = Object.fromEntries(LINE_KINDS.map((k, i) => [k, i])) as Record<
  LineKindName,
  number
>;
