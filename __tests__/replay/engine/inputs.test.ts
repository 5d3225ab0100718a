import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DatapointStore } from "../../../replay/engine/datapoint-store";
import { readStack } from "../../../replay/engine/read-stack";
import { replayAlarms } from "../../../replay/engine/replay-alarms";
import { GetMetricDataSource } from "../../../replay/import/get-metric-data-source";
import { metricDataQueries } from "../../../replay/import/metric-data-queries";
import { fixtureEnvironment } from "../../support/environments";
import { synthesized } from "../../support/synth";
import { ERRORS, LATENCY, metricQuery, MINUTE, PAGES, plainAlarm, REQUESTS, stackWith, T0 } from "./replay-fixtures";

describe("reading a stack", () => {
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
});

describe("importing real data", () => {
  const EXPORT = "get-metric-data-export.json";
  const exported = JSON.parse(readFileSync(join(__dirname, "fixtures", EXPORT), "utf8")) as unknown;

  const stack = stackWith([
    plainAlarm({ period: 300, treat_missing_data: "notBreaching" }),
    plainAlarm({
      alarm_name: "latency-p99",
      metric_name: LATENCY.metricName,
      statistic: undefined,
      extended_statistic: "p99",
      period: 300,
      threshold: 1,
      evaluate_low_sample_count_percentiles: "ignore",
    }),
  ]);

  describe("metricDataQueries", () => {
    test("one query per metric, statistic and period the alarms read, plus SampleCount for percentiles; ids valid and stable", () => {
      const queries = metricDataQueries(stack);
      expect(queries.map((q) => [q.MetricStat.Metric.MetricName, q.MetricStat.Stat, q.MetricStat.Period])).toEqual([
        ["Errors", "Sum", 300],
        ["Latency", "SampleCount", 300],
        ["Latency", "p99", 300],
      ]);
      expect(queries[0]).toMatchObject({ MetricStat: { Metric: { Namespace: "Test", Dimensions: [{ Name: "Service", Value: "api" }] } }, ReturnData: true });
      for (const q of queries) expect(q.Id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
      expect(new Set(queries.map((q) => q.Id)).size).toBe(3);
      expect(metricDataQueries(stack)).toEqual(queries);
    });

    test("metric math alarms contribute each metric once, shared metrics once in all", () => {
      const math = plainAlarm({
        alarm_name: "rate",
        namespace: undefined,
        metric_name: undefined,
        dimensions: undefined,
        statistic: undefined,
        period: undefined,
        metric_query: [{ id: "e", expression: "errors / requests", return_data: true }, metricQuery("errors", ERRORS, "Sum", 300), metricQuery("requests", REQUESTS, "Sum", 300)],
      });
      const queries = metricDataQueries(stackWith([math, plainAlarm({ period: 300 })]));
      expect(queries.map((q) => q.MetricStat.Metric.MetricName)).toEqual(["Errors", "Requests"]);
    });
  });

  describe("a replay over an export", () => {
    test("the alarms see the exported periods (aligned), across pages; the low-sample p99 period keeps the state", () => {
      const source = new GetMetricDataSource(metricDataQueries(stack), [{ name: EXPORT, content: exported }]);
      const result = replayAlarms(stack, source, { start: T0, end: T0 + 5 * MINUTE });
      // errors: [23:55, 00:00) holds 12 > 10 from T0 until the window reaches the 00:00 period (4) at T0+5m.
      expect(result.timelines.find((t) => t.alarmName === "errors")!.changes.map((c) => [(c.time - T0) / MINUTE, c.state])).toEqual([
        [0, "INSUFFICIENT_DATA"],
        [0, "ALARM"],
        [5, "OK"],
      ]);
      expect(result.periodsSeenAt("errors", T0 + 2 * MINUTE)[0]).toMatchObject({ start: T0 - 3 * MINUTE, value: 12 });
      // latency: 0.5 s over 1200 samples is OK; 3 s over 200 samples (< 1000 for p99) is low-sample and ignored.
      expect(result.periodsSeenAt("latency-p99", T0 + 5 * MINUTE)[0]).toMatchObject({ value: 3, breaching: true, lowSample: true });
      expect(result.timelines.find((t) => t.alarmName === "latency-p99")!.changes.map((c) => c.state)).toEqual(["INSUFFICIENT_DATA", "OK"]);
    });

    const page = (result: Record<string, unknown>) => ({ MetricDataResults: [result], Messages: [] });
    const errorsId = metricDataQueries(stack)[0]!.Id;
    const load = (content: unknown) => new GetMetricDataSource(metricDataQueries(stack), [{ name: "export.json", content }]);

    test.each([
      [{ nothing: [] }, /export\.json: MetricDataResults: missing or not a list/],
      [page({ Id: "m_other", Timestamps: [], Values: [], StatusCode: "Complete" }), /export\.json: MetricDataResults\[0\]\.Id: unknown id m_other/],
      [page({ Id: errorsId, Timestamps: [], Values: [], StatusCode: "PartialData" }), /export\.json: MetricDataResults m_Errors\S*: StatusCode PartialData: the export is incomplete/],
      [page({ Id: errorsId, Timestamps: [], Values: [], StatusCode: "Forbidden" }), /MetricDataResults\[0\]\.StatusCode: Forbidden/],
      [page({ Id: errorsId, Timestamps: ["yesterday"], Values: [1], StatusCode: "Complete" }), /MetricDataResults\[0\]\.Timestamps\[0\]: "yesterday" is not an ISO time/],
      [page({ Id: errorsId, Timestamps: ["2023-11-14T00:00:00Z"], Values: [], StatusCode: "Complete" }), /Timestamps\/Values: not two lists of the same length/],
      [[page({ Id: errorsId, Timestamps: [], Values: [], StatusCode: "Complete" }), 7], /export\.json: \[1\]MetricDataResults: missing/],
    ])("a bad export is refused, naming the file and the field: %o", (content, message) => {
      expect(() => load(content)).toThrow(message);
    });

    test("an alarm reading a metric the export was not asked for is an error", () => {
      const source = load(page({ Id: errorsId, Timestamps: [], Values: [], StatusCode: "Complete" }));
      expect(() => replayAlarms(stackWith([plainAlarm({ period: 60 })]), source, { start: T0, end: T0 })).toThrow(/nothing was fetched for Sum of Test\|Errors\|Service=api over 60 s/);
    });
  });
});
