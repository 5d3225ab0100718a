import { DatapointStore } from "../../../replay/engine/datapoint-store";
import { evaluateMath, type MathContext, type MathValue } from "../../../replay/engine/evaluate-metric-math";
import { parseReplayableMath } from "../../../replay/engine/replayable-math";
import { replayAlarms } from "../../../replay/engine/replay-alarms";
import { ERRORS, metricQuery, MINUTE, putMinutes, REQUESTS, stackWith, T0 } from "./replay-fixtures";

describe("metric math", () => {
  type Points = readonly (number | undefined)[];

  function run(
    expression: string,
    series: Record<string, Points>,
    timeOf: (i: number) => number = (i) => i * 60,
  ): (number | undefined)[] | number {
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
          metric_query: [
            { id: "e1", expression: "errors / request", return_data: true },
            metricQuery("errors", ERRORS),
            metricQuery("requests", REQUESTS),
          ],
        },
      ]);
      expect(() => replayAlarms(stack, new DatapointStore(), { start: T0, end: T0 })).toThrow(
        /alarm ratio, metric_query e1: expression "errors \/ request": unknown id request/,
      );
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
