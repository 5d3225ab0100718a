import { type AxonFlowComponent, seriesNamed } from "./axonflow-series";

/**
 * The signals an environment may mirror into CloudWatch: each one AxonFlow series, with the labels kept as
 * dimensions. Histograms are not offered: the CloudWatch agent drops the Prometheus histogram type.
 */
export const MIRRORED_SIGNALS = {
  /** Outcomes of the agent's requests: the denominator of a block share. */
  agentRequests: { series: "axonflow_agent_requests_total", dimensions: ["status"] },
  /** Requests a policy blocked or held at the agent. */
  agentBlockedRequests: { series: "axonflow_agent_blocked_requests_total", dimensions: [] },
  agentPolicyEvaluations: { series: "axonflow_agent_policy_evaluations_total", dimensions: [] },
  orchestratorRequests: { series: "axonflow_orchestrator_requests_total", dimensions: ["status"] },
  /** Requests blocked by the orchestrator's dynamic and response-plane policies. */
  orchestratorBlockedRequests: { series: "axonflow_orchestrator_blocked_requests_total", dimensions: [] },
  /** LLM answers per provider, and the requests no provider answered (provider "unknown", status "error"). */
  llmCalls: { series: "axonflow_orchestrator_llm_calls_total", dimensions: ["provider", "status"] },
} as const satisfies Record<string, { readonly series: string; readonly dimensions: readonly string[] }>;

export type MirroredSignalKey = keyof typeof MIRRORED_SIGNALS;

export const MIRRORED_SIGNAL_KEYS = Object.keys(MIRRORED_SIGNALS) as MirroredSignalKey[];

/** What on-call pages and tickets on (the LLM failure share, policy-block waves), and their denominators. */
export const DEFAULT_MIRRORED_SIGNALS: readonly MirroredSignalKey[] = [
  "llmCalls",
  "orchestratorRequests",
  "agentRequests",
  "agentBlockedRequests",
  "orchestratorBlockedRequests",
];

export function componentOf(signal: MirroredSignalKey): AxonFlowComponent {
  return seriesNamed(MIRRORED_SIGNALS[signal].series).component;
}

/**
 * How many CloudWatch metrics a signal becomes: one per combination of its dimension values that AxonFlow writes.
 * llmCalls: a success per provider the router uses, "mock" for skip_llm test calls, and ("unknown", "error").
 */
export function expectedSeriesCount(signal: MirroredSignalKey, llmProviders: readonly string[]): number {
  if (signal === "llmCalls") return llmProviders.length + 2;
  const series = seriesNamed(MIRRORED_SIGNALS[signal].series);
  return MIRRORED_SIGNALS[signal].dimensions.reduce((n, label) => n * (series.labelValues?.[label]?.length ?? 1), 1);
}
