import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { alarmNamed, alarmNames, fixtureCases } from "./support/alarms";
import { configFrom } from "./support/environments";
import { synthesized } from "./support/synth";

describe.each(fixtureCases())("%s: log-silence alarms", (name, config) => {
  const { json, tf } = synthesized(config);
  const services = Object.keys(config.services);

  test("one per service in the file", () => {
    expect(alarmNames(tf).filter((n) => n.includes("-log-silence-")).sort()).toEqual(services.map((s) => `axonflow-${name}-log-silence-${s}`).sort());
  });

  test.each(["agent", "orchestrator", "customer-portal"])("%s: IncomingLogEvents of /axonflow/<env>/<service> below 1 per 5 min, missing = breaching", (service) => {
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: `axonflow-${name}-log-silence-${service}`,
      namespace: "AWS/Logs",
      metric_name: "IncomingLogEvents",
      dimensions: { LogGroupName: `/axonflow/${name}/${service}` },
      statistic: "Sum",
      period: 300,
      evaluation_periods: 1,
      comparison_operator: "LessThanThreshold",
      threshold: 1,
      // Nothing ingested publishes no datapoint: only "breaching" fires on silence.
      treat_missing_data: "breaching",
      // Page severity: the composite notifies.
      alarm_actions: [],
      ok_actions: [],
      alarm_description: expect.stringMatching(new RegExp(`Runbook: ${config.runbookBaseUrl}#log-silence$`)),
    });
  });
});

test("log-silence thresholdCount from the file", () => {
  expect(alarmNamed(synthesized(configFrom({ alarms: { logSilence: { thresholdCount: 10 } } })).tf, "axonflow-test-log-silence-agent").threshold).toBe(10);
});
