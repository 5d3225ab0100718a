import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { Construct } from "constructs";
import type { LogFormat } from "../config/log-formats";
import type { EnvContext } from "../context";
import { FILTER_PATTERNS } from "./formats/filter-patterns";
import { axonflowMetrics } from "../metrics/axonflow-metrics";
import type { MetricDefinition } from "../metrics/metric";

export interface LogMetricFiltersProps {
  readonly env: EnvContext;
  /** Service name → its log group; filters reference the group, so Terraform creates the group first. */
  readonly logGroups: ReadonlyMap<string, CloudwatchLogGroup>;
  /** Service name → how it writes its lines; it picks the patterns. */
  readonly formats: ReadonlyMap<string, LogFormat>;
}

/**
 * Per service log group: error count, policy blocks and (where lines carry them) tokens used, published to
 * `AxonFlow/<env>` with the names of the contract in lib/metrics/axonflow-metrics.ts.
 */
export class LogMetricFilters extends Construct {
  readonly filters: CloudwatchLogMetricFilter[] = [];

  constructor(scope: Construct, id: string, props: LogMetricFiltersProps) {
    super(scope, id);
    const metrics = axonflowMetrics(props.env.naming.metricNamespace);
    const naming = props.env.naming;
    for (const [service, group] of props.logGroups) {
      const logGroupName = group.name;
      const format = props.formats.get(service);
      if (format === undefined) throw new Error(`${this.node.path}: no log format for service ${service}`);
      const patterns = FILTER_PATTERNS[format];
      // Count filters report 0 for a minute with logs but no match, so an alarm on them sees a quiet period as 0,
      // not as missing data. (A minute with no log events at all still reports nothing.)
      this.add(
        `error-count-${service}`,
        logGroupName,
        naming.resource("error-count", service),
        patterns.error,
        metrics.errorCount(service),
        {
          value: "1",
          defaultValue: "0",
        },
      );
      // One PolicyBlocks metric for the environment: every service's filter publishes to it, CloudWatch sums them.
      this.add(
        `policy-blocks-${service}`,
        logGroupName,
        naming.resource("policy-blocks", service),
        patterns.policyBlock,
        metrics.policyBlocks,
        {
          value: "1",
          defaultValue: "0",
        },
      );
      // CloudWatch rejects a default value on a filter with dimensions, so TokensUsed has none.
      if (patterns.tokensUsed === undefined) continue;
      this.add(
        `tokens-used-${service}`,
        logGroupName,
        naming.resource("tokens-used", service),
        patterns.tokensUsed,
        metrics.tokensUsedByModel,
        {
          value: "$.tokens_used",
          dimensions: { Model: "$.model" },
        },
      );
    }
  }

  private add(
    id: string,
    logGroupName: string,
    name: string,
    pattern: string,
    metric: MetricDefinition<string>,
    transformation: { value: string; defaultValue?: string; dimensions?: Record<string, string> },
  ): void {
    const dimensionKeys = Object.keys(transformation.dimensions ?? {});
    if (dimensionKeys.join() !== metric.dimensionKeys.join()) {
      throw new Error(
        `${this.node.path}/${id}: ${metric.metricName} has dimensions [${metric.dimensionKeys}], filter gives [${dimensionKeys}]`,
      );
    }
    if (transformation.defaultValue !== undefined && dimensionKeys.length > 0) {
      throw new Error(`${this.node.path}/${id}: CloudWatch rejects a default value on a metric filter with dimensions`);
    }
    this.filters.push(
      new CloudwatchLogMetricFilter(this, id, {
        name,
        logGroupName,
        pattern,
        metricTransformation: {
          namespace: metric.namespace,
          name: metric.metricName,
          unit: metric.unit,
          ...transformation,
        },
      }),
    );
  }
}
