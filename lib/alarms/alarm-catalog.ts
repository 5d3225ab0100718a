import type { Construct } from "constructs";
import type { Severity } from "../config/alarm-defaults";
import type { EnvironmentConfig } from "../config/schema";
import type { EnvContext } from "../context";
import type { AlarmWindow } from "./alarm-invariants";
import { addKindAlarms, type KindInput } from "./alarm-kind";
import type { AlarmRoutes } from "./alarm-routes";
import { ALARM_KINDS, type AnyAlarmKind } from "./kinds";

export interface AlarmCatalogProps {
  readonly env: EnvContext;
  readonly config: EnvironmentConfig;
  readonly routes: AlarmRoutes;
  /** The paging topic's name, when the environment pages: its failed deliveries are watched. */
  readonly pagingTopicName?: string;
}

/**
 * Every alarm of an environment: each enabled kind of lib/alarms/kinds/, once for the environment or once per
 * service, where its signal exists. Construct ids are the alarm names after `axonflow-<env>-` (the Terraform
 * addresses), and each kind's severity picks its route.
 *
 * What customers feel pages: target health, the load balancer's and each public service's error rate, tasks below
 * the service's floor, the fast error-budget burn and no traffic. Causes and symptoms that need a look but not a
 * wake-up are tickets: tasks short of desired, log silence (broken shipping), latency (also per public service),
 * the load balancer's own errors by cause, slow burn, error logs, memory, CPU, request anomalies (opt-in), failed
 * paging deliveries.
 */
export function addAlarmCatalog(scope: Construct, { env, config, routes, pagingTopicName }: AlarmCatalogProps): void {
  const enabled = ALARM_KINDS.filter((kind) => config.alarms[kind.key].enabled);
  const base = {
    env,
    albArnSuffix: config.alb.arnSuffix,
    clusterName: config.ecs.clusterName,
    services: config.services,
    pagingTopicName,
    prometheus: config.prometheus,
  };
  const add = (kind: AnyAlarmKind, alarms: Parameters<typeof addKindAlarms>[5]) => {
    const tuning = config.alarms[kind.key] as Partial<AlarmWindow> & { severity?: Severity };
    const severity = (kind.severityOf as ((t: unknown) => Severity) | undefined)?.(tuning) ?? tuning.severity ?? "ticket";
    addKindAlarms(scope, routes, kind.key, tuning, severity, alarms, env);
  };
  // The descriptors' builders are typed per kind; called through the union, each gets its own kind's tuning.
  const build = (kind: AnyAlarmKind, input: KindInput<unknown> & { service?: string }) =>
    (kind.alarms as (i: typeof input) => Parameters<typeof addKindAlarms>[5])(input);

  for (const kind of enabled) if (kind.scope === "stack") add(kind, build(kind, { ...base, tuning: config.alarms[kind.key] }));
  for (const [service, settings] of Object.entries(config.services)) {
    for (const kind of enabled)
      if (kind.scope === "service")
        add(kind, build(kind, { ...base, tuning: config.alarms[kind.key], service, settings } as KindInput<unknown>));
  }
}
