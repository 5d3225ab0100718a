import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { configFrom, fixtureEnvironments, problemsFor } from "../support/environments";
import { resourceWhere, resourcesOf, synthesized, type TerraformJson } from "../support/synth";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { FILTER_PATTERNS } from "../../lib/logging/formats/filter-patterns";
import { axonflowMetrics } from "../../lib/metrics/axonflow-metrics";
import { CloudwatchQueryDefinition } from "@cdktf/provider-aws/lib/cloudwatch-query-definition";
import { QUERY_CATALOG } from "../../lib/logging/queries/catalog";
import { slowRequestThresholdMs } from "../../lib/logging/queries/slow-requests";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { LOG_SHIPPING_ACTIONS, logShippingPolicyDocument } from "../../lib/policy/log-shipping-policy";
import { asList, renderPolicyDocument, type PolicyDocument } from "../../lib/policy/policy-document";

describe("log-groups", () => {
  const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s: service log groups", (name, config) => {
    const { json, tf } = synthesized(config);
    // ServiceLogGroups' own groups, not the Prometheus bridge's.
    const serviceGroups = () => Object.fromEntries(Object.entries(resourcesOf(tf, "aws_cloudwatch_log_group")).filter(([address]) => address.startsWith("log-groups_")));

    test("one group per service, named /axonflow/<env>/<service>, with retention and tags", () => {
      const services = Object.keys(config.services);
      expect(Object.keys(serviceGroups())).toHaveLength(services.length);
      for (const service of services) {
        expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, {
          name: `/axonflow/${name}/${service}`,
          retention_in_days: config.services[service].retentionDays ?? config.logs.retentionDays,
          tags: { Environment: name, Application: "AxonFlow" },
        });
      }
    });

    test("protection follows the file's logs.protect", () => {
      for (const group of Object.values(serviceGroups())) {
        if (config.logs.protect) {
          expect(group).toMatchObject({ skip_destroy: true, lifecycle: { prevent_destroy: true } });
        } else {
          expect(group.skip_destroy).toBe(false);
          expect(group.lifecycle).toBeUndefined();
        }
      }
    });
  });

  test("the fixture files protect production and not staging", () => {
    const byName = Object.fromEntries(fixtureEnvironments().map((c) => [c.name, c.logs.protect]));
    expect(byName).toEqual({ production: true, staging: false });
  });

  describe("log group configuration", () => {
    test("protection is on by default: a new environment must opt out", () => {
      expect(configFrom().logs.protect).toBe(true);
      const group = resourceWhere(synthesized(configFrom()).tf, "aws_cloudwatch_log_group", "name", "/axonflow/test/agent");
      expect(group).toMatchObject({ skip_destroy: true, lifecycle: { prevent_destroy: true } });
    });

    test("a per-service retention overrides the environment's for that service only", () => {
      const { tf } = synthesized(configFrom({ logs: { retentionDays: 30 }, services: { agent: { retentionDays: 365 }, orchestrator: {} } }));
      expect(resourceWhere(tf, "aws_cloudwatch_log_group", "name", "/axonflow/test/agent").retention_in_days).toBe(365);
      expect(resourceWhere(tf, "aws_cloudwatch_log_group", "name", "/axonflow/test/orchestrator").retention_in_days).toBe(30);
    });

    test("services listed in the file decide the tree; construct ids are the service names", () => {
      const { tf } = synthesized(configFrom({ services: { billing: {} } }));
      const groups = resourcesOf(tf, "aws_cloudwatch_log_group");
      expect(Object.values(groups).map((g) => g.name)).toEqual(["/axonflow/test/billing"]);
      expect(Object.keys(groups)[0]).toMatch(/^log-groups_billing_[0-9A-F]{8}$/);
    });

    test("no KMS key by default; a key ARN encrypts every group", () => {
      const plain = Object.values(resourcesOf(synthesized(configFrom()).tf, "aws_cloudwatch_log_group"));
      expect(plain.every((g) => g.kms_key_id === undefined)).toBe(true);
      const encrypted = Object.values(resourcesOf(synthesized(configFrom({ logs: { kmsKeyArn: KEY } })).tf, "aws_cloudwatch_log_group"));
      expect(encrypted).toHaveLength(3);
      expect(encrypted.every((g) => g.kms_key_id === KEY)).toBe(true);
    });

    test("another account's key is accepted where logs.kmsKeyCrossAccount says it is meant", () => {
      const shared = KEY.replace("111122223333", "444455556666");
      const groups = Object.values(resourcesOf(synthesized(configFrom({ logs: { kmsKeyArn: shared, kmsKeyCrossAccount: true } })).tf, "aws_cloudwatch_log_group"));
      expect(groups.every((g) => g.kms_key_id === shared)).toBe(true);
    });

    test.each<[string, Record<string, unknown>, string, RegExp]>([
      ["a per-service retention CloudWatch rejects", { services: { agent: { retentionDays: 45 } } }, "services.agent.retentionDays", /45 is not a CloudWatch retention; allowed: 1, 3, 5/],
      ["a per-service retention of zero (never expire)", { services: { agent: { retentionDays: 0 } } }, "services.agent.retentionDays", /0 is not a CloudWatch retention/],
      ["protect that is not a boolean", { logs: { protect: "yes" } }, "logs.protect", /boolean/],
      ["a KMS alias instead of a key ARN", { logs: { kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:alias/logs" } }, "logs.kmsKeyArn", /KMS key ARN .*not an alias/],
      ["a bare KMS key id", { logs: { kmsKeyArn: "1234abcd-12ab-34cd-56ef-1234567890ab" } }, "logs.kmsKeyArn", /KMS key ARN/],
      ["a KMS key in another region", { logs: { kmsKeyArn: KEY.replace("eu-west-1", "us-east-1") } }, "logs.kmsKeyArn", /key is in us-east-1; .*allowed: a key in eu-west-1/],
      [
        "another account's KMS key (a copied file's)",
        { logs: { kmsKeyArn: KEY.replace("111122223333", "444455556666") } },
        "logs.kmsKeyArn",
        /key belongs to account 444455556666, not this environment's accountId 111122223333; allowed: a key of 111122223333, or logs.kmsKeyCrossAccount: true/,
      ],
    ])("rejects %s", (_, patch, field, rule) => {
      const mine = problemsFor(patch).filter((p) => p.startsWith(`environments/test.yaml: ${field}: `));
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatch(rule);
    });
  });
});

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
    if (tokenServices.length > 0) test.each(tokenServices)("%s: tokens used, by Model, without a default (CloudWatch forbids one with dimensions)", (service) => {
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
      const published = new Set(Object.values(resourcesOf(tf, "aws_cloudwatch_log_metric_filter")).map((f) => (f.metric_transformation as { name: string }).name));
      expect([...published].sort()).toEqual(
        [m.errorCount("agent"), m.errorCount("orchestrator"), m.errorCount("customer-portal"), m.policyBlocks, m.tokensUsedByModel].map((d) => d.metricName).sort(),
      );
      const tokens = resourceWhere(tf, "aws_cloudwatch_log_metric_filter", "name", "axonflow-test-tokens-used-agent");
      expect(Object.keys((tokens.metric_transformation as { dimensions: object }).dimensions)).toEqual([...m.tokensUsedByModel.dimensionKeys]);
    });

    test("JSON patterns only for the guide's JSON: the other formats' lines do not start with {", () => {
      for (const [format, patterns] of Object.entries(FILTER_PATTERNS)) {
        for (const pattern of Object.values(patterns)) expect([format, pattern.startsWith("{")]).toEqual([format, format === "guide-json"]);
      }
    });
  });
});

