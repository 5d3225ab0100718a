import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { App, TerraformStack } from "cdktf";
import { PageCompositeAlarm } from "../lib/alarms/page-composite-alarm";
import { envContext } from "../lib/context";
import { ALERTS_TOPIC_ARN, compositeAlarms, metricAlarms, PAGES_TOPIC_ARN, fixtureCases } from "./support/alarms";
import { configFrom } from "./support/environments";
import { resourcesOf, synthesized } from "./support/synth";

const ALL_TICKET = {
  alarms: Object.fromEntries(["highErrorRate", "elb5xx", "errorRate", "highLatency", "highLatencyP99", "ecsRestarts", "logSilence", "requestAnomaly"].map((k) => [k, { severity: "ticket" }])),
};

describe.each(fixtureCases())("%s: page composite alarm", (name, config) => {
  const { json, tf } = synthesized(config);
  const paged = metricAlarms(tf).filter((a) => (a.alarm_actions as string[]).length === 0);

  test("exactly one composite, ORing ALARM() of exactly the page alarms, sorted by name", () => {
    expect(compositeAlarms(tf)).toHaveLength(1);
    const names = paged.map((a) => a.alarm_name as string).sort();
    expect(names).toEqual([`axonflow-${name}-error-rate-percent`, ...["agent", "customer-portal", "orchestrator"].map((s) => `axonflow-${name}-log-silence-${s}`)]);
    expect(json).toHaveResourceWithProperties(CloudwatchCompositeAlarm, {
      alarm_name: `axonflow-${name}-page`,
      alarm_rule: names.map((n) => `ALARM("${n}")`).join(" OR "),
      actions_enabled: true,
      alarm_actions: [expect.stringMatching(PAGES_TOPIC_ARN)],
      ok_actions: [expect.stringMatching(PAGES_TOPIC_ARN)],
      alarm_description: expect.stringMatching(new RegExp(`Runbook: ${config.runbookBaseUrl}#page$`)),
    });
  });

  test("created after its children: depends_on every page alarm", () => {
    const composite = compositeAlarms(tf)[0];
    const addresses = Object.entries(resourcesOf(tf, "aws_cloudwatch_metric_alarm"))
      .filter(([, a]) => (a.alarm_actions as string[]).length === 0)
      .map(([address]) => `aws_cloudwatch_metric_alarm.${address}`);
    expect([...(composite.depends_on as string[])].sort()).toEqual(addresses.sort());
  });

  test("every other alarm notifies the alerts topic directly; two topics, the paging one named axonflow-<env>-pages", () => {
    for (const a of metricAlarms(tf).filter((x) => !paged.includes(x))) expect(a.alarm_actions).toEqual([expect.stringMatching(ALERTS_TOPIC_ARN)]);
    const topics = Object.values(resourcesOf(tf, "aws_sns_topic")).map((t) => t.name);
    expect(topics.sort()).toEqual([`axonflow-${name}-alerts`, `axonflow-${name}-pages`]);
  });
});

describe("page routing configuration", () => {
  test("no page-severity alarm: no composite and no paging topic", () => {
    const { tf } = synthesized(configFrom(ALL_TICKET));
    expect(compositeAlarms(tf)).toHaveLength(0);
    expect(Object.values(resourcesOf(tf, "aws_sns_topic")).map((t) => t.name)).toEqual(["axonflow-test-alerts"]);
    for (const a of metricAlarms(tf)) expect(a.alarm_actions).toEqual([expect.stringMatching(ALERTS_TOPIC_ARN)]);
  });

  test("a ticket alarm overridden to page joins the rule and loses its direct actions", () => {
    const { tf } = synthesized(configFrom({ alarms: { highLatency: { severity: "page" } } }));
    expect(compositeAlarms(tf)[0].alarm_rule).toContain('ALARM("axonflow-test-high-latency")');
    expect(metricAlarms(tf).find((a) => a.alarm_name === "axonflow-test-high-latency")?.alarm_actions).toEqual([]);
  });

  test("actionsEnabled: false silences the composite too", () => {
    const { tf } = synthesized(configFrom({ alarms: { actionsEnabled: false } }));
    expect(compositeAlarms(tf)[0].actions_enabled).toBe(false);
    for (const a of metricAlarms(tf)) expect(a.actions_enabled).toBe(false);
  });

  test("paging.emails subscribe to the paging topic only", () => {
    const { json, tf } = synthesized(configFrom({ alerts: { emails: ["ops@example.com"] }, paging: { emails: ["pager@example.com"] } }));
    expect(json).toHaveResourceWithProperties(SnsTopicSubscription, { endpoint: "pager@example.com", topic_arn: expect.stringMatching(PAGES_TOPIC_ARN) });
    expect(Object.values(resourcesOf(tf, "aws_sns_topic_subscription")).map((s) => s.endpoint).sort()).toEqual(["ops@example.com", "pager@example.com"]);
  });

  test("paging.endpointVariable: a sensitive variable feeds an https subscription; no endpoint in the file or the JSON", () => {
    const { json, tf } = synthesized(configFrom({ paging: { endpointVariable: true } }));
    expect(tf.variable?.paging_endpoint).toMatchObject({ type: "string", sensitive: true, nullable: false });
    expect(json).toHaveResourceWithProperties(SnsTopicSubscription, {
      protocol: "https",
      endpoint: "${var.paging_endpoint}",
      endpoint_auto_confirms: true,
      topic_arn: expect.stringMatching(PAGES_TOPIC_ARN),
    });
    expect(synthesized(configFrom()).tf.variable).toBeUndefined();
  });
});

describe("PageCompositeAlarm invariants", () => {
  const stack = () => new TerraformStack(new App({ outdir: "/tmp/unused-outdir" }), "s");
  const env = envContext(configFrom());
  const actions = { alarmActions: ["arn:aws:sns:us-east-1:111122223333:p"], okActions: [], actionsEnabled: true };

  test("refuses an empty child list", () => {
    expect(() => new PageCompositeAlarm(stack(), "page", { env, name: "axonflow-test-page", children: [], actions })).toThrow(/^s\/page: no page-severity alarms/);
  });
});
