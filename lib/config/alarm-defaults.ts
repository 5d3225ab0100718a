import { ALARM_KINDS, type AnyAlarmKind } from "../alarms/kinds";

/**
 * Alarm tuning. Each kind's defaults live in its descriptor (lib/alarms/kinds/), with the reason for each; an
 * environment file may override any of them per kind (`alarms.<kind>.*`). Every default is proven by the incident
 * replays (replay/scenarios): page on an outage within minutes, stay quiet on a healthy-but-noisy day. Change one,
 * run `npm run replay`.
 */
export type Severity = "page" | "ticket";

export interface AlarmTuning {
  readonly enabled: boolean;
  readonly severity: Severity;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
}

/** Each kind's defaults, from its descriptor (lib/alarms/kinds/), by config key. */
export const ALARM_DEFAULTS = Object.fromEntries(ALARM_KINDS.map((k) => [k.key, k.defaults])) as {
  readonly [Kd in AnyAlarmKind as Kd["key"]]: Kd["defaults"];
};

/** Per service, for the target-health alarm: fewer healthy targets than this in its target group pages. */
export const DEFAULT_MIN_HEALTHY_TARGETS = 1;
