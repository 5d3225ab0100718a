import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { type EnvironmentConfig, roleOf } from "../config/schema";
import type { LogFormat } from "../config/log-formats";
import type { ServiceRole } from "../config/service-roles";
import type { EnvContext } from "../context";

/** What one service is, in AWS terms: the identifiers its alarms and dashboard watch. */
export interface MonitoredService {
  readonly role: ServiceRole;
  /** An internal service's caller. */
  readonly called_by?: string;
  readonly log_group: string;
  readonly ecs_service?: string;
  readonly target_group?: string;
  readonly writes_heartbeats: boolean;
  readonly logs_each_request: boolean;
  readonly log_format: LogFormat;
}

/** The `monitored_resources` output: everything outside this stack that it watches, by the names CloudWatch uses. */
export interface MonitoredResources {
  readonly region: string;
  readonly load_balancer: string;
  readonly cluster: string;
  readonly services: Readonly<Record<string, MonitoredService>>;
  readonly topics: { readonly alerts: string; readonly pages?: string };
  /** The LLM providers the orchestrator routes to, where the Prometheus bridge mirrors its calls by provider. */
  readonly llm_providers?: readonly string[];
}

export function monitoredResources(env: EnvContext, config: EnvironmentConfig, topics: MonitoredResources["topics"]): MonitoredResources {
  const services: Record<string, MonitoredService> = {};
  for (const [name, s] of Object.entries(config.services)) {
    services[name] = {
      role: roleOf(s),
      ...(s.calledBy !== undefined && { called_by: s.calledBy }),
      log_group: env.naming.logGroup(name),
      ...(s.ecsServiceName !== undefined && { ecs_service: s.ecsServiceName }),
      ...(s.targetGroupArnSuffix !== undefined && { target_group: s.targetGroupArnSuffix }),
      writes_heartbeats: s.writesHeartbeats,
      logs_each_request: s.logsEachRequest,
      log_format: s.logFormat,
    };
  }
  return {
    region: config.region,
    load_balancer: config.alb.arnSuffix,
    cluster: config.ecs.clusterName,
    services,
    topics,
    ...(config.prometheus !== undefined && { llm_providers: config.prometheus.llmProviders }),
  };
}

/**
 * The resources this stack monitors but does not create (load balancer, target groups, cluster, services) and the
 * topics it notifies, as a stack output: `cdktf output <env>` tells a platform team what is watched, and the
 * incident replay reads it from cdk.tf.json to build its world with the same identifiers the alarms use.
 */
export class MonitoredResourcesOutput extends Construct {
  constructor(scope: Construct, id: string, props: { readonly resources: MonitoredResources }) {
    super(scope, id);
    new TerraformOutput(this, "monitored_resources", {
      staticId: true,
      description: "What this stack watches (load balancer, target groups, ECS services, log groups) and the topics it notifies",
      value: props.resources,
    });
  }
}
