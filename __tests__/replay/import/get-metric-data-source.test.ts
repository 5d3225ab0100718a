import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readStack } from "../../../replay/engine/read-stack";
import { replayAlarms } from "../../../replay/engine/replay-alarms";
import { GetMetricDataSource } from "../../../replay/import/get-metric-data-source";
import { metricDataQueries } from "../../../replay/import/metric-data-queries";
import { ERRORS, LATENCY, metricQuery, MINUTE, plainAlarm, REQUESTS, stackWith, T0 } from "../engine/replay-fixtures";

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
      const queries = metricDataQueries(readStack(stack));
      expect(queries.map((q) => [q.MetricStat.Metric.MetricName, q.MetricStat.Stat, q.MetricStat.Period])).toEqual([
        ["Errors", "Sum", 300],
        ["Latency", "SampleCount", 300],
        ["Latency", "p99", 300],
      ]);
      expect(queries[0]).toMatchObject({
        MetricStat: { Metric: { Namespace: "Test", Dimensions: [{ Name: "Service", Value: "api" }] } },
        ReturnData: true,
      });
      for (const q of queries) expect(q.Id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
      expect(new Set(queries.map((q) => q.Id)).size).toBe(3);
      expect(metricDataQueries(readStack(stack))).toEqual(queries);
    });

    test("metric math alarms contribute each metric once, shared metrics once in all", () => {
      const math = plainAlarm({
        alarm_name: "rate",
        namespace: undefined,
        metric_name: undefined,
        dimensions: undefined,
        statistic: undefined,
        period: undefined,
        metric_query: [
          { id: "e", expression: "errors / requests", return_data: true },
          metricQuery("errors", ERRORS, "Sum", 300),
          metricQuery("requests", REQUESTS, "Sum", 300),
        ],
      });
      const queries = metricDataQueries(readStack(stackWith([math, plainAlarm({ period: 300 })])));
      expect(queries.map((q) => q.MetricStat.Metric.MetricName)).toEqual(["Errors", "Requests"]);
    });
  });

  describe("a replay over an export", () => {
    test("the alarms see the exported periods (aligned), across pages; the low-sample p99 period keeps the state", () => {
      const source = new GetMetricDataSource(metricDataQueries(readStack(stack)), [{ name: EXPORT, content: exported }]);
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
    const errorsId = metricDataQueries(readStack(stack))[0]!.Id;
    const load = (content: unknown) => new GetMetricDataSource(metricDataQueries(readStack(stack)), [{ name: "export.json", content }]);

    test.each([
      [{ nothing: [] }, /export\.json: MetricDataResults: missing or not a list/],
      [
        page({ Id: "m_other", Timestamps: [], Values: [], StatusCode: "Complete" }),
        /export\.json: MetricDataResults\[0\]\.Id: unknown id m_other/,
      ],
      [
        page({ Id: errorsId, Timestamps: [], Values: [], StatusCode: "PartialData" }),
        /export\.json: MetricDataResults m_Errors\S*: StatusCode PartialData: the export is incomplete/,
      ],
      [page({ Id: errorsId, Timestamps: [], Values: [], StatusCode: "Forbidden" }), /MetricDataResults\[0\]\.StatusCode: Forbidden/],
      [
        page({ Id: errorsId, Timestamps: ["yesterday"], Values: [1], StatusCode: "Complete" }),
        /MetricDataResults\[0\]\.Timestamps\[0\]: "yesterday" is not an ISO time/,
      ],
      [
        page({ Id: errorsId, Timestamps: ["2023-11-14T00:00:00Z"], Values: [], StatusCode: "Complete" }),
        /Timestamps\/Values: not two lists of the same length/,
      ],
      [[page({ Id: errorsId, Timestamps: [], Values: [], StatusCode: "Complete" }), 7], /export\.json: \[1\]MetricDataResults: missing/],
    ])("a bad export is refused, naming the file and the field: %o", (content, message) => {
      expect(() => load(content)).toThrow(message);
    });

    test("an alarm reading a metric the export was not asked for is an error", () => {
      const source = load(page({ Id: errorsId, Timestamps: [], Values: [], StatusCode: "Complete" }));
      expect(() => replayAlarms(stackWith([plainAlarm({ period: 60 })]), source, { start: T0, end: T0 })).toThrow(
        /nothing was fetched for Sum of Test\|Errors\|Service=api over 60 s/,
      );
    });
  });
});
