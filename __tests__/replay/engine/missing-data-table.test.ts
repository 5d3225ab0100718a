/**
 * Every row of the two example tables of AWS's "Configuring how CloudWatch alarms treat missing data" (section "How
 * alarm state is evaluated when data is missing"), and the cases of its "Avoiding premature transitions to alarm
 * state". Rows are written as on the page: the 5 most recent data points (the evaluation range), oldest first;
 * 0 not breaching, X breaching, - missing. "keep" is the page's "Retain current state".
 */
import { DatapointStore } from "../../../replay/engine/datapoint-store";
import { decide, type RangePoint } from "../../../replay/engine/missing-data-rule";
import { replayAlarms } from "../../../replay/engine/replay-alarms";
import type { MissingDataRule } from "../../../replay/engine/alarm-definitions";
import { ERRORS, MINUTE, T0, plainAlarm, putMinutes, rowValues, stackWith } from "./replay-fixtures";

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

const RULES: readonly MissingDataRule[] = ["missing", "ignore", "breaching", "notBreaching"];

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
