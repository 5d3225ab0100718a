import { isPercentile, isStatistic, parseStatistic } from "../../lib/metrics/statistic";

// Forms from "CloudWatch statistics definitions" (Statistics-definitions.html).
describe("isStatistic", () => {
  test.each([
    "SampleCount",
    "Average",
    "Sum",
    "Minimum",
    "Maximum",
    "IQM",
    "p0",
    "p50",
    "p95",
    "p99",
    "p99.9",
    "p99.9999999999",
    "p100",
    "tm99",
    "wm98",
    "tc90",
    "ts90",
    "tm99.5",
    "TM(2%:98%)",
    "TM(10%:)",
    "TM(:90%)",
    "WM(10%:90%)",
    "TC(0.005:0.030)",
    "TS(80%:)",
    "TM(150:1000)",
    "PR(:300)",
    "PR(100:2000)",
    "PR(100:)",
  ])("accepts %s", (stat) => expect(isStatistic(stat)).toBe(true));

  test.each([
    "",
    "avg",
    "average",
    "SUM",
    "max",
    "P95",
    "p",
    "p101",
    "p99.12345678901",
    "p-1",
    "tm",
    "tm101",
    "TM(98%:2%)",
    "TM()",
    "TM(:)",
    "TM(10%:90)",
    "PR(10%:90%)",
    "pr(:300)",
    "tm(10%:90%)",
    "TM(1000:150)",
    "Sum ",
    " p99",
  ])("rejects %j", (stat) => expect(isStatistic(stat)).toBe(false));
});

describe("parseStatistic: what a statistic is", () => {
  test("the five basic statistics and IQM by name", () => {
    expect(parseStatistic("Sum")).toEqual({ kind: "Sum" });
    expect(parseStatistic("SampleCount")).toEqual({ kind: "SampleCount" });
    expect(parseStatistic("IQM")).toEqual({ kind: "IQM" });
  });

  test("a percentile with its percent", () => {
    expect(parseStatistic("p95")).toEqual({ kind: "percentile", percent: 95 });
    expect(parseStatistic("p99.9")).toEqual({ kind: "percentile", percent: 99.9 });
    expect(parseStatistic("p0")).toEqual({ kind: "percentile", percent: 0 });
  });

  test("the range families, short or with bounds, by family", () => {
    expect(parseStatistic("tm99")).toEqual({ kind: "range", family: "TM" });
    expect(parseStatistic("ts90")).toEqual({ kind: "range", family: "TS" });
    expect(parseStatistic("WM(10%:90%)")).toEqual({ kind: "range", family: "WM" });
    expect(parseStatistic("PR(:300)")).toEqual({ kind: "range", family: "PR" });
  });

  test("anything else is not a statistic", () => {
    expect(parseStatistic("p101")).toBeUndefined();
    expect(parseStatistic("TM(90%:10%)")).toBeUndefined();
  });
});

describe("isPercentile: what an alarm's extended statistic may be", () => {
  test.each(["p0", "p95", "p99.9", "p100"])("%s is", (stat) => expect(isPercentile(stat)).toBe(true));
  test.each(["Sum", "IQM", "tm99", "TM(10%:90%)", "p101", "P95"])("%s is not", (stat) => expect(isPercentile(stat)).toBe(false));
});
