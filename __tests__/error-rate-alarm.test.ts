import { ALERTS_TOPIC_ARN, alarmNamed, fixtureCases } from "./support/alarms";
import { configFrom } from "./support/environments";
import { synthesized } from "./support/synth";

describe.each(fixtureCases())("%s: error-rate-percent alarm (metric math)", (name, config) => {
  const { tf } = synthesized(config);
  const alarm = alarmNamed(tf, `axonflow-${name}-error-rate-percent`);
  const lb = { LoadBalancer: config.alb.arnSuffix };
  const sum = (metric_name: string) => ({ namespace: "AWS/ApplicationELB", metric_name, dimensions: lb, stat: "Sum", period: 300 });

  test("(target 5xx + ELB 5xx) / RequestCount × 100, 5xx counts filled with 0, requests not", () => {
    expect(alarm.metric_query).toEqual([
      { id: "rate", expression: "100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests", label: "5xx % of requests", return_data: true },
      { id: "requests", return_data: false, metric: sum("RequestCount") },
      { id: "target5xx", return_data: false, metric: sum("HTTPCode_Target_5XX_Count") },
      { id: "elb5xx", return_data: false, metric: sum("HTTPCode_ELB_5XX_Count") },
    ]);
  });

  test("percent threshold, notBreaching, no single-metric fields", () => {
    expect(alarm).toMatchObject({
      comparison_operator: "GreaterThanThreshold",
      threshold: config.alarms.errorRate.thresholdPercent,
      evaluation_periods: config.alarms.errorRate.evaluationPeriods,
      datapoints_to_alarm: config.alarms.errorRate.datapointsToAlarm,
      treat_missing_data: "notBreaching",
    });
    for (const key of ["metric_name", "namespace", "dimensions", "statistic", "extended_statistic", "period", "threshold_metric_id"]) {
      expect(alarm[key]).toBeUndefined();
    }
    expect(alarm.alarm_description).toMatch(new RegExp(`Runbook: ${config.runbookBaseUrl}#error-rate-percent$`));
  });

  test("page severity by default: no actions of its own (the composite pages)", () => {
    expect(alarm.alarm_actions).toEqual([]);
    expect(alarm.ok_actions).toEqual([]);
  });
});

describe("error-rate-percent configuration", () => {
  test("thresholdPercent is the threshold, unconverted", () => {
    expect(alarmNamed(synthesized(configFrom({ alarms: { errorRate: { thresholdPercent: 2.5 } } })).tf, "axonflow-test-error-rate-percent").threshold).toBe(2.5);
  });

  test("severity ticket: notifies the alerts topic directly", () => {
    const alarm = alarmNamed(synthesized(configFrom({ alarms: { errorRate: { severity: "ticket" } } })).tf, "axonflow-test-error-rate-percent");
    expect(alarm.alarm_actions).toEqual([expect.stringMatching(ALERTS_TOPIC_ARN)]);
  });
});
