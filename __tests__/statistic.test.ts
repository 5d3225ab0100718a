import { isStatistic } from "../lib/metrics/statistic";

// Forms from "CloudWatch statistics definitions" (Statistics-definitions.html).
describe("isStatistic", () => {
  test.each([
    "SampleCount", "Average", "Sum", "Minimum", "Maximum", "IQM",
    "p0", "p50", "p95", "p99", "p99.9", "p99.9999999999", "p100",
    "tm99", "wm98", "tc90", "ts90", "tm99.5",
    "TM(2%:98%)", "TM(10%:)", "TM(:90%)", "WM(10%:90%)", "TC(0.005:0.030)", "TS(80%:)", "TM(150:1000)",
    "PR(:300)", "PR(100:2000)", "PR(100:)",
  ])("accepts %s", (stat) => expect(isStatistic(stat)).toBe(true));

  test.each([
    "", "avg", "average", "SUM", "max", "P95", "p", "p101", "p99.12345678901", "p-1",
    "tm", "tm101", "TM(98%:2%)", "TM()", "TM(:)", "TM(10%:90)", "PR(10%:90%)", "pr(:300)", "tm(10%:90%)",
    "TM(1000:150)", "Sum ", " p99",
  ])("rejects %j", (stat) => expect(isStatistic(stat)).toBe(false));
});
