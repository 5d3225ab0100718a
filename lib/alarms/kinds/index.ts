import type { TuningOf } from "../alarm-kind";
import { burnRate } from "./burn-rate";
import { cpu, memory } from "./ecs-utilization";
import { errorLogs } from "./error-logs";
import { errorRate } from "./error-rate";
import { highLatency, highLatencyP99 } from "./high-latency";
import { llmFailureShare } from "./llm-failure-share";
import { llmProviderShare } from "./llm-provider-share";
import { loadBalancerErrors } from "./load-balancer-errors";
import { logSilence } from "./log-silence";
import { noTraffic } from "./no-traffic";
import { pagingDeliveries } from "./paging-deliveries";
import { policyBlockSpike } from "./policy-block-spike";
import { requestAnomaly } from "./request-anomaly";
import { runningTasks } from "./running-tasks";
import { targetErrorRate } from "./target-error-rate";
import { targetHealth } from "./target-health";
import { targetLatency } from "./target-latency";
import { tasksBelowFloor } from "./tasks-below-floor";

/**
 * Every alarm kind, in the order of the environment file's `alarms:` section (and its JSON Schema). A new kind is
 * its file here, added to this list, and its runbook `docs/runbooks/<kebab-key>.md`.
 */
export const ALARM_KINDS = [
  errorRate,
  targetErrorRate,
  burnRate,
  targetHealth,
  runningTasks,
  tasksBelowFloor,
  highLatency,
  highLatencyP99,
  targetLatency,
  loadBalancerErrors,
  logSilence,
  errorLogs,
  memory,
  cpu,
  noTraffic,
  requestAnomaly,
  llmFailureShare,
  llmProviderShare,
  policyBlockSpike,
  pagingDeliveries,
] as const;

export type AnyAlarmKind = (typeof ALARM_KINDS)[number];
export type AlarmKindKey = AnyAlarmKind["key"];
/** The validated `alarms:` section: each kind's tuning by its key. */
export type AlarmsTuning = { readonly [Kd in AnyAlarmKind as Kd["key"]]: TuningOf<Kd> };
