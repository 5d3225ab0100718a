import { configFrom, fixtureEnvironments } from "../support/environments";
import { resourceWhere, resourcesOf, synthesized } from "../support/synth";
import { CloudwatchQueryDefinition } from "@cdktf/provider-aws/lib/cloudwatch-query-definition";
import { QUERY_CATALOG } from "../../lib/logging/queries/catalog";
import { slowRequestThresholdMs } from "../../lib/logging/queries/slow-requests";

describe("saved-queries", () => {
  /** The guide's nine queries with our fixes; `{ms}` is the slow-request threshold in milliseconds. */
  const EXPECTED: Record<string, string> = {
    "Error Analysis":
      'fields @timestamp, @message, level, service, error_message\n| filter level = "error"\n| sort @timestamp desc\n| limit 100',
    "Latency Distribution":
      "stats avg(latency_ms) as avg_latency, pct(latency_ms, 50) as p50, pct(latency_ms, 95) " +
      "as p95, pct(latency_ms, 99) as p99 by bin(5m) as period\n| sort period desc",
    "Policy Blocks by Type":
      "fields @timestamp, policy_id, blocked_reason\n| filter blocked = 1\n| stats count(*) as block_count by policy_id\n| sort block_count desc",
    "Token Usage by Organization":
      "fields @timestamp, organization_id, tokens_used\n| stats sum(tokens_used) as total_tokens by organization_id\n| sort total_tokens desc",
    "Request Volume": "stats count(*) as request_count by bin(1h) as period\n| sort period desc",
    "Error Rate Over Time":
      'filter level = "error" or level = "info"\n| fields strcontains(level, "error") as ' +
      "is_error\n| stats count(*) as total, sum(is_error) as errors, errors * 100 / " +
      "total as error_rate_pct by bin(5m) as period\n| sort period desc",
    "Latency Percentiles by Model":
      "filter ispresent(latency_ms) and ispresent(model)\n| stats pct(latency_ms, 50) " +
      "as p50, pct(latency_ms, 90) as p90, pct(latency_ms, 95) as p95, pct(latency_ms, " +
      "99) as p99, count(*) as requests by model\n| sort p95 desc",
    "Policy Violations by Type and Severity":
      "filter blocked = 1\n| stats count(*) as violations by policy_id, blocked_reason\n| sort violations desc\n| limit 25",
    "Slow Requests (Above P95 Threshold)":
      "filter latency_ms > {ms}\n| fields @timestamp, service, model, latency_ms, tokens_used, organization_id\n| sort latency_ms desc\n| limit 50",
  };

  describe("guide-json: the guide's queries", () => {
    const name = "test";
    const config = configFrom({ services: { agent: { logFormat: "guide-json" }, orchestrator: { logFormat: "guide-json" } } });
    const { json, tf } = synthesized(config);
    const groups = Object.keys(config.services).map((s) => `/axonflow/${name}/${s}`);
    const ms = String(config.alarms.highLatency.thresholdSeconds * 1000);

    test("exactly the guide's nine queries, no duplicates", () => {
      const names = Object.values(resourcesOf(tf, "aws_cloudwatch_query_definition")).map((q) => q.name);
      expect(names).toHaveLength(9);
      expect(names.sort()).toEqual(
        Object.keys(EXPECTED)
          .map((t) => `AxonFlow/${name}/${t}`)
          .sort(),
      );
    });

    test.each(Object.entries(EXPECTED))("%s: name, text and scope", (title, text) => {
      expect(json).toHaveResourceWithProperties(CloudwatchQueryDefinition, {
        name: `AxonFlow/${name}/${title}`,
        query_string: text.replace("{ms}", ms),
        log_group_names: groups,
      });
    });

    test("each definition waits for the log groups it names", () => {
      for (const q of Object.values(resourcesOf(tf, "aws_cloudwatch_query_definition"))) {
        expect(q.depends_on).toHaveLength(groups.length);
        expect(q.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_cloudwatch_log_group\.log-groups_/)]));
      }
    });
  });

  describe("query catalog", () => {
    test("ids are unique, lowercase and role-based", () => {
      const ids = QUERY_CATALOG.map((q) => q.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    });

    // Guards against the guide's mistakes coming back: no `case`, no percentile(), no `= true` on JSON
    // booleans (Logs Insights indexes them as 1/0), no @timestamp sort after stats, no arithmetic in display,
    // no comparison operator in `fields` (comparisons are allowed in filter and as function arguments only).
    const texts = QUERY_CATALOG.flatMap((q) =>
      Object.entries(q.text).map(([format, text]) => [`${q.title} (${format})`, text({ latencyThresholdSeconds: 5 })] as const),
    );
    test.each(texts)("%s uses only valid Logs Insights syntax", (_, text) => {
      expect(text).not.toMatch(/\bcase\b/i);
      expect(text).not.toMatch(/\bpercentile\(/);
      expect(text).not.toMatch(/=\s*true\b/);
      expect(text).not.toMatch(/\bdisplay\b[^|]*[*/+]/);
      for (const fields of text.match(/(?:^|\|\s*)fields\b[^|]*/g) ?? []) expect(fields.replace(/\([^()]*\)/g, "()")).not.toMatch(/[=<>]/);
      if (/\|\s*stats\b|^stats\b/m.test(text)) expect(text.split(/\bstats\b/)[1]).not.toMatch(/@timestamp/);
    });

    test("the slow-request threshold is the latency alarm's, converted once from seconds", () => {
      expect(slowRequestThresholdMs(5)).toBe(5000);
      expect(slowRequestThresholdMs(2.5)).toBe(2500);
      const { tf } = synthesized(
        configFrom({ alarms: { highLatency: { thresholdSeconds: 2.5 } }, services: { agent: { logFormat: "guide-json" } } }),
      );
      const q = resourceWhere(tf, "aws_cloudwatch_query_definition", "name", "AxonFlow/test/Slow Requests (Above P95 Threshold)");
      expect(q.query_string).toMatch(/^filter latency_ms > 2500\n/);
    });

    describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s: saved queries", (name, config) => {
      const { tf } = synthesized(config);
      test("each query reads the groups of services of one log format, and every group has its Error Analysis", () => {
        const formatOf = (group: string) => config.services[group.split("/").pop()!].logFormat;
        const queries = Object.values(resourcesOf(tf, "aws_cloudwatch_query_definition"));
        for (const q of queries) expect(new Set((q.log_group_names as string[]).map(formatOf)).size).toBe(1);
        const errorGroups = queries
          .filter((q) => String(q.name).startsWith(`AxonFlow/${name}/Error Analysis`))
          .flatMap((q) => q.log_group_names as string[]);
        expect(errorGroups.sort()).toEqual(
          Object.keys(config.services)
            .map((s) => `/axonflow/${name}/${s}`)
            .sort(),
        );
      });
    });

    test("queries follow the environment's services", () => {
      const { tf } = synthesized(configFrom({ services: { billing: {}, agent: {} } }));
      for (const q of Object.values(resourcesOf(tf, "aws_cloudwatch_query_definition"))) {
        expect(q.log_group_names).toEqual(["/axonflow/test/billing", "/axonflow/test/agent"]);
      }
    });
  });
});
