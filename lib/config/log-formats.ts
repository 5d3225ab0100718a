/**
 * How a service writes its log lines; it decides the metric filters' patterns and which saved queries exist.
 * - text: Go's standard `log` package with its default flags, `2026/03/10 14:05:09 <message>`. AxonFlow's agent and
 *   orchestrator write almost every line this way (platform/agent/run.go, platform/orchestrator/run.go), so it is
 *   the default.
 * - axonflow-json: AxonFlow's shared structured logger (platform/shared/logger/logger.go): one JSON object with
 *   upper-case `level`, `component`, `client_id`, `request_id` and extras under `fields`, written through
 *   `log.Println`, so the Go date still precedes it. The same service writes text lines beside it.
 * - guide-json: the integration guide's example, a bare JSON object per line with lower-case `level`, `service`,
 *   `latency_ms`, `model`, `tokens_used`, `blocked`, `policy_id`: what a deployment writes once its logging is
 *   changed to match the guide.
 */
export const LOG_FORMATS = ["text", "axonflow-json", "guide-json"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
export const DEFAULT_LOG_FORMAT: LogFormat = "text";
