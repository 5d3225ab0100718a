import type { TreatMissingData } from "../../../lib/alarms/alarm-enums";
import { DatapointStore } from "../../../replay/engine/datapoint-store";
import { decide, type RangePoint } from "../../../replay/engine/missing-data-rule";
import { readStack } from "../../../replay/engine/read-stack";
import { replayAlarms } from "../../../replay/engine/replay-alarms";
import {
  ALERTS,
  DAY,
  ERRORS,
  HOUR,
  LATENCY,
  metricQuery,
  MINUTE,
  PAGES,
  plainAlarm,
  putMinutes,
  REQUESTS,
  rowValues,
  stackWith,
  T0,
} from "./replay-fixtures";

describe("evaluating a metric alarm", () => {
  const _ = undefined;
  const changesOf = (result: ReturnType<typeof replayAlarms>, name = "errors") =>
    result.timelines.find((t) => t.alarmName === name)!.changes.map((c) => [(c.time - T0) / MINUTE, c.state]);

  describe("M of N", () => {
    test("2 of 3: two breaching periods, not consecutive, alarm; one alone does not", () => {
      const store = new DatapointStore();
      // Minutes T0-3 … T0+2: 20 0 20 0 0 0 (the breaching ones 2 minutes apart).
      putMinutes(store, ERRORS, T0 - 3 * MINUTE, [20, 0, 20, 0, 0, 0]);
      const stack = stackWith([plainAlarm({ evaluation_periods: 3, datapoints_to_alarm: 2 })]);
      const result = replayAlarms(stack, store, { start: T0, end: T0 + 3 * MINUTE });
      // T0 judges T0-3..T0-1 (X 0 X): ALARM. T0+1 judges 0 X 0: OK.
      expect(changesOf(result)).toEqual([
        [0, "INSUFFICIENT_DATA"],
        [0, "ALARM"],
        [1, "OK"],
      ]);
    });

    test("datapoints_to_alarm defaults to evaluation_periods", () => {
      const store = new DatapointStore();
      putMinutes(store, ERRORS, T0 - 3 * MINUTE, [20, 0, 20]);
      const result = replayAlarms(stackWith([plainAlarm({ evaluation_periods: 3 })]), store, { start: T0, end: T0 });
      expect(result.stateAt("errors", T0)).toBe("OK");
    });
  });

  describe("the sliding window: 5-minute periods end at each evaluation minute", () => {
    const stack = stackWith([plainAlarm({ period: 300, threshold: 10 })]);
    test("a burst of 11 errors in one minute alarms at the next minute and stays for the 5 minutes the burst is in the window", () => {
      const store = new DatapointStore();
      putMinutes(store, ERRORS, T0, [0, 0, 11, 0, 0, 0, 0, 0, 0, 0]);
      const result = replayAlarms(stack, store, { start: T0, end: T0 + 10 * MINUTE });
      // Nothing before T0: the first window [T0-5m, T0) is empty. The burst is the minute T0+2m; windows [t-5m, t)
      // hold it for t = T0+3m … T0+7m.
      expect(changesOf(result)).toEqual([
        [0, "INSUFFICIENT_DATA"],
        [1, "OK"],
        [3, "ALARM"],
        [8, "OK"],
      ]);
      expect(result.periodsSeenAt("errors", T0 + 3 * MINUTE)[0]).toEqual({
        start: T0 - 2 * MINUTE,
        end: T0 + 3 * MINUTE,
        value: 11,
        breaching: true,
        lowSample: false,
      });
    });

    test("a publishing delay shifts the window: with 2 minutes the same burst alarms 2 minutes later", () => {
      const store = new DatapointStore();
      putMinutes(store, ERRORS, T0, [0, 0, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      const result = replayAlarms(stack, store, { start: T0 + 2 * MINUTE, end: T0 + 12 * MINUTE, publishingDelaySeconds: 120 });
      // The window at t ends at t-2m: the first minute of data (T0) is seen at T0+3m.
      expect(changesOf(result).slice(1)).toEqual([
        [3, "OK"],
        [5, "ALARM"],
        [10, "OK"],
      ]);
    });
  });

  describe("statistics of plain alarms", () => {
    test.each([
      ["Sum", 13, 12],
      ["Average", 4, 5],
      ["Minimum", 1, 1],
      ["Maximum", 7, 6],
      ["SampleCount", 4, 5],
    ])("%s over 3-minute periods: 1 3 7 2 is %s; the alarm is at its threshold minus one", (statistic, expected) => {
      const store = new DatapointStore();
      store.put(ERRORS, { timestamp: T0 - 3 * MINUTE, sampleCount: 1, sum: 1, min: 1, max: 1 });
      store.put(ERRORS, { timestamp: T0 - 2 * MINUTE, sampleCount: 2, sum: 10, min: 3, max: 7 });
      store.put(ERRORS, { timestamp: T0 - MINUTE, sampleCount: 1, sum: 2, min: 2, max: 2 });
      const alarm = (threshold: number) => plainAlarm({ statistic, period: 180, threshold });
      expect(replayAlarms(stackWith([alarm(expected - 1)]), store, { start: T0, end: T0 }).stateAt("errors", T0)).toBe("ALARM");
      expect(replayAlarms(stackWith([alarm(expected)]), store, { start: T0, end: T0 }).stateAt("errors", T0)).toBe("OK");
    });

    test.each(["IQM", "tm99", "TM(10%:90%)", "PR(:300)", "p0"])(
      "%s is a CloudWatch statistic the engine does not compute: refused when the stack is read",
      (stat) => {
        const alarm = {
          alarm_name: "e",
          comparison_operator: "GreaterThanThreshold",
          threshold: 1,
          evaluation_periods: 1,
          metric_query: [metricQuery("errors", ERRORS, stat, 60, true)],
        };
        expect(() => readStack(stackWith([alarm]))).toThrow(`unsupported statistic ${JSON.stringify(stat)}`);
      },
    );
  });

  describe("low-sample percentiles: p99 needs 10/(1-0.99) = 1000 samples a period", () => {
    // One minute of 999 slow samples (2 s), then one of 1000.
    const slow = (count: number, timestamp: number) => ({ timestamp, sampleCount: count, sum: 2 * count, min: 2, max: 2 });
    const alarm = (mode: string) =>
      plainAlarm({
        metric_name: LATENCY.metricName,
        statistic: _,
        extended_statistic: "p99",
        threshold: 1,
        evaluate_low_sample_count_percentiles: mode,
      });

    test("evaluate (the default): the low-sample period is judged like any other", () => {
      const store = new DatapointStore();
      store.put(LATENCY, slow(999, T0 - MINUTE));
      const result = replayAlarms(stackWith([alarm("evaluate")]), store, { start: T0, end: T0 });
      expect(result.stateAt("errors", T0)).toBe("ALARM");
      expect(result.periodsSeenAt("errors", T0)[0]).toMatchObject({ value: 2, lowSample: true });
    });

    test("ignore: the state does not change through a low-sample period, and changes with enough samples", () => {
      const store = new DatapointStore();
      store.put(LATENCY, slow(999, T0 - MINUTE));
      store.put(LATENCY, slow(1000, T0));
      const result = replayAlarms(stackWith([alarm("ignore")]), store, { start: T0, end: T0 + MINUTE });
      expect(changesOf(result)).toEqual([
        [0, "INSUFFICIENT_DATA"],
        [1, "ALARM"],
      ]);
    });
  });

  describe("anomaly detection band alarms (threshold_metric_id, ANOMALY_DETECTION_BAND)", () => {
    const bandAlarm = (operator: string, rule = "missing") =>
      plainAlarm({
        metric_name: _,
        namespace: _,
        dimensions: _,
        statistic: _,
        period: _,
        threshold: _,
        comparison_operator: operator,
        threshold_metric_id: "band",
        treat_missing_data: rule,
        metric_query: [
          { id: "band", expression: "ANOMALY_DETECTION_BAND(requests, 2)", return_data: true },
          metricQuery("requests", REQUESTS, "Sum", 60, true),
        ],
      });

    /** Three days of 100 ± 10 requests a minute (alternating 90, 110: mean 100, σ 10), then the replay hour. */
    function history(): DatapointStore {
      const store = new DatapointStore();
      for (let t = T0 - 3 * DAY; t < T0; t += MINUTE)
        store.put(REQUESTS, { timestamp: t, sampleCount: 1, sum: (t / MINUTE) % 2 === 0 ? 90 : 110, min: 0, max: 200 });
      return store;
    }

    test.each([
      ["LessThanLowerOrGreaterThanUpperThreshold", [150, 50, 100], [true, true, false]],
      ["GreaterThanUpperThreshold", [150, 50, 100], [true, false, false]],
      ["LessThanLowerThreshold", [150, 50, 100], [false, true, false]],
    ])("%s: band 100 ± 2·10 = [80, 120]", (operator, values, breaching) => {
      const store = history();
      putMinutes(store, REQUESTS, T0, values);
      // Trained on the 3 days before T0 only (by default the model would also learn the minute T0, before `start`).
      const training = { start: T0 - 3 * DAY, end: T0 };
      const result = replayAlarms(stackWith([bandAlarm(operator)]), store, { start: T0 + MINUTE, end: T0 + 3 * MINUTE, training });
      const seen = [1, 2, 3].map((m) => result.periodsSeenAt("errors", T0 + m * MINUTE)[0]!);
      expect(seen.map((p) => [p.lower, p.upper])).toEqual([
        [80, 120],
        [80, 120],
        [80, 120],
      ]);
      expect(seen.map((p) => p.breaching)).toEqual(breaching);
    });

    test("too little training data leaves the band missing, so treat_missing_data decides (breaching: ALARM)", () => {
      const store = new DatapointStore();
      putMinutes(
        store,
        REQUESTS,
        T0 - 2 * HOUR,
        Array.from({ length: 120 }, () => 100),
      );
      const result = replayAlarms(stackWith([bandAlarm("LessThanLowerOrGreaterThanUpperThreshold", "breaching")]), store, {
        start: T0,
        end: T0,
      });
      expect(result.periodsSeenAt("errors", T0)[0]).toMatchObject({ value: 100, lowSample: false });
      expect(result.periodsSeenAt("errors", T0)[0]).not.toHaveProperty("breaching");
      expect(result.stateAt("errors", T0)).toBe("ALARM");
    });

    test("a separate training source and interval can be given; a flat history still has a band (σ floor 5 % of the mean)", () => {
      const training = new DatapointStore();
      for (let t = T0 - 10 * DAY; t < T0 - 7 * DAY; t += MINUTE)
        training.put(REQUESTS, { timestamp: t, sampleCount: 1, sum: 100, min: 100, max: 100 });
      const store = new DatapointStore();
      putMinutes(store, REQUESTS, T0, [105, 115]);
      const result = replayAlarms(stackWith([bandAlarm("GreaterThanUpperThreshold")]), store, {
        start: T0 + MINUTE,
        end: T0 + 2 * MINUTE,
        training: { source: training, start: T0 - 10 * DAY, end: T0 - 7 * DAY },
      });
      expect(result.periodsSeenAt("errors", T0 + MINUTE)[0]).toMatchObject({ lower: 90, upper: 110, breaching: false });
      expect(result.periodsSeenAt("errors", T0 + 2 * MINUTE)[0]).toMatchObject({ breaching: true });
    });
  });

  describe("notifications", () => {
    test("each change notifies the new state's topics, the INSUFFICIENT_DATA → OK at creation included", () => {
      const store = new DatapointStore();
      putMinutes(store, ERRORS, T0 - MINUTE, [0, 20, 20, _, 0]);
      const stack = stackWith([
        plainAlarm({ treat_missing_data: "missing", insufficient_data_actions: [PAGES], ok_actions: [ALERTS, PAGES] }),
      ]);
      const result = replayAlarms(stack, store, { start: T0, end: T0 + 6 * MINUTE });
      expect(result.notifications.map((n) => [(n.time - T0) / MINUTE, n.previousState, n.state, n.topics])).toEqual([
        [0, "INSUFFICIENT_DATA", "OK", ["alerts", "pages"]],
        [1, "OK", "ALARM", ["alerts"]],
        // The minute T0+1 breaches again: no change, no notification. T0+2 is missing: with N = 1 the range (3 periods)
        // still holds the breaching T0+1, judged at T0+3, so the alarm stays; T0+3 is 0, judged at T0+4: OK.
        [4, "ALARM", "OK", ["alerts", "pages"]],
      ]);
    });

    test("actions_enabled false: state changes, no notification; an empty action list notifies no one", () => {
      const store = new DatapointStore();
      putMinutes(store, ERRORS, T0 - MINUTE, [20]);
      const disabled = replayAlarms(stackWith([plainAlarm({ actions_enabled: false })]), store, { start: T0, end: T0 });
      expect(disabled.stateAt("errors", T0)).toBe("ALARM");
      expect(disabled.notifications).toEqual([]);
      const silent = replayAlarms(stackWith([plainAlarm({ alarm_actions: [] })]), store, { start: T0, end: T0 });
      expect(silent.notifications).toEqual([]);
    });
  });
});

describe("the missing-data table", () => {
  type Expected = "OK" | "ALARM" | "INSUFFICIENT_DATA" | "keep";
  type Row = readonly [points: string, missing: Expected, ignore: Expected, breaching: Expected, notBreaching: Expected];

  // First table: Datapoints to Alarm and Evaluation Periods both 3.
  const THREE_OF_THREE: readonly Row[] = [
    ["0 - X - X", "OK", "OK", "OK", "OK"],
    ["0 - - - -", "OK", "OK", "OK", "OK"],
    ["- - - - -", "INSUFFICIENT_DATA", "keep", "ALARM", "OK"],
    ["0 X X - X", "ALARM", "ALARM", "ALARM", "ALARM"],
    ["- - X - -", "ALARM", "keep", "ALARM", "OK"],
  ];

  // Second table: Datapoints to Alarm 2, Evaluation Periods 3.
  const TWO_OF_THREE: readonly Row[] = [
    ["0 - X - X", "ALARM", "ALARM", "ALARM", "ALARM"],
    ["0 0 X 0 X", "ALARM", "ALARM", "ALARM", "ALARM"],
    ["0 - X - -", "OK", "OK", "ALARM", "OK"],
    ["- - - - 0", "OK", "OK", "ALARM", "OK"],
    ["- - - X -", "ALARM", "keep", "ALARM", "OK"],
  ];

  const RULES: readonly TreatMissingData[] = ["missing", "ignore", "breaching", "notBreaching"];

  /** The page's row (oldest first) as the range decide() takes (newest first). */
  function range(points: string): RangePoint[] {
    return points
      .split(" ")
      .reverse()
      .map((cell) => ({ breaching: cell === "-" ? undefined : cell === "X", lowSample: false }));
  }

  const cases = (m: number, rows: readonly Row[]) =>
    rows.flatMap(([points, ...expected]) => RULES.map((rule, i) => [points, rule, expected[i]!, m] as const));

  describe("AWS missing-data tables, as decided from one evaluation range", () => {
    test.each([...cases(3, THREE_OF_THREE), ...cases(2, TWO_OF_THREE)])("%s with %s (M=%s… of 3): %s", (points, rule, expected, m) => {
      expect(decide(range(points), 3, m, rule, false).state).toBe(expected);
    });
  });

  describe("AWS missing-data tables, replayed end to end (period 60 s, first evaluation right after the 5 minutes)", () => {
    // The alarm is created at T0 in INSUFFICIENT_DATA, so "Retain current state" shows as INSUFFICIENT_DATA.
    test.each([...cases(3, THREE_OF_THREE), ...cases(2, TWO_OF_THREE)])("%s with %s, M=%s", (points, rule, expected, m) => {
      const store = new DatapointStore();
      putMinutes(store, ERRORS, T0 - 5 * MINUTE, rowValues(points));
      const stack = stackWith([plainAlarm({ evaluation_periods: 3, datapoints_to_alarm: m, treat_missing_data: rule })]);
      const result = replayAlarms(stack, store, { start: T0, end: T0 });
      expect(result.stateAt("errors", T0)).toBe(expected === "keep" ? "INSUFFICIENT_DATA" : expected);
    });
  });

  describe("AWS missing-data page, the prose around the tables", () => {
    test("row 2 of the first table with breaching: OK now, ALARM at the next evaluation once the 0 has left the range", () => {
      const store = new DatapointStore();
      putMinutes(store, ERRORS, T0 - 5 * MINUTE, rowValues("0 - - - -"));
      const stack = stackWith([plainAlarm({ evaluation_periods: 3, treat_missing_data: "breaching" })]);
      const result = replayAlarms(stack, store, { start: T0, end: T0 + MINUTE });
      expect(result.stateAt("errors", T0)).toBe("OK");
      expect(result.stateAt("errors", T0 + MINUTE)).toBe("ALARM");
    });

    test("Avoiding premature transitions: '- - - - X' and '- - - X -' with 3 of 3 do not go to ALARM when missing is missing", () => {
      expect(decide(range("- - - - X"), 3, 3, "missing", false).state).toBe("keep");
      expect(decide(range("- - - X -"), 3, 3, "missing", false).state).toBe("keep");
      // …and the next point being non-breaching then makes it OK, the false positive avoided.
      expect(decide(range("- - - X 0"), 3, 3, "missing", false).state).toBe("OK");
      expect(decide(range("- - X - 0"), 3, 3, "missing", false).state).toBe("OK");
    });

    test("the premature rule end to end: one breaching minute followed by silence alarms two minutes later (3 of 3, missing)", () => {
      const store = new DatapointStore();
      putMinutes(store, ERRORS, T0 - MINUTE, [20]);
      const stack = stackWith([plainAlarm({ evaluation_periods: 3 })]);
      const result = replayAlarms(stack, store, { start: T0, end: T0 + 3 * MINUTE });
      expect(result.timelines[0]!.changes.map((c) => [c.time - T0, c.state])).toEqual([
        [0, "INSUFFICIENT_DATA"],
        [2 * MINUTE, "ALARM"], // "- - X - -"
        // At +3 min the range is "- X - - -": the X is older than the 3 evaluation periods, no rule applies: kept.
      ]);
    });

    test("with at least N real points, treat_missing_data is not needed: the N most recent real ones are judged", () => {
      for (const rule of RULES) expect(decide(range("X X 0 - -"), 3, 3, rule, false).state).toBe("OK");
      for (const rule of RULES) expect(decide(range("X X X - -"), 3, 3, rule, false).state).toBe("ALARM");
    });

    test("the evaluation range is N + 2 by default and configurable: a breach 5 periods back is still judged, 6 back is not", () => {
      const store = new DatapointStore();
      putMinutes(store, ERRORS, T0 - 5 * MINUTE, [20]);
      const stack = stackWith([plainAlarm({ evaluation_periods: 1, treat_missing_data: "notBreaching" })]);
      // N = 1: range 3 by default; with 4 extra periods the range is 5 and reaches the breach.
      expect(replayAlarms(stack, store, { start: T0, end: T0 }).stateAt("errors", T0)).toBe("OK");
      expect(replayAlarms(stack, store, { start: T0, end: T0, evaluationRangeExtraPeriods: 4 }).stateAt("errors", T0)).toBe("ALARM");
    });
  });
});
