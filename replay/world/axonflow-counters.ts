/**
 * AxonFlow's own Prometheus counters as one service's tasks count them in one minute (lib/prometheus/axonflow-series.ts
 * names and labels them as the source does). What the CloudWatch agent makes of them is publish-prometheus.ts's.
 */
export interface CounterSeries {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** This minute's increments. */
  n: number;
}

export const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});

export class AxonFlowCounters {
  private readonly byKey = new Map<string, CounterSeries>();

  /**
   * Counts `n` on a labeled series (a CounterVec child): it exists from its first increment, as client_golang
   * creates it then. A plain counter is registered at 0 when the process starts: pass `NO_LABELS` and it exists at once.
   */
  add(name: string, labels: Readonly<Record<string, string>>, n: number): void {
    let key = name;
    for (const k in labels) key += `|${k}=${labels[k]}`;
    const series = this.byKey.get(key);
    if (series !== undefined) series.n += n;
    else if (n > 0 || labels === NO_LABELS) this.byKey.set(key, { name, labels, n });
  }

  /** Every series counted so far, this minute's increments in `n`. */
  series(): IterableIterator<CounterSeries> {
    return this.byKey.values();
  }

  /** A new minute: the series stay, their increments go. */
  reset(): void {
    for (const s of this.byKey.values()) s.n = 0;
  }
}

/** The series names (AxonFlow's source, platform/agent/run.go and platform/orchestrator/run.go). */
export const SERIES = {
  agentRequests: "axonflow_agent_requests_total",
  agentBlocked: "axonflow_agent_blocked_requests_total",
  orchestratorRequests: "axonflow_orchestrator_requests_total",
  orchestratorBlocked: "axonflow_orchestrator_blocked_requests_total",
  llmCalls: "axonflow_orchestrator_llm_calls_total",
} as const;
