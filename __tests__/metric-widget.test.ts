import { type MetricWidgetProps, MetricWidget, referencedIds } from "../lib/dashboard/widgets/metric-widget";
import { ALB } from "../lib/metrics/catalog";

const metric = ALB.requestCount.with({ LoadBalancer: "app/a/0123456789abcdef" });
const base: MetricWidgetProps = { title: "t", region: "eu-west-1", width: 12, lines: [{ metric }] };
const build = (patch: Partial<MetricWidgetProps>) => new MetricWidget({ ...base, ...patch });

describe("MetricWidget renders the documented metrics array", () => {
  test("a metric line is [namespace, name, dimension key, value, {options}] written in full", () => {
    const w = build({ lines: [{ metric, options: { id: "m1", label: "Requests", stat: "p99.9", periodSeconds: 60, visible: true, yAxis: "right" } }] });
    expect(w.toJson(0, 0).properties.metrics).toEqual([
      ["AWS/ApplicationELB", "RequestCount", "LoadBalancer", "app/a/0123456789abcdef", { id: "m1", label: "Requests", stat: "p99.9", period: 60, visible: true, yAxis: "right" }],
    ]);
  });

  test("an expression line is [{expression, label, id}], hidden inputs carry visible: false", () => {
    const w = build({
      view: "singleValue",
      stat: "Sum",
      periodSeconds: 3600,
      lines: [
        { expression: "m1*2", id: "e1", label: "Double" },
        { metric, options: { id: "m1", visible: false } },
      ],
    });
    expect(w.toJson(3, 4)).toEqual({
      type: "metric",
      x: 3,
      y: 4,
      width: 12,
      height: 6,
      properties: {
        title: "t",
        region: "eu-west-1",
        view: "singleValue",
        stat: "Sum",
        period: 3600,
        metrics: [[{ expression: "m1*2", label: "Double", id: "e1" }], ["AWS/ApplicationELB", "RequestCount", "LoadBalancer", "app/a/0123456789abcdef", { id: "m1", visible: false }]],
      },
    });
  });

  test("a SEARCH expression's quoted query is not read as line ids", () => {
    expect(referencedIds(`SEARCH('{"AxonFlow/staging",Model} MetricName="TokensUsed"', 'Sum', 300)`)).toEqual([]);
    expect(referencedIds("SUM(perModel) + FILL(m1, 0)")).toEqual(["perModel", "m1"]);
    expect(() => build({ lines: [{ expression: `SEARCH('{"AxonFlow/staging",Model} MetricName="TokensUsed"', 'Sum', 300)`, id: "s1" }] })).not.toThrow();
  });
});

describe("MetricWidget rejects what CloudWatch would reject or draw wrongly", () => {
  const many = Array.from({ length: 501 }, (_, i) => ({ metric, options: { id: `m${i}` } }));
  test.each<[string, Partial<MetricWidgetProps>, string]>([
    ["a width of 0", { width: 0 }, `MetricWidget "t": width must be a whole number 1..24, received 0`],
    ["a width of 25", { width: 25 }, "width must be a whole number 1..24, received 25"],
    ["a fractional width", { width: 1.5 }, "width must be a whole number 1..24, received 1.5"],
    ["a height of 0", { height: 0 }, "height must be a whole number 1..1000, received 0"],
    ["an unknown widget statistic", { stat: "avg" }, 'stat "avg" is not a CloudWatch statistic; allowed: SampleCount, Average'],
    ["an unknown line statistic", { lines: [{ metric, options: { stat: "P95" } }] }, 'line "AWS/ApplicationELB/RequestCount": stat "P95" is not a CloudWatch statistic'],
    ["a period that is not a multiple of 60", { periodSeconds: 90 }, "period 90 s is not allowed; allowed: a multiple of 60"],
    ["a line period below 60", { lines: [{ metric, options: { periodSeconds: 30 } }] }, "period 30 s is not allowed"],
    ["no lines", { lines: [] }, "has 0 lines; allowed: 1..500"],
    ["501 lines", { lines: many }, "has 501 lines; allowed: 1..500"],
    ["a region that is not one", { region: "Europe" }, 'region "Europe" is not an AWS region'],
    ["an id starting upper case", { lines: [{ metric, options: { id: "M1" } }] }, 'id "M1" must start with a lowercase letter'],
    ["a duplicated id", { lines: [{ metric, options: { id: "m1" } }, { metric, options: { id: "m1" } }] }, 'the id "m1" is used for two lines; rename one'],
    ["an expression over an undefined id", { lines: [{ expression: "m1*2", id: "e1" }] }, 'expression "m1*2" uses "m1", which no line defines'],
    ["an expression over itself", { lines: [{ expression: "e1*2", id: "e1" }] }, 'expression "e1*2" uses its own id "e1"'],
    ["a hidden line no expression uses", { lines: [{ metric, options: { id: "m9", visible: false } }, { metric }] }, 'line "m9" is hidden but no expression uses it'],
    ["every line hidden", { lines: [{ expression: "m1", id: "e1", visible: false }, { metric, options: { id: "m1", visible: false } }] }, "every line is hidden"],
  ])("%s", (_, patch, message) => {
    expect(() => build(patch)).toThrow(message);
  });

  test("the message names the widget and lists every problem at once", () => {
    expect(() => build({ title: "Latency", stat: "avg", periodSeconds: 90 })).toThrow(/^MetricWidget "Latency": stat "avg" .*; period 90 s/);
  });
});
