import { alarmNamePrefix, alarmOverlays, alarmSpans, commonPrefix } from "../../preview/metric/alarm-overlays";
import { parseWidgetLines } from "../../preview/metric/widget-lines";
import type { MetricAlarmDefinition, StackAlarms } from "../../replay/engine/alarm-definitions";
import type { AlarmTimeline } from "../../replay/engine/replay-alarms";
import type { MetricId } from "../../replay/metric-data";

describe("alarm overlays", () => {
  const LB = { LoadBalancer: "app/x/1" };
  const TG = { LoadBalancer: "app/x/1", TargetGroup: "targetgroup/agent/1" };
  const m = (metricName: string, dimensions: Record<string, string>): MetricId => ({
    namespace: "AWS/ApplicationELB",
    metricName,
    dimensions,
  });
  const entry = (id: MetricId, options: Record<string, unknown> = {}) => [
    id.namespace,
    id.metricName,
    ...Object.entries(id.dimensions).flat(),
    options,
  ];

  function alarm(
    name: string,
    input: MetricAlarmDefinition["input"],
    threshold: number,
    comparisonOperator: MetricAlarmDefinition["comparisonOperator"] = "GreaterThanThreshold",
  ): MetricAlarmDefinition {
    return {
      kind: "metric",
      name,
      address: `aws_cloudwatch_metric_alarm.${name}`,
      input,
      periodSeconds: 300,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      comparisonOperator,
      threshold,
      treatMissingData: "missing",
      evaluateLowSampleCountPercentiles: "evaluate",
      actionsEnabled: true,
      alarmActions: [],
      okActions: [],
      insufficientDataActions: [],
    };
  }
  const plain = (name: string, metric: MetricId, stat: string, threshold: number, op?: MetricAlarmDefinition["comparisonOperator"]) =>
    alarm(name, { kind: "metric", metricStat: { metric, stat, periodSeconds: 300 } }, threshold, op);
  const stat = (metric: MetricId) => ({ metric, stat: "Sum", periodSeconds: 300 });
  const errorRate = alarm(
    "env-error-rate",
    {
      kind: "math",
      queries: [
        { id: "requests", returnData: false, metricStat: stat(m("RequestCount", LB)) },
        { id: "elb5xx", returnData: false, metricStat: stat(m("HTTPCode_ELB_5XX_Count", LB)) },
        { id: "answers", returnData: false, expression: "FILL(requests, 0) + FILL(elb5xx, 0)" },
        { id: "rate", returnData: true, expression: "IF(answers >= 50, 100 * FILL(elb5xx, 0) / answers, 0)" },
      ],
    },
    5,
  );
  // Every stack's alarms share the environment's prefix: a composite named "env-page" makes it "env-".
  const stackAlarms = (...metricAlarms: MetricAlarmDefinition[]): StackAlarms => ({
    metricAlarms,
    compositeAlarms: [
      {
        kind: "composite",
        name: "env-page",
        address: "a",
        alarmRule: "FALSE",
        actionsEnabled: true,
        alarmActions: [],
        okActions: [],
        insufficientDataActions: [],
      },
    ],
  });
  const overlays = (metrics: unknown[][], alarms: StackAlarms, timelines: AlarmTimeline[] = []) =>
    alarmOverlays(parseWidgetLines({ metrics, stat: "Sum" }).lines, alarms, timelines, 10_000, alarmNamePrefix(alarms));

  describe("which alarms a metric widget shows", () => {
    test("an alarm on the widget's metric with the same dimension set: its threshold on that line, named without the common prefix", () => {
      const alarms = stackAlarms(
        plain("env-target-health-agent", m("HealthyHostCount", TG), "Minimum", 2, "LessThanThreshold"),
        plain("env-high-latency", m("TargetResponseTime", LB), "p95", 5),
      );
      const result = overlays([entry(m("HealthyHostCount", TG), { label: "agent" })], alarms);
      expect(result.alarms).toEqual(["env-target-health-agent"]);
      expect(result.thresholds).toEqual([{ label: "target-health-agent < 2 (Minimum)", value: 2, axis: "left" }]);
    });

    test("the same metric with another dimension set is another series: no match", () => {
      const alarms = stackAlarms(plain("env-target-health-agent", m("HealthyHostCount", TG), "Minimum", 2, "LessThanThreshold"));
      expect(overlays([entry(m("HealthyHostCount", LB))], alarms).alarms).toEqual([]);
    });

    test("a line's yAxis carries the threshold to that axis", () => {
      const alarms = stackAlarms(plain("env-high-latency", m("TargetResponseTime", LB), "p95", 5));
      expect(overlays([entry(m("TargetResponseTime", LB), { stat: "p95", yAxis: "right" })], alarms).thresholds).toEqual([
        { label: "high-latency > 5 (p95)", value: 5, axis: "right" },
      ]);
    });

    test("a metric-math alarm: matched through its inputs (hidden lines too); its line only on an expression reading the same metrics", () => {
      const inputs = [
        entry(m("RequestCount", LB), { id: "m1", visible: false }),
        entry(m("HTTPCode_ELB_5XX_Count", LB), { id: "m3", visible: false }),
      ];
      const same = overlays([[{ expression: "100*FILL(m3,0)/(FILL(m1,0)+FILL(m3,0))", id: "e2" }], ...inputs], stackAlarms(errorRate));
      expect(same.thresholds).toEqual([{ label: "error-rate > 5", value: 5, axis: "left" }]);
      // Only the ELB 5xx count drawn: the alarm's spans show, but 5 (a percentage) is not on a count's scale.
      const other = overlays([entry(m("HTTPCode_ELB_5XX_Count", LB), { id: "m3" })], stackAlarms(errorRate));
      expect([other.alarms, other.thresholds]).toEqual([["env-error-rate"], []]);
    });

    test("alarms sharing a rule on one line share one drawn line", () => {
      const a = plain("env-latency-a", m("TargetResponseTime", LB), "p95", 5);
      const b = plain("env-latency-b", m("TargetResponseTime", LB), "p95", 5);
      expect(overlays([entry(m("TargetResponseTime", LB), { stat: "p95" })], stackAlarms(a, b)).thresholds).toEqual([
        { label: "latency-a, latency-b > 5 (p95)", value: 5, axis: "left" },
      ]);
    });
  });

  describe("ALARM spans", () => {
    const timeline = (changes: [number, "OK" | "ALARM" | "INSUFFICIENT_DATA"][]): AlarmTimeline => ({
      alarmName: "env-x",
      kind: "metric",
      changes: changes.map(([time, state]) => ({ time, state, reason: "" })),
    });

    test("from each change into ALARM to the next change out; still in ALARM at the end: until the run's end", () => {
      expect(
        alarmSpans(
          timeline([
            [0, "INSUFFICIENT_DATA"],
            [60, "OK"],
            [600, "ALARM"],
            [900, "OK"],
            [1200, "ALARM"],
          ]),
          3000,
        ),
      ).toEqual([
        { alarmName: "env-x", from: 600, until: 900 },
        { alarmName: "env-x", from: 1200, until: 3000 },
      ]);
      expect(alarmSpans(timeline([[0, "OK"]]), 3000)).toEqual([]);
    });

    test("the common prefix ends at a dash and needs two names", () => {
      expect(commonPrefix(["axonflow-production-error-rate", "axonflow-production-page"])).toBe("axonflow-production-");
      expect(commonPrefix(["axonflow-production-error-rate"])).toBe("");
    });
  });
});
