import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../config/schema";
import type { EnvContext } from "../context";
import type { AlarmRoutes } from "./alarm-routes";
import { AlbLatencyAlarm } from "./alb-latency-alarm";
import { BurnRateAlarm } from "./burn-rate-alarm";
import { EcsUtilizationAlarm } from "./ecs-utilization-alarm";
import { ErrorLogsAlarm } from "./error-logs-alarm";
import { ErrorRateAlarm } from "./error-rate-alarm";
import { LogSilenceAlarm } from "./log-silence-alarm";
import { LogSilenceWhileServingAlarm } from "./log-silence-while-serving-alarm";
import { NoTrafficAlarm } from "./no-traffic-alarm";
import { PagingDeliveriesAlarm } from "./paging-deliveries-alarm";
import { RequestAnomalyAlarm } from "./request-anomaly-alarm";
import { RunningTasksAlarm } from "./running-tasks-alarm";
import { LOAD_BALANCER_ERRORS, type LoadBalancerError, LoadBalancerErrorAlarm } from "./load-balancer-error-alarm";
import { TargetGroupErrorRateAlarm } from "./target-group-error-rate-alarm";
import { TargetGroupLatencyAlarm } from "./target-group-latency-alarm";
import { TargetHealthAlarm } from "./target-health-alarm";
import { TasksBelowFloorAlarm } from "./tasks-below-floor-alarm";
import { BURN_RATE_WINDOWS } from "../config/alarm-defaults";

export interface AlarmCatalogProps {
  readonly env: EnvContext;
  readonly config: EnvironmentConfig;
  readonly routes: AlarmRoutes;
  /** The paging topic's name, when the environment pages: its failed deliveries are watched. */
  readonly pagingTopicName?: string;
}

/**
 * Every alarm of an environment, each kind where its signal exists. Construct ids are role-based and keyed by
 * service (they are the Terraform addresses), and each kind's severity picks its route.
 *
 * What customers feel pages: target health, the load balancer's and each public service's error rate, tasks below
 * the service's floor, the fast error-budget burn and no traffic. Causes and symptoms that need a look but not a
 * wake-up are tickets: tasks short of desired, log silence (broken shipping), latency (also per public service),
 * the load balancer's own errors by cause, slow burn, error logs,
 * memory, CPU, request anomalies (opt-in), failed paging deliveries.
 */
