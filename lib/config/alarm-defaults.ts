/**
 * Per-alarm-kind defaults, in one table. An environment file may override any of these per kind
 * (`alarms.<kind>.*`); a kind's missing-data rule is semantics, not a default, and lives in its own file.
 * Every default here is proven by the incident replays (replay/scenarios): page on an outage within
 * minutes, stay quiet on a healthy-but-noisy day. Change one, run `npm run replay`.
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
  /**
   * 5xx (target + load balancer) as a percent of all answers, pages. Below `minRequests` answers in a period the
   * rate is taken as 0: at night one 502 in 15 requests is 6.7 %, and that is not an incident.
   */
  errorRate: { enabled: true, severity: "page", periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2, thresholdPercent: 5, minRequests: 50 },
  /**
   * One public service's own 5xx as a percent of its target group's requests, pages: its users fail however small
   * its share of the load balancer. 20 requests per 5 min, or one stray error of a quiet portal would be 5 %+.
   */
  targetErrorRate: { enabled: true, severity: "page", periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2, thresholdPercent: 5, minRequests: 20 },
  /**
   * Healthy targets per target group below each service's `minHealthyTargets`: a hard-down signal, pages. 3 of 5
   * minutes, not 3 of 3: it fires as fast, but a crash loop's tasks that are healthy for a minute no longer clear it
   * and re-page at the next fall (replay: unwritten crash loops at night paged three times in five minutes).
   */
  targetHealth: { enabled: true, severity: "page", periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 3 },
  /**
   * Fewer ECS tasks running than desired in 4 of 10 minutes: crash loops, OOM kills, no capacity. Fires after 4
   * minutes; clears only after 7 good ones, so tasks that start and crash again do not flip it (and the page) back.
   */
  runningTasks: { enabled: true, severity: "ticket", periodSeconds: 60, evaluationPeriods: 10, datapointsToAlarm: 4 },
  /**
   * Fewer ECS tasks running than the service's `minRunningTasks` in 2 of 3 minutes (no datapoint: no task): it
   * cannot serve, pages. A task or two short with the floor still held is running-tasks' ticket.
   */
  tasksBelowFloor: { enabled: true, severity: "page", periodSeconds: 60, evaluationPeriods: 3, datapointsToAlarm: 2 },
  /** TargetResponseTime p95, in seconds (the guide's 5000 was milliseconds: 83 minutes as seconds). */
  highLatency: { enabled: true, severity: "ticket", periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2, thresholdSeconds: 5 },
  /** TargetResponseTime p99, in seconds. */
  highLatencyP99: { enabled: true, severity: "ticket", periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2, thresholdSeconds: 10 },
  /**
   * TargetResponseTime p95 per public service's target group, in seconds; a service may set its own
   * (`services.<name>.latencyThresholdSeconds`: a portal's pages are slow long before an LLM call is). Under
   * `minRequests` per period the p95 counts as 0: two slow requests of five are not a trend (replay: low-traffic-production).
   */
  targetLatency: { enabled: true, severity: "ticket", periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2, thresholdSeconds: 5, minRequests: 20 },
  /**
   * The load balancer's own 502, 503 and 504 and its failed connections to targets, each as a percent of answers:
   * tickets that say why error-rate pages. Over 1 %, under 50 answers 0 %: a rolling deploy's few lost
   * connections stay under it (replay: rolling-deploy).
   */
  loadBalancerErrors: { enabled: true, severity: "ticket", periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2, thresholdPercent: 1, minRequests: 50 },
  /**
   * Log silence, in one of two forms per service. Where it writes heartbeats (`writesHeartbeats`): IncomingLogEvents
   * below `thresholdCount` per period, missing data breaching; CloudWatch reads N + 2 periods and counts the older
   * real points while any remain, so it fires after (3 + 2) × 3 min = 15 silent minutes. Where it logs each request
   * (`logsEachRequest`, no heartbeats: AxonFlow's own services): periods with at least `minRequests` requests to its
   * target group (an internal service: its caller's) and not one log line, 3 of 3, about 10 min. A ticket: broken
   * shipping blinds the error alarms but no customer feels it (replay: log-shipping-broken).
   */
  logSilence: { enabled: true, severity: "ticket", periodSeconds: 180, evaluationPeriods: 3, datapointsToAlarm: 3, thresholdCount: 1, minRequests: 10 },
  /** Error log lines (the error-count metric filter) as a percent of a service's log lines. */
  errorLogs: { enabled: true, severity: "ticket", periodSeconds: 300, evaluationPeriods: 2, datapointsToAlarm: 2, thresholdPercent: 5, minLines: 50 },
  /**
   * AWS/ECS MemoryUtilization (Maximum over the service's tasks) per service: a leak, heard before the OOM kills.
   * 80 %, not 90: a task leaking a third of its limit an hour passes 90 % only ~15 min before it is killed, and the
   * ticket then comes after the first kills (replay: memory-leak-oom).
   */
  memory: { enabled: true, severity: "ticket", periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3, thresholdPercent: 80 },
  /** AWS/ECS CPUUtilization (Average) per service. */
  cpu: { enabled: true, severity: "ticket", periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3, thresholdPercent: 90 },
  /**
   * Fewer answers (requests + the no-target 503s outside them) per period than the environment's `expectedTraffic` schedule
   * says that hour always brings, for the whole window: clients cannot reach the load balancer. Outside the
   * schedule's hours no traffic is quiet. On by default where the environment pages and has a schedule.
   */
  noTraffic: { enabled: false, severity: "page", periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3, expectedTraffic: [] },
  /**
   * ANOMALY_DETECTION_BAND on RequestCount (FILLed with 0), band width in standard deviations. Off by default: the
   * replays show a band trained on ordinary days firing all through a launch day (1.6× traffic) or a quiet holiday
   * (0.4×), which are not incidents; traffic that stops is no-traffic's. The model needs two weeks of history, and
   * an anomaly alarm is billed as three metrics. Turn it on where volume itself matters.
   */
  requestAnomaly: { enabled: false, severity: "ticket", periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3, thresholdStdDevs: 3 },
  /** Failed deliveries of the paging topic (a pager endpoint refusing): ticket, to the alerts topic. */
  pagingDeliveries: { enabled: true, severity: "ticket", periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1, thresholdCount: 0 },
} as const satisfies Record<string, AlarmTuning & Record<string, unknown>>;

