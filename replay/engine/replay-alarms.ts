/**
 * The alarm engine's entry point: every alarm of a synthesized stack replayed over metric data, minute by minute,
 * with the notifications CloudWatch would send. Deterministic: no clock, no randomness; same input, same output.
 *
 * Notifications ("Using Amazon CloudWatch alarms"; PutMetricAlarm): an alarm with actions enabled notifies on each
 * state change the topics of the new state's actions (ALARM → alarm_actions, OK → ok_actions, INSUFFICIENT_DATA →
 * insufficient_data_actions), the INSUFFICIENT_DATA → OK of the first evaluation included. No change, no
 * notification: a second child firing while a composite is already in ALARM notifies no one.
 */
import type { MetricSource } from "../metric-data";
import type { AlarmState, StackAlarms } from "./alarm-definitions";
import { actionsFor } from "./alarm-definitions";
import { CompiledAlarm } from "./alarm-series";
import type { AnomalyModelOptions } from "./anomaly-band";
import { evaluateCompositeAlarms } from "./evaluate-composite-alarms";
import { evaluationGrid, MetricAlarmRun, stateAtTime, type PeriodSeen, type StateChange } from "./evaluate-metric-alarm";
import { readStack } from "./read-stack";

export interface ReplayOptions {
  /** First evaluation, Unix seconds on a minute. */
  readonly start: number;
  /** Last evaluation (inclusive), Unix seconds on a minute. */
  readonly end: number;
  /**
   * Where anomaly bands learn from. Default: the main source over the 14 days before `start`. Too little data
   * (anomaly-band.ts) leaves the band missing, as for a new real alarm.
   */
  readonly training?: { readonly source?: MetricSource; readonly start: number; readonly end: number };
  readonly anomalyModel?: AnomalyModelOptions;
  /** Seconds after its minute ends that a datapoint becomes visible (evaluate-metric-alarm.ts). Default 0. */
  readonly publishingDelaySeconds?: number;
  /** Periods read beyond evaluation_periods (the evaluation range). Default 2. */
  readonly evaluationRangeExtraPeriods?: number;
}

export interface AlarmTimeline {
  readonly alarmName: string;
  readonly kind: "metric" | "composite";
  /** The creation state at `start`, then every change; sorted by time. */
  readonly changes: readonly StateChange[];
}

export interface Notification {
  readonly time: number;
  readonly alarmName: string;
  readonly state: AlarmState;
  readonly previousState: AlarmState;
  /** SNS topic names. */
  readonly topics: readonly string[];
}

export interface ReplayResult {
  /** Metric alarms by name, then composite alarms children first. */
  readonly timelines: readonly AlarmTimeline[];
  /** Sorted by time; within a minute, in evaluation order (metric alarms, then composites). */
  readonly notifications: readonly Notification[];
  stateAt(alarmName: string, time: number): AlarmState;
  /** The evaluation range a metric alarm judged at `time` (an evaluation minute), newest period first. */
  periodsSeenAt(alarmName: string, time: number): PeriodSeen[];
  /** Every period a metric alarm read (one per minute of period start), oldest first: for drawing it. */
  periodValues(alarmName: string): PeriodSeen[];
}

const DAY = 86400;

export function replayAlarms(stack: unknown, source: MetricSource, options: ReplayOptions): ReplayResult {
  return replayStackAlarms(readStack(stack), source, options);
}

export function replayStackAlarms(alarms: StackAlarms, source: MetricSource, options: ReplayOptions): ReplayResult {
  const settings = {
    start: options.start,
    end: options.end,
    publishingDelaySeconds: options.publishingDelaySeconds ?? 0,
    evaluationRangeExtraPeriods: options.evaluationRangeExtraPeriods ?? 2,
  };
  for (const [name, value] of Object.entries(settings)) {
    if (!Number.isInteger(value) || (name !== "evaluationRangeExtraPeriods" && value % 60 !== 0) || value < 0) {
      throw new Error(`replayAlarms: ${name} must be a non-negative whole number of minutes (seconds divisible by 60), got ${value}`);
    }
  }
  if (settings.end < settings.start) throw new Error("replayAlarms: end is before start");
  const training = {
    source: options.training?.source ?? source,
    start: options.training?.start ?? settings.start - 14 * DAY,
    end: options.training?.end ?? settings.start,
    ...(options.anomalyModel ? { options: options.anomalyModel } : {}),
  };

  const metricRuns = new Map<string, MetricAlarmRun>();
  for (const alarm of alarms.metricAlarms) {
    const compiled = new CompiledAlarm(alarm);
    const run = new MetricAlarmRun(alarm, compiled.series(source, evaluationGrid(alarm, settings), training), settings);
    metricRuns.set(alarm.name, run);
  }
  const metricStates = new Map([...metricRuns].map(([name, run]) => [name, (time: number) => stateAtTime(run.changes, time)] as const));
  const compositeRuns = evaluateCompositeAlarms(alarms.compositeAlarms, metricStates, settings.start, settings.end);

  const timelines: AlarmTimeline[] = [
    ...[...metricRuns.values()].map((run) => ({ alarmName: run.alarm.name, kind: "metric" as const, changes: run.changes })),
    ...compositeRuns.map((run) => ({ alarmName: run.alarm.name, kind: "composite" as const, changes: run.changes })),
  ];
  const definitions = new Map([...alarms.metricAlarms, ...alarms.compositeAlarms].map((a) => [a.name, a]));
  const notifications: Notification[] = [];
  timelines.forEach((timeline) => {
    const alarm = definitions.get(timeline.alarmName)!;
    if (!alarm.actionsEnabled) return;
    for (let i = 1; i < timeline.changes.length; i++) {
      const change = timeline.changes[i]!;
      const topics = actionsFor(alarm, change.state);
      if (topics.length === 0) continue;
      notifications.push({
        time: change.time,
        alarmName: alarm.name,
        state: change.state,
        previousState: timeline.changes[i - 1]!.state,
        topics,
      });
    }
  });
  // A stable sort keeps the evaluation order within a minute.
  notifications.sort((a, b) => a.time - b.time);

  const timelineOf = (name: string) => {
    const found = timelines.find((t) => t.alarmName === name);
    if (!found) throw new Error(`replayAlarms: no alarm named ${name}`);
    return found;
  };
  const metricRun = (name: string) => {
    const run = metricRuns.get(name);
    if (!run) throw new Error(`replayAlarms: no metric alarm named ${name}`);
    return run;
  };
  return {
    timelines,
    notifications,
    stateAt: (name, time) => stateAtTime(timelineOf(name).changes, time),
    periodsSeenAt: (name, time) => metricRun(name).periodsSeenAt(time),
    periodValues: (name) => metricRun(name).periods(),
  };
}
