import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { CloudwatchQueryDefinition } from "@cdktf/provider-aws/lib/cloudwatch-query-definition";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformStack, Testing } from "cdktf";
import type { EnvironmentConfig } from "../../lib/config/schema";
import { envContext } from "../../lib/context";
import { CLOUDWATCH_PRICES } from "../../lib/handoff/cloudwatch-prices";
import { estimateMonthlyCost } from "../../lib/handoff/cost-estimate";
import { HANDOFF_FILE, HandoffDocument } from "../../lib/handoff/handoff-document";
import { inventoryOf } from "../../lib/inventory/stack-inventory";
import { EnvironmentStack } from "../../lib/stack";
import { configFrom, fixtureEnvironments } from "../support/environments";
import type { TerraformJson } from "../support/synth";

describe("HANDOFF.md", () => {
  const outdirs: string[] = [];
  afterAll(() => {
    for (const d of outdirs) rmSync(d, { recursive: true, force: true });
  });

  /** Synthesizes the stack as `cdktf synth` does (stack synthesizer, custom-synthesis hooks) and reads both files. */
  function synthesize(stack: TerraformStack): { doc: string; tf: TerraformJson } {
    const outdir = Testing.fullSynth(stack);
    outdirs.push(outdir);
    const dir = join(outdir, "stacks", stack.node.id);
    return {
      doc: readFileSync(join(dir, HANDOFF_FILE), "utf8"),
      tf: JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as TerraformJson,
    };
  }

  const newStack = (config: EnvironmentConfig) => new EnvironmentStack(new App({ stackTraces: false }), config);

  /** The first-column values of the Markdown table under `## <title> (…)`, backticks removed. */
  function firstColumn(doc: string, title: string): string[] {
    const start = doc.indexOf(`\n## ${title} (`);
    if (start < 0) throw new Error(`no section "${title}" in the document`);
    const body = doc.slice(start + 1).split("\n## ")[0];
    const rows = body
      .split("\n")
      .filter((l) => l.startsWith("| "))
      .slice(2);
    return rows.map((r) => r.split(" | ")[0].replace(/^\| `?|`$/g, "")).sort();
  }

  const namesOf = (tf: TerraformJson, type: string, key: string) =>
    Object.values(tf.resource[type] ?? {})
      .map((r) => r[key] as string)
      .sort();
  const alarmNames = (tf: TerraformJson) =>
    [...namesOf(tf, "aws_cloudwatch_metric_alarm", "alarm_name"), ...namesOf(tf, "aws_cloudwatch_composite_alarm", "alarm_name")].sort();

  describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s: HANDOFF.md beside cdk.tf.json", (name, config) => {
    const { doc, tf } = synthesize(newStack(config));

    test("lists exactly the alarms of the synthesized stack", () => {
      const alarms = alarmNames(tf);
      expect(alarms.length).toBeGreaterThan(0);
      expect(firstColumn(doc, "Alarms")).toEqual(alarms);
      expect(doc).toContain(`## Alarms (${alarms.length})`);
    });

    test("routing: each topic with its subscribers (e-mail to confirm), and where every alarm's ALARM goes", () => {
      const routing = doc.slice(doc.indexOf("## Routing"), doc.indexOf("## Incident replays"));
      for (const email of config.alerts.emails)
        expect(routing).toContain(`| \`axonflow-${name}-alerts\` | \`${email}\` (email, confirm from the mailbox) |`);
      if (config.paging.emails.length > 0) {
        expect(routing).toContain("through the page composite, which changes state once per incident and notifies the paging topic");
        expect(routing).not.toContain("no paging route");
        expect(routing).toContain(
          `| page | \`axonflow-${name}-page\` | \`axonflow-${name}-pages\` | ` +
            `${config.paging.emails.map((e) => `\`${e}\` (email, confirm from the mailbox)`).join(", ")} |`,
        );
        expect(routing).toContain(
          `| \`axonflow-${name}-target-health-agent\` | page | through \`axonflow-${name}-page\`, and topic \`axonflow-${name}-alerts\` |`,
        );
      } else {
        expect(routing).toContain("This environment has no paging route");
        expect(routing).not.toContain("the page composite");
        expect(routing).toContain(`| \`axonflow-${name}-target-health-agent\` | ticket | topic \`axonflow-${name}-alerts\` |`);
      }
      // One row per alarm in the second table.
      for (const a of alarmNames(tf)) expect(routing).toMatch(new RegExp(`^\\| \`${a}\` \\| (page|ticket) \\| `, "m"));
    });

    test("an incident-replay section for npm run replay to fill", () => {
      expect(doc).toContain("## Incident replays\n\nNot replayed yet. Run `npm run replay`");
    });

    test("lists exactly the log groups and saved queries of the synthesized stack", () => {
      expect(firstColumn(doc, "Log groups")).toEqual(namesOf(tf, "aws_cloudwatch_log_group", "name"));
      expect(doc).toContain(`## Saved Logs Insights queries (${namesOf(tf, "aws_cloudwatch_query_definition", "name").length})`);
    });

    test("each alarm row states threshold with unit, severity, missing-data rule and runbook as configured", () => {
      const row = doc.split("\n").find((l) => l.startsWith(`| \`axonflow-${name}-high-latency\``));
      expect(row).toContain(`> ${config.alarms.highLatency.thresholdSeconds} s |`);
      expect(row).toContain(`| ${config.alarms.highLatency.severity} |`);
      expect(row).toContain("| `notBreaching` |");
      expect(row).toContain(`[runbook](${config.runbookBaseUrl}#high-latency)`);
      // A metric-math alarm states its unit too: the paging error rate is a percentage.
      const rate = doc.split("\n").find((l) => l.startsWith(`| \`axonflow-${name}-error-rate\``));
      expect(rate).toContain(`> ${config.alarms.errorRate.thresholdPercent}% |`);
      expect(rate).toContain(`| ${config.paging.emails.length > 0 ? config.alarms.errorRate.severity : "ticket"} |`);
      const agentRetention = config.services.agent.retentionDays ?? config.logs.retentionDays;
      expect(doc).toContain(`| \`/axonflow/${name}/agent\` | ${agentRetention} days |`);
    });

    test("states the cost with the unit prices and their date once", () => {
      expect(doc).toMatch(/\*\*Total: \$\d+\.\d\d per month\.\*\*/);
      expect(doc.match(new RegExp(`checked ${CLOUDWATCH_PRICES.checked}`, "g"))).toHaveLength(1);
      expect(doc).toContain(CLOUDWATCH_PRICES.source);
    });
  });

  test("routing: a paging route given only as the endpoint variable is a paging route; no route at all is none", () => {
    const routing = (config: EnvironmentConfig) => {
      const { doc } = synthesize(newStack(config));
      return doc.slice(doc.indexOf("## Routing"), doc.indexOf("## Incident replays"));
    };
    const endpointOnly = routing(configFrom({ paging: { emails: [], endpointVariable: true } }));
    expect(endpointOnly).toContain("through the page composite, which changes state once per incident and notifies the paging topic");
    expect(endpointOnly).toContain("`var.paging_endpoint` (https)");
    const none = routing(configFrom({ paging: undefined }));
    expect(none).toContain("This environment has no paging route");
    expect(none).not.toContain("the page composite");
  });

  describe("constructs added by other parts of the stack are catalogued by resource type", () => {
    // A bare stack holding only the document and the resources below, so every count is this test's own.
    const stack = new TerraformStack(new App({ stackTraces: false }), "test");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    new HandoffDocument(stack, "handoff", { env: envContext(configFrom()) });
    const lb = { LoadBalancer: "app/axonflow-test/0123456789abcdef" };
    const metric = (metricName: string) => ({ namespace: "AWS/ApplicationELB", metricName, stat: "Sum", period: 300, dimensions: lb });
    new CloudwatchMetricAlarm(stack, "anomaly", {
      alarmName: "axonflow-test-request-anomaly",
      comparisonOperator: "LessThanLowerOrGreaterThanUpperThreshold",
      evaluationPeriods: 3,
      thresholdMetricId: "ad1",
      treatMissingData: "ignore",
      metricQuery: [
        { id: "m1", returnData: true, metric: metric("RequestCount") },
        { id: "ad1", expression: "ANOMALY_DETECTION_BAND(m1, 2)", returnData: true },
      ],
    });
    new CloudwatchMetricAlarm(stack, "rate", {
      alarmName: "axonflow-test-5xx-rate",
      comparisonOperator: "GreaterThanThreshold",
      evaluationPeriods: 2,
      threshold: 5,
      alarmDescription: "5xx share too high. Runbook: https://runbooks.example.com/axonflow#5xx-rate",
      metricQuery: [
        { id: "e1", expression: "(m1+m2)/m3*100", returnData: true },
        { id: "m1", metric: metric("HTTPCode_Target_5XX_Count") },
        { id: "m2", metric: metric("HTTPCode_ELB_5XX_Count") },
        { id: "m3", metric: metric("RequestCount") },
      ],
    });
    new CloudwatchMetricAlarm(stack, "fast", {
      alarmName: "axonflow-test-fast",
      comparisonOperator: "GreaterThanThreshold",
      evaluationPeriods: 1,
      threshold: 1,
      period: 10,
      statistic: "Maximum",
      namespace: "AxonFlow/test",
      metricName: "Probe",
    });
    new CloudwatchCompositeAlarm(stack, "extra-page", {
      alarmName: "axonflow-test-extra-page",
      alarmRule: 'ALARM("axonflow-test-5xx-rate") OR ALARM("axonflow-test-request-anomaly")',
      alarmDescription: "Something pages. Runbook: https://runbooks.example.com/axonflow#page",
      tags: { Severity: "page" },
    });
    const agent = new CloudwatchLogGroup(stack, "agent-logs", {
      name: "/axonflow/test/agent",
      retentionInDays: 30,
      skipDestroy: true,
      lifecycle: { preventDestroy: true },
    });
    new CloudwatchQueryDefinition(stack, "errors", {
      name: "AxonFlow/test/Error Analysis",
      logGroupNames: [agent.name],
      queryString: "fields @timestamp | limit 1",
    });
    new CloudwatchLogMetricFilter(stack, "agent-errors", {
      name: "axonflow-test-errors-agent",
      logGroupName: agent.name,
      pattern: '{ $.level = "error" }',
      metricTransformation: { name: "ErrorCount-agent", namespace: "AxonFlow/test", value: "1", defaultValue: "0" },
    });
    new CloudwatchLogMetricFilter(stack, "tokens", {
      name: "axonflow-test-tokens",
      logGroupName: agent.name,
      pattern: "{ $.tokens_used = * }",
      metricTransformation: { name: "TokensUsed", namespace: "AxonFlow/test", value: "$.tokens_used", dimensions: { Model: "$.model" } },
    });
    for (const n of ["a", "b", "c", "d", "e"])
      new CloudwatchDashboard(stack, `extra-${n}`, { dashboardName: `AxonFlow-test-${n}`, dashboardBody: '{"widgets":[]}' });

    const { doc, tf } = synthesize(stack);
    const line = (startsWith: string) => doc.split("\n").find((l) => l.startsWith(startsWith)) ?? "";

    test("every alarm, including composite, anomaly and metric-math ones, and nothing else", () => {
      expect(firstColumn(doc, "Alarms")).toEqual(alarmNames(tf));
      expect(alarmNames(tf)).toHaveLength(4);
    });

    test("anomaly, math and composite alarms are described from their config", () => {
      expect(line("| `axonflow-test-request-anomaly`")).toContain("outside ANOMALY_DETECTION_BAND(m1, 2)");
      expect(line("| `axonflow-test-request-anomaly`")).toContain("| `ignore` |");
      expect(line("| `axonflow-test-5xx-rate`")).toContain(
        "e1 = (m1+m2)/m3*100 where m1 = Sum of AWS/ApplicationELB HTTPCode_Target_5XX_Count",
      );
      expect(line("| `axonflow-test-5xx-rate`")).toContain("[runbook](https://runbooks.example.com/axonflow#5xx-rate)");
      expect(line("| `axonflow-test-fast`")).toContain("| `missing` |");
      expect(line("| `axonflow-test-extra-page`")).toContain(
        'rule ALARM("axonflow-test-5xx-rate") OR ALARM("axonflow-test-request-anomaly")',
      );
      expect(line("| `axonflow-test-extra-page`")).toContain("| page |");
    });

    test("log group protection, queries and filters show literal log group names, not references", () => {
      expect(line("| `/axonflow/test/agent`")).toContain("| 30 days | `prevent_destroy`, `skip_destroy` |");
      expect(line("| `AxonFlow/test/Error Analysis`")).toBe("| `AxonFlow/test/Error Analysis` | `/axonflow/test/agent` |");
      expect(line("| `axonflow-test-errors-agent`")).toContain("| `/axonflow/test/agent` |");
      expect(doc).not.toMatch(/\$\{aws_/);
    });

    test("cost: 3 metrics per anomaly alarm, one per metric a math alarm reads, dashboards beyond 3, one per filter metric", () => {
      const cost = estimateMonthlyCost(inventoryOf(stack), CLOUDWATCH_PRICES);
      const byItem = Object.fromEntries(cost.lines.map((l) => [l.item, l.quantity]));
      expect(byItem).toEqual({
        "Standard-resolution metric alarms": 3, // the math alarm's three metrics
        "High-resolution metric alarms": 1,
        "Anomaly-detection alarms": 3,
        "Composite alarms": 1,
        Dashboards: 5 - 3,
        "Custom metrics from log metric filters": 2,
      });
      // 3 × 0.10 + 1 × 0.30 + 3 × 0.10 + 0.50 + 2 × 3.00 + 2 × 0.30
      expect(cost.monthlyTotal).toBe(8);
      expect(doc).toContain("**Total: $8.00 per month.**");
      expect(doc).toContain("1 of them have dimensions: one metric per distinct value, so this is a lower bound");
    });
  });

  test("two synths of the same config write byte-identical documents", () => {
    const config = fixtureEnvironments()[0];
    expect(synthesize(newStack(config)).doc).toBe(synthesize(newStack(config)).doc);
  });
});
