import { FAILED_CALL_PROVIDER, mirroredMetric, mirrors } from "../../prometheus/mirrored-metrics";
import type { DashboardInput } from "../dashboard-input";
import { Row, type Widget } from "../grid";
import { type MetricWidgetLine, MetricWidget } from "../widgets/metric-widget";

/**
 * AxonFlow's own metrics, as the Prometheus bridge mirrors them (docs/prometheus-bridge.md): its LLM calls by
 * provider and outcome, and the requests its policies blocked. Only where the bridge is on, each widget only where
 * its signals are mirrored. The providers come from the file, so every series is named (no SEARCH).
 */
export function mirroredRows({ env, prometheus }: DashboardInput): Row[] {
  if (prometheus === undefined) return [];
  const namespace = env.naming.metricNamespace;
  const widgets: Widget[] = [];
  if (mirrors(prometheus, ["llmCalls"])) {
    const answered = prometheus.llmProviders.map((provider, i) => ({
      metric: mirroredMetric(namespace, prometheus, "llmCalls", { provider, status: "success" }),
      options: { id: `ok${i}`, label: `${provider}: answered` },
    }));
    const failed = {
      metric: mirroredMetric(namespace, prometheus, "llmCalls", { provider: FAILED_CALL_PROVIDER, status: "error" }),
      options: { id: "failed", label: "failed on every provider" },
    };
    widgets.push(
      new MetricWidget({
        title: "LLM Calls by Provider",
        region: env.region,
        width: 12,
        stat: "Sum",
        stacked: true,
        lines: [...answered, failed],
      }),
      new MetricWidget({
        title: "LLM Calls Failed on Every Provider (%)",
        region: env.region,
        width: 6,
        stat: "Sum",
        lines: [
          // As llm-failure-share reads it: every series FILLed, a series exists only once it has counted.
          {
            expression: `100 * FILL(failed, 0) / (FILL(failed, 0) + ${answered.map((a) => `FILL(${a.options.id}, 0)`).join(" + ")})`,
            id: "share",
            label: "failed %",
          },
          ...[...answered, failed].map((l) => ({ ...l, options: { ...l.options, visible: false } })),
        ],
      }),
    );
  }
  const blocked: MetricWidgetLine[] = [];
  if (mirrors(prometheus, ["agentBlockedRequests"]))
    blocked.push({ metric: mirroredMetric(namespace, prometheus, "agentBlockedRequests"), options: { label: "blocked by the agent" } });
  if (mirrors(prometheus, ["orchestratorBlockedRequests"]))
    blocked.push({
      metric: mirroredMetric(namespace, prometheus, "orchestratorBlockedRequests"),
      options: { label: "blocked by the orchestrator" },
    });
  if (blocked.length > 0)
    widgets.push(
      new MetricWidget({ title: "Requests Blocked by Policy", region: env.region, width: 6, stat: "Sum", stacked: true, lines: blocked }),
    );
  return widgets.length > 0 ? [new Row(...widgets)] : [];
}
