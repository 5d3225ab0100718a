import { DatapointStore } from "../../replay/engine/datapoint-store";
import type { AlarmTimeline } from "../../replay/engine/replay-alarms";
import type { DashboardWidget } from "../../preview/dashboard-source";
import { LogLineBook } from "../../preview/logs/log-lines";
import { renderPage } from "../../preview/page/render-page";
import type { WidgetView } from "../../preview/widget-view";
import { widgetView, type ViewContext } from "../../preview/widgets/widget-views";

const T0 = 1_800_000_000;
const timeline = (alarmName: string, changes: [number, "OK" | "ALARM" | "INSUFFICIENT_DATA"][]): AlarmTimeline => ({ alarmName, kind: "metric", changes: changes.map(([time, state]) => ({ time, state, reason: "" })) });
const timelines = [
  timeline("env-a", [[T0, "OK"]]),
  timeline("env-b", [[T0, "OK"], [T0 + 600, "ALARM"]]),
  timeline("env-c", [[T0, "OK"], [T0 + 300, "ALARM"]]),
  timeline("env-d", [[T0 + 1500, "OK"]]),
];
const context = (logs = new LogLineBook("stack.json")): ViewContext => ({
  metric: { source: { store: new DatapointStore(), published: [] }, range: { start: T0, end: T0 + 3600 }, at: T0 + 1200, alarms: { metricAlarms: [], compositeAlarms: [] }, timelines, unitOf: () => undefined },
  timelines,
  logs,
  from: T0,
  at: T0 + 1200,
});
const widget = (type: string, properties: Record<string, unknown>, index = 0): DashboardWidget => ({ index, type, placement: { x: 0, y: 0, width: 12, height: 6 }, properties });
const arn = (name: string) => `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${name}`;

describe("a widget the preview cannot draw is a labelled box, never dropped", () => {
  test.each([
    ["an unknown widget type", widget("explorer", { title: "Explorer" }), "the explorer widget type is not rendered offline"],
    ["a metric view not drawn offline", widget("metric", { title: "Share", view: "pie", metrics: [["A", "B"]] }), "the pie view is not drawn offline"],
    ["a text widget without markdown", widget("text", {}), "the text widget has no markdown"],
  ])("%s", (_, w, reason) => {
    expect(widgetView(w, context())).toEqual(expect.objectContaining({ kind: "unrendered", type: w.type, title: w.properties.title ?? "", reason: expect.stringContaining(reason) }));
  });

  test("a failure while drawing one widget becomes that widget's box, with the failure's message", () => {
    const broken = Object.assign(new LogLineBook("stack.json"), { records: () => { throw new Error("disk on fire"); } });
    const view = widgetView(widget("log", { title: "Errors", query: "SOURCE '/a' | limit 5" }), context(broken));
    expect(view).toEqual(expect.objectContaining({ kind: "unrendered", title: "Errors", reason: "the preview failed on it: disk on fire" }));
  });

  test("the page shows the box with its type, title and why", () => {
    const view = widgetView(widget("explorer", { title: "Explorer <b>" }), context());
    const page = renderPage({ dashboardName: "D", environment: "e", scenario: { name: "s", description: "d" }, start: T0, end: T0 + 3600, alarmPrefix: "", atMinute: 20, at: T0 + 1200, views: [view] });
    expect(page).toContain('data-kind="unrendered"');
    expect(page).toContain("<p class=\"unrendered-type\">explorer widget</p><p class=\"unrendered-reason\">not rendered: the explorer widget type is not rendered offline");
    expect(page).toContain("Explorer &lt;b&gt;");
  });
});

describe("text widgets: Markdown, with HTML escaped and unsafe links refused", () => {
  const html = (markdown: string) => (widgetView(widget("text", { markdown }), context()) as Extract<WidgetView, { kind: "text" }>).html;

  test("headings, bold and links render; links open in a new tab", () => {
    expect(html("# Title\n**Region** x · [runbook](https://example.com/r)")).toBe('<h1>Title</h1>\n<p><strong>Region</strong> x · <a href="https://example.com/r" target="_blank" rel="noopener noreferrer">runbook</a></p>\n');
  });

  test("raw HTML is text, a javascript: link is not a link", () => {
    const out = html('<script>alert(1)</script> <img src=x onerror="y"> [x](javascript:alert(1))');
    expect(out).not.toMatch(/<script|<img|href="javascript/);
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });
});

describe("alarm status at --at", () => {
  const tiles = (properties: Record<string, unknown>) =>
    (widgetView(widget("alarm", { title: "Alarms", alarms: ["env-a", "env-b", "env-c", "env-d", "env-gone"].map(arn), ...properties }), context()) as Extract<WidgetView, { kind: "alarm-status" }>).tiles;

  test("each alarm's state at --at (20 min in): changes after it are not seen; an ARN not in the stack is UNKNOWN", () => {
    expect(tiles({}).map((t) => [t.alarmName, t.state])).toEqual([["env-a", "OK"], ["env-b", "ALARM"], ["env-c", "ALARM"], ["env-d", "INSUFFICIENT_DATA"], ["env-gone", "UNKNOWN"]]);
  });

  test("sortBy stateUpdatedTimestamp: ALARM first, most recent change first, then INSUFFICIENT_DATA, then OK", () => {
    expect(tiles({ sortBy: "stateUpdatedTimestamp" }).map((t) => t.alarmName)).toEqual(["env-b", "env-c", "env-d", "env-a", "env-gone"]);
  });

  test("states keeps only alarms in those states", () => {
    expect(tiles({ states: ["ALARM"] }).map((t) => t.alarmName)).toEqual(["env-b", "env-c"]);
  });
});
