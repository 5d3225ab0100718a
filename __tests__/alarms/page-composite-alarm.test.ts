import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { App, TerraformStack } from "cdktf";
import { CompositeAlarm } from "../../lib/alarms/composite-alarm";
import { PageCompositeAlarm } from "../../lib/alarms/page-composite-alarm";
import { envContext } from "../../lib/context";
import { compositeAlarms, PAGES_TOPIC_ARN } from "../support/alarms";
import { configFrom, fixtureEnvironment } from "../support/environments";
import { resourcesOf, synthesized } from "../support/synth";

describe("the page composite alarm", () => {
  describe("the page composite of production", () => {
    const { tf } = synthesized(fixtureEnvironment("production"));
    const page = compositeAlarms(tf).find((a) => a.alarm_name === "axonflow-production-page")!;

    test("created after its children: depends_on every alarm its rule names", () => {
      const addressOf = new Map<string, string>();
      for (const type of ["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"]) {
        for (const [address, a] of Object.entries(resourcesOf(tf, type))) addressOf.set(a.alarm_name as string, `${type}.${address}`);
      }
      const named = [...String(page.alarm_rule).matchAll(/ALARM\("([^"]+)"\)/g)].map((m) => addressOf.get(m[1]));
      expect([...(page.depends_on as string[])].sort()).toEqual(named.sort());
    });

    test("notifies the paging topic on ALARM and on recovery, with the paging runbook", () => {
      expect(page).toMatchObject({
        actions_enabled: true,
        alarm_actions: [expect.stringMatching(PAGES_TOPIC_ARN)],
        ok_actions: [expect.stringMatching(PAGES_TOPIC_ARN)],
        alarm_description: expect.stringMatching(/ Runbook: https:\/\/\S+#page$/),
      });
    });
  });

  describe("the paging route's subscriptions", () => {
    test("paging.emails subscribe to the paging topic only", () => {
      const { json, tf } = synthesized(configFrom({ alerts: { emails: ["ops@example.com"] }, paging: { emails: ["pager@example.com"] } }));
      expect(json).toHaveResourceWithProperties(SnsTopicSubscription, {
        endpoint: "pager@example.com",
        topic_arn: expect.stringMatching(PAGES_TOPIC_ARN),
      });
      expect(
        Object.values(resourcesOf(tf, "aws_sns_topic_subscription"))
          .map((s) => s.endpoint)
          .sort(),
      ).toEqual(["ops@example.com", "pager@example.com"]);
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

  describe("composite invariants", () => {
    const stack = () => new TerraformStack(new App({ outdir: "/tmp/unused-outdir" }), "s");
    const env = envContext(configFrom());
    const actions = { alarmActions: ["arn:aws:sns:us-east-1:111122223333:p"], okActions: [], actionsEnabled: true };

    test("refuses an empty child list", () => {
      expect(() => new PageCompositeAlarm(stack(), "page", { env, name: "axonflow-test-page", children: [], actions })).toThrow(
        /^s\/page\/Default: a composite alarm needs at least one child alarm/,
      );
    });

    test("names every child in its rule, joined by the operator, and refuses a child listed twice", () => {
      const s = stack();
      const [a, b] = ["a", "b"].map((n) => ({ alarmName: `axonflow-test-${n}`, resource: new SnsTopic(s, n, { name: n }) }));
      const props = { name: "axonflow-test-c", description: "d", runbookUrl: "https://x.example/#c", actions };
      expect(new CompositeAlarm(s, "all", { ...props, inAlarmWhen: "all", children: [a, b] }).resource.alarmRuleInput).toBe(
        'ALARM("axonflow-test-a") AND ALARM("axonflow-test-b")',
      );
      expect(new CompositeAlarm(s, "any", { ...props, inAlarmWhen: "any", children: [b, a] }).resource.alarmRuleInput).toBe(
        'ALARM("axonflow-test-b") OR ALARM("axonflow-test-a")',
      );
      expect(() => new CompositeAlarm(s, "twice", { ...props, inAlarmWhen: "any", children: [a, a] })).toThrow(
        /^s\/twice: a child alarm is listed twice/,
      );
    });
  });
});
