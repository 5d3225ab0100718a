/**
 * Per-alarm-kind defaults, in one table. An environment file may override any of these per kind
 * (`alarms.<kind>.*`); a kind's missing-data rule is semantics, not a default, and lives in its own file.
 */
export type Severity = "page" | "ticket";

export interface AlarmTuning {
  readonly enabled: boolean;
  readonly severity: Severity;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
}

export const ALARM_DEFAULTS = {
  /** HTTPCode_Target_5XX_Count, Sum per period (count of responses). */
  highErrorRate: { enabled: true, severity: "ticket", periodSeconds: 300, evaluationPeriods: 2, datapointsToAlarm: 2, thresholdCount: 10 },
  /** TargetResponseTime p95, in seconds (the guide's 5000 was milliseconds: 83 minutes as seconds). */
  highLatency: { enabled: true, severity: "ticket", periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3, thresholdSeconds: 5 },
} as const satisfies Record<string, AlarmTuning & Record<string, unknown>>;

export type AlarmKind = keyof typeof ALARM_DEFAULTS;