describe("saved-queries", () => {
  /** The guide's nine queries with our fixes; `{ms}` is the slow-request threshold in milliseconds. */
  const EXPECTED: Record<string, string> = {
    "Error Analysis": 'fields @timestamp, @message, level, service, error_message\n| filter level = "error"\n| sort @timestamp desc\n| limit 100',
    "Latency Distribution":
      "stats avg(latency_ms) as avg_latency, pct(latency_ms, 50) as p50, pct(latency_ms, 95) as p95, pct(latency_ms, 99) as p99 by bin(5m) as period\n| sort period desc",
    "Policy Blocks by Type": "fields @timestamp, policy_id, blocked_reason\n| filter blocked = 1\n| stats count(*) as block_count by policy_id\n| sort block_count desc",
    "Token Usage by Organization": "fields @timestamp, organization_id, tokens_used\n| stats sum(tokens_used) as total_tokens by organization_id\n| sort total_tokens desc",
    "Request Volume": "stats count(*) as request_count by bin(1h) as period\n| sort period desc",
    "Error Rate Over Time":
      'filter level = "error" or level = "info"\n| fields strcontains(level, "error") as is_error\n| stats count(*) as total, sum(is_error) as errors, errors * 100 / total as error_rate_pct by bin(5m) as period\n| sort period desc',
    "Latency Percentiles by Model":
      "filter ispresent(latency_ms) and ispresent(model)\n| stats pct(latency_ms, 50) as p50, pct(latency_ms, 90) as p90, pct(latency_ms, 95) as p95, pct(latency_ms, 99) as p99, count(*) as requests by model\n| sort p95 desc",
    "Policy Violations by Type and Severity": "filter blocked = 1\n| stats count(*) as violations by policy_id, blocked_reason\n| sort violations desc\n| limit 25",
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
      expect(names.sort()).toEqual(Object.keys(EXPECTED).map((t) => `AxonFlow/${name}/${t}`).sort());
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
    const texts = QUERY_CATALOG.flatMap((q) => Object.entries(q.text).map(([format, text]) => [`${q.title} (${format})`, text({ latencyThresholdSeconds: 5 })] as const));
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
      const { tf } = synthesized(configFrom({ alarms: { highLatency: { thresholdSeconds: 2.5 } }, services: { agent: { logFormat: "guide-json" } } }));
      const q = resourceWhere(tf, "aws_cloudwatch_query_definition", "name", "AxonFlow/test/Slow Requests (Above P95 Threshold)");
      expect(q.query_string).toMatch(/^filter latency_ms > 2500\n/);
    });

    describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s: saved queries", (name, config) => {
      const { tf } = synthesized(config);
      test("each query reads the groups of services of one log format, and every group has its Error Analysis", () => {
        const formatOf = (group: string) => config.services[group.split("/").pop()!].logFormat;
        const queries = Object.values(resourcesOf(tf, "aws_cloudwatch_query_definition"));
        for (const q of queries) expect(new Set((q.log_group_names as string[]).map(formatOf)).size).toBe(1);
        const errorGroups = queries.filter((q) => String(q.name).startsWith(`AxonFlow/${name}/Error Analysis`)).flatMap((q) => q.log_group_names as string[]);
        expect(errorGroups.sort()).toEqual(Object.keys(config.services).map((s) => `/axonflow/${name}/${s}`).sort());
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

describe("log-shipping-policy", () => {
  /** The shape logShippingPolicyDocument renders: every statement with a Sid and Action/Resource lists. */
  type ShippingPolicy = { Version: string; Statement: { Sid: string; Effect: string; Action: string[]; Resource: string[] }[] };

  const READ_OR_LIST = new Set(["logs:DescribeLogGroups", "logs:DescribeLogStreams"]);

  describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s: log shipping policy", (name, config) => {
    const { json, tf } = synthesized(config);
    // The Prometheus bridge's policies (where an environment mirrors series) are the sidecar's, tested with it.
    const policies = Object.entries(resourcesOf(tf, "aws_iam_policy"))
      .filter(([address]) => address.startsWith("log-shipping_"))
      .map(([, p]) => p);
    const doc = JSON.parse(policies[0].policy as string) as ShippingPolicy;
    const arnBase = `arn:aws:logs:${config.region}:${config.accountId}:log-group:`;
    const groupArns = Object.keys(config.services).map((s) => `${arnBase}/axonflow/${name}/${s}`);

    test("one policy, axonflow-<env>-log-shipping, whose document is plain JSON (no Terraform references)", () => {
      expect(policies).toHaveLength(1);
      expect(json).toHaveResourceWithProperties(IamPolicy, { name: `axonflow-${name}-log-shipping` });
      expect(policies[0].policy).not.toMatch(/\$\{/);
      expect(doc.Version).toBe("2012-10-17");
    });

    test("allows exactly the guide's actions, nothing denied, nothing added", () => {
      expect(doc.Statement.every((s) => s.Effect === "Allow")).toBe(true);
      const actions = doc.Statement.flatMap((s) => s.Action);
      // The guide's list, written out here: a test reading the code's own constant would pass if both grew.
      const guide = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"];
      expect([...actions].sort()).toEqual([...guide].sort());
      expect([...LOG_SHIPPING_ACTIONS].sort()).toEqual([...guide].sort());
    });

    test("no write action has a wildcard resource; every resource names this account and region", () => {
      for (const s of doc.Statement) {
        for (const r of s.Resource) {
          expect(r.startsWith(`arn:aws:logs:${config.region}:${config.accountId}:log-group:`)).toBe(true);
          if (s.Action.some((a) => !READ_OR_LIST.has(a))) {
            expect(r).not.toBe("*");
            expect(r).not.toMatch(/log-group:\*/);
            expect(r).not.toMatch(/:\*:/);
          }
        }
      }
    });

    test("write actions reach only this environment's log groups and their streams", () => {
      const writes = doc.Statement.filter((s) => s.Action.some((a) => !READ_OR_LIST.has(a)));
      const resources = writes.flatMap((s) => s.Resource);
      // Both forms of each group: IAM evaluates CreateLogStream against `<group>:*`, CreateLogGroup against `<group>`.
      const create = doc.Statement.find((s) => s.Action.includes("logs:CreateLogStream"))!;
      expect([...create.Resource].sort()).toEqual(groupArns.flatMap((g) => [g, `${g}:*`]).sort());
      const allowed = new Set(groupArns.flatMap((g) => [g, `${g}:*`, `${g}:log-stream:*`]));
      expect(resources.filter((r) => !allowed.has(r))).toEqual([]);
      for (const r of resources) expect(r).toContain(`:log-group:/axonflow/${name}/`);
      const put = doc.Statement.find((s) => s.Action.includes("logs:PutLogEvents"))!;
      expect(put.Action).toEqual(["logs:PutLogEvents"]);
      expect([...put.Resource].sort()).toEqual(groupArns.map((g) => `${g}:log-stream:*`).sort());
    });

    test("DescribeLogGroups, alone in its statement, gets the account+region log-group wildcard AWS requires", () => {
      const describe = doc.Statement.filter((s) => s.Action.includes("logs:DescribeLogGroups"));
      expect(describe).toHaveLength(1);
      expect(describe[0].Action).toEqual(["logs:DescribeLogGroups"]);
      expect(describe[0].Resource).toEqual([`${arnBase}*`]);
    });

    test("outputs: log group names and the policy ARN, with stable names", () => {
      expect(tf.output?.log_group_names.value).toEqual(Object.keys(config.services).map((s) => `/axonflow/${name}/${s}`));
      expect(tf.output?.log_shipping_policy_arn.value).toMatch(/^\$\{aws_iam_policy\.log-shipping_policy_[0-9A-F]{8}\.arn\}$/);
    });
  });

  describe("policy document", () => {
    const env = { region: "us-east-1", accountId: "111122223333" };

    test("another environment's groups are never granted", () => {
      const text = JSON.stringify(logShippingPolicyDocument(env, ["/axonflow/staging/agent"]));
      expect(text).not.toContain("/axonflow/production");
      expect(text).not.toContain("/axonflow/*");
    });

    test("the ARN partition follows the region", () => {
      const gov = logShippingPolicyDocument({ region: "us-gov-west-1", accountId: "111122223333" }, ["/axonflow/x/agent"]);
      const cn = logShippingPolicyDocument({ region: "cn-north-1", accountId: "111122223333" }, ["/axonflow/x/agent"]);
      expect(asList(gov.Statement[0].Resource)[0]).toBe("arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:/axonflow/x/agent");
      expect(asList(cn.Statement[0].Resource)[0]).toMatch(/^arn:aws-cn:logs:cn-north-1:/);
    });

    test("the synthesized policy follows the environment's services", () => {
      const { tf } = synthesized(configFrom({ services: { billing: {} } }));
      const doc = JSON.parse(Object.values(resourcesOf(tf, "aws_iam_policy"))[0].policy as string) as ShippingPolicy;
      const put = doc.Statement.find((s) => s.Action.includes("logs:PutLogEvents"))!;
      expect(put.Resource).toEqual(["arn:aws:logs:eu-west-1:111122223333:log-group:/axonflow/test/billing:log-stream:*"]);
    });

    test.each<[string, PolicyDocument, RegExp]>([
      ["a Terraform token", { Version: "2012-10-17", Statement: [{ Sid: "A", Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: ["${TfToken[TOKEN.1]}"] }] }, /Terraform token/],
      ["a Sid with punctuation", { Version: "2012-10-17", Statement: [{ Sid: "a-b", Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: ["arn:x"] }] }, /letters and digits/],
      ["a statement without resources", { Version: "2012-10-17", Statement: [{ Sid: "A", Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: [] }] }, /at least one action and one resource/],
      ["more text than IAM allows", logShippingPolicyDocument(env, Array.from({ length: 60 }, (_, i) => `/axonflow/big/service-${i}`)), /at most 6144/],
    ])("refuses to render %s", (_, doc, message) => {
      expect(() => renderPolicyDocument(doc)).toThrow(message);
    });
  });
});