export function addAlarmCatalog(scope: Construct, { env, config, routes, pagingTopicName }: AlarmCatalogProps): void {
  const a = config.alarms;
  const lb = config.alb.arnSuffix;

  if (a.errorRate.enabled) routes.add(a.errorRate.severity, (actions) => new ErrorRateAlarm(scope, "error-rate", { env, albArnSuffix: lb, ...a.errorRate, actions }));
  if (a.burnRate.enabled) {
    for (const speed of Object.keys(BURN_RATE_WINDOWS) as (keyof typeof BURN_RATE_WINDOWS)[]) {
      routes.add(BURN_RATE_WINDOWS[speed].severity, (actions) => new BurnRateAlarm(scope, `burn-rate-${speed}`, { env, albArnSuffix: lb, speed, objectivePercent: a.burnRate.objectivePercent, actions }));
    }
  }
  if (a.highLatency.enabled) {
    routes.add(a.highLatency.severity, (actions) => new AlbLatencyAlarm(scope, "high-latency", { env, albArnSuffix: lb, what: "high-latency", percentile: "p95", ...a.highLatency, actions }));
  }
  if (a.highLatencyP99.enabled) {
    routes.add(a.highLatencyP99.severity, (actions) =>
      new AlbLatencyAlarm(scope, "high-latency-p99", { env, albArnSuffix: lb, what: "high-latency-p99", percentile: "p99", ...a.highLatencyP99, actions }),
    );
  }
  if (a.loadBalancerErrors.enabled) {
    for (const error of Object.keys(LOAD_BALANCER_ERRORS) as LoadBalancerError[]) {
      routes.add(a.loadBalancerErrors.severity, (actions) => new LoadBalancerErrorAlarm(scope, error, { env, albArnSuffix: lb, error, ...a.loadBalancerErrors, actions }));
    }
  }
  const clock = Object.values(config.services).find((s) => s.targetGroupArnSuffix !== undefined)?.targetGroupArnSuffix;
  if (a.noTraffic.enabled && clock !== undefined) {
    routes.add(a.noTraffic.severity, (actions) => new NoTrafficAlarm(scope, "no-traffic", { env, albArnSuffix: lb, clockTargetGroupArnSuffix: clock, ...a.noTraffic, actions }));
  }
  if (a.requestAnomaly.enabled) {
    routes.add(a.requestAnomaly.severity, (actions) => new RequestAnomalyAlarm(scope, "request-anomaly", { env, albArnSuffix: lb, ...a.requestAnomaly, actions }));
  }

  for (const [service, s] of Object.entries(config.services)) {
    const logGroupName = env.naming.logGroup(service);
    if (a.targetHealth.enabled && s.targetGroupArnSuffix !== undefined) {
      const target = { albArnSuffix: lb, targetGroupArnSuffix: s.targetGroupArnSuffix, minHealthyTargets: s.minHealthyTargets };
      routes.add(a.targetHealth.severity, (actions) => new TargetHealthAlarm(scope, `target-health-${service}`, { env, service, ...target, ...a.targetHealth, actions }));
    }
    if (a.targetErrorRate.enabled && s.targetGroupArnSuffix !== undefined) {
      const target = { albArnSuffix: lb, targetGroupArnSuffix: s.targetGroupArnSuffix };
      routes.add(a.targetErrorRate.severity, (actions) => new TargetGroupErrorRateAlarm(scope, `target-error-rate-${service}`, { env, service, ...target, ...a.targetErrorRate, actions }));
    }
    if (a.targetLatency.enabled && s.targetGroupArnSuffix !== undefined) {
      const target = { albArnSuffix: lb, targetGroupArnSuffix: s.targetGroupArnSuffix };
      const thresholdSeconds = s.latencyThresholdSeconds ?? a.targetLatency.thresholdSeconds;
      routes.add(a.targetLatency.severity, (actions) => new TargetGroupLatencyAlarm(scope, `target-latency-${service}`, { env, service, ...target, ...a.targetLatency, thresholdSeconds, actions }));
    }
    if (s.ecsServiceName !== undefined) {
      const ecs = { service, clusterName: config.ecs.clusterName, ecsServiceName: s.ecsServiceName };
      if (a.tasksBelowFloor.enabled) {
        const floor = { ...ecs, minRunningTasks: s.minRunningTasks };
        routes.add(a.tasksBelowFloor.severity, (actions) => new TasksBelowFloorAlarm(scope, `tasks-below-floor-${service}`, { env, ...floor, ...a.tasksBelowFloor, actions }));
      }
      if (a.runningTasks.enabled) routes.add(a.runningTasks.severity, (actions) => new RunningTasksAlarm(scope, `running-tasks-${service}`, { env, ...ecs, ...a.runningTasks, actions }));
      if (a.memory.enabled) routes.add(a.memory.severity, (actions) => new EcsUtilizationAlarm(scope, `memory-${service}`, { env, resource: "memory", ...ecs, ...a.memory, actions }));
      if (a.cpu.enabled) routes.add(a.cpu.severity, (actions) => new EcsUtilizationAlarm(scope, `cpu-${service}`, { env, resource: "cpu", ...ecs, ...a.cpu, actions }));
    }
    if (a.logSilence.enabled && s.writesHeartbeats) {
      routes.add(a.logSilence.severity, (actions) => new LogSilenceAlarm(scope, `log-silence-${service}`, { env, service, logGroupName, ...a.logSilence, actions }));
    } else if (a.logSilence.enabled && s.logsEachRequest) {
      // The requests that reach it: its own target group's, or for an internal service its caller's.
      const targetGroupArnSuffix = s.targetGroupArnSuffix ?? (s.calledBy === undefined ? undefined : config.services[s.calledBy]?.targetGroupArnSuffix);
      if (targetGroupArnSuffix !== undefined) {
        const serving = { service, logGroupName, albArnSuffix: lb, targetGroupArnSuffix };
        routes.add(a.logSilence.severity, (actions) => new LogSilenceWhileServingAlarm(scope, `log-silence-${service}`, { env, ...serving, ...a.logSilence, actions }));
      }
    }
    if (a.errorLogs.enabled) routes.add(a.errorLogs.severity, (actions) => new ErrorLogsAlarm(scope, `error-logs-${service}`, { env, service, logGroupName, ...a.errorLogs, actions }));
  }

  if (a.pagingDeliveries.enabled && pagingTopicName !== undefined) {
    // Always the ticket route (the schema refuses page): a page about failing pages would go through the failing topic.
    routes.add("ticket", (actions) => new PagingDeliveriesAlarm(scope, "paging-deliveries", { env, topicName: pagingTopicName, ...a.pagingDeliveries, actions }));
  }
}
