import { App, TerraformStack } from "cdktf";
import { checkMetricAlarm, MetricAlarm, type MetricAlarmProps } from "../../lib/alarms/metric-alarm";
import { ALB } from "../../lib/metrics/catalog";

const valid: MetricAlarmProps = {
  name: "axonflow-test-x",
  description: "Something is wrong.",
  runbookUrl: "https://runbooks.example.com/#x",
  metric: ALB.requestCount.with({ LoadBalancer: "app/a/0123456789abcdef" }),
  statistic: "Sum",
  periodSeconds: 300,
  evaluationPeriods: 2,
  comparison: "GreaterThanThreshold",
  threshold: 1,
  treatMissingData: "notBreaching",
  actions: { alarmActions: ["arn:aws:sns:us-east-1:111122223333:t"], okActions: [], actionsEnabled: true },
};

describe("MetricAlarm invariants", () => {
  test("a valid alarm has no problems", () => expect(checkMetricAlarm(valid)).toEqual([]));

  test.each<[string, Partial<MetricAlarmProps>, RegExp]>([
    ["both statistics", { extendedStatistic: "p95" }, /exactly one of statistic and extendedStatistic/],
    ["neither statistic", { statistic: undefined }, /exactly one of statistic and extendedStatistic/],
    ["a malformed percentile", { statistic: undefined, extendedStatistic: "95th" }, /not a percentile/],
    ["a 45 s period", { periodSeconds: 45 }, /period 45 s is not allowed; allowed: 10, 20, 30 or a multiple of 60/],
    ["a 90 s period", { periodSeconds: 90 }, /period 90 s/],
    ["datapoints above evaluation periods", { datapointsToAlarm: 3 }, /datapointsToAlarm 3 must be between 1 and evaluationPeriods \(2\)/],
    ["zero evaluation periods", { evaluationPeriods: 0 }, /evaluationPeriods 0/],
    ["a window over 7 days", { periodSeconds: 86400, evaluationPeriods: 8 }, /at most 604800 s \(7 days\)/],
    ["a window over a day with a period under an hour", { periodSeconds: 1800, evaluationPeriods: 60, datapointsToAlarm: 1 }, /at most 86400 s \(1 day\) for periods under an hour/],
    ["a non-finite threshold", { threshold: Number.NaN }, /finite/],
  ])("rejects %s", (_, patch, rule) => {
    expect(checkMetricAlarm({ ...valid, ...patch }).join("; ")).toMatch(rule);
  });

  test("the construct refuses to build and names its path", () => {
    const stack = new TerraformStack(new App({ outdir: "/tmp/unused-outdir" }), "s");
    expect(() => new MetricAlarm(stack, "bad", { ...valid, periodSeconds: 45 })).toThrow(/^s\/bad: period 45 s/);
  });

  test("10, 20, 30 and multiples of 60 are accepted periods", () => {
    for (const p of [10, 20, 30, 60, 120, 3600]) expect(checkMetricAlarm({ ...valid, periodSeconds: p })).toEqual([]);
  });
});

describe("metric catalog", () => {
  test("with() fills exactly the catalog's dimensions", () => {
    expect(ALB.target5xx.with({ LoadBalancer: "app/a/0123456789abcdef" }).dimensions).toEqual({ LoadBalancer: "app/a/0123456789abcdef" });
  });

  test("an empty dimension value is rejected", () => {
    expect(() => ALB.target5xx.with({ LoadBalancer: "" })).toThrow(/dimension LoadBalancer must be 1-1024 characters/);
  });
});
