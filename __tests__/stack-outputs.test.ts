import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { App, Testing } from "cdktf";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EnvironmentStack } from "../lib/stack";
import { dashboardConsoleUrl } from "../lib/dashboard/aws-console";
import { configFrom, fixtureEnvironments } from "./support/environments";
import { resourcesOf, synthesized, type TerraformJson } from "./support/synth";

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
