import { configFrom, fixtureEnvironments } from "../support/environments";
import { resourceWhere, resourcesOf, synthesized, type TerraformJson } from "../support/synth";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { FILTER_PATTERNS } from "../../lib/logging/formats/filter-patterns";
import { axonflowMetrics } from "../../lib/metrics/axonflow-metrics";

describe("log-metric-filters", () => {
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

    const formatOf = (service: string) => config.services[service].logFormat;

    test("two filters per service log group, three where lines carry tokens (the guide's JSON), nothing else", () => {
      const expected = services.reduce((n, s) => n + (formatOf(s) === "guide-json" ? 3 : 2), 0);
      expect(Object.keys(resourcesOf(tf, "aws_cloudwatch_log_metric_filter"))).toHaveLength(expected);
    });

    // What each pattern matches is tested against lines of each format in log-formats.test.ts.
    test.each(services)("%s: error count into ErrorCount-<service>, 0 when quiet", (service) => {
      expect(json).toHaveResourceWithProperties(CloudwatchLogMetricFilter, {
        name: `axonflow-${name}-error-count-${service}`,
        log_group_name: groupRef(tf, `/axonflow/${name}/${service}`),
        metric_transformation: { namespace, name: `ErrorCount-${service}`, value: "1", default_value: "0", unit: "Count" },
      });
    });

    test.each(services)("%s: policy blocks into the one PolicyBlocks metric, 0 when quiet", (service) => {
      expect(json).toHaveResourceWithProperties(CloudwatchLogMetricFilter, {
        name: `axonflow-${name}-policy-blocks-${service}`,
        log_group_name: groupRef(tf, `/axonflow/${name}/${service}`),
        metric_transformation: { namespace, name: "PolicyBlocks", value: "1", default_value: "0", unit: "Count" },
      });
    });

    const tokenServices = services.filter((s) => formatOf(s) === "guide-json");
    if (tokenServices.length > 0)
      test.each(tokenServices)("%s: tokens used, by Model, without a default (CloudWatch forbids one with dimensions)", (service) => {
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
    const { tf } = synthesized(configFrom({ services: { agent: { logFormat: "guide-json" }, orchestrator: {}, "customer-portal": {} } }));

    test("no filter has both dimensions and a default value", () => {
      for (const f of Object.values(resourcesOf(tf, "aws_cloudwatch_log_metric_filter"))) {
        const t = f.metric_transformation as Record<string, unknown>;
        expect(t.dimensions !== undefined && t.default_value !== undefined).toBe(false);
      }
    });

    test("filters publish exactly the metrics of the contract in lib/metrics/axonflow-metrics.ts", () => {
      const m = axonflowMetrics("AxonFlow/test");
      const published = new Set(
        Object.values(resourcesOf(tf, "aws_cloudwatch_log_metric_filter")).map((f) => (f.metric_transformation as { name: string }).name),
      );
      expect([...published].sort()).toEqual(
        [m.errorCount("agent"), m.errorCount("orchestrator"), m.errorCount("customer-portal"), m.policyBlocks, m.tokensUsedByModel]
          .map((d) => d.metricName)
          .sort(),
      );
      const tokens = resourceWhere(tf, "aws_cloudwatch_log_metric_filter", "name", "axonflow-test-tokens-used-agent");
      expect(Object.keys((tokens.metric_transformation as { dimensions: object }).dimensions)).toEqual([
        ...m.tokensUsedByModel.dimensionKeys,
      ]);
    });

    test("JSON patterns only for the guide's JSON: the other formats' lines do not start with {", () => {
      for (const [format, patterns] of Object.entries(FILTER_PATTERNS)) {
        for (const pattern of Object.values(patterns)) expect([format, pattern.startsWith("{")]).toEqual([format, format === "guide-json"]);
      }
    });
  });
});
