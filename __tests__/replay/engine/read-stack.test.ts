/**
 * Reading alarms from cdk.tf.json: PutMetricAlarm's defaults, action references resolved to topic names, and an
 * Error naming the alarm and attribute for anything the engine cannot evaluate faithfully. Also the project's own
 * stacks: every shipped environment's alarms must read and replay.
 */
import { readStack } from "../../../replay/engine/read-stack";
import { replayAlarms } from "../../../replay/engine/replay-alarms";
import { DatapointStore } from "../../../replay/engine/datapoint-store";
import { fixtureEnvironment } from "../../support/environments";
import { synthesized } from "../../support/synth";
import { ERRORS, PAGES, REQUESTS, T0, metricQuery, plainAlarm, stackWith } from "./replay-fixtures";

describe("readStack", () => {
  test("a plain alarm with its defaults: datapoints_to_alarm = evaluation_periods, missing, evaluate, actions enabled", () => {
    const [alarm] = readStack(stackWith([plainAlarm({ evaluation_periods: 3, ok_actions: undefined })])).metricAlarms;
    expect(alarm).toMatchObject({
      name: "errors",
      input: { kind: "metric", metricStat: { metric: ERRORS, stat: "Sum", periodSeconds: 60 } },
      periodSeconds: 60,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      comparisonOperator: "GreaterThanThreshold",
      threshold: 10,
      treatMissingData: "missing",
      evaluateLowSampleCountPercentiles: "evaluate",
      actionsEnabled: true,
      alarmActions: ["alerts"],
      okActions: [],
      insufficientDataActions: [],
    });
  });

  test("numbers and booleans written as strings (as Terraform allows) are read; actions resolve to topic names", () => {
    const alarm = plainAlarm({
      period: "300",
      evaluation_periods: "2",
      threshold: "1.5",
      actions_enabled: "false",
      alarm_actions: [PAGES, "arn:aws:sns:eu-west-1:111122223333:ops-topic"],
    });
    expect(readStack(stackWith([alarm])).metricAlarms[0]).toMatchObject({
      periodSeconds: 300,
      evaluationPeriods: 2,
      threshold: 1.5,
      actionsEnabled: false,
      alarmActions: ["pages", "ops-topic"],
    });
  });

  test("a metric_query alarm: queries, the shared period, the band's threshold_metric_id", () => {
    const alarm = plainAlarm({
      namespace: undefined,
      metric_name: undefined,
      dimensions: undefined,
      statistic: undefined,
      period: undefined,
      threshold: undefined,
      comparison_operator: "GreaterThanUpperThreshold",
      threshold_metric_id: "band",
      metric_query: [{ id: "band", expression: "ANOMALY_DETECTION_BAND(r)", label: "Expected", return_data: true }, metricQuery("r", REQUESTS, "Sum", 300, true)],
    });
    const [read] = readStack(stackWith([alarm])).metricAlarms;
    expect(read).toMatchObject({ periodSeconds: 300, thresholdMetricId: "band", input: { kind: "math" } });
    expect(read!.input.kind === "math" && read!.input.queries.map((q) => q.id)).toEqual(["band", "r"]);
  });

  test.each([
    [{ treat_missing_data: "sometimes" }, /alarm errors: treat_missing_data: unsupported value "sometimes"/],
    [{ comparison_operator: "Above" }, /alarm errors: comparison_operator: unsupported value/],
    [{ statistic: undefined, extended_statistic: "tm99" }, /alarm errors: extended_statistic: unsupported value "tm99"/],
    [{ statistic: "p99" }, /alarm errors: statistic: unsupported value "p99"/],
    [{ period: 30 }, /alarm errors: period: 30 s: only multiples of 60 s/],
    [{ datapoints_to_alarm: 2 }, /alarm errors: datapoints_to_alarm: 2 exceeds evaluation_periods 1/],
    [{ threshold: "${var.threshold}" }, /alarm errors: threshold: the Terraform expression/],
    [{ unit: "Count" }, /alarm errors: unit: not supported by the replay engine/],
    [{ evaluate_low_sample_count_percentiles: "skip" }, /alarm errors: evaluate_low_sample_count_percentiles: unsupported value/],
    [{ alarm_actions: ["${aws_sns_topic.missing.arn}"] }, /alarm errors: alarm_actions: .* names no aws_sns_topic/],
    [{ ok_actions: ["${aws_lambda_function.f.arn}"] }, /alarm errors: ok_actions: cannot resolve the action/],
    [{ threshold: undefined }, /alarm errors: threshold: required with GreaterThanThreshold/],
    [{ metric_query: [metricQuery("m", ERRORS, "Sum", 60, true)] }, /alarm errors: namespace: not allowed together with metric_query/],
  ])("%o is refused, naming the alarm and the attribute", (overrides, message) => {
    expect(() => readStack(stackWith([plainAlarm(overrides)]))).toThrow(message);
  });

  test("metric_query problems name the query", () => {
    const math = (queries: unknown[]) =>
      plainAlarm({ namespace: undefined, metric_name: undefined, dimensions: undefined, statistic: undefined, period: undefined, metric_query: queries });
    expect(() => readStack(stackWith([math([metricQuery("A", ERRORS, "Sum", 60, true)])]))).toThrow(/metric_query\[0\]: id: "A" must start with a lowercase letter/);
    expect(() => readStack(stackWith([math([metricQuery("m", ERRORS, "Sum", 60, true), metricQuery("n", ERRORS, "Sum", 300)])]))).toThrow(/must share one period \(found 60, 300\)/);
    expect(() => readStack(stackWith([math([{ ...metricQuery("m", ERRORS, "tm90", 60, true) }])]))).toThrow(/metric of query m: stat: unsupported statistic "tm90"/);
  });

  test("composite alarms read with their actions; two alarms with one name are refused", () => {
    const stack = stackWith([plainAlarm()], [{ alarm_name: "page", alarm_rule: "ALARM(errors)", alarm_actions: [PAGES] }]);
    expect(readStack(stack).compositeAlarms).toEqual([
      expect.objectContaining({ kind: "composite", name: "page", alarmRule: "ALARM(errors)", alarmActions: ["pages"], actionsEnabled: true }),
    ]);
    const twice = stackWith([plainAlarm()]) as { resource: Record<string, Record<string, unknown>> };
    twice.resource["aws_cloudwatch_metric_alarm"]!["copy_alarm"] = plainAlarm();
    expect(() => readStack(twice)).toThrow(/two alarms are named errors/);
  });
});

describe("the production fixture's stack as synthesized", () => {
  test("every alarm reads, and a day without data replays (hard-down alarms page, via the composite)", () => {
    const { tf } = synthesized(fixtureEnvironment("production"));
    const alarms = readStack(tf);
    expect(alarms.metricAlarms.length).toBeGreaterThan(5);
    expect(alarms.compositeAlarms.map((c) => c.name)).toContain("axonflow-production-page");
    const result = replayAlarms(tf, new DatapointStore(), { start: T0, end: T0 + 86400 });
    const page = result.timelines.find((t) => t.alarmName === "axonflow-production-page")!;
    // No data at all is breaching for target health, running tasks and log silence ("treat missing data as breaching").
    expect(page.changes.map((c) => c.state)).toEqual(["INSUFFICIENT_DATA", "ALARM"]);
    expect(result.notifications.filter((n) => n.alarmName === page.alarmName).map((n) => n.topics)).toEqual([[expect.stringMatching(/-pages$/)]]);
  });
});
