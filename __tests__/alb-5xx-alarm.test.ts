import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { configFrom, fixtureEnvironments } from "./support/environments";
import { resourcesOf, resourceWhere, synthesized } from "./support/synth";

describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s: high-error-rate alarm", (name, config) => {
  const { json, tf } = synthesized(config);

  test("watches target 5xx of this environment's ALB by its LoadBalancer dimension only", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: `axonflow-${name}-high-error-rate`,
      namespace: "AWS/ApplicationELB",
      metric_name: "HTTPCode_Target_5XX_Count",
      // Exact match: no Environment dimension, which ALB metrics do not have.
      dimensions: { LoadBalancer: config.alb.arnSuffix },
      statistic: "Sum",
      period: 300,
      evaluation_periods: 2,
      comparison_operator: "GreaterThanThreshold",
      threshold: config.alarms.highErrorRate.thresholdCount,
      treat_missing_data: "notBreaching",
      alarm_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.alerts_topic_\w+\.arn\}$/)],
      ok_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.alerts_topic_\w+\.arn\}$/)],
    });
  });

  test("has no extended statistic and a description ending in its runbook link", () => {
    const alarm = resourceWhere(tf, "aws_cloudwatch_metric_alarm", "alarm_name", `axonflow-${name}-high-error-rate`);
    expect(alarm.extended_statistic).toBeUndefined();
    expect(alarm.alarm_description).toMatch(new RegExp(`Runbook: ${config.runbookBaseUrl}#high-error-rate$`));
  });
});

describe("high-error-rate configuration", () => {
  test("threshold comes from the environment file", () => {
    const { tf } = synthesized(configFrom({ alarms: { highErrorRate: { thresholdCount: 42 } } }));
    expect(resourceWhere(tf, "aws_cloudwatch_metric_alarm", "alarm_name", "axonflow-test-high-error-rate").threshold).toBe(42);
  });

  test("enabled: false removes the alarm", () => {
    const { tf } = synthesized(configFrom({ alarms: { highErrorRate: { enabled: false } } }));
    const names = Object.values(resourcesOf(tf, "aws_cloudwatch_metric_alarm")).map((a) => a.alarm_name);
    expect(names).not.toContain("axonflow-test-high-error-rate");
  });

  test("actionsEnabled: false keeps the alarm but silences it", () => {
    const { tf } = synthesized(configFrom({ alarms: { actionsEnabled: false } }));
    expect(resourceWhere(tf, "aws_cloudwatch_metric_alarm", "alarm_name", "axonflow-test-high-error-rate").actions_enabled).toBe(false);
  });
});

test("period, evaluation periods and datapoints come from the file, each on its own", () => {
  const { tf } = synthesized(configFrom({ alarms: { highErrorRate: { periodSeconds: 600, evaluationPeriods: 4, datapointsToAlarm: 1 } } }));
  const alarm = resourceWhere(tf, "aws_cloudwatch_metric_alarm", "alarm_name", "axonflow-test-high-error-rate");
  expect(alarm).toMatchObject({ period: 600, evaluation_periods: 4, datapoints_to_alarm: 1 });
});
