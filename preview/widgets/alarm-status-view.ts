import type { AlarmTimeline } from "../../replay/engine";
import type { DashboardWidget } from "../dashboard-source";
import type { AlarmStateShown, AlarmStatusView } from "../widget-view";

type Tile = AlarmStatusView["tiles"][number];

/**
 * The alarm status widget at `at`: each listed alarm's replayed state then, and since when. `sortBy:
 * stateUpdatedTimestamp` puts ALARM first, then INSUFFICIENT_DATA, then OK, most recent change first (dashboard body
 * doc); otherwise the listed order. `states` keeps only alarms in those states. An ARN naming no alarm of the stack
 * is shown as UNKNOWN rather than dropped.
 */
export function alarmStatusView(widget: DashboardWidget, timelines: readonly AlarmTimeline[], at: number): AlarmStatusView {
  const p = widget.properties;
  const arns = Array.isArray(p.alarms) ? p.alarms.filter((a): a is string => typeof a === "string") : [];
  const byName = new Map(timelines.map((t) => [t.alarmName, t] as const));
  let tiles: Tile[] = arns.map((arn) => {
    const alarmName = arn.slice(arn.indexOf(":alarm:") >= 0 ? arn.indexOf(":alarm:") + ":alarm:".length : 0);
    const timeline = byName.get(alarmName);
    if (!timeline) return { alarmName, state: "UNKNOWN" };
    const last = [...timeline.changes].reverse().find((c) => c.time <= at);
    return last ? { alarmName, state: last.state, since: last.time } : { alarmName, state: "INSUFFICIENT_DATA" };
  });
  if (Array.isArray(p.states)) {
    const wanted = new Set(p.states);
    tiles = tiles.filter((t) => wanted.has(t.state));
  }
  if (p.sortBy === "stateUpdatedTimestamp")
    tiles = [...tiles].sort(
      (a, b) => RANK[a.state] - RANK[b.state] || (b.since ?? 0) - (a.since ?? 0) || compare(a.alarmName, b.alarmName),
    );
  else if (p.sortBy === "timestamp")
    tiles = [...tiles].sort((a, b) => (b.since ?? 0) - (a.since ?? 0) || compare(a.alarmName, b.alarmName));
  const unknown = tiles.filter((t) => t.state === "UNKNOWN").length;
  return {
    index: widget.index,
    type: widget.type,
    title: typeof p.title === "string" ? p.title : "",
    placement: widget.placement,
    kind: "alarm-status",
    tiles,
    notes: unknown > 0 ? [`${unknown} listed alarm(s) are not in this stack: state unknown`] : [],
  };
}

const RANK: Readonly<Record<AlarmStateShown, number>> = { ALARM: 0, INSUFFICIENT_DATA: 1, OK: 2, UNKNOWN: 3 };
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
