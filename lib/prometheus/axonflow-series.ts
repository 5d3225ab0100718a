/**
 * What AxonFlow's `GET /prometheus` endpoints expose, as its source registers it (repository getaxonflow/axonflow,
 * `platform/agent/run.go` and `platform/orchestrator/run.go`, the `prom*` variables and their `WithLabelValues`
 * calls). Every series here is one the service really publishes; the bridge mirrors only from this list.
 */

/** The AxonFlow component whose endpoint serves a series. */
export type AxonFlowComponent = "agent" | "orchestrator";

export const AXONFLOW_COMPONENTS: readonly AxonFlowComponent[] = ["agent", "orchestrator"];

/** Where each component listens (the `PORT` defaults of run.go); both serve Prometheus text at `/prometheus`. */
export const DEFAULT_SCRAPE_TARGET: Readonly<Record<AxonFlowComponent, { readonly port: number; readonly path: string }>> = {
  agent: { port: 8080, path: "/prometheus" },
  orchestrator: { port: 8081, path: "/prometheus" },
};

export interface PrometheusSeries {
  readonly name: string;
  readonly component: AxonFlowComponent;
  readonly type: "counter" | "histogram";
  readonly labels: readonly string[];
  /** The label values the source writes, where it writes a fixed set (provider names come from the router). */
  readonly labelValues?: Readonly<Record<string, readonly string[]>>;
  readonly help: string;
}

/** Every AxonFlow series of the two endpoints (Go's default collectors aside: GO_RUNTIME_SERIES). */
export const AXONFLOW_SERIES: readonly PrometheusSeries[] = [
  {
    name: "axonflow_agent_requests_total",
    component: "agent",
    type: "counter",
    labels: ["status"],
    // A request the agent fails to forward (network error) is answered 500 and counted in none of these.
    labelValues: { status: ["success", "orchestrator_error", "blocked", "hitl_blocked"] },
    help: "requests the agent answered, by outcome",
  },
  {
    name: "axonflow_agent_request_duration_milliseconds",
    component: "agent",
    type: "histogram",
    labels: ["type"],
    help: "request duration (buckets 1–500 ms)",
  },
  { name: "axonflow_agent_policy_evaluations_total", component: "agent", type: "counter", labels: [], help: "policy evaluations" },
  {
    name: "axonflow_agent_blocked_requests_total",
    component: "agent",
    type: "counter",
    labels: [],
    help: "requests blocked by a static or tenant policy, or held for approval",
  },
  {
    name: "axonflow_orchestrator_requests_total",
    component: "orchestrator",
    type: "counter",
    labels: ["status"],
    labelValues: { status: ["success", "error", "blocked"] },
    help: "requests the orchestrator processed, by outcome",
  },
  {
    name: "axonflow_orchestrator_request_duration_milliseconds",
    component: "orchestrator",
    type: "histogram",
    labels: ["type"],
    help: "request duration (buckets 10 ms–10 s)",
  },
  {
    name: "axonflow_orchestrator_policy_evaluations_total",
    component: "orchestrator",
    type: "counter",
    labels: [],
    help: "dynamic policy evaluations",
  },
  {
    name: "axonflow_orchestrator_blocked_requests_total",
    component: "orchestrator",
    type: "counter",
    labels: [],
    help: "requests blocked by dynamic or response-plane policies",
  },
  {
    name: "axonflow_orchestrator_llm_calls_total",
    component: "orchestrator",
    type: "counter",
    labels: ["provider", "status"],
    // A success names the provider that answered; a failure is written after the router gave up on every
    // provider, as provider "unknown": no series says which provider failed.
    labelValues: { status: ["success", "error"] },
    help: "LLM calls: (provider, success) per answer, (unknown, error) per request no provider answered",
  },
  {
    name: "axonflow_orchestrator_plan_cleanups_total",
    component: "orchestrator",
    type: "counter",
    labels: [],
    help: "expired plans cleaned up",
  },
];

/** What Go's default Prometheus registry adds on every endpoint: never to be selected by accident. */
export const GO_RUNTIME_SERIES: readonly string[] = [
  "go_goroutines",
  "go_threads",
  "go_gc_duration_seconds",
  "go_memstats_alloc_bytes",
  "go_memstats_alloc_bytes_total",
  "go_memstats_heap_inuse_bytes",
  "go_info",
  "process_cpu_seconds_total",
  "process_resident_memory_bytes",
  "process_open_fds",
  "process_start_time_seconds",
  "promhttp_metric_handler_requests_in_flight",
  "promhttp_metric_handler_requests_total",
];

export function seriesNamed(name: string): PrometheusSeries {
  const series = AXONFLOW_SERIES.find((s) => s.name === name);
  if (series === undefined) throw new Error(`${name}: not a series AxonFlow publishes`);
  return series;
}
