import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { CloudwatchQueryDefinition } from "@cdktf/provider-aws/lib/cloudwatch-query-definition";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { App, Fn, TerraformStack, Testing } from "cdktf";
import { MetricAlarm, type MetricAlarmProps } from "../../lib/alarms/metric-alarm";
import { partitionOf } from "../../lib/aws-arn";
import { type BackendChoice, BackendChoiceError, backendFromEnvironment } from "../../lib/backend";
import { environmentJsonSchema } from "../../lib/config/json-schema";
import type { EnvironmentConfig } from "../../lib/config/schema";
import { envContext } from "../../lib/context";
import { dashboardConsoleUrl } from "../../lib/dashboard/aws-console";
import { CLOUDWATCH_PRICES } from "../../lib/handoff/cloudwatch-prices";
import { estimateMonthlyCost } from "../../lib/handoff/cost-estimate";
import { HANDOFF_FILE, HandoffDocument } from "../../lib/handoff/handoff-document";
import { inventoryOf } from "../../lib/inventory/stack-inventory";
import type { CheckableStack } from "../../lib/synthesis/fast-synthesis";
import { ALB } from "../../lib/metrics/catalog";
import type { PolicyDocument } from "../../lib/policy/policy-document";
import { EnvironmentStack } from "../../lib/stack";
import { fromTerraformLiteral } from "../../lib/terraform-literal";
import { configFrom, fixtureEnvironments, problemsFor } from "../support/environments";
import { resourcesOf, resourceWhere, synthesized, synthStack, type TerraformJson } from "../support/synth";

