import { MetricDefinition } from "../lib/metrics/metric";
import { searchExpression } from "../lib/metrics/search-expression";

describe("searchExpression", () => {
  const tokens = new MetricDefinition("AxonFlow/staging", "TokensUsed", "Count", ["Model"]);

  test("quotes the namespace (it has a /), keeps plain dimension names, matches the metric name exactly", () => {
    expect(searchExpression(tokens, "Sum", 300)).toBe(`SEARCH('{"AxonFlow/staging",Model} MetricName="TokensUsed"', 'Sum', 300)`);
  });

  test("AWS namespaces are quoted too: only letters and digits stay bare", () => {
    const cpu = new MetricDefinition("AWS/EC2", "CPUUtilization", "Percent", ["InstanceId"]);
    expect(searchExpression(cpu, "Average", 60)).toBe(`SEARCH('{"AWS/EC2",InstanceId} MetricName="CPUUtilization"', 'Average', 60)`);
  });

  test("escapes the characters the doc lists for exact matches", () => {
    const odd = new MetricDefinition("NS", 'Traffic(Network)"x\\', "Count", []);
    expect(searchExpression(odd, "Sum", 60)).toBe(`SEARCH('{NS} MetricName="Traffic\\(Network\\)\\"x\\\\"', 'Sum', 60)`);
  });

  test.each<[string, string, number, string]>([
    ["an unknown statistic", "avg", 300, 'statistic "avg" is not a CloudWatch statistic'],
    ["a period below 60", "Sum", 30, "period 30 s is not allowed; allowed: a multiple of 60"],
    ["a period not a multiple of 60", "Sum", 90, "period 90 s is not allowed"],
  ])("rejects %s", (_, stat, period, message) => {
    expect(() => searchExpression(tokens, stat, period)).toThrow(`SEARCH over AxonFlow/staging/TokensUsed: ${message}`);
  });

  test("rejects a query over 1024 characters", () => {
    const long = new MetricDefinition("NS", "M".repeat(1100), "Count", []);
    expect(() => searchExpression(long, "Sum", 60)).toThrow(/query is \d+ characters; allowed: at most 1024/);
  });
});
