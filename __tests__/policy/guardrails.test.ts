import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { App, Fn, TerraformStack, Testing } from "cdktf";
import { MetricAlarm, type MetricAlarmProps } from "../../lib/alarms/metric-alarm";
import { ALB } from "../../lib/metrics/catalog";
import { EnvironmentStack } from "../../lib/stack";
import { configFrom, fixtureEnvironments } from "../support/environments";

describe("guard rails", () => {
  const OUTDIR = "/tmp/axonflow-guardrail-tests-unused";
  // One service: a whole valid stack to add a broken construct to, at a third of the default's size.
  const newStack = () => new EnvironmentStack(new App({ outdir: OUTDIR, stackTraces: false }), configFrom({ services: { agent: {} } }));

  /** Adds `build` to a valid stack and returns the validation failure of a validating synth ("" if it passes). */
  function synthErrors(build: (stack: EnvironmentStack) => void): string {
    const stack = newStack();
    build(stack);
    try {
      Testing.synth(stack, true);
      return "";
    } catch (e) {
      return (e as Error).message;
    }
  }

  const policy = (statement: Record<string, unknown>) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
  const alarmProps = (name: string): MetricAlarmProps => ({
    name,
    description: "Test.",
    runbookUrl: "https://runbooks.example.com/#x",
    metric: ALB.requestCount.with({ LoadBalancer: "app/a/0123456789abcdef" }),
    statistic: "Sum",
    periodSeconds: 300,
    evaluationPeriods: 1,
    comparison: "GreaterThanThreshold",
    threshold: 1,
    treatMissingData: "notBreaching",
    actions: { alarmActions: [], okActions: [], actionsEnabled: true },
  });
  const rawAlarm = (name: string, alarmActions?: string[]) => ({
    alarmName: name,
    comparisonOperator: "GreaterThanThreshold",
    evaluationPeriods: 1,
    metricName: "RequestCount",
    namespace: "AWS/ApplicationELB",
    period: 300,
    statistic: "Sum",
    threshold: 1,
    alarmActions,
  });

  describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s", (_, config) => {
    test("passes every guard rail, in Testing.synth and in fullSynth", () => {
      const stack = new EnvironmentStack(new App({ outdir: OUTDIR, stackTraces: false }), config);
      expect(() => Testing.synth(stack, true)).not.toThrow();
      expect(() => Testing.fullSynth(stack)).not.toThrow();
    });
  });

  describe("each guard rail fails synthesis for a deliberately broken construct, naming its path", () => {
    test.each<[string, (s: EnvironmentStack) => void, RegExp]>([
      [
        "an alarm with no actions",
        (s) => new CloudwatchMetricAlarm(s, "naked-alarm", rawAlarm("axonflow-test-naked")),
        /\[test\] test\/naked-alarm: alarm-has-actions: alarm "axonflow-test-naked" has no alarm_actions; allowed: .*routedVia/,
      ],
      [
        "a MetricAlarm with empty actions and no routedVia",
        (s) => new MetricAlarm(s, "silent", alarmProps("axonflow-test-silent")),
        /test\/silent\/alarm: alarm-has-actions:/,
      ],
      [
        "a MetricAlarm routed via a composite alarm that does not exist",
        (s) =>
          new MetricAlarm(s, "orphan", {
            ...alarmProps("axonflow-test-orphan"),
            actions: { alarmActions: [], okActions: [], actionsEnabled: true, routedVia: "axonflow-test-nowhere" },
          }),
        new RegExp(
          'test/orphan/alarm: alarm-has-actions: alarm "axonflow-test-orphan" is routed via "axonflow-test-nowhere", ' +
            'but no composite alarm of that name lists ALARM\\("axonflow-test-orphan"\\)',
        ),
      ],
      [
        "a composite alarm named outside the admitted pattern",
        (s) =>
          new CloudwatchCompositeAlarm(s, "foreign-composite", {
            alarmName: "payments-page",
            alarmRule: 'ALARM("axonflow-test-high-latency")',
            alarmActions: ["arn:aws:sns:eu-west-1:111122223333:t"],
          }),
        /test\/foreign-composite: alarm-name-admitted: alarm name "payments-page" does not match axonflow-test-\*/,
      ],
      [
        "an alarm named outside the admitted pattern",
        (s) => new CloudwatchMetricAlarm(s, "foreign", rawAlarm("payments-high-cpu", ["arn:aws:sns:eu-west-1:111122223333:t"])),
        /test\/foreign: alarm-name-admitted: alarm name "payments-high-cpu" does not match axonflow-test-\*/,
      ],
      [
        "a log group without retention",
        (s) => new CloudwatchLogGroup(s, "forever", { name: "/axonflow/test/forever" }),
        /test\/forever: log-group-retention: log group "\/axonflow\/test\/forever" has retention_in_days none .*; allowed: 1, 3, 5/,
      ],
      [
        "a log group with a retention CloudWatch rejects",
        (s) => new CloudwatchLogGroup(s, "odd", { name: "/axonflow/test/odd", retentionInDays: 45 }),
        /test\/odd: log-group-retention: .*retention_in_days 45/,
      ],
      [
        "a second AWS provider without default tags",
        (s) => new AwsProvider(s, "us-east-1", { alias: "us_east_1", region: "us-east-1" }),
        /test\/us-east-1: default-tags: AWS provider default_tags lack Environment=test, Application=AxonFlow, ManagedBy=cdktf/,
      ],
      [
        "a resource overriding a default tag",
        (s) =>
          new CloudwatchLogGroup(s, "mislabelled", { name: "/axonflow/test/x", retentionInDays: 7, tags: { Environment: "production" } }),
        new RegExp(
          'test/mislabelled: default-tags: tags override Environment="production"; ' +
            "allowed: leave Environment to the provider's default_tags \\(Environment=test\\)",
        ),
      ],
      [
        "an unencrypted topic",
        (s) => new SnsTopic(s, "plain-topic", { name: "axonflow-test-plain" }),
        /test\/plain-topic: sns-topic-cmk: topic "axonflow-test-plain" has no kms_master_key_id/,
      ],
      [
        "a topic on the AWS-managed SNS key",
        (s) => new SnsTopic(s, "aws-key-topic", { name: "axonflow-test-awskey", kmsMasterKeyId: "alias/aws/sns" }),
        /test\/aws-key-topic: sns-topic-cmk: .*"alias\/aws\/sns".*Never alias\/aws\/sns/,
      ],
      [
        "an IAM policy writing to every resource",
        (s) =>
          new IamPolicy(s, "too-broad", {
            name: "x",
            policy: policy({ Effect: "Allow", Action: ["logs:DescribeLogGroups", "logs:PutLogEvents"], Resource: "*" }),
          }),
        /test\/too-broad: no-wildcard-write: aws_iam_policy\.policy statement #1 allows write actions logs:PutLogEvents on Resource "\*"/,
      ],
      [
        "PutMetricData on * without the namespace condition",
        (s) =>
          new IamPolicy(s, "metrics", {
            name: "x",
            policy: policy({ Sid: "Metrics", Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*" }),
          }),
        /test\/metrics: no-wildcard-write: .*statement Metrics .*must be narrowed by cloudwatch:namespace/,
      ],
      [
        "an IAM policy with NotResource",
        (s) =>
          new IamPolicy(s, "not-resource", {
            name: "x",
            policy: policy({ Effect: "Allow", Action: "sns:Publish", NotResource: "arn:aws:sns:eu-west-1:111122223333:x" }),
          }),
        /test\/not-resource: no-wildcard-write:/,
      ],
      [
        "a topic policy open to everyone",
        (s) =>
          new SnsTopicPolicy(s, "open-topic", {
            arn: "arn:aws:sns:eu-west-1:111122223333:x",
            policy: policy({ Effect: "Allow", Principal: "*", Action: "SNS:Publish", Resource: "arn:aws:sns:eu-west-1:111122223333:x" }),
          }),
        /test\/open-topic: no-wildcard-write: aws_sns_topic_policy\.policy .*to Principal "\*" with no Condition/,
      ],
      [
        "a key policy open to everyone",
        (s) => new KmsKey(s, "open-key", { policy: policy({ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:*", Resource: "*" }) }),
        /test\/open-key: no-wildcard-write: aws_kms_key\.policy .*Principal "\*"/,
      ],
      [
        "a policy document data source writing to every resource",
        (s) => new DataAwsIamPolicyDocument(s, "doc", { statement: [{ actions: ["s3:PutObject"], resources: ["*"] }] }),
        /test\/doc: no-wildcard-write: aws_iam_policy_document\.statement statement #1 allows write actions s3:PutObject/,
      ],
      [
        "a dashboard widget past column 24",
        (s) =>
          new CloudwatchDashboard(s, "wide", {
            dashboardName: "x",
            dashboardBody: JSON.stringify({
              widgets: [{ type: "text", x: 20, y: 0, width: 12, height: 2, properties: { markdown: "hi" } }],
            }),
          }),
        /test\/wide: dashboard-grid: widget #1 at x=20 width=12 ends past column 24; allowed: .*x \+ width <= 24/,
      ],
      [
        "a dashboard widget left of column 0",
        (s) =>
          new CloudwatchDashboard(s, "left", {
            dashboardName: "y",
            dashboardBody: JSON.stringify({
              widgets: [{ type: "text", x: -2, y: 0, width: 6, height: 2, properties: { markdown: "hi" } }],
            }),
          }),
        /test\/left: dashboard-grid: widget #1 at x=-2/,
      ],
    ])("%s", (_, build, expected) => {
      expect(synthErrors(build)).toMatch(expected);
    });

    test("the failure also stops fullSynth (what `cdktf synth` runs)", () => {
      const stack = newStack();
      new SnsTopic(stack, "plain-topic", { name: "axonflow-test-plain" });
      expect(() => Testing.fullSynth(stack)).toThrow(/sns-topic-cmk/);
    });

    test("a reference into another stack (which App.synth here would not turn into a cross-stack output) fails", () => {
      const stack = newStack();
      const other = new TerraformStack(App.of(stack), "other");
      const foreign = new SnsTopic(other, "foreign", { name: "foreign" });
      new SnsTopicPolicy(stack, "borrowed", {
        arn: foreign.arn,
        policy: policy({ Effect: "Allow", Action: "sns:Publish", Resource: "*" }),
      });
      expect(() => Testing.synth(stack, true)).toThrow(
        /test\/borrowed: references-stay-in-stack: references aws_sns_topic\.foreign, which is not in this stack/,
      );
    });

    test("…and so does a hand-written reference to an address that does not exist; escaped `$${…}` text and variables do not", () => {
      expect(synthErrors((s) => new CloudwatchLogGroup(s, "typo", { name: "${aws_kms_key.nope.arn}", retentionInDays: 30 }))).toMatch(
        /typo: references-stay-in-stack: references aws_kms_key\.nope/,
      );
      expect(synthErrors((s) => new CloudwatchLogGroup(s, "literal", { name: "$${aws_kms_key.nope.arn}", retentionInDays: 30 }))).toBe("");
      expect(synthErrors((s) => new CloudwatchLogGroup(s, "variable", { name: "${var.log_group_name}", retentionInDays: 30 }))).toBe("");
    });

    test("every violation is reported, not only the first", () => {
      const message = synthErrors((s) => {
        new SnsTopic(s, "plain-topic", { name: "axonflow-test-plain" });
        new CloudwatchLogGroup(s, "forever", { name: "/axonflow/test/forever" });
      });
      expect(message).toMatch(/sns-topic-cmk/);
      expect(message).toMatch(/log-group-retention/);
    });
  });

  describe("what the guard rails accept", () => {
    test.each<[string, (s: EnvironmentStack) => void]>([
      [
        "an action-less MetricAlarm routed via a composite alarm that watches it",
        (s) => {
          new MetricAlarm(s, "input", {
            ...alarmProps("axonflow-test-input"),
            actions: { alarmActions: [], okActions: [], actionsEnabled: true, routedVia: "axonflow-test-composite" },
          });
          new CloudwatchCompositeAlarm(s, "composite", {
            alarmName: "axonflow-test-composite",
            alarmRule: 'ALARM("axonflow-test-input")',
            alarmActions: ["arn:aws:sns:eu-west-1:111122223333:t"],
          });
        },
      ],
      [
        "a log group whose tags repeat the defaults",
        (s) =>
          new CloudwatchLogGroup(s, "same-tags", {
            name: "/axonflow/test/y",
            retentionInDays: 14,
            tags: { Environment: "test", Team: "platform" },
          }),
      ],
      [
        "a topic on a literal customer-managed key ARN",
        (s) =>
          new SnsTopic(s, "cmk-topic", {
            name: "axonflow-test-cmk",
            kmsMasterKeyId: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
          }),
      ],
      [
        "read-only actions on *",
        (s) =>
          new IamPolicy(s, "reader", {
            name: "x",
            policy: policy({ Effect: "Allow", Action: ["logs:DescribeLogGroups", "cloudwatch:GetMetricData"], Resource: "*" }),
          }),
      ],
      [
        "PutMetricData on * narrowed to a namespace",
        (s) =>
          new IamPolicy(s, "metrics", {
            name: "x",
            policy: policy({
              Effect: "Allow",
              Action: "cloudwatch:PutMetricData",
              Resource: "*",
              Condition: { StringEquals: { "cloudwatch:namespace": "AxonFlow/test" } },
            }),
          }),
      ],
      ["a Deny on *", (s) => new IamPolicy(s, "deny", { name: "x", policy: policy({ Effect: "Deny", Action: "*", Resource: "*" }) })],
      [
        "a policy variable escaped for Terraform",
        (s) =>
          new IamPolicy(s, "var", {
            name: "x",
            policy: JSON.stringify({
              Version: "2012-10-17",
              Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/$${aws:username}/*" }],
            }),
          }),
      ],
    ])("%s", (_, build) => {
      expect(synthErrors(build)).toBe("");
    });

    test("a policy built with Fn.jsonencode cannot be read at synth: a warning, not a failure", () => {
      const stack = newStack();
      const topic = new SnsTopic(stack, "t", { name: "axonflow-test-t", kmsMasterKeyId: "alias/axonflow-test-t" });
      new IamPolicy(stack, "encoded", {
        name: "x",
        policy: Fn.jsonencode({ Statement: [{ Effect: "Allow", Action: "sns:Publish", Resource: topic.arn }] }),
      });
      expect(() => Testing.synth(stack, true)).not.toThrow();
      const warnings = stack.node
        .findAll()
        .flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => `${c.node.path}: ${m.data}`));
      expect(warnings).toEqual([
        expect.stringMatching(/^test\/encoded: no-wildcard-write: aws_iam_policy\.policy is a Terraform expression/),
      ]);
    });
  });
});