describe("the environment stack", () => {
  describe("stack", () => {
    describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s stack", (name, config) => {
      const { json, tf } = synthesized(config);

      // Most tests read the shared output; a fresh synth (after every file before this one in the worker) must equal it.
      test("a fresh synth gives the shared output, byte for byte", () => {
        expect(synthStack(config).json).toBe(json);
      });

      test("provider: region from the file, pinned to the account, default tags", () => {
        expect(json).toHaveProviderWithProperties(AwsProvider, {
          region: config.region,
          allowed_account_ids: [config.accountId],
          default_tags: [{ tags: expect.objectContaining({ Environment: name, Application: "AxonFlow", ManagedBy: "cdktf" }) }],
        });
      });

      test("log groups are the /axonflow/<env>/<service> tree; no root /axonflow/<env> group", () => {
        const names = Object.values(resourcesOf(tf, "aws_cloudwatch_log_group")).map((g) => g.name);
        expect(names.sort()).toEqual(Object.keys(config.services).map((s) => `/axonflow/${name}/${s}`).sort());
        expect(json).not.toHaveResourceWithProperties(CloudwatchLogGroup, { name: `/axonflow/${name}` });
      });

      test("alert and paging topics with one e-mail subscription per listed address", () => {
        expect(json).toHaveResourceWithProperties(SnsTopic, { name: `axonflow-${name}-alerts` });
        const endpointsOf = (topic: string) =>
          Object.values(resourcesOf(tf, "aws_sns_topic_subscription"))
            .filter((s) => String(s.topic_arn).startsWith(`\${aws_sns_topic.${topic}_topic_`))
            .map((s) => s.endpoint)
            .sort();
        expect(endpointsOf("alerts")).toEqual([...config.alerts.emails].sort());
        expect(endpointsOf("pages")).toEqual([...config.paging.emails].sort());
        for (const email of config.alerts.emails) {
          expect(json).toHaveResourceWithProperties(SnsTopicSubscription, {
            protocol: "email",
            endpoint: email,
            topic_arn: expect.stringMatching(/^\$\{aws_sns_topic\.alerts_topic_[0-9A-F]+\.arn\}$/),
          });
        }
      });
    });

    describe("environment-driven structure", () => {
      test("subscriptions are keyed by address, so reordering the list changes no address", () => {
        const a = synthesized(configFrom({ alerts: { emails: ["a@example.com", "b@example.com"] } })).tf;
        const b = synthesized(configFrom({ alerts: { emails: ["b@example.com", "a@example.com"] } })).tf;
        expect(Object.keys(resourcesOf(a, "aws_sns_topic_subscription")).sort()).toEqual(Object.keys(resourcesOf(b, "aws_sns_topic_subscription")).sort());
      });

      test("no e-mail addresses and no paging alarm: no subscriptions", () => {
        const ticketOnly = { errorRate: { severity: "ticket" }, logSilence: { severity: "ticket" } };
        const { tf } = synthesized(configFrom({ alerts: { emails: [] }, paging: undefined, alarms: ticketOnly }));
        expect(Object.keys(resourcesOf(tf, "aws_sns_topic_subscription"))).toHaveLength(0);
      });

      test("an added environment file becomes a stack with its own names", () => {
        const { json } = synthesized(configFrom({}, "environments/eu-prod.yaml"));
        expect(json).toHaveResourceWithProperties(SnsTopic, { name: "axonflow-eu-prod-alerts" });
        expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/axonflow/eu-prod/agent" });
      });
    });

    test("environments/environment.schema.json is the export of the current schema (run `npm run schema`)", () => {
      expect(readFileSync(join(__dirname, "..", "..", "environments", "environment.schema.json"), "utf8")).toBe(environmentJsonSchema());
    });

    test("a synth after an override sees it: the checked output is reused by one write only", () => {
      const { stack } = synthStack(configFrom());
      const topic = stack.node.findAll().find((c) => c.node.path.endsWith("/alerts/topic")) as unknown as { addOverride(path: string, value: unknown): void };
      topic.addOverride("display_name", "AxonFlow alerts");
      const again = JSON.parse(Testing.synth(stack, true)) as TerraformJson;
      expect(Object.values(resourcesOf(again, "aws_sns_topic")).map((t) => t.display_name)).toContain("AxonFlow alerts");
    });

    test("…and the checked output is not reused once a construct was added after the checks", () => {
      const { stack } = synthStack(configFrom());
      (stack as EnvironmentStack & CheckableStack).synthesizeForChecks!();
      new SnsTopic(stack, "added-after-checks", { name: "axonflow-test-late" });
      const tf = JSON.parse(Testing.synth(stack)) as TerraformJson;
      expect(Object.values(resourcesOf(tf, "aws_sns_topic")).map((t) => t.name)).toContain("axonflow-test-late");
    });
  });

  describe("stack-outputs", () => {
    const alarmNamesIn = (tf: TerraformJson) =>
      [...Object.values(resourcesOf(tf, "aws_cloudwatch_metric_alarm")), ...Object.values(resourcesOf(tf, "aws_cloudwatch_composite_alarm"))]
        .map((r) => r.alarm_name as string)
        .sort();

    describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s outputs", (name, config) => {
      const { tf } = synthesized(config);

      test("stable output names: ours present, none with a construct-path hash", () => {
        const names = Object.keys(tf.output ?? {});
        expect(names).toEqual(expect.arrayContaining(["alarm_names", "alert_topic_arns", "dashboard_url"]));
        for (const n of names) expect(n).toMatch(/^[a-z][a-z0-9_]*[a-z0-9]$/);
      });

      test("dashboard_url: the console link of the environment's dashboard in its region", () => {
        const url = `https://${config.region}.console.aws.amazon.com/cloudwatch/home?region=${config.region}#dashboards/dashboard/AxonFlow-${name}`;
        expect(tf.output?.dashboard_url.value).toBe(url);
        const dashboards = Object.values(resourcesOf(tf, "aws_cloudwatch_dashboard")).map((d) => d.dashboard_name);
        expect(dashboards).toContain(`AxonFlow-${name}`);
      });

      test("alert_topic_arns: every SNS topic of the stack, by name, as a reference to its ARN", () => {
        const topics = resourcesOf(tf, "aws_sns_topic");
        const expected = Object.fromEntries(Object.entries(topics).map(([address, t]) => [t.name, `\${aws_sns_topic.${address}.arn}`]));
        expect(Object.keys(expected).length).toBeGreaterThan(0);
        expect(tf.output?.alert_topic_arns.value).toEqual(expected);
      });

      test("alarm_names: every alarm resource of the synthesized stack, sorted", () => {
        const names = alarmNamesIn(tf);
        expect(names.length).toBeGreaterThan(0);
        expect(tf.output?.alarm_names.value).toEqual(names);
      });
    });

    test("alarms and topics added to the stack after construction still appear (collected at synth)", () => {
      const app = new App({ outdir: join(tmpdir(), "axonflow-unit-tests-unused"), stackTraces: false });
      const stack = new EnvironmentStack(app, configFrom());
      new SnsTopic(stack, "late-topic", { name: "axonflow-test-late" });
      new CloudwatchCompositeAlarm(stack, "late-composite", { alarmName: "axonflow-test-late-composite", alarmRule: 'ALARM("axonflow-test-high-latency")' });
      const tf = JSON.parse(Testing.synth(stack)) as TerraformJson;
      expect(tf.output?.alarm_names.value).toEqual(expect.arrayContaining(["axonflow-test-late-composite"]));
      expect(tf.output?.alarm_names.value).toEqual(alarmNamesIn(tf));
      expect(Object.keys(tf.output?.alert_topic_arns.value as object).sort()).toEqual(
        [...Object.values(resourcesOf(tf, "aws_sns_topic")).map((t) => t.name as string)].sort(),
      );
      expect(Object.keys(tf.output?.alert_topic_arns.value as object)).toContain("axonflow-test-late");
    });

    test("…and so do ones added after a first synth: the inventory is reused only while no construct is added", () => {
      const app = new App({ outdir: join(tmpdir(), "axonflow-unit-tests-unused"), stackTraces: false });
      const stack = new EnvironmentStack(app, configFrom());
      const before = JSON.parse(Testing.synth(stack)) as TerraformJson;
      expect(before.output?.alarm_names.value).not.toContain("axonflow-test-later");
      new CloudwatchCompositeAlarm(stack, "later", { alarmName: "axonflow-test-later", alarmRule: 'ALARM("axonflow-test-high-latency")' });
      const after = JSON.parse(Testing.synth(stack)) as TerraformJson;
      expect(after.output?.alarm_names.value).toContain("axonflow-test-later");
      expect(after.output?.alarm_names.value).toEqual(alarmNamesIn(after));
    });

    test.each([
      ["us-east-1", "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/AxonFlow-x"],
      ["eu-west-1", "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/AxonFlow-x"],
      ["us-gov-west-1", "https://console.amazonaws-us-gov.com/cloudwatch/home?region=us-gov-west-1#dashboards/dashboard/AxonFlow-x"],
      ["cn-north-1", "https://console.amazonaws.cn/cloudwatch/home?region=cn-north-1#dashboards/dashboard/AxonFlow-x"],
    ])("console link for %s", (region, url) => {
      expect(dashboardConsoleUrl(region, "AxonFlow-x")).toBe(url);
    });
  });

  describe("backend", () => {
    function terraformBlock(config: EnvironmentConfig, backend?: BackendChoice): Record<string, unknown> {
      const app = new App({ outdir: join(tmpdir(), "axonflow-unit-tests-unused"), stackTraces: false });
      const stack = new EnvironmentStack(app, config, backend ? { backend } : {});
      return (JSON.parse(Testing.synth(stack)) as TerraformJson).terraform;
    }

    describe("backendFromEnvironment: choosing from variables", () => {
      test.each([
        ["nothing set", {}, { kind: "local" }],
        ["an empty AXONFLOW_BACKEND", { AXONFLOW_BACKEND: "" }, { kind: "local" }],
        ["local", { AXONFLOW_BACKEND: "local" }, { kind: "local" }],
        ["cloud with an organization", { AXONFLOW_BACKEND: "cloud", AXONFLOW_TFC_ORGANIZATION: "axonflow" }, { kind: "cloud", organization: "axonflow" }],
        [
          "cloud with hostname and project",
          { AXONFLOW_BACKEND: "cloud", AXONFLOW_TFC_ORGANIZATION: "axonflow", AXONFLOW_TFC_HOSTNAME: "tfe.example.com", AXONFLOW_TFC_PROJECT: "Observability" },
          { kind: "cloud", organization: "axonflow", hostname: "tfe.example.com", project: "Observability" },
        ],
        ["s3 with a bucket", { AXONFLOW_BACKEND: "s3", AXONFLOW_STATE_BUCKET: "axonflow-tfstate" }, { kind: "s3", bucket: "axonflow-tfstate" }],
        [
          "s3 with bucket and region",
          { AXONFLOW_BACKEND: "s3", AXONFLOW_STATE_BUCKET: "axonflow-tfstate", AXONFLOW_STATE_REGION: "eu-central-1" },
          { kind: "s3", bucket: "axonflow-tfstate", region: "eu-central-1" },
        ],
      ])("%s", (_, env, expected) => {
        expect(backendFromEnvironment(env)).toEqual(expected);
      });

      test.each([
        ["an unknown backend", { AXONFLOW_BACKEND: "gcs" }, 'AXONFLOW_BACKEND: "gcs" is not a backend; allowed: local, cloud, s3'],
        ["a misspelt kind", { AXONFLOW_BACKEND: "S3 " }, "AXONFLOW_BACKEND: \"S3\" is not a backend; allowed: local, cloud, s3"],
        ["cloud without organization", { AXONFLOW_BACKEND: "cloud" }, "AXONFLOW_TFC_ORGANIZATION: required when AXONFLOW_BACKEND=cloud; allowed: an HCP Terraform organization name"],
        ["a malformed organization", { AXONFLOW_BACKEND: "cloud", AXONFLOW_TFC_ORGANIZATION: "my org" }, 'AXONFLOW_TFC_ORGANIZATION: "my org" is not allowed'],
        ["a hostname given as URL", { AXONFLOW_BACKEND: "cloud", AXONFLOW_TFC_ORGANIZATION: "o", AXONFLOW_TFC_HOSTNAME: "https://app.terraform.io" }, "AXONFLOW_TFC_HOSTNAME: \"https://app.terraform.io\" is not allowed; allowed: a host name"],
        ["s3 without bucket", { AXONFLOW_BACKEND: "s3" }, "AXONFLOW_STATE_BUCKET: required when AXONFLOW_BACKEND=s3; allowed: an S3 bucket name"],
        ["an invalid bucket name", { AXONFLOW_BACKEND: "s3", AXONFLOW_STATE_BUCKET: "My_Bucket" }, 'AXONFLOW_STATE_BUCKET: "My_Bucket" is not allowed'],
        ["an invalid state region", { AXONFLOW_BACKEND: "s3", AXONFLOW_STATE_BUCKET: "b-1", AXONFLOW_STATE_REGION: "Frankfurt" }, 'AXONFLOW_STATE_REGION: "Frankfurt" is not allowed; allowed: an AWS region'],
        ["a bucket without AXONFLOW_BACKEND", { AXONFLOW_STATE_BUCKET: "axonflow-tfstate" }, "AXONFLOW_STATE_BUCKET: is set, but AXONFLOW_BACKEND is unset (local); it is read only with AXONFLOW_BACKEND=s3"],
        ["an organization with s3", { AXONFLOW_BACKEND: "s3", AXONFLOW_STATE_BUCKET: "b-1", AXONFLOW_TFC_ORGANIZATION: "o" }, "AXONFLOW_TFC_ORGANIZATION: is set, but AXONFLOW_BACKEND is s3"],
      ])("rejects %s, naming the variable and what is allowed", (_, env, message) => {
        expect(() => backendFromEnvironment(env)).toThrow(BackendChoiceError);
        expect(() => backendFromEnvironment(env)).toThrow(message);
      });

      test("reports every problem at once", () => {
        try {
          backendFromEnvironment({ AXONFLOW_BACKEND: "cloud", AXONFLOW_TFC_HOSTNAME: "bad host", AXONFLOW_STATE_BUCKET: "x" });
          throw new Error("expected a BackendChoiceError");
        } catch (e) {
          expect((e as BackendChoiceError).problems).toHaveLength(3);
        }
      });
    });

    describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s: backend blocks", (name, config) => {
      test("default: local state in the project root, relative path", () => {
        expect(terraformBlock(config).backend).toEqual({ local: { path: `../../../terraform.${name}.tfstate` } });
      });

      test("cloud: organization and workspace axonflow-<env>", () => {
        const tf = terraformBlock(config, { kind: "cloud", organization: "axonflow" });
        expect(tf.backend).toBeUndefined();
        expect(tf.cloud).toEqual({ organization: "axonflow", workspaces: { name: `axonflow-${name}` } });
      });

      test("cloud: hostname and project when given", () => {
        const tf = terraformBlock(config, { kind: "cloud", organization: "axonflow", hostname: "tfe.example.com", project: "Observability" });
        expect(tf.cloud).toEqual({ organization: "axonflow", hostname: "tfe.example.com", workspaces: { name: `axonflow-${name}`, project: "Observability" } });
      });

      test("s3: per-environment key, encrypted, S3-native locking, the environment's region by default", () => {
        const tf = terraformBlock(config, { kind: "s3", bucket: "axonflow-tfstate" });
        expect(tf.backend).toEqual({
          s3: { bucket: "axonflow-tfstate", key: `axonflow/${name}/terraform.tfstate`, region: config.region, encrypt: true, use_lockfile: true },
        });
        expect(JSON.stringify(tf)).not.toMatch(/dynamodb/);
      });

      test("s3: an explicit state region wins", () => {
        const tf = terraformBlock(config, { kind: "s3", bucket: "axonflow-tfstate", region: "eu-central-1" });
        expect((tf.backend as { s3: { region: string } }).s3.region).toBe("eu-central-1");
      });
    });

    describe("terraformCloud.workspace in the environment file", () => {
      test("overrides the workspace name", () => {
        const tf = terraformBlock(configFrom({ terraformCloud: { workspace: "cw-prod" } }), { kind: "cloud", organization: "axonflow" });
        expect(tf.cloud).toEqual({ organization: "axonflow", workspaces: { name: "cw-prod" } });
      });

      test.each([
        ["a workspace with spaces", { terraformCloud: { workspace: "my workspace" } }, "terraformCloud.workspace: must be an HCP Terraform workspace name"],
        ["an unknown key", { terraformCloud: { organization: "x" } }, "terraformCloud.organization: unknown key; allowed: workspace"],
      ])("rejects %s", (_, patch, message) => {
        expect(problemsFor(patch, "environments/qa.yaml")).toEqual([expect.stringContaining(`environments/qa.yaml: ${message}`)]);
      });
    });
  });
});

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
    alarmName: name, comparisonOperator: "GreaterThanThreshold", evaluationPeriods: 1, metricName: "RequestCount",
    namespace: "AWS/ApplicationELB", period: 300, statistic: "Sum", threshold: 1, alarmActions,
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
      ["an alarm with no actions", (s) => new CloudwatchMetricAlarm(s, "naked-alarm", rawAlarm("axonflow-test-naked")),
        /\[test\] test\/naked-alarm: alarm-has-actions: alarm "axonflow-test-naked" has no alarm_actions; allowed: .*routedVia/],
      ["a MetricAlarm with empty actions and no routedVia", (s) => new MetricAlarm(s, "silent", alarmProps("axonflow-test-silent")),
        /test\/silent\/alarm: alarm-has-actions:/],
      ["a MetricAlarm routed via a composite alarm that does not exist", (s) => new MetricAlarm(s, "orphan", { ...alarmProps("axonflow-test-orphan"), actions: { alarmActions: [], okActions: [], actionsEnabled: true, routedVia: "axonflow-test-nowhere" } }),
        /test\/orphan\/alarm: alarm-has-actions: alarm "axonflow-test-orphan" is routed via "axonflow-test-nowhere", but no composite alarm of that name lists ALARM\("axonflow-test-orphan"\)/],
      ["a composite alarm named outside the admitted pattern", (s) => new CloudwatchCompositeAlarm(s, "foreign-composite", { alarmName: "payments-page", alarmRule: 'ALARM("axonflow-test-high-latency")', alarmActions: ["arn:aws:sns:eu-west-1:111122223333:t"] }),
        /test\/foreign-composite: alarm-name-admitted: alarm name "payments-page" does not match axonflow-test-\*/],
      ["an alarm named outside the admitted pattern", (s) => new CloudwatchMetricAlarm(s, "foreign", rawAlarm("payments-high-cpu", ["arn:aws:sns:eu-west-1:111122223333:t"])),
        /test\/foreign: alarm-name-admitted: alarm name "payments-high-cpu" does not match axonflow-test-\*/],
      ["a log group without retention", (s) => new CloudwatchLogGroup(s, "forever", { name: "/axonflow/test/forever" }),
        /test\/forever: log-group-retention: log group "\/axonflow\/test\/forever" has retention_in_days none .*; allowed: 1, 3, 5/],
      ["a log group with a retention CloudWatch rejects", (s) => new CloudwatchLogGroup(s, "odd", { name: "/axonflow/test/odd", retentionInDays: 45 }),
        /test\/odd: log-group-retention: .*retention_in_days 45/],
      ["a second AWS provider without default tags", (s) => new AwsProvider(s, "us-east-1", { alias: "us_east_1", region: "us-east-1" }),
        /test\/us-east-1: default-tags: AWS provider default_tags lack Environment=test, Application=AxonFlow, ManagedBy=cdktf/],
      ["a resource overriding a default tag", (s) => new CloudwatchLogGroup(s, "mislabelled", { name: "/axonflow/test/x", retentionInDays: 7, tags: { Environment: "production" } }),
        /test\/mislabelled: default-tags: tags override Environment="production"; allowed: leave Environment to the provider's default_tags \(Environment=test\)/],
      ["an unencrypted topic", (s) => new SnsTopic(s, "plain-topic", { name: "axonflow-test-plain" }),
        /test\/plain-topic: sns-topic-cmk: topic "axonflow-test-plain" has no kms_master_key_id/],
      ["a topic on the AWS-managed SNS key", (s) => new SnsTopic(s, "aws-key-topic", { name: "axonflow-test-awskey", kmsMasterKeyId: "alias/aws/sns" }),
        /test\/aws-key-topic: sns-topic-cmk: .*"alias\/aws\/sns".*Never alias\/aws\/sns/],
      ["an IAM policy writing to every resource", (s) => new IamPolicy(s, "too-broad", { name: "x", policy: policy({ Effect: "Allow", Action: ["logs:DescribeLogGroups", "logs:PutLogEvents"], Resource: "*" }) }),
        /test\/too-broad: no-wildcard-write: aws_iam_policy\.policy statement #1 allows write actions logs:PutLogEvents on Resource "\*"/],
      ["PutMetricData on * without the namespace condition", (s) => new IamPolicy(s, "metrics", { name: "x", policy: policy({ Sid: "Metrics", Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*" }) }),
        /test\/metrics: no-wildcard-write: .*statement Metrics .*must be narrowed by cloudwatch:namespace/],
      ["an IAM policy with NotResource", (s) => new IamPolicy(s, "not-resource", { name: "x", policy: policy({ Effect: "Allow", Action: "sns:Publish", NotResource: "arn:aws:sns:eu-west-1:111122223333:x" }) }),
        /test\/not-resource: no-wildcard-write:/],
      ["a topic policy open to everyone", (s) => new SnsTopicPolicy(s, "open-topic", { arn: "arn:aws:sns:eu-west-1:111122223333:x", policy: policy({ Effect: "Allow", Principal: "*", Action: "SNS:Publish", Resource: "arn:aws:sns:eu-west-1:111122223333:x" }) }),
        /test\/open-topic: no-wildcard-write: aws_sns_topic_policy\.policy .*to Principal "\*" with no Condition/],
      ["a key policy open to everyone", (s) => new KmsKey(s, "open-key", { policy: policy({ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:*", Resource: "*" }) }),
        /test\/open-key: no-wildcard-write: aws_kms_key\.policy .*Principal "\*"/],
      ["a policy document data source writing to every resource", (s) => new DataAwsIamPolicyDocument(s, "doc", { statement: [{ actions: ["s3:PutObject"], resources: ["*"] }] }),
        /test\/doc: no-wildcard-write: aws_iam_policy_document\.statement statement #1 allows write actions s3:PutObject/],
      ["a dashboard widget past column 24", (s) => new CloudwatchDashboard(s, "wide", { dashboardName: "x", dashboardBody: JSON.stringify({ widgets: [{ type: "text", x: 20, y: 0, width: 12, height: 2, properties: { markdown: "hi" } }] }) }),
        /test\/wide: dashboard-grid: widget #1 at x=20 width=12 ends past column 24; allowed: .*x \+ width <= 24/],
      ["a dashboard widget left of column 0", (s) => new CloudwatchDashboard(s, "left", { dashboardName: "y", dashboardBody: JSON.stringify({ widgets: [{ type: "text", x: -2, y: 0, width: 6, height: 2, properties: { markdown: "hi" } }] }) }),
        /test\/left: dashboard-grid: widget #1 at x=-2/],
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
      new SnsTopicPolicy(stack, "borrowed", { arn: foreign.arn, policy: policy({ Effect: "Allow", Action: "sns:Publish", Resource: "*" }) });
      expect(() => Testing.synth(stack, true)).toThrow(/test\/borrowed: references-stay-in-stack: references aws_sns_topic\.foreign, which is not in this stack/);
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
      ["an action-less MetricAlarm routed via a composite alarm that watches it", (s) => {
        new MetricAlarm(s, "input", { ...alarmProps("axonflow-test-input"), actions: { alarmActions: [], okActions: [], actionsEnabled: true, routedVia: "axonflow-test-composite" } });
        new CloudwatchCompositeAlarm(s, "composite", { alarmName: "axonflow-test-composite", alarmRule: 'ALARM("axonflow-test-input")', alarmActions: ["arn:aws:sns:eu-west-1:111122223333:t"] });
      }],
      ["a log group whose tags repeat the defaults", (s) => new CloudwatchLogGroup(s, "same-tags", { name: "/axonflow/test/y", retentionInDays: 14, tags: { Environment: "test", Team: "platform" } })],
      ["a topic on a literal customer-managed key ARN", (s) => new SnsTopic(s, "cmk-topic", { name: "axonflow-test-cmk", kmsMasterKeyId: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" })],
      ["read-only actions on *", (s) => new IamPolicy(s, "reader", { name: "x", policy: policy({ Effect: "Allow", Action: ["logs:DescribeLogGroups", "cloudwatch:GetMetricData"], Resource: "*" }) })],
      ["PutMetricData on * narrowed to a namespace", (s) => new IamPolicy(s, "metrics", { name: "x", policy: policy({ Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": "AxonFlow/test" } } }) })],
      ["a Deny on *", (s) => new IamPolicy(s, "deny", { name: "x", policy: policy({ Effect: "Deny", Action: "*", Resource: "*" }) })],
      ["a policy variable escaped for Terraform", (s) => new IamPolicy(s, "var", { name: "x", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/$${aws:username}/*" }] }) })],
    ])("%s", (_, build) => {
      expect(synthErrors(build)).toBe("");
    });

    test("a policy built with Fn.jsonencode cannot be read at synth: a warning, not a failure", () => {
      const stack = newStack();
      const topic = new SnsTopic(stack, "t", { name: "axonflow-test-t", kmsMasterKeyId: "alias/axonflow-test-t" });
      new IamPolicy(stack, "encoded", { name: "x", policy: Fn.jsonencode({ Statement: [{ Effect: "Allow", Action: "sns:Publish", Resource: topic.arn }] }) });
      expect(() => Testing.synth(stack, true)).not.toThrow();
      const warnings = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => `${c.node.path}: ${m.data}`));
      expect(warnings).toEqual([expect.stringMatching(/^test\/encoded: no-wildcard-write: aws_iam_policy\.policy is a Terraform expression/)]);
    });
  });
});

describe("the alert topics", () => {
  const policyOf = (r: Record<string, unknown>) => JSON.parse(fromTerraformLiteral(r.policy as string)) as PolicyDocument;
  const statement = (doc: PolicyDocument, sid: string) => {
    const s = doc.Statement.find((x) => x.Sid === sid);
    if (!s) throw new Error(`no statement ${sid}`);
    return s;
  };
  /** The resource of `type` whose `attribute` references `${<referenced>.<suffix>}`. */
  const referencing = (tf: TerraformJson, type: string, attribute: string, referenced: string) => {
    const hits = Object.entries(resourcesOf(tf, type)).filter(([, r]) => String(r[attribute]).startsWith(`\${${referenced}.`));
    expect(hits).toHaveLength(1);
    return { address: hits[0][0], attributes: hits[0][1] };
  };
  const addressOf = (tf: TerraformJson, type: string, key: string, value: string) => {
    const hits = Object.entries(resourcesOf(tf, type)).filter(([, r]) => r[key] === value);
    expect(hits).toHaveLength(1);
    return hits[0][0];
  };

  describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s: encrypted alert topics", (name, config) => {
    const { json, tf } = synthesized(config);
    const account = config.accountId;
    const alarmArns = `arn:aws:cloudwatch:${config.region}:${account}:alarm:axonflow-${name}-*`;
    // Every topic of the stack (alerts, and pages when some alarm pages) gets its own key and policy.
    const topics = Object.values(resourcesOf(tf, "aws_sns_topic")).map((t) => String(t.name).replace(`axonflow-${name}-`, ""));

    test("the stack's topics: alerts, and pages where the environment has a paging route", () => {
      expect([...topics].sort()).toEqual(config.paging.emails.length > 0 ? ["alerts", "pages"] : ["alerts"]);
      expect(Object.keys(resourcesOf(tf, "aws_kms_key"))).toHaveLength(topics.length);
      expect(Object.keys(resourcesOf(tf, "aws_kms_alias"))).toHaveLength(topics.length);
      expect(Object.keys(resourcesOf(tf, "aws_sns_topic_policy"))).toHaveLength(topics.length);
    });

    describe.each(topics)("axonflow-%s-<what>", (what) => {
      const topicName = `axonflow-${name}-${what}`;
      const topicArn = `arn:aws:sns:${config.region}:${account}:${topicName}`;
      const topicAddress = addressOf(tf, "aws_sns_topic", "name", topicName);
      const topic = resourceWhere(tf, "aws_sns_topic", "name", topicName);
      const keyAddress = String(topic.kms_master_key_id).replace(/^\$\{aws_kms_key\.(.+)\.arn\}$/, "$1");
      const key = resourcesOf(tf, "aws_kms_key")[keyAddress];

      test("a customer-managed key of its own, with rotation, a 30-day deletion window and an alias", () => {
        expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
        expect(json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
        expect(json).toHaveResourceWithProperties(KmsAlias, { name: `alias/${topicName}`, target_key_id: `\${aws_kms_key.${keyAddress}.key_id}` });
      });

      test("the topic is encrypted with that key, never alias/aws/sns", () => {
        expect(topic.kms_master_key_id).toBe(`\${aws_kms_key.${keyAddress}.arn}`);
        expect(json).not.toMatch(/alias\/aws\/sns/);
        expect(json).toHaveResourceWithProperties(SnsTopic, { name: topicName, kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\./) });
      });

      test("key policy: the account administers; CloudWatch may use it only for this environment's alarms", () => {
        const doc = policyOf(key);
        expect(doc.Statement).toHaveLength(2);
        expect(statement(doc, "AccountAdministersKey")).toEqual({
          Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*",
        });
        expect(statement(doc, "CloudWatchAlarmsEncryptNotifications")).toEqual({
          Sid: "CloudWatchAlarmsEncryptNotifications",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
          Resource: "*",
          Condition: { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": alarmArns } },
        });
      });

      test("topic policy: SNS:Publish only from CloudWatch alarms of this account; the owner keeps management actions", () => {
        const doc = policyOf(referencing(tf, "aws_sns_topic_policy", "arn", `aws_sns_topic.${topicAddress}`).attributes);
        const publishers = doc.Statement.filter((s) => [s.Action].flat().some((a) => /publish/i.test(String(a))));
        expect(publishers).toEqual([
          {
            Sid: "CloudWatchAlarmsPublish",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "SNS:Publish",
            Resource: topicArn,
            Condition: { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": alarmArns } },
          },
        ]);
        const owner = statement(doc, "AccountOwnerManagesTopic");
        expect(owner).toMatchObject({ Principal: { AWS: `arn:aws:iam::${account}:root` }, Resource: topicArn });
        expect(owner.Action).toEqual(expect.arrayContaining(["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:Subscribe", "SNS:DeleteTopic"]));
        expect(doc.Statement).toHaveLength(2);
      });
    });

    test("every alarm that notifies a topic has a name the policies admit", () => {
      for (const type of ["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"]) {
        for (const alarm of Object.values(resourcesOf(tf, type))) expect(alarm.alarm_name).toMatch(new RegExp(`^axonflow-${name}-`));
      }
    });
  });

  describe("ARNs follow the region's partition", () => {
    test.each([
      ["us-east-1", "aws"],
      ["cn-north-1", "aws-cn"],
      ["us-gov-west-1", "aws-us-gov"],
      ["us-iso-east-1", "aws-iso"],
      ["us-isob-east-1", "aws-iso-b"],
    ])("%s → %s", (region, partition) => expect(partitionOf(region)).toBe(partition));

    test("a China-region topic policy names aws-cn ARNs", () => {
      const { tf } = synthesized(configFrom({ region: "cn-north-1" }));
      const doc = policyOf(referencing(tf, "aws_sns_topic_policy", "arn", `aws_sns_topic.${addressOf(tf, "aws_sns_topic", "name", "axonflow-test-alerts")}`).attributes);
      expect(statement(doc, "CloudWatchAlarmsPublish").Resource).toBe("arn:aws-cn:sns:cn-north-1:111122223333:axonflow-test-alerts");
      expect(statement(doc, "AccountOwnerManagesTopic").Principal).toEqual({ AWS: "arn:aws-cn:iam::111122223333:root" });
    });
  });
});

describe("HANDOFF.md", () => {
  const outdirs: string[] = [];
  afterAll(() => outdirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  /** Synthesizes the stack as `cdktf synth` does (stack synthesizer, custom-synthesis hooks) and reads both files. */
  function synthesize(stack: TerraformStack): { doc: string; tf: TerraformJson } {
    const outdir = Testing.fullSynth(stack);
    outdirs.push(outdir);
    const dir = join(outdir, "stacks", stack.node.id);
    return { doc: readFileSync(join(dir, HANDOFF_FILE), "utf8"), tf: JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as TerraformJson };
  }

  const newStack = (config: EnvironmentConfig) => new EnvironmentStack(new App({ stackTraces: false }), config);

  /** The first-column values of the Markdown table under `## <title> (…)`, backticks removed. */
  function firstColumn(doc: string, title: string): string[] {
    const start = doc.indexOf(`\n## ${title} (`);
    if (start < 0) throw new Error(`no section "${title}" in the document`);
    const body = doc.slice(start + 1).split("\n## ")[0];
    const rows = body.split("\n").filter((l) => l.startsWith("| ")).slice(2);
    return rows.map((r) => r.split(" | ")[0].replace(/^\| `?|`$/g, "")).sort();
  }

  const namesOf = (tf: TerraformJson, type: string, key: string) => Object.values(tf.resource[type] ?? {}).map((r) => r[key] as string).sort();
  const alarmNames = (tf: TerraformJson) => [...namesOf(tf, "aws_cloudwatch_metric_alarm", "alarm_name"), ...namesOf(tf, "aws_cloudwatch_composite_alarm", "alarm_name")].sort();

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
      for (const email of config.alerts.emails) expect(routing).toContain(`| \`axonflow-${name}-alerts\` | \`${email}\` (email, confirm from the mailbox) |`);
      if (config.paging.emails.length > 0) {
        expect(routing).toContain("through the page composite, which changes state once per incident and notifies the paging topic");
        expect(routing).not.toContain("no paging route");
        expect(routing).toContain(`| page | \`axonflow-${name}-page\` | \`axonflow-${name}-pages\` | ${config.paging.emails.map((e) => `\`${e}\` (email, confirm from the mailbox)`).join(", ")} |`);
        expect(routing).toContain(`| \`axonflow-${name}-target-health-agent\` | page | through \`axonflow-${name}-page\`, and topic \`axonflow-${name}-alerts\` |`);
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
    const agent = new CloudwatchLogGroup(stack, "agent-logs", { name: "/axonflow/test/agent", retentionInDays: 30, skipDestroy: true, lifecycle: { preventDestroy: true } });
    new CloudwatchQueryDefinition(stack, "errors", { name: "AxonFlow/test/Error Analysis", logGroupNames: [agent.name], queryString: "fields @timestamp | limit 1" });
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
    for (const n of ["a", "b", "c", "d", "e"]) new CloudwatchDashboard(stack, `extra-${n}`, { dashboardName: `AxonFlow-test-${n}`, dashboardBody: '{"widgets":[]}' });

    const { doc, tf } = synthesize(stack);
    const line = (startsWith: string) => doc.split("\n").find((l) => l.startsWith(startsWith)) ?? "";

    test("every alarm, including composite, anomaly and metric-math ones, and nothing else", () => {
      expect(firstColumn(doc, "Alarms")).toEqual(alarmNames(tf));
      expect(alarmNames(tf)).toHaveLength(4);
    });

    test("anomaly, math and composite alarms are described from their config", () => {
      expect(line("| `axonflow-test-request-anomaly`")).toContain("outside ANOMALY_DETECTION_BAND(m1, 2)");
      expect(line("| `axonflow-test-request-anomaly`")).toContain("| `ignore` |");
      expect(line("| `axonflow-test-5xx-rate`")).toContain("e1 = (m1+m2)/m3*100 where m1 = Sum of AWS/ApplicationELB HTTPCode_Target_5XX_Count");
      expect(line("| `axonflow-test-5xx-rate`")).toContain("[runbook](https://runbooks.example.com/axonflow#5xx-rate)");
      expect(line("| `axonflow-test-fast`")).toContain("| `missing` |");
      expect(line("| `axonflow-test-extra-page`")).toContain('rule ALARM("axonflow-test-5xx-rate") OR ALARM("axonflow-test-request-anomaly")');
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
