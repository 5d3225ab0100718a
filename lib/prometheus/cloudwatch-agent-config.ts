import { stringify } from "yaml";
import { escapeRegExp } from "../regexp";
import { AXONFLOW_SERIES, type AxonFlowComponent, GO_RUNTIME_SERIES, seriesNamed } from "./axonflow-series";
import { MIRRORED_SIGNALS, type MirroredSignalKey } from "./mirrored-signals";

/** One sidecar's work: scrape one component's endpoint in its own task, mirror the chosen signals. */
export interface ScrapeJob {
  readonly component: AxonFlowComponent;
  /** The environment's service running the component: a target label, and the `Service` dimension. */
  readonly service: string;
  readonly port: number;
  readonly path: string;
  readonly signals: readonly MirroredSignalKey[];
}

export interface AgentDestination {
  readonly clusterName: string;
  readonly logGroupName: string;
  readonly namespace: string;
}

export interface MetricDeclaration {
  readonly source_labels: readonly string[];
  readonly label_matcher: string;
  readonly dimensions: readonly (readonly string[])[];
  readonly metric_selectors: readonly string[];
}

/** The label every mirrored series carries, set on the scrape target: the service's name. */
export const SERVICE_LABEL = "Service";

export const jobName = (component: AxonFlowComponent) => `axonflow-${component}`;

/** The Prometheus scrape configuration (`PROMETHEUS_CONFIG_CONTENT`): the component's endpoint in its own task. */
export function scrapeConfigYaml(job: ScrapeJob, intervalSeconds: number): string {
  const config = {
    global: { scrape_interval: `${intervalSeconds}s`, scrape_timeout: "10s" },
    scrape_configs: [
      {
        job_name: jobName(job.component),
        metrics_path: job.path,
        // The sidecar shares the task's network namespace (awsvpc): the component is on localhost.
        static_configs: [{ targets: [`localhost:${job.port}`], labels: { [SERVICE_LABEL]: job.service } }],
      },
    ],
  };
  return stringify(config, { lineWidth: 0 });
}

/** One declaration per signal: only its series, only from this job, with the service and its labels as dimensions. */
export function metricDeclarations(job: ScrapeJob): MetricDeclaration[] {
  return job.signals.map((key) => {
    const signal = MIRRORED_SIGNALS[key];
    return {
      source_labels: ["job"],
      label_matcher: `^${escapeRegExp(jobName(job.component))}$`,
      dimensions: [[SERVICE_LABEL, ...signal.dimensions]],
      metric_selectors: [`^${escapeRegExp(signal.series)}$`],
    };
  });
}

/** The CloudWatch agent configuration (`CW_CONFIG_CONTENT`): Prometheus in, embedded metric format out. */
export function cloudWatchAgentConfig(job: ScrapeJob, to: AgentDestination): Record<string, unknown> {
  return {
    logs: {
      metrics_collected: {
        prometheus: {
          cluster_name: to.clusterName,
          log_group_name: to.logGroupName,
          // The agent reads the scrape configuration from this environment variable (the task's secret).
          prometheus_config_path: "env:PROMETHEUS_CONFIG_CONTENT",
          emf_processor: {
            metric_declaration_dedup: true,
            metric_namespace: to.namespace,
            metric_declaration: metricDeclarations(job),
          },
        },
      },
      force_flush_interval: 5,
    },
  };
}

/**
 * The keys the CloudWatch agent documents for this configuration ("CloudWatch agent configuration for
 * Prometheus", Amazon CloudWatch User Guide): a key outside them is a typo the agent would ignore or reject.
 */
const DOCUMENTED_KEYS: Readonly<Record<string, readonly string[]>> = {
  "": ["agent", "logs"],
  logs: ["metrics_collected", "force_flush_interval", "logs_collected"],
  "logs.metrics_collected": ["prometheus"],
  "logs.metrics_collected.prometheus": [
    "cluster_name",
    "log_group_name",
    "prometheus_config_path",
    "ecs_service_discovery",
    "emf_processor",
  ],
  "logs.metrics_collected.prometheus.emf_processor": ["metric_declaration_dedup", "metric_namespace", "metric_unit", "metric_declaration"],
  "logs.metrics_collected.prometheus.emf_processor.metric_declaration[]": [
    "source_labels",
    "label_matcher",
    "label_separator",
    "metric_selectors",
    "dimensions",
  ],
};

/** SSM Parameter Store's standard tier holds 4 KB; the advanced tier costs money. */
export const STANDARD_PARAMETER_BYTES = 4096;

/**
 * What is wrong with an agent configuration for `job`: undocumented keys, selectors that do not compile or do not
 * select exactly the signals' series among everything the endpoint serves, dimensions the series lacks.
 */
export function agentConfigProblems(config: Record<string, unknown>, job: ScrapeJob): string[] {
  const problems: string[] = [];
  const visit = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      if (DOCUMENTED_KEYS[`${path}[]`]) for (const v of value) visit(v, `${path}[]`);
      return;
    }
    if (value === null || typeof value !== "object") return;
    const allowed = DOCUMENTED_KEYS[path];
    if (allowed === undefined) return;
    for (const [key, child] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (!allowed.includes(key)) problems.push(`${at}: not a key the CloudWatch agent documents; allowed: ${allowed.join(", ")}`);
      else visit(child, at);
    }
  };
  visit(config, "");

  const declarations = (
    ((config.logs as Record<string, unknown>)?.metrics_collected as Record<string, unknown>)?.prometheus as Record<string, unknown>
  )?.emf_processor as { metric_declaration?: MetricDeclaration[] } | undefined;
  const served = [...AXONFLOW_SERIES.filter((s) => s.component === job.component).map((s) => s.name), ...GO_RUNTIME_SERIES];
  const wanted = new Set<string>(job.signals.map((k) => MIRRORED_SIGNALS[k].series));
  const selected = new Set<string>();
  for (const [i, d] of (declarations?.metric_declaration ?? []).entries()) {
    const where = `metric_declaration[${i}]`;
    const compiled = [...d.metric_selectors, d.label_matcher].map((source) => {
      try {
        return new RegExp(source);
      } catch (e) {
        problems.push(`${where}: ${JSON.stringify(source)} is not a regular expression: ${(e as Error).message}`);
        return undefined;
      }
    });
    if (compiled.some((r) => r === undefined)) continue;
    const matcher = compiled.pop() as RegExp;
    if (!matcher.test(jobName(job.component)))
      problems.push(`${where}: label_matcher ${d.label_matcher} does not match the job ${jobName(job.component)}`);
    const hits = served.filter((name) => compiled.some((r) => r?.test(name)));
    for (const name of hits) {
      if (!wanted.has(name)) problems.push(`${where}: selects ${name}, which is not mirrored`);
      selected.add(name);
      const labels = [SERVICE_LABEL, ...(AXONFLOW_SERIES.find((s) => s.name === name)?.labels ?? [])];
      for (const set of d.dimensions)
        for (const dim of set) if (!labels.includes(dim)) problems.push(`${where}: dimension ${dim} is not a label of ${name}`);
    }
  }
  for (const name of wanted) if (!selected.has(name)) problems.push(`${name}: mirrored, but no metric_declaration selects it`);
  for (const name of wanted)
    if (seriesNamed(name).type === "histogram") problems.push(`${name}: a histogram, which the CloudWatch agent drops`);
  return problems;
}
