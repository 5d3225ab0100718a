import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { App, Testing } from "cdktf";
import { type BackendChoice, BackendChoiceError, backendFromEnvironment } from "../../lib/backend";
import { environmentJsonSchema } from "../../lib/config/json-schema";
import type { EnvironmentConfig } from "../../lib/config/schema";
import { dashboardConsoleUrl } from "../../lib/dashboard/aws-console";
import type { CheckableStack } from "../../lib/synthesis/fast-synthesis";
import { EnvironmentStack } from "../../lib/stack";
import { configFrom, fixtureEnvironments, problemsFor } from "../support/environments";
import { resourcesOf, synthesized, synthStack, type TerraformJson } from "../support/synth";

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

      test("log groups are the /axonflow/<env>/<service> tree (and the Prometheus bridge's, where on); no root /axonflow/<env> group", () => {
        const names = Object.values(resourcesOf(tf, "aws_cloudwatch_log_group")).map((g) => g.name);
        const bridge = config.prometheus ? [`/axonflow/${name}/cloudwatch-agent/prometheus`] : [];
        expect(names.sort()).toEqual([...Object.keys(config.services).map((s) => `/axonflow/${name}/${s}`), ...bridge].sort());
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
        expect(Object.keys(resourcesOf(a, "aws_sns_topic_subscription")).sort()).toEqual(
          Object.keys(resourcesOf(b, "aws_sns_topic_subscription")).sort(),
        );
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
      const topic = stack.node.findAll().find((c) => c.node.path.endsWith("/alerts/topic")) as unknown as {
        addOverride(path: string, value: unknown): void;
      };
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
      [
        ...Object.values(resourcesOf(tf, "aws_cloudwatch_metric_alarm")),
        ...Object.values(resourcesOf(tf, "aws_cloudwatch_composite_alarm")),
      ]
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
      new CloudwatchCompositeAlarm(stack, "late-composite", {
        alarmName: "axonflow-test-late-composite",
        alarmRule: 'ALARM("axonflow-test-high-latency")',
      });
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
        [
          "cloud with an organization",
          { AXONFLOW_BACKEND: "cloud", AXONFLOW_TFC_ORGANIZATION: "axonflow" },
          { kind: "cloud", organization: "axonflow" },
        ],
        [
          "cloud with hostname and project",
          {
            AXONFLOW_BACKEND: "cloud",
            AXONFLOW_TFC_ORGANIZATION: "axonflow",
            AXONFLOW_TFC_HOSTNAME: "tfe.example.com",
            AXONFLOW_TFC_PROJECT: "Observability",
          },
          { kind: "cloud", organization: "axonflow", hostname: "tfe.example.com", project: "Observability" },
        ],
        [
          "s3 with a bucket",
          { AXONFLOW_BACKEND: "s3", AXONFLOW_STATE_BUCKET: "axonflow-tfstate" },
          { kind: "s3", bucket: "axonflow-tfstate" },
        ],
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
        ["a misspelt kind", { AXONFLOW_BACKEND: "S3 " }, 'AXONFLOW_BACKEND: "S3" is not a backend; allowed: local, cloud, s3'],
        [
          "cloud without organization",
          { AXONFLOW_BACKEND: "cloud" },
          "AXONFLOW_TFC_ORGANIZATION: required when AXONFLOW_BACKEND=cloud; allowed: an HCP Terraform organization name",
        ],
        [
          "a malformed organization",
          { AXONFLOW_BACKEND: "cloud", AXONFLOW_TFC_ORGANIZATION: "my org" },
          'AXONFLOW_TFC_ORGANIZATION: "my org" is not allowed',
        ],
        [
          "a hostname given as URL",
          { AXONFLOW_BACKEND: "cloud", AXONFLOW_TFC_ORGANIZATION: "o", AXONFLOW_TFC_HOSTNAME: "https://app.terraform.io" },
          'AXONFLOW_TFC_HOSTNAME: "https://app.terraform.io" is not allowed; allowed: a host name',
        ],
        [
          "s3 without bucket",
          { AXONFLOW_BACKEND: "s3" },
          "AXONFLOW_STATE_BUCKET: required when AXONFLOW_BACKEND=s3; allowed: an S3 bucket name",
        ],
        [
          "an invalid bucket name",
          { AXONFLOW_BACKEND: "s3", AXONFLOW_STATE_BUCKET: "My_Bucket" },
          'AXONFLOW_STATE_BUCKET: "My_Bucket" is not allowed',
        ],
        [
          "an invalid state region",
          { AXONFLOW_BACKEND: "s3", AXONFLOW_STATE_BUCKET: "b-1", AXONFLOW_STATE_REGION: "Frankfurt" },
          'AXONFLOW_STATE_REGION: "Frankfurt" is not allowed; allowed: an AWS region',
        ],
        [
          "a bucket without AXONFLOW_BACKEND",
          { AXONFLOW_STATE_BUCKET: "axonflow-tfstate" },
          "AXONFLOW_STATE_BUCKET: is set, but AXONFLOW_BACKEND is unset (local); it is read only with AXONFLOW_BACKEND=s3",
        ],
        [
          "an organization with s3",
          { AXONFLOW_BACKEND: "s3", AXONFLOW_STATE_BUCKET: "b-1", AXONFLOW_TFC_ORGANIZATION: "o" },
          "AXONFLOW_TFC_ORGANIZATION: is set, but AXONFLOW_BACKEND is s3",
        ],
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
        const tf = terraformBlock(config, {
          kind: "cloud",
          organization: "axonflow",
          hostname: "tfe.example.com",
          project: "Observability",
        });
        expect(tf.cloud).toEqual({
          organization: "axonflow",
          hostname: "tfe.example.com",
          workspaces: { name: `axonflow-${name}`, project: "Observability" },
        });
      });

      test("s3: per-environment key, encrypted, S3-native locking, the environment's region by default", () => {
        const tf = terraformBlock(config, { kind: "s3", bucket: "axonflow-tfstate" });
        expect(tf.backend).toEqual({
          s3: {
            bucket: "axonflow-tfstate",
            key: `axonflow/${name}/terraform.tfstate`,
            region: config.region,
            encrypt: true,
            use_lockfile: true,
          },
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
        [
          "a workspace with spaces",
          { terraformCloud: { workspace: "my workspace" } },
          "terraformCloud.workspace: must be an HCP Terraform workspace name",
        ],
        ["an unknown key", { terraformCloud: { organization: "x" } }, "terraformCloud.organization: unknown key; allowed: workspace"],
      ])("rejects %s", (_, patch, message) => {
        expect(problemsFor(patch, "environments/qa.yaml")).toEqual([expect.stringContaining(`environments/qa.yaml: ${message}`)]);
      });
    });
  });
});
