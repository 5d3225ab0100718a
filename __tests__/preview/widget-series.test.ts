import type { DashboardWidget } from "../../preview/dashboard-source";
import { LogLineBook } from "../../preview/logs/log-lines";
import { parseWidgetLines } from "../../preview/metric/widget-lines";
import { computeWidgetSeries, periodGrid } from "../../preview/metric/widget-series";
import { renderPage } from "../../preview/page/render-page";
import type { WidgetView } from "../../preview/widget-view";
import { type ViewContext, widgetView } from "../../preview/widgets/widget-views";
import { DatapointStore } from "../../replay/engine/datapoint-store";
import type { AlarmTimeline } from "../../replay/engine/replay-alarms";
import type { MetricId } from "../../replay/metric-data";

describe("widget series", () => {
  /**
   * Widget series against hand-computed values. T0 is on a 5-minute boundary; ten minutes of data:
   * m1 (RequestCount) is minute + 1 each minute, m2 (target 5xx) is 4 in minute 7 only.
   */
  const T0 = 1_800_000_000;
  const LB = { LoadBalancer: "app/x/1" };
  const requests: MetricId = { namespace: "AWS/ApplicationELB", metricName: "RequestCount", dimensions: LB };
  const errors: MetricId = { namespace: "AWS/ApplicationELB", metricName: "HTTPCode_Target_5XX_Count", dimensions: LB };
  const range = { start: T0, end: T0 + 600 };

  function storeWith(points: [MetricId, number, number][]): DatapointStore {
    const store = new DatapointStore();
    for (const [metric, minute, value] of points)
      store.put(metric, { timestamp: T0 + 60 * minute, sampleCount: 1, sum: value, min: value, max: value });
    return store;
  }
  const base = storeWith([...Array.from({ length: 10 }, (_, m): [MetricId, number, number] => [requests, m, m + 1]), [errors, 7, 4]]);
  const values = (lines: unknown[][], properties: Record<string, unknown> = {}, store = base, published: MetricId[] = []) => {
    const result = computeWidgetSeries(parseWidgetLines({ metrics: lines, ...properties }).lines, { store, published }, range);
    return { notes: result.notes, series: result.drawn.map((d) => ({ label: d.label, values: Array.from(d.values) })) };
  };
  const metric = (m: MetricId, options: Record<string, unknown> = {}) => [
    m.namespace,
    m.metricName,
    ...Object.entries(m.dimensions).flat(),
    options,
  ];

  describe("statistic and period", () => {
    test("the widget's stat and period: Sum over 5 min is 1+…+5 = 15, then 6+…+10 = 40", () => {
      expect(values([metric(requests)], { stat: "Sum", period: 300 }).series).toEqual([{ label: "RequestCount", values: [15, 40] }]);
    });

    test("a line's own stat and period win: Maximum per 2 min, Average per 5 min; CloudWatch's default is Average", () => {
      expect(values([metric(requests, { stat: "Maximum", period: 120, label: "peak" })], { stat: "Sum" }).series).toEqual([
        { label: "peak", values: [2, 4, 6, 8, 10] },
      ]);
      expect(values([metric(requests)]).series[0]!.values).toEqual([3, 8]);
    });

    test("a period with no datapoint is missing (NaN), not 0", () => {
      expect(values([metric(errors)], { stat: "Sum" }).series[0]!.values).toEqual([Number.NaN, 4]);
    });

    test("periods are aligned to the period and whole: a 7-minute run has one 5-minute period", () => {
      expect(periodGrid({ start: T0 + 60, end: T0 + 480 }, 300)).toEqual({ firstStart: T0 + 300, count: 0, stepSeconds: 300 });
      expect(periodGrid({ start: T0, end: T0 + 420 }, 300)).toEqual({ firstStart: T0, count: 1, stepSeconds: 300 });
    });
  });

  describe("math expressions (the engine's evaluator)", () => {
    const hidden = [metric(requests, { id: "m1", visible: false }), metric(errors, { id: "m2", visible: false })];

    test("hidden inputs are read, not drawn; m2/m1 has no point where m2 has none, FILL gives it one", () => {
      const result = values(
        [[{ expression: "100*m2/m1", id: "e1", label: "raw" }], [{ expression: "100*FILL(m2,0)/m1", id: "e2" }], ...hidden],
        { stat: "Sum" },
      );
      expect(result.series).toEqual([
        { label: "raw", values: [0, 10] },
        { label: "e2", values: [0, 10] },
      ]);
    });

    test("m2/m1 where m2 is missing: the engine's rule (a missing point is 0 between two series)", () => {
      // "Missing values in a time series are treated as 0" (Metric math syntax): 0/15 in the first period.
      expect(values([[{ expression: "m2/m1", id: "e1" }], ...hidden], { stat: "Sum" }).series[0]!.values).toEqual([0, 0.1]);
    });

    test("IF and comparisons: IF(m1 > 20, m1, 0) is 0 then 40", () => {
      expect(values([[{ expression: "IF(m1 > 20, m1, 0)", id: "e1" }], ...hidden], { stat: "Sum" }).series[0]!.values).toEqual([0, 40]);
    });

    test("an expression the engine does not model is a labelled note, not a wrong line", () => {
      const result = values([[{ expression: "RATE(m1)", id: "e1", label: "rate" }], ...hidden], { stat: "Sum" });
      expect(result.series).toEqual([]);
      expect(result.notes).toEqual([expect.stringMatching(/^rate: not evaluated offline \(.*RATE/)]);
    });
  });

  describe("SEARCH over the series the world published", () => {
    const tokens = (model: string): MetricId => ({
      namespace: "AxonFlow/production",
      metricName: "TokensUsed",
      dimensions: { Model: model },
    });
    const other: MetricId = { namespace: "AxonFlow/production", metricName: "TokensUsed", dimensions: { Model: "x", Org: "o" } };
    const store = storeWith([
      [tokens("gpt"), 1, 100],
      [tokens("claude"), 2, 50],
      [tokens("claude"), 6, 70],
      [other, 1, 999],
    ]);
    const search = `SEARCH('{"AxonFlow/production",Model} MetricName="TokensUsed"', 'Sum', 300)`;
    const published = [tokens("gpt"), tokens("claude"), other];

    test("one line per matching series, sorted by its dimension values; another dimension set does not match", () => {
      expect(values([[{ expression: search, id: "byModel" }]], {}, store, published).series).toEqual([
        { label: "claude", values: [50, 70] },
        { label: "gpt", values: [100, Number.NaN] },
      ]);
    });

    test("SUM of a hidden SEARCH adds the found series per period", () => {
      expect(
        values(
          [[{ expression: search, id: "perModel", visible: false }], [{ expression: "SUM(perModel)", id: "total", label: "All" }]],
          {},
          store,
          published,
        ).series,
      ).toEqual([{ label: "All", values: [150, 70] }]);
    });

    test("a search term the preview cannot match is labelled not evaluated", () => {
      const result = values([[{ expression: "SEARCH('TokensUsed', 'Sum', 300)", id: "s" }]], {}, store, published);
      expect(result.notes).toEqual([expect.stringContaining("s: not evaluated offline (SEARCH: the search term")]);
    });
  });
});

describe("widget views", () => {
  const T0 = 1_800_000_000;
  const timeline = (alarmName: string, changes: [number, "OK" | "ALARM" | "INSUFFICIENT_DATA"][]): AlarmTimeline => ({
    alarmName,
    kind: "metric",
    changes: changes.map(([time, state]) => ({ time, state, reason: "" })),
  });
  const timelines = [
    timeline("env-a", [[T0, "OK"]]),
    timeline("env-b", [
      [T0, "OK"],
      [T0 + 600, "ALARM"],
    ]),
    timeline("env-c", [
      [T0, "OK"],
      [T0 + 300, "ALARM"],
    ]),
    timeline("env-d", [[T0 + 1500, "OK"]]),
  ];
  const context = (logs = new LogLineBook()): ViewContext => ({
    metric: {
      source: { store: new DatapointStore(), published: [] },
      range: { start: T0, end: T0 + 3600 },
      at: T0 + 1200,
      alarms: { metricAlarms: [], compositeAlarms: [] },
      alarmPrefix: "",
      timelines,
      unitOf: () => undefined,
    },
    timelines,
    logs,
    from: T0,
    at: T0 + 1200,
  });
  const widget = (type: string, properties: Record<string, unknown>, index = 0): DashboardWidget => ({
    index,
    type,
    placement: { x: 0, y: 0, width: 12, height: 6 },
    properties,
  });
  const arn = (name: string) => `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${name}`;

  describe("a widget the preview cannot draw is a labelled box, never dropped", () => {
    test.each([
      ["an unknown widget type", widget("explorer", { title: "Explorer" }), "the explorer widget type is not rendered offline"],
      [
        "a metric view not drawn offline",
        widget("metric", { title: "Share", view: "pie", metrics: [["A", "B"]] }),
        "the pie view is not drawn offline",
      ],
      ["a text widget without markdown", widget("text", {}), "the text widget has no markdown"],
    ])("%s", (_, w, reason) => {
      expect(widgetView(w, context())).toEqual(
        expect.objectContaining({
          kind: "unrendered",
          type: w.type,
          title: w.properties.title ?? "",
          reason: expect.stringContaining(reason),
        }),
      );
    });

    test("a failure while drawing one widget becomes that widget's box, with the failure's message", () => {
      const broken = Object.assign(new LogLineBook(), {
        records: () => {
          throw new Error("disk on fire");
        },
      });
      const view = widgetView(widget("log", { title: "Errors", query: "SOURCE '/a' | limit 5" }), context(broken));
      expect(view).toEqual(
        expect.objectContaining({ kind: "unrendered", title: "Errors", reason: "the preview failed on it: disk on fire" }),
      );
    });

    test("the page shows the box with its type, title and why", () => {
      const view = widgetView(widget("explorer", { title: "Explorer <b>" }), context());
      const page = renderPage({
        dashboardName: "D",
        environment: "e",
        scenario: { name: "s", description: "d" },
        start: T0,
        end: T0 + 3600,
        alarmPrefix: "",
        atMinute: 20,
        at: T0 + 1200,
        views: [view],
      });
      expect(page).toContain('data-kind="unrendered"');
      expect(page).toContain(
        '<p class="unrendered-type">explorer widget</p><p class="unrendered-reason">not rendered: the explorer widget type is not rendered offline',
      );
      expect(page).toContain("Explorer &lt;b&gt;");
    });
  });

  describe("text widgets: Markdown, with HTML escaped and unsafe links refused", () => {
    const html = (markdown: string) => (widgetView(widget("text", { markdown }), context()) as Extract<WidgetView, { kind: "text" }>).html;

    test("headings, bold and links render; links open in a new tab", () => {
      expect(html("# Title\n**Region** x · [runbook](https://example.com/r)")).toBe(
        '<h1>Title</h1>\n<p><strong>Region</strong> x · <a href="https://example.com/r" target="_blank" rel="noopener noreferrer">runbook</a></p>\n',
      );
    });

    test("raw HTML is text, a javascript: link is not a link", () => {
      const out = html('<script>alert(1)</script> <img src=x onerror="y"> [x](javascript:alert(1))');
      expect(out).not.toMatch(/<script|<img|href="javascript/);
      expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    });
  });

  describe("alarm status at --at", () => {
    const tiles = (properties: Record<string, unknown>) =>
      (
        widgetView(
          widget("alarm", { title: "Alarms", alarms: ["env-a", "env-b", "env-c", "env-d", "env-gone"].map(arn), ...properties }),
          context(),
        ) as Extract<WidgetView, { kind: "alarm-status" }>
      ).tiles;

    test("each alarm's state at --at (20 min in): changes after it are not seen; an ARN not in the stack is UNKNOWN", () => {
      expect(tiles({}).map((t) => [t.alarmName, t.state])).toEqual([
        ["env-a", "OK"],
        ["env-b", "ALARM"],
        ["env-c", "ALARM"],
        ["env-d", "INSUFFICIENT_DATA"],
        ["env-gone", "UNKNOWN"],
      ]);
    });

    test("sortBy stateUpdatedTimestamp: ALARM first, most recent change first, then INSUFFICIENT_DATA, then OK", () => {
      expect(tiles({ sortBy: "stateUpdatedTimestamp" }).map((t) => t.alarmName)).toEqual(["env-b", "env-c", "env-d", "env-a", "env-gone"]);
    });

    test("states keeps only alarms in those states", () => {
      expect(tiles({ states: ["ALARM"] }).map((t) => t.alarmName)).toEqual(["env-b", "env-c"]);
    });
  });
});
