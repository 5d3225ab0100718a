import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { TreatMissingData } from "../../../lib/alarms/alarm-enums";
import type { AlarmState } from "../../../replay/engine/alarm-definitions";
import { evaluateAlarmRule, parseAlarmRule } from "../../../replay/engine/composite-rule";
import { DatapointStore } from "../../../replay/engine/datapoint-store";
import { evaluateMath, type MathContext, type MathValue } from "../../../replay/engine/evaluate-metric-math";
import { parseReplayableMath } from "../../../replay/engine/replayable-math";
import { decide, type RangePoint } from "../../../replay/engine/missing-data-rule";
import { readPeriodSeries } from "../../../replay/engine/period-series";
import { readStack } from "../../../replay/engine/read-stack";
import { replayAlarms } from "../../../replay/engine/replay-alarms";
import { GetMetricDataSource } from "../../../replay/import/get-metric-data-source";
import { metricDataQueries } from "../../../replay/import/metric-data-queries";
import type { MetricId, MetricSource } from "../../../replay/metric-data";
import { fixtureEnvironment } from "../../support/environments";
import { synthesized } from "../../support/synth";
import { ALERTS, DAY, ERRORS, HOUR, LATENCY, metricQuery, MINUTE, PAGES, plainAlarm, putMinutes, REQUESTS, rowValues, stackWith, T0 } from "./replay-fixtures";

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

    test.each(["IQM", "tm99", "TM(10%:90%)", "PR(:300)", "p0"])("%s is a CloudWatch statistic the engine does not compute: refused when the stack is read", (stat) => {
      const alarm = { alarm_name: "e", comparison_operator: "GreaterThanThreshold", threshold: 1, evaluation_periods: 1, metric_query: [metricQuery("errors", ERRORS, stat, 60, true)] };
      expect(() => readStack(stackWith([alarm]))).toThrow(`unsupported statistic ${JSON.stringify(stat)}`);
    });
  });

  describe("low-sample percentiles: p99 needs 10/(1-0.99) = 1000 samples a period", () => {
    // One minute of 999 slow samples (2 s), then one of 1000.
    const slow = (count: number, timestamp: number) => ({ timestamp, sampleCount: count, sum: 2 * count, min: 2, max: 2 });
    const alarm = (mode: string) => plainAlarm({ metric_name: LATENCY.metricName, statistic: _, extended_statistic: "p99", threshold: 1, evaluate_low_sample_count_percentiles: mode });

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
        metric_query: [{ id: "band", expression: "ANOMALY_DETECTION_BAND(requests, 2)", return_data: true }, metricQuery("requests", REQUESTS, "Sum", 60, true)],
      });

    /** Three days of 100 ± 10 requests a minute (alternating 90, 110: mean 100, σ 10), then the replay hour. */
    function history(): DatapointStore {
      const store = new DatapointStore();
      for (let t = T0 - 3 * DAY; t < T0; t += MINUTE) store.put(REQUESTS, { timestamp: t, sampleCount: 1, sum: (t / MINUTE) % 2 === 0 ? 90 : 110, min: 0, max: 200 });
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
      expect(seen.map((p) => [p.lower, p.upper])).toEqual([[80, 120], [80, 120], [80, 120]]);
      expect(seen.map((p) => p.breaching)).toEqual(breaching);
    });

    test("too little training data leaves the band missing, so treat_missing_data decides (breaching: ALARM)", () => {
      const store = new DatapointStore();
      putMinutes(store, REQUESTS, T0 - 2 * HOUR, Array.from({ length: 120 }, () => 100));
      const result = replayAlarms(stackWith([bandAlarm("LessThanLowerOrGreaterThanUpperThreshold", "breaching")]), store, { start: T0, end: T0 });
      expect(result.periodsSeenAt("errors", T0)[0]).toMatchObject({ value: 100, lowSample: false });
      expect(result.periodsSeenAt("errors", T0)[0]).not.toHaveProperty("breaching");
      expect(result.stateAt("errors", T0)).toBe("ALARM");
    });

    test("a separate training source and interval can be given; a flat history still has a band (σ floor 5 % of the mean)", () => {
      const training = new DatapointStore();
      for (let t = T0 - 10 * DAY; t < T0 - 7 * DAY; t += MINUTE) training.put(REQUESTS, { timestamp: t, sampleCount: 1, sum: 100, min: 100, max: 100 });
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
      const stack = stackWith([plainAlarm({ treat_missing_data: "missing", insufficient_data_actions: [PAGES], ok_actions: [ALERTS, PAGES] })]);
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

describe("composite alarms", () => {
  describe("alarm_rule syntax", () => {
    const states: Record<string, AlarmState> = { cpu: "ALARM", disk: "OK", net: "OK", deploy: "INSUFFICIENT_DATA", "a-b:c/d": "ALARM" };
    const holds = (rule: string) => evaluateAlarmRule(parseAlarmRule(rule, "alarm test"), (name) => states[name]!);

    test.each([
      ['ALARM("cpu")', true],
      ["ALARM(cpu)", true],
      ["ALARM( cpu )", true],
      ['ALARM("arn:aws:cloudwatch:eu-west-1:111122223333:alarm:cpu")', true],
      ["ALARM(arn:aws:cloudwatch:eu-west-1:111122223333:alarm:disk)", false],
      ["ALARM(a-b:c/d)", true],
      ["OK(disk)", true],
      ["INSUFFICIENT_DATA(deploy)", true],
      ["ALARM(deploy)", false],
      ["TRUE", true],
      ["FALSE", false],
      // The page's examples.
      ["ALARM(cpu) AND ALARM(disk)", false],
      ["ALARM(cpu) AND NOT ALARM(deploy)", true],
      ['(ALARM("cpu") OR ALARM("disk")) AND OK("net")', true],
      // Precedence: NOT over AND over OR.
      ["ALARM(disk) AND ALARM(cpu) OR TRUE", true],
      ["TRUE OR ALARM(cpu) AND FALSE", true],
      ["NOT ALARM(disk) AND FALSE", false],
      ["NOT (ALARM(disk) AND FALSE)", true],
    ])("%s is %s", (rule, expected) => expect(holds(rule)).toBe(expected));

    test.each([
      ["ALARM(cpu) AND", /expected ALARM/],
      ["ALARM(cpu", /missing \)/],
      ["alarm(cpu)", /unknown word alarm/],
      ['ALARM("cpu) OR OK(disk)', /expected \)|unterminated/],
      ["ALARM(cpu) XOR OK(disk)", /unexpected text/],
      ["ALARM()", /empty alarm name/],
    ])("%s is refused", (rule, message) => {
      expect(() => parseAlarmRule(rule, "alarm page")).toThrow(message);
      expect(() => parseAlarmRule(rule, "alarm page")).toThrow(/^alarm page: alarm_rule/);
    });
  });

  describe("composite alarms replayed", () => {
    const children = [
      plainAlarm({ alarm_name: "errors", alarm_actions: [], ok_actions: [] }),
      plainAlarm({ alarm_name: "latency", metric_name: LATENCY.metricName, alarm_actions: [], ok_actions: [] }),
    ];
    const page = { alarm_name: "page", alarm_rule: 'ALARM("errors") OR ALARM(latency)', alarm_actions: [PAGES], ok_actions: [PAGES] };

    test("INSUFFICIENT_DATA until the first evaluation, then OK or ALARM; children still INSUFFICIENT_DATA make no ALARM", () => {
      const result = replayAlarms(stackWith(children, [page]), new DatapointStore(), { start: T0, end: T0 + MINUTE });
      expect(result.stateAt("errors", T0)).toBe("INSUFFICIENT_DATA");
      expect(result.timelines.find((t) => t.alarmName === "page")!.changes.map((c) => c.state)).toEqual(["INSUFFICIENT_DATA", "OK"]);
      expect(result.notifications).toEqual([{ time: T0, alarmName: "page", state: "OK", previousState: "INSUFFICIENT_DATA", topics: ["pages"] }]);
    });

    test("a second child firing while the composite is in ALARM notifies no one; the page ends when both are OK", () => {
      const store = new DatapointStore();
      putMinutes(store, ERRORS, T0, [0, 20, 20, 20, 0, 0]);
      putMinutes(store, { ...ERRORS, metricName: LATENCY.metricName }, T0, [0, 0, 20, 20, 20, 0]);
      const result = replayAlarms(stackWith(children, [page]), store, { start: T0 + MINUTE, end: T0 + 6 * MINUTE });
      expect(result.notifications.map((n) => [(n.time - T0) / MINUTE, n.alarmName, n.state])).toEqual([
        [1, "page", "OK"],
        [2, "page", "ALARM"], // errors breached at T0+1m
        // latency enters ALARM at +3m: the composite is already in ALARM, nothing is sent.
        [6, "page", "OK"], // errors OK from +5m, latency from +6m
      ]);
      expect(result.stateAt("page", T0 + 5 * MINUTE)).toBe("ALARM");
    });

    test("a composite of a composite is evaluated after its child in the same minute", () => {
      const outer = { alarm_name: "outer", alarm_rule: "ALARM(page)", alarm_actions: [PAGES] };
      const store = new DatapointStore();
      putMinutes(store, ERRORS, T0 - MINUTE, [20]);
      const result = replayAlarms(stackWith(children, [outer, page]), store, { start: T0, end: T0 });
      expect(result.stateAt("outer", T0)).toBe("ALARM");
      expect(result.notifications.map((n) => n.alarmName)).toEqual(["page", "outer"]);
    });

    test("an unknown child and a cycle are errors naming the composite", () => {
      const unknown = { alarm_name: "page", alarm_rule: "ALARM(nope)" };
      expect(() => replayAlarms(stackWith(children, [unknown]), new DatapointStore(), { start: T0, end: T0 })).toThrow(/alarm page: alarm_rule names nope/);
      const a = { alarm_name: "a", alarm_rule: "ALARM(b)" };
      const b = { alarm_name: "b", alarm_rule: "ALARM(a) OR ALARM(errors)" };
      expect(() => replayAlarms(stackWith(children, [a, b]), new DatapointStore(), { start: T0, end: T0 })).toThrow(/cycle \(a → b → a\)/);
    });
  });
});

