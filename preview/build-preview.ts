import { metricKey, type MetricId } from "../replay/metric-data";
import { stackUnderReplay } from "../replay/replay-stacks";
import { kindOf, replayScenario } from "../replay/run-scenario";
import { runsOn, type Scenario } from "../replay/scenarios";
import { dashboardFromStack } from "./dashboard-source";
import { UsageError } from "./preview-args";
import { LogLineBook } from "./logs/log-lines";
import { alarmNamePrefix } from "./metric/alarm-overlays";
import { unitLookup } from "./metric/metric-units";
import type { WidgetView } from "./widget-view";
import { widgetView } from "./widgets/widget-views";

/** Everything one page shows: the dashboard of one synthesized stack, drawn from one replayed scenario. */
export interface Preview {
  readonly dashboardName: string;
  readonly environment: string;
  readonly scenario: { readonly name: string; readonly description: string };
  readonly start: number;
  readonly end: number;
  readonly incidentStart?: number;
  /** What every alarm name of the stack starts with; graph legends leave it out (alarm-overlays.ts). */
  readonly alarmPrefix: string;
  readonly atMinute: number;
  readonly at: number;
  readonly views: readonly WidgetView[];
}

export interface PreviewRequest {
  readonly stackFile: string;
  readonly environment: string;
  readonly scenario: Scenario;
  /** Minutes after the scenario's start; default: defaultAtMinute. */
  readonly atMinute?: number;
}

/** Alarms are evaluated from the scenario's start (the world publishes history before it). */
export const FIRST_EVALUATED_MINUTE = 0;
/** After an incident begins, the moment its pages have come (the scenarios expect a page within 10–15 min). */
export const MINUTES_AFTER_INCIDENT = 15;

/**
 * The moment the alarm states, single values and log tables stand for, when --at is not given: 15 minutes into the
 * scenario's incident (what on-call sees once paged), or the run's last minute when it has none (the end of a quiet day).
 */
export function defaultAtMinute(scenario: Scenario): number {
  const last = scenario.durationMinutes - 1;
  return scenario.incident ? Math.min(last, Math.max(FIRST_EVALUATED_MINUTE, scenario.incident.atMinute + MINUTES_AFTER_INCIDENT)) : last;
}

export function buildPreview(request: PreviewRequest): Preview {
  const subject = stackUnderReplay(request.stackFile);
  const dashboard = dashboardFromStack(subject.stack);
  const { scenario } = request;
  const kind = kindOf(subject.topology);
  if (!runsOn(scenario, kind)) {
    const listed = scenario.environments === "all" ? "all" : scenario.environments.join(", ");
    throw new UsageError(
      `--scenario ${scenario.name}: runs on ${listed}; ${request.environment} is replayed as ${kind} (it ${kind === "production" ? "pages" : "does not page"})`,
    );
  }
  const atMinute = request.atMinute ?? defaultAtMinute(scenario);
  const last = scenario.durationMinutes - 1;
  if (!Number.isInteger(atMinute) || atMinute < FIRST_EVALUATED_MINUTE || atMinute > last) {
    throw new UsageError(
      `--at ${atMinute}: alarms have a state from minute ${FIRST_EVALUATED_MINUTE} to minute ${last} of ${scenario.name}; give a whole minute in that range`,
    );
  }

  const logs = new LogLineBook();
  const published = new Map<string, MetricId>();
  const seen = new WeakSet<MetricId>();
  const replay = replayScenario(subject, scenario, request.environment, {
    logLines: logs.observe,
    metrics: {
      // The world hands the same MetricId object for a series every minute: key it once.
      put(metric) {
        if (seen.has(metric)) return;
        seen.add(metric);
        const key = metricKey(metric);
        if (!published.has(key)) published.set(key, metric);
      },
    },
  });
  const { run, store, result } = replay;
  const at = run.startTime + atMinute * 60;
  const { alarms } = subject;
  const alarmPrefix = alarmNamePrefix(alarms);
  const context = {
    metric: {
      source: { store, published: [...published.values()] },
      range: { start: run.startTime, end: run.endTime },
      at,
      alarms,
      alarmPrefix,
      timelines: result.timelines,
      unitOf: unitLookup(subject.filters),
    },
    timelines: result.timelines,
    logs,
    from: run.startTime,
    at,
  };
  return {
    dashboardName: dashboard.name,
    environment: request.environment,
    scenario: { name: scenario.name, description: scenario.description },
    start: run.startTime,
    end: run.endTime,
    ...(run.incidentStart !== undefined && { incidentStart: run.incidentStart }),
    alarmPrefix,
    atMinute,
    at,
    views: dashboard.widgets.map((w) => widgetView(w, context)),
  };
}
