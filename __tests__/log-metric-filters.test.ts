import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { FILTER_PATTERNS } from "../lib/logging/log-metric-filters";
import { axonflowMetrics } from "../lib/metrics/axonflow-metrics";
import { configFrom, fixtureEnvironments } from "./support/environments";
import { resourcesOf, resourceWhere, synthesized, type TerraformJson } from "./support/synth";

/** `${aws_cloudwatch_log_group.<address>.name}` of the group with this physical name. */
function groupRef(tf: TerraformJson, name: string): string {
  const hits = Object.entries(resourcesOf(tf, "aws_cloudwatch_log_group")).filter(([, g]) => g.name === name);
  expect(hits).toHaveLength(1);
  return `\${aws_cloudwatch_log_group.${hits[0][0]}.name}`;
}

describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s: log metric filters", (name, config) => {
  const { json, tf } = synthesized(config);
  const services = Object.keys(config.services);
  const namespace = `AxonFlow/${name}`;

  test("three filters per service log group, nothing else", () => {
    expect(Object.keys(resourcesOf(tf, "aws_cloudwatch_log_metric_filter"))).toHaveLength(3 * services.length);
  });

  test.each(services)("%s: error count (level = error), 0 when quiet", (service) => {
    expect(json).toHaveResourceWithProperties(CloudwatchLogMetricFilter, {
      name: `axonflow-${name}-error-count-${service}`,
      log_group_name: groupRef(tf, `/axonflow/${name}/${service}`),
      pattern: '{ $.level = "error" }',
      metric_transformation: { namespace, name: `ErrorCount-${service}`, value: "1", default_value: "0", unit: "Count" },
    });
  });

  test.each(services)("%s: policy blocks (blocked IS TRUE) into the one PolicyBlocks metric, 0 when quiet", (service) => {
    expect(json).toHaveResourceWithProperties(CloudwatchLogMetricFilter, {
      name: `axonflow-${name}-policy-blocks-${service}`,
      log_group_name: groupRef(tf, `/axonflow/${name}/${service}`),
      pattern: "{ $.blocked IS TRUE }",
      metric_transformation: { namespace, name: "PolicyBlocks", value: "1", default_value: "0", unit: "Count" },
    });
  });

  test.each(services)("%s: tokens used, by Model, without a default (CloudWatch forbids one with dimensions)", (service) => {
    expect(json).toHaveResourceWithProperties(CloudwatchLogMetricFilter, {
      name: `axonflow-${name}-tokens-used-${service}`,
      log_group_name: groupRef(tf, `/axonflow/${name}/${service}`),
      pattern: "{ ($.tokens_used = *) && ($.model = *) }",
      // Exact nested match: no default_value key at all.
      metric_transformation: { namespace, name: "TokensUsed", value: "$.tokens_used", dimensions: { Model: "$.model" }, unit: "Count" },
    });
  });
});

describe("metric filter invariants", () => {
  const { tf } = synthesized(configFrom());

  test("no filter has both dimensions and a default value", () => {
    for (const f of Object.values(resourcesOf(tf, "aws_cloudwatch_log_metric_filter"))) {
      const t = f.metric_transformation as Record<string, unknown>;
      expect(t.dimensions !== undefined && t.default_value !== undefined).toBe(false);
    }
  });

  test("filters publish exactly the metrics of the contract in lib/metrics/axonflow-metrics.ts", () => {
    const m = axonflowMetrics("AxonFlow/test");
    const published = new Set(Object.values(resourcesOf(tf, "aws_cloudwatch_log_metric_filter")).map((f) => (f.metric_transformation as { name: string }).name));
    expect([...published].sort()).toEqual(
      [m.errorCount("agent"), m.errorCount("orchestrator"), m.errorCount("customer-portal"), m.policyBlocks, m.tokensUsedByModel].map((d) => d.metricName).sort(),
    );
    const tokens = resourceWhere(tf, "aws_cloudwatch_log_metric_filter", "name", "axonflow-test-tokens-used-agent");
    expect(Object.keys((tokens.metric_transformation as { dimensions: object }).dimensions)).toEqual([...m.tokensUsedByModel.dimensionKeys]);
  });

  test("JSON patterns are brace-wrapped selectors on the guide's fields", () => {
    for (const pattern of Object.values(FILTER_PATTERNS)) expect(pattern).toMatch(/^\{ .*\$\.(level|blocked|tokens_used)\b.* \}$/);
  });
});