describe("metric math", () => {
  type Points = readonly (number | undefined)[];

  function run(expression: string, series: Record<string, Points>, timeOf: (i: number) => number = (i) => i * 60): (number | undefined)[] | number {
    const length = Math.max(...Object.values(series).map((s) => s.length));
    const context: MathContext = {
      length,
      timeOf,
      where: "test",
      resolve: (id): MathValue => {
        const points = series[id];
        if (!points) throw new Error(`no series ${id}`);
        return { kind: "series", values: Float64Array.from(points, (p) => (p === undefined ? Number.NaN : p)) };
      },
      band: () => {
        throw new Error("no band here");
      },
    };
    const value = evaluateMath(parseReplayableMath(expression, "test"), context);
    if (value.kind === "scalar") return value.value;
    if (value.kind !== "series") throw new Error("a band");
    return Array.from(value.values, (v) => (Number.isNaN(v) ? undefined : v));
  }

  const _ = undefined;

  describe("Comparison and logical operators: the page's example (metric1 [30, 20, 0, 0], metric2 [20, -, 20, -])", () => {
    const series = { metric1: [30, 20, 0, 0], metric2: [20, _, 20, _] };
    test.each([
      ["(metric1 < metric2)", [0, 0, 1, 0]],
      ["(metric1 >= 30)", [1, 0, 0, 0]],
      ["(metric1 > 15 AND metric2 > 15)", [1, 0, 0, 0]],
      ["(metric1 > 15 && metric2 > 15)", [1, 0, 0, 0]],
    ])("%s", (expression, expected) => expect(run(expression, series)).toEqual(expected));

    test("OR and || are the same operator; a comparison with a number has no point where the series has none", () => {
      expect(run("metric1 > 25 OR metric2 > 15", series)).toEqual([1, 0, 1, 0]);
      expect(run("metric1 > 25 || metric2 > 15", series)).toEqual([1, 0, 1, 0]);
      expect(run("metric2 > 15", series)).toEqual([1, _, 1, _]);
      expect(run("metric1 == 0", series)).toEqual([0, 0, 1, 1]);
      expect(run("metric1 != 0", series)).toEqual([1, 1, 0, 0]);
      expect(run("metric1 <= 20", series)).toEqual([0, 1, 1, 1]);
    });
  });

  describe("Using IF expressions: the page's tables", () => {
    const metric1 = [1, 1, 0, 0, _];
    const metric2 = [30, _, 0, 0, 30];
    const metric3 = [0, 0, 20, _, 20];
    test("IF(metric1, metric2, metric3) is [30, 0, 20, -, -]", () => {
      expect(run("IF(metric1, metric2, metric3)", { metric1, metric2, metric3 })).toEqual([30, 0, 20, _, _]);
    });
    test("IF(metric1, scalar2, metric3) with scalar2 = 5 is [5, 5, 20, -, -]", () => {
      expect(run("IF(metric1, 5, metric3)", { metric1, metric3 })).toEqual([5, 5, 20, _, _]);
    });
    test("IF(metric1, metric2, scalar3) with scalar3 = 5 is [30, 0, 5, 5, -]", () => {
      expect(run("IF(metric1, metric2, 5)", { metric1, metric2 })).toEqual([30, 0, 5, 5, _]);
    });
    test("a false condition with the third argument omitted drops the point", () => {
      expect(run("IF(metric1, metric2)", { metric1, metric2 })).toEqual([30, 0, _, _, _]);
      expect(run("IF(metric2 > 10, 1, 0)", { metric2 })).toEqual([1, _, 0, 0, 1]);
    });
    test("IF(scalar1, metric2, metric3): the scalar picks a whole series, or an empty one when metric3 is omitted", () => {
      expect(run("IF(1, metric2, metric3)", { metric2, metric3 })).toEqual(metric2);
      expect(run("IF(0, metric2, metric3)", { metric2, metric3 })).toEqual(metric3);
      expect(run("IF(0, metric2)", { metric2 })).toEqual([_, _, _, _, _]);
    });
  });

  describe("Basic arithmetic: missing values count 0, division by zero drops the point", () => {
    test("two series: a point wherever either has one", () => {
      expect(run("m1 + m2", { m1: [1, _, 3, _], m2: [10, 20, _, _] })).toEqual([11, 20, 3, _]);
      expect(run("m1 - m2", { m1: [1, _, 3, _], m2: [10, 20, _, _] })).toEqual([-9, -20, 3, _]);
      expect(run("m1 * m2", { m1: [2, _, 3], m2: [10, 20, _] })).toEqual([20, 0, 0]);
    });
    test("division by zero, a missing divisor included, gives no point", () => {
      expect(run("m1 / m2", { m1: [6, _, 3, 0, 5], m2: [3, 4, 0, 0, _] })).toEqual([2, 0, _, _, _]);
      expect(run("m1 / 0", { m1: [6, 1] })).toEqual([_, _]);
    });
    test("a series and a number: a point only where the series has one; unary minus; ^", () => {
      expect(run("100 * m1 / 4", { m1: [1, _, 2] })).toEqual([25, _, 50]);
      expect(run("-m1", { m1: [1, _] })).toEqual([-1, _]);
      expect(run("m1 ^ 2", { m1: [3, _] })).toEqual([9, _]);
    });
    test("precedence: ^ over * and /, over + and -, over comparisons, over AND, over OR; ^ is right-associative", () => {
      expect(run("2 + 3 * 4 ^ 2", { m: [0] })).toBe(50);
      expect(run("2 ^ 3 ^ 2", { m: [0] })).toBe(512);
      expect(run("1 + 1 > 1 AND 0 OR 1", { m: [0] })).toBe(1);
      expect(run("1 OR 0 AND 0", { m: [0] })).toBe(1);
    });
  });

  describe("FILL and the list functions", () => {
    test("FILL(m, number) and FILL(m, series)", () => {
      expect(run("FILL(m1, 0)", { m1: [1, _, 3] })).toEqual([1, 0, 3]);
      expect(run("FILL(m1, m2)", { m1: [1, _, _], m2: [9, 8, _] })).toEqual([1, 8, _]);
    });
    test("SUM and AVG of a list (AVG counts a missing point as 0), MIN and MAX of the points present", () => {
      const series = { a: [1, _, _, 4], b: [3, 2, _, 8] };
      expect(run("SUM([a, b])", series)).toEqual([4, 2, _, 12]);
      expect(run("AVG([a, b])", series)).toEqual([2, 1, _, 6]);
      expect(run("MIN([a, b])", series)).toEqual([1, 2, _, 4]);
      expect(run("MAX([a, b, 5])", series)).toEqual([5, 5, 5, 8]);
      expect(run("ABS(a - b)", series)).toEqual([2, 2, _, 4]);
    });
  });

  describe("HOUR and DAY: the UTC hour and weekday (1 Monday … 7 Sunday) of each point, as the AWS blog's example", () => {
    // Sunday 2026-03-08 22:00 UTC, then every 2 hours: 22:00 Sun, 00:00 Mon, 02:00 Mon, …
    const sunday22 = Date.UTC(2026, 2, 8, 22) / 1000;
    const everyTwoHours = (i: number) => sunday22 + i * 7200;
    test("HOUR and DAY of a series, none where it has no point", () => {
      expect(run("HOUR(m)", { m: [5, 5, _, 5] }, everyTwoHours)).toEqual([22, 0, _, 4]);
      expect(run("DAY(m)", { m: [5, 5, 5, _] }, everyTwoHours)).toEqual([7, 1, 1, _]);
    });
    test("the blog's business-hours filter: IF(DAY(m1)<6 AND (HOUR(m1)>=9 AND HOUR(m1)<17), m1)", () => {
      const monday = Date.UTC(2026, 2, 9, 8) / 1000;
      const hourly = (i: number) => monday + i * 3600;
      // 08:00 … 17:00 Monday: only 09:00–16:00 pass.
      const m1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
      expect(run("IF(DAY(m1)<6 AND (HOUR(m1)>=9 AND HOUR(m1)<17), m1)", { m1 }, hourly)).toEqual([_, 2, 3, 4, 5, 6, 7, 8, 9, _]);
      // The same hours on a Saturday pass nothing.
      const saturday = (i: number) => Date.UTC(2026, 2, 14, 8) / 1000 + i * 3600;
      expect(run("IF(DAY(m1)<6 AND (HOUR(m1)>=9 AND HOUR(m1)<17), m1)", { m1 }, saturday)).toEqual(m1.map(() => _));
    });
  });

  describe("what the engine refuses, with the alarm and the expression named", () => {
    test.each([
      ["FOO(m1)", /unknown or unsupported function FOO/],
      ["NOT m1", /NOT and ! are not metric math operators/],
      ["!m1", /NOT and ! are not metric math operators/],
      ["m1 +", /does not parse/],
      ["FILL(m1, REPEAT)", /FILL\(…, REPEAT\) is not supported/],
      ["MIN(m1)", /MIN of a single series/],
      ["IF(m1)", /IF takes 2 to 3 arguments, got 1/],
      ["ABS([m1, m2])", /a list \[ … \] is only supported as the argument of MIN, MAX, SUM or AVG/],
      ["FILL(m1, 'x')", /a quoted argument 'x' is not supported by the replay/],
      ["SEARCH('{AWS/ECS} CPUUtilization', 'Average', 300)", /unknown or unsupported function SEARCH/],
      ["m1.x", /unsupported syntax/],
      ["M1 + 1", /M1 is neither a query id/],
    ])("%s", (expression, message) => {
      expect(() => parseReplayableMath(expression, "alarm a, metric_query e1")).toThrow(message);
      expect(() => parseReplayableMath(expression, "alarm a, metric_query e1")).toThrow(/alarm a, metric_query e1: expression/);
    });

    test("an id no query defines fails when the stack is replayed", () => {
      const stack = stackWith([
        {
          alarm_name: "ratio",
          comparison_operator: "GreaterThanThreshold",
          threshold: 1,
          evaluation_periods: 1,
          metric_query: [{ id: "e1", expression: "errors / request", return_data: true }, metricQuery("errors", ERRORS), metricQuery("requests", REQUESTS)],
        },
      ]);
      expect(() => replayAlarms(stack, new DatapointStore(), { start: T0, end: T0 })).toThrow(/alarm ratio, metric_query e1: expression "errors \/ request": unknown id request/);
    });
  });

  describe("a metric math alarm end to end: AxonFlow's error-rate shape", () => {
    const stack = stackWith([
      {
        alarm_name: "error-rate",
        comparison_operator: "GreaterThanThreshold",
        threshold: 5,
        evaluation_periods: 1,
        treat_missing_data: "missing",
        metric_query: [
          { id: "rate", expression: "100 * FILL(errors, 0) / requests", return_data: true },
          metricQuery("errors", ERRORS),
          metricQuery("requests", REQUESTS),
        ],
      },
    ]);

    test("10 errors in 100 requests alarm; no errors reported is a 0 rate; no requests at all is no point (0/0 dropped)", () => {
      const store = new DatapointStore();
      putMinutes(store, REQUESTS, T0 - MINUTE, [100, 100, _]);
      putMinutes(store, ERRORS, T0 - MINUTE, [10]);
      const result = replayAlarms(stack, store, { start: T0, end: T0 + 2 * MINUTE });
      expect(result.periodsSeenAt("error-rate", T0)[0]).toMatchObject({ start: T0 - MINUTE, value: 10, breaching: true });
      expect(result.periodsSeenAt("error-rate", T0 + MINUTE)[0]).toMatchObject({ value: 0, breaching: false });
      expect(result.periodsSeenAt("error-rate", T0 + 2 * MINUTE)[0]).not.toHaveProperty("value");
      expect(result.timelines[0]!.changes.map((c) => c.state)).toEqual(["INSUFFICIENT_DATA", "ALARM", "OK"]);
    });
  });
});

