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
  /** HTTPCode_ELB_5XX_Count, Sum per period: 5xx the load balancer generated itself (no healthy target, 502/503/504). */
  elb5xx: { enabled: true, severity: "ticket", periodSeconds: 300, evaluationPeriods: 2, datapointsToAlarm: 2, thresholdCount: 10 },
  /** (target 5xx + ELB 5xx) / RequestCount × 100: the derived signal that pages, busy hour or quiet. */
  errorRate: { enabled: true, severity: "page", periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2, thresholdPercent: 5 },
  /** TargetResponseTime p99, in seconds. */
  highLatencyP99: { enabled: true, severity: "ticket", periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3, thresholdSeconds: 10 },
  /** Container Insights RestartCount per ECS service, Sum per period (the guide's "more than 3 in 5 minutes"). */
  ecsRestarts: { enabled: true, severity: "ticket", periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1, thresholdCount: 3 },
  /** IncomingLogEvents per service log group below this count per period (the guide's "< 1 in 5 minutes"). */
  logSilence: { enabled: true, severity: "page", periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1, thresholdCount: 1 },
  /**
   * ANOMALY_DETECTION_BAND on RequestCount, band width in standard deviations. Off by default except in the
   * environments ENABLED_BY_DEFAULT_IN names: the model needs about two weeks of steady traffic to mean
   * anything, and an anomaly alarm is billed as three metrics.
   */
  requestAnomaly: { enabled: false, severity: "ticket", periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3, thresholdStdDevs: 2 },
} as const satisfies Record<string, AlarmTuning & Record<string, unknown>>;

export type AlarmKind = keyof typeof ALARM_DEFAULTS;

/** Kinds whose `enabled` defaults to true in the environments named here (a file may still set it either way). */
export const ENABLED_BY_DEFAULT_IN: Partial<Record<AlarmKind, readonly string[]>> = {
  requestAnomaly: ["production"],
};
