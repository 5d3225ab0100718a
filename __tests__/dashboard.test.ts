import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { GRID_WIDTH, layoutRows, Row, type WidgetJson } from "../lib/dashboard/grid";
import { MetricWidget } from "../lib/dashboard/widgets/metric-widget";
import { ALB } from "../lib/metrics/catalog";
import { shippedEnvironments } from "./support/environments";
import { resourceWhere, synthStack } from "./support/synth";

type Props = { title: string; metrics: unknown[][]; stat?: string; region: string; view: string };

describe.each(shippedEnvironments().map((c) => [c.name, c] as const))("%s dashboard", (name, config) => {
  const { json, tf } = synthStack(config);
  const resource = resourceWhere(tf, "aws_cloudwatch_dashboard", "dashboard_name", `AxonFlow-${name}`);
  const body = JSON.parse(resource.dashboard_body as string) as { widgets: WidgetJson[] };
  const widget = (title: string) => {
    const w = body.widgets.find((x) => (x.properties as Props).title === title);
    if (!w) throw new Error(`no widget "${title}"`);
    return w.properties as Props;
  };
  const lb = ["LoadBalancer", config.alb.arnSuffix];

  test("is one dashboard named AxonFlow-<env>", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchDashboard, { dashboard_name: `AxonFlow-${name}` });
  });

  test("every metric widget targets this environment's region", () => {
    for (const w of body.widgets.filter((x) => x.type === "metric")) expect((w.properties as Props).region).toBe(config.region);
  });

  test("ALB Request Volume: RequestCount Sum", () => {
    expect(widget("ALB Request Volume")).toMatchObject({ stat: "Sum", metrics: [["AWS/ApplicationELB", "RequestCount", ...lb]] });
  });

  test("Target Latency: Average, p95 and p99", () => {
    const stats = widget("Target Latency").metrics.map((m) => (m.at(-1) as { stat: string }).stat);
    expect(stats).toEqual(["Average", "p95", "p99"]);
    for (const m of widget("Target Latency").metrics) expect(m.slice(0, 4)).toEqual(["AWS/ApplicationELB", "TargetResponseTime", ...lb]);
  });

  test("Request Overview: total, target 5xx, ELB 5xx", () => {
    expect(widget("Request Overview").metrics.map((m) => m[1])).toEqual(["RequestCount", "HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count"]);
  });

  test("Error Rate (%): (m2/m1)*100 with both inputs hidden", () => {
    const [expr, m1, m2] = widget("Error Rate (%)").metrics;
    expect(expr).toEqual([{ expression: "(m2/m1)*100", label: "Error Rate", id: "e1" }]);
    expect(m1).toEqual(["AWS/ApplicationELB", "RequestCount", ...lb, { id: "m1", visible: false }]);
    expect(m2).toEqual(["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", ...lb, { id: "m2", visible: false }]);
  });

  test("widgets stay inside the 24-column grid and do not overlap", () => {
    expectNoOverlap(body.widgets);
  });
});

export function expectNoOverlap(widgets: readonly WidgetJson[]): void {
  for (const w of widgets) expect(w.x + w.width).toBeLessThanOrEqual(GRID_WIDTH);
  for (let i = 0; i < widgets.length; i++) {
    for (let j = i + 1; j < widgets.length; j++) {
      const [a, b] = [widgets[i], widgets[j]];
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect({ a: [a.x, a.y], b: [b.x, b.y], apart }).toEqual({ a: [a.x, a.y], b: [b.x, b.y], apart: true });
    }
  }
}

describe("grid layout", () => {
  const w = (width: number, height = 6) =>
    new MetricWidget({ title: `w${width}`, region: "us-east-1", width, height, lines: [{ metric: ALB.requestCount.with({ LoadBalancer: "app/a/0123456789abcdef" }) }] });

  test("a row wraps a widget that would pass column 24 and the next row starts below the tallest", () => {
    const placed = layoutRows([new Row(w(12), w(8, 3), w(12)), new Row(w(24))]);
    expect(placed.map((p) => [p.x, p.y])).toEqual([[0, 0], [12, 0], [0, 6], [0, 12]]);
    expectNoOverlap(placed);
  });

  test.each([0, 25, 1.5])("rejects width %p", (width) => {
    expect(() => w(width)).toThrow(/width must be a whole number 1..24/);
  });

  test("rejects a math expression over an undefined id and a duplicated id", () => {
    const metric = ALB.requestCount.with({ LoadBalancer: "app/a/0123456789abcdef" });
    expect(() => new MetricWidget({ title: "t", region: "r", width: 6, lines: [{ expression: "m1*2", id: "e1", label: "x" }] })).toThrow(/uses "m1", which no line defines/);
    expect(() => new MetricWidget({ title: "t", region: "r", width: 6, lines: [{ metric, options: { id: "m1" } }, { metric, options: { id: "m1" } }] })).toThrow(/id "m1" is used for two lines/);
  });
});