describe("the datapoint store", () => {
  function storeWithFiveMinutes(): DatapointStore {
    const store = new DatapointStore();
    // Minutes T0..T0+4: statistic sets of 2 samples each.
    [
      [3, 1, 2],
      [10, 4, 6],
      [1, 0, 1],
      [7, 3, 4],
      [9, 2, 7],
    ].forEach(([sum, min, max], i) => store.put(ERRORS, { timestamp: T0 + i * MINUTE, sampleCount: 2, sum: sum!, min: min!, max: max! }));
    return store;
  }

  describe("DatapointStore statistics over one period", () => {
    const store = storeWithFiveMinutes();
    test.each([
      ["Sum", 30],
      ["SampleCount", 10],
      ["Average", 3],
      ["Minimum", 0],
      ["Maximum", 7],
    ])("%s over 5 minutes", (stat, expected) => {
      expect(store.periodValue(ERRORS, stat, 300, T0)).toEqual({ value: expected, sampleCount: 10 });
    });

    test("a period covers [start, start + period): the minute at start + period belongs to the next one", () => {
      expect(store.periodValue(ERRORS, "Sum", 120, T0)?.value).toBe(13);
      expect(store.periodValue(ERRORS, "Sum", 120, T0 + 2 * MINUTE)?.value).toBe(8);
      expect(store.periodValue(ERRORS, "Sum", 120, T0 + 4 * MINUTE)?.value).toBe(9);
    });

    test("no datapoint in the period, or an unknown series: undefined (a missing period)", () => {
      expect(store.periodValue(ERRORS, "Sum", 300, T0 + 5 * MINUTE)).toBeUndefined();
      expect(store.periodValue(LATENCY, "Sum", 300, T0)).toBeUndefined();
    });

    test("the dimension set is part of the identity; the order of dimensions is not", () => {
      const reordered = { ...ERRORS, dimensions: { Service: "api" } };
      const wider = { ...ERRORS, dimensions: { Service: "api", Zone: "a" } };
      expect(store.periodValue(reordered, "Sum", 60, T0)?.value).toBe(3);
      expect(store.periodValue(wider, "Sum", 60, T0)).toBeUndefined();
    });

    test("a put after a read is seen by the next read (the cache is cleared)", () => {
      const s = storeWithFiveMinutes();
      expect(s.periodValue(ERRORS, "Sum", 300, T0)?.value).toBe(30);
      s.put(ERRORS, { timestamp: T0 + 4 * MINUTE, sampleCount: 1, sum: 5, min: 5, max: 5 });
      expect(s.periodValue(ERRORS, "Sum", 300, T0)).toEqual({ value: 35, sampleCount: 11 });
      expect(s.periodValue(ERRORS, "Maximum", 300, T0)?.value).toBe(7);
    });

    test("bad datapoints are refused with the metric and time named", () => {
      const s = new DatapointStore();
      expect(() => s.put(ERRORS, { timestamp: T0 + 30, sampleCount: 1, sum: 1, min: 1, max: 1 })).toThrow(/Test\|Errors\|Service=api.*not the start of a minute/);
      expect(() => s.put(ERRORS, { timestamp: T0, sampleCount: 0, sum: 0, min: 0, max: 0 })).toThrow(/sampleCount/);
      expect(() => s.put(ERRORS, { timestamp: T0, sampleCount: 2, sum: 3, min: 2, max: 1 })).toThrow(/min > max/);
    });
  });

  describe("DatapointStore percentiles", () => {
    test("nearest rank over the distribution merged across the period's minutes", () => {
      const store = new DatapointStore();
      // 100 samples: values 1..100, split over two minutes, unsorted within a minute.
      const first = Array.from({ length: 50 }, (_, i) => 100 - 2 * i); // even values
      const second = Array.from({ length: 50 }, (_, i) => 2 * i + 1); // odd values
      store.put(LATENCY, { timestamp: T0, sampleCount: 50, sum: 2550, min: 2, max: 100, values: first });
      store.put(LATENCY, { timestamp: T0 + MINUTE, sampleCount: 50, sum: 2500, min: 1, max: 99, values: second });
      expect(store.periodValue(LATENCY, "p50", 120, T0)).toEqual({ value: 50, sampleCount: 100 });
      expect(store.periodValue(LATENCY, "p95", 120, T0)?.value).toBe(95);
      expect(store.periodValue(LATENCY, "p99.5", 120, T0)?.value).toBe(100);
      expect(store.periodValue(LATENCY, "p1", 120, T0)?.value).toBe(1);
    });

    test("counts weigh values (PutMetricData's Values and Counts)", () => {
      const store = new DatapointStore();
      store.put(LATENCY, { timestamp: T0, sampleCount: 100, sum: 0.1 * 90 + 2 * 10, min: 0.1, max: 2, values: [2, 0.1], counts: [10, 90] });
      expect(store.periodValue(LATENCY, "p90", 60, T0)?.value).toBe(0.1);
      expect(store.periodValue(LATENCY, "p91", 60, T0)?.value).toBe(2);
    });

    test("statistic sets without a distribution: usable when all samples are equal, else no percentile (a missing period)", () => {
      const store = new DatapointStore();
      store.put(LATENCY, { timestamp: T0, sampleCount: 4, sum: 8, min: 2, max: 2 });
      store.put(LATENCY, { timestamp: T0 + MINUTE, sampleCount: 1, sum: 5, min: 5, max: 5 });
      expect(store.periodValue(LATENCY, "p50", 120, T0)?.value).toBe(2);
      expect(store.periodValue(LATENCY, "p99", 120, T0)?.value).toBe(5);
      store.put(LATENCY, { timestamp: T0 + 2 * MINUTE, sampleCount: 3, sum: 6, min: 1, max: 3 });
      expect(store.periodValue(LATENCY, "p99", 180, T0)).toBeUndefined();
      expect(store.periodValue(LATENCY, "Average", 180, T0)?.value).toBe(19 / 8);
      const strict = new DatapointStore({ percentileWithoutDistribution: "throw" });
      strict.put(LATENCY, { timestamp: T0, sampleCount: 3, sum: 6, min: 1, max: 3 });
      expect(() => strict.periodValue(LATENCY, "p99", 60, T0)).toThrow(/no Values\/Counts distribution/);
    });

    test("unsupported statistics are refused", () => {
      const store = new DatapointStore();
      store.put(LATENCY, { timestamp: T0, sampleCount: 1, sum: 1, min: 1, max: 1 });
      expect(() => store.periodValue(LATENCY, "tm99", 60, T0)).toThrow(/unsupported statistic "tm99"/);
    });
  });

  describe("reading a grid of period starts", () => {
    test("the store's bulk read equals asking period by period, and any MetricSource can be read the slow way", () => {
      const store = storeWithFiveMinutes();
      const grid = { firstStart: T0 - 2 * MINUTE, count: 8, stepSeconds: MINUTE };
      const bulk = readPeriodSeries(store, ERRORS, "Sum", 180, grid);
      const plain: MetricSource = { periodValue: (m, s, p, t) => store.periodValue(m, s, p, t) };
      const slow = readPeriodSeries(plain, ERRORS, "Sum", 180, grid);
      expect(Array.from(bulk.values)).toEqual([3, 13, 14, 18, 17, 16, 9, Number.NaN]);
      expect(Array.from(slow.values)).toEqual(Array.from(bulk.values));
      expect(Array.from(slow.sampleCounts)).toEqual(Array.from(bulk.sampleCounts));
    });
  });
});

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
  describe("no-traffic as synthesized for the production fixture (weekdays 08–20 UTC, at least 20 answers per 5 min)", () => {
    const production = fixtureEnvironment("production");
    const { tf } = synthesized(production);
    const agentGroup = { LoadBalancer: production.alb.arnSuffix, TargetGroup: production.services.agent!.targetGroupArnSuffix! };
    const healthy: MetricId = { namespace: "AWS/ApplicationELB", metricName: "HealthyHostCount", dimensions: agentGroup };
    const requests: MetricId = { namespace: "AWS/ApplicationELB", metricName: "RequestCount", dimensions: { LoadBalancer: production.alb.arnSuffix } };
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
      const states = day(T0, (m) => (m >= 14 * 60 && m < 15 * 60 ? 3 : 40)).slice(1).map((c) => c[1]);
      expect(states).toEqual(["OK", "ALARM", "OK"]);
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
      const queries = metricDataQueries(readStack(stack));
      expect(queries.map((q) => [q.MetricStat.Metric.MetricName, q.MetricStat.Stat, q.MetricStat.Period])).toEqual([
        ["Errors", "Sum", 300],
        ["Latency", "SampleCount", 300],
        ["Latency", "p99", 300],
      ]);
      expect(queries[0]).toMatchObject({ MetricStat: { Metric: { Namespace: "Test", Dimensions: [{ Name: "Service", Value: "api" }] } }, ReturnData: true });
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
        metric_query: [{ id: "e", expression: "errors / requests", return_data: true }, metricQuery("errors", ERRORS, "Sum", 300), metricQuery("requests", REQUESTS, "Sum", 300)],
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
