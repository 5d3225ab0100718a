import type { DashboardWidget } from "../dashboard-source";
import type { UnrenderedView } from "../widget-view";

/** A widget the preview cannot draw: a box with its type, title and why, so nothing is silently dropped. */
export function unrenderedView(widget: DashboardWidget, reason: string): UnrenderedView {
  const title = widget.properties.title;
  return {
    index: widget.index,
    type: widget.type,
    title: typeof title === "string" ? title : "",
    placement: widget.placement,
    kind: "unrendered",
    notes: [],
    reason,
  };
}
