import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { ALERTS_TOPIC_ARN, alarmNamed, alarmNames, fixtureCases } from "./support/alarms";
import { configFrom } from "./support/environments";
import { synthesized } from "./support/synth";

describe.each(fixtureCases())("%s: elb-5xx alarm", (name, config) => {
  const { json, tf } = synthesized(config);

  test("Sum of HTTPCode_ELB_5XX_Count by LoadBalancer only, notBreaching, ticket route", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: `axonflow-${name}-elb-5xx`,
      namespace: "AWS/ApplicationELB",
      metric_name: "HTTPCode_ELB_5XX_Count",
      dimensions: { LoadBalancer: config.alb.arnSuffix },
      statistic: "Sum",
      period: 300,
      evaluation_periods: config.alarms.elb5xx.evaluationPeriods,
      datapoints_to_alarm: config.alarms.elb5xx.datapointsToAlarm,
      comparison_operator: "GreaterThanThreshold",
      threshold: config.alarms.elb5xx.thresholdCount,
      treat_missing_data: "notBreaching",
      actions_enabled: true,
      alarm_actions: [expect.stringMatching(ALERTS_TOPIC_ARN)],
      ok_actions: [expect.stringMatching(ALERTS_TOPIC_ARN)],
    });
  });

  test("no extended statistic; description ends in its runbook anchor", () => {
    const alarm = alarmNamed(tf, `axonflow-${name}-elb-5xx`);
    expect(alarm.extended_statistic).toBeUndefined();
    expect(alarm.alarm_description).toMatch(new RegExp(`Runbook: ${config.runbookBaseUrl}#elb-5xx$`));
  });
});

describe("elb-5xx configuration", () => {
  test("threshold from the file; enabled: false removes only this alarm", () => {
    expect(alarmNamed(synthesized(configFrom({ alarms: { elb5xx: { thresholdCount: 7 } } })).tf, "axonflow-test-elb-5xx").threshold).toBe(7);
    const names = alarmNames(synthesized(configFrom({ alarms: { elb5xx: { enabled: false } } })).tf);
    expect(names).not.toContain("axonflow-test-elb-5xx");
    expect(names).toContain("axonflow-test-high-error-rate");
  });
});
