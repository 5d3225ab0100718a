import { metricAlarms, fixtureCases } from "./support/alarms";
import { resourcesOf, synthesized } from "./support/synth";

const EXPECTED = (env: string, anomaly: boolean) =>
  [
    "ecs-restarts-agent",
    "ecs-restarts-orchestrator",
    "elb-5xx",
    "error-rate-percent",
    "high-error-rate",
    "high-latency",
    "high-latency-p99",
    "log-silence-agent",
    "log-silence-customer-portal",
    "log-silence-orchestrator",
    ...(anomaly ? ["request-anomaly"] : []),
  ].map((what) => `axonflow-${env}-${what}`);

describe.each(fixtureCases())("%s: the whole alarm catalog", (name, config) => {
  const { tf } = synthesized(config);
  const alarms = metricAlarms(tf);

  test("exactly the documented alarms, each once, plus one composite", () => {
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual(EXPECTED(name, name === "production").sort());
    expect(Object.keys(resourcesOf(tf, "aws_cloudwatch_composite_alarm"))).toHaveLength(1);
  });

  test("every alarm: statistic xor extended statistic xor metric math; allowed period; runbook link last", () => {
    for (const a of alarms) {
      const shapes = [a.statistic !== undefined, a.extended_statistic !== undefined, a.metric_query !== undefined];
      expect({ name: a.alarm_name, shapes: shapes.filter(Boolean).length }).toEqual({ name: a.alarm_name, shapes: 1 });
      const periods = a.metric_query ? (a.metric_query as { metric?: { period: number } }[]).flatMap((q) => (q.metric ? [q.metric.period] : [])) : [a.period as number];
      for (const p of periods) expect(p % 60).toBe(0);
      expect(a.datapoints_to_alarm as number).toBeLessThanOrEqual(a.evaluation_periods as number);
      expect(a.alarm_description).toMatch(new RegExp(`Runbook: ${config.runbookBaseUrl}#[a-z0-9-]+$`));
      expect(["breaching", "notBreaching"]).toContain(a.treat_missing_data);
    }
  });
});