export type AlarmKind = keyof typeof ALARM_DEFAULTS;

/**
 * Error-budget burn (Google SRE workbook, "Alerting on SLOs": multi-window, multi-burn-rate) on the availability
 * objective `alarms.burnRate.objectivePercent`. Each pair fires when the error ratio exceeds `burnRate` × the
 * budget over BOTH its long and its short window: the long one proves the budget really burns, the short one that
 * it still does (so the alarm clears soon after the fix). Fast burn pages, slow burn tickets. The windows are the
 * workbook's; `minRequests` per window keeps a handful of requests from counting as a ratio.
 */
export const BURN_RATE_WINDOWS = {
  fast: { severity: "page", burnRate: 14.4, longWindowMinutes: 60, shortWindowMinutes: 5, minRequests: 100 },
  slow: { severity: "ticket", burnRate: 6, longWindowMinutes: 360, shortWindowMinutes: 30, minRequests: 300 },
} as const satisfies Record<string, { severity: Severity; burnRate: number; longWindowMinutes: number; shortWindowMinutes: number; minRequests: number }>;

export const BURN_RATE_DEFAULTS = { enabled: true, objectivePercent: 99.9 } as const;

/** Per service, for the target-health alarm: fewer healthy targets than this in its target group pages. */
export const DEFAULT_MIN_HEALTHY_TARGETS = 1;
