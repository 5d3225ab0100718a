import { ALERTS_TOPIC_ARN, alarmNamed, alarmNames, fixtureCases } from "./support/alarms";
import { configFrom } from "./support/environments";
import { synthesized } from "./support/synth";

describe.each(fixtureCases())("%s: request-anomaly alarm", (name, config) => {
  const { tf } = synthesized(config);
  const alarmName = `axonflow-${name}-request-anomaly`;

  test("on by default in production (named so), off in staging", () => {
    expect(config.alarms.requestAnomaly.enabled).toBe(name === "production");
    expect(alarmNames(tf).includes(alarmName)).toBe(name === "production");
  });

});

describe("production: request-anomaly alarm", () => {
  const config = fixtureCases().find(([name]) => name === "production")![1];
  const { tf } = synthesized(config);

  test("ANOMALY_DETECTION_BAND on RequestCount Sum, both directions, threshold_metric_id", () => {
    const alarm = alarmNamed(tf, "axonflow-production-request-anomaly");
    expect(alarm.metric_query).toEqual([
      { id: "band", expression: `ANOMALY_DETECTION_BAND(requests, ${config.alarms.requestAnomaly.thresholdStdDevs})`, label: "Expected requests", return_data: true },
      {
        id: "requests",
        return_data: true,
        metric: { namespace: "AWS/ApplicationELB", metric_name: "RequestCount", dimensions: { LoadBalancer: config.alb.arnSuffix }, stat: "Sum", period: 300 },
      },
    ]);
    expect(alarm).toMatchObject({
      threshold_metric_id: "band",
      comparison_operator: "LessThanLowerOrGreaterThanUpperThreshold",
      treat_missing_data: "breaching",
      evaluation_periods: 3,
      alarm_actions: [expect.stringMatching(ALERTS_TOPIC_ARN)],
      ok_actions: [expect.stringMatching(ALERTS_TOPIC_ARN)],
    });
    // A band alarm must not also carry a static threshold.
    expect(alarm.threshold).toBeUndefined();
  });
});

test("thresholdStdDevs sets the band width", () => {
  const { tf } = synthesized(configFrom({ alarms: { requestAnomaly: { enabled: true, thresholdStdDevs: 3 } } }));
  const queries = alarmNamed(tf, "axonflow-test-request-anomaly").metric_query as { id: string; expression?: string }[];
  expect(queries.find((q) => q.id === "band")?.expression).toBe("ANOMALY_DETECTION_BAND(requests, 3)");
});
