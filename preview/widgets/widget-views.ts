import type { AlarmTimeline } from "../../replay/engine";
import type { DashboardWidget } from "../dashboard-source";
import type { LogLineBook } from "../logs/log-lines";
import { metricWidgetView, type MetricContext } from "../metric/metric-widget-view";
import type { WidgetView } from "../widget-view";
import { alarmStatusView } from "./alarm-status-view";
import { logWidgetView } from "./log-widget-view";
import { markdownToHtml } from "./markdown";
import { unrenderedView } from "./unrendered-view";

export interface ViewContext {
  readonly metric: MetricContext;
  readonly timelines: readonly AlarmTimeline[];
  readonly logs: LogLineBook;
  /** The run's first second and the moment the page stands for (Unix seconds). */
  readonly from: number;
  readonly at: number;
}

/** One view per widget, whatever happens: a kind the preview does not draw, or a failure drawing it, is a labelled box. */
export function widgetView(widget: DashboardWidget, context: ViewContext): WidgetView {
  try {
    switch (widget.type) {
      case "metric":
        return metricWidgetView(widget, context.metric);
      case "alarm":
        return alarmStatusView(widget, context.timelines, context.at);
      case "log":
        return logWidgetView(widget, context.logs, context.from, context.at);
      case "text": {
        const markdown = widget.properties.markdown;
        if (typeof markdown !== "string") return unrenderedView(widget, "the text widget has no markdown");
        const base = { index: widget.index, type: widget.type, title: "", placement: widget.placement, notes: [] };
        return { ...base, kind: "text", html: markdownToHtml(markdown), transparent: widget.properties.background === "transparent" };
      }
      default:
        return unrenderedView(widget, `the ${widget.type} widget type is not rendered offline (metric, alarm, log and text are)`);
    }
  } catch (e) {
    return unrenderedView(widget, `the preview failed on it: ${(e as Error).message}`);
  }
}
