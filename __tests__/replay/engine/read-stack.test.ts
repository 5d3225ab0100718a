import { DatapointStore } from "../../../replay/engine/datapoint-store";
import { readStack } from "../../../replay/engine/read-stack";
import { replayAlarms } from "../../../replay/engine/replay-alarms";
import type { MetricId } from "../../../replay/metric-data";
import { fixtureEnvironment } from "../../support/environments";
import { synthesized } from "../../support/synth";
import { DAY, ERRORS, HOUR, metricQuery, MINUTE, PAGES, plainAlarm, REQUESTS, stackWith, T0 } from "./replay-fixtures";

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
        metric_query: [
          { id: "band", expression: "ANOMALY_DETECTION_BAND(r)", label: "Expected", return_data: true },
          metricQuery("r", REQUESTS, "Sum", 300, true),
        ],
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
        plainAlarm({
          namespace: undefined,
          metric_name: undefined,
          dimensions: undefined,
          statistic: undefined,
          period: undefined,
          metric_query: queries,
        });
      expect(() => readStack(stackWith([math([metricQuery("A", ERRORS, "Sum", 60, true)])]))).toThrow(
        /metric_query\[0\]: id: "A" must start with a lowercase letter/,
      );
      expect(() => readStack(stackWith([math([metricQuery("m", ERRORS, "Sum", 60, true), metricQuery("n", ERRORS, "Sum", 300)])]))).toThrow(
        /must share one period \(found 60, 300\)/,
      );
      expect(() => readStack(stackWith([math([{ ...metricQuery("m", ERRORS, "tm90", 60, true) }])]))).toThrow(
        /metric of query m: stat: unsupported statistic "tm90"/,
      );
    });

    test("composite alarms read with their actions; two alarms with one name are refused", () => {
      const stack = stackWith([plainAlarm()], [{ alarm_name: "page", alarm_rule: "ALARM(errors)", alarm_actions: [PAGES] }]);
      expect(readStack(stack).compositeAlarms).toEqual([
        expect.objectContaining({
          kind: "composite",
          name: "page",
          alarmRule: "ALARM(errors)",
          alarmActions: ["pages"],
          actionsEnabled: true,
        }),
      ]);
      const twice = stackWith([plainAlarm()]) as { resource: Record<string, Record<string, unknown>> };
      twice.resource.aws_cloudwatch_metric_alarm!.copy_alarm = plainAlarm();
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
      expect(result.notifications.filter((n) => n.alarmName === page.alarmName).map((n) => n.topics)).toEqual([
        [expect.stringMatching(/-pages$/)],
      ]);
    });
  });
  describe("no-traffic as synthesized for the production fixture (weekdays 08–20 UTC, at least 20 answers per 5 min)", () => {
    const production = fixtureEnvironment("production");
    const { tf } = synthesized(production);
    const agentGroup = { LoadBalancer: production.alb.arnSuffix, TargetGroup: production.services.agent!.targetGroupArnSuffix! };
    const healthy: MetricId = { namespace: "AWS/ApplicationELB", metricName: "HealthyHostCount", dimensions: agentGroup };
    const requests: MetricId = {
      namespace: "AWS/ApplicationELB",
      metricName: "RequestCount",
      dimensions: { LoadBalancer: production.alb.arnSuffix },
    };
    const NAME = "axonflow-production-no-traffic";

    /** A day from `dayStart` where ELB publishes health checks every minute and `perMinute(t)` requests (none when 0). */
    function day(dayStart: number, perMinute: (minuteOfDay: number) => number) {
      const store = new DatapointStore();
      for (let m = -30; m < 1440; m++) {
        store.put(healthy, { timestamp: dayStart + m * MINUTE, sampleCount: 1, sum: 3, min: 3, max: 3 });
        const n = perMinute(m);
        if (n > 0) store.put(requests, { timestamp: dayStart + m * MINUTE, sampleCount: n, sum: n, min: 1, max: 1 });
      }
      const result = replayAlarms(tf, store, { start: dayStart, end: dayStart + DAY });
      return result.timelines.find((t) => t.alarmName === NAME)!.changes.map((c) => [(c.time - dayStart) / HOUR, c.state]);
    }

    test("no request all Tuesday: ALARM 15 min after 08:00 (no RequestCount point at all), OK at the first period after 20:00", () => {
      const changes = day(T0, () => 0);
      expect(changes[0]).toEqual([0, "INSUFFICIENT_DATA"]);
      expect(changes.slice(1)).toEqual([
        [0, "OK"],
        [expect.closeTo(8 + 15 / 60, 5), "ALARM"],
        // 3 of 3 to alarm: the first period of 20:00–20:05 leaves 2 breaching of 3.
        [expect.closeTo(20 + 5 / 60, 5), "OK"],
      ]);
    });
    test("no request all Saturday: quiet (the schedule says weekdays)", () => {
      expect(day(T0 + 4 * DAY, () => 0).slice(1)).toEqual([[0, "OK"]]);
    });
    test("a trickle of 5 a minute (25 per 5 min) all day: quiet; 3 a minute (15 per 5 min) in the afternoon: ALARM", () => {
      expect(day(T0, () => 5).slice(1)).toEqual([[0, "OK"]]);
      const states = day(T0, (m) => (m >= 14 * 60 && m < 15 * 60 ? 3 : 40))
        .slice(1)
        .map((c) => c[1]);
      expect(states).toEqual(["OK", "ALARM", "OK"]);
    });
  });
});
