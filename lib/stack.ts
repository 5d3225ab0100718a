import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { AlarmActions } from "./alarms/alarm-actions";
import { addAlarmCatalog } from "./alarms/alarm-catalog";
import { AlarmRoutes } from "./alarms/alarm-routes";
import { PageCompositeAlarm } from "./alarms/page-composite-alarm";
import { alarmNamePattern } from "./alerting/alert-policies";
import { AlertTopic } from "./alerting/alert-topic";
import { PagingEndpoint } from "./alerting/paging-endpoint";
import { applyBackend, type BackendChoice, localBackend } from "./backend";
import { type EnvironmentConfig, hasPagingRoute } from "./config/schema";
import { envContext, type EnvContext } from "./context";
import { alarmNamesIn } from "./dashboard/alarm-names";
import { AxonFlowDashboard } from "./dashboard/axonflow-dashboard";
import { HandoffDocument } from "./handoff/handoff-document";
import { ServiceLogGroups } from "./logging/log-groups";
import { LogMetricFilters } from "./logging/log-metric-filters";
import { QUERY_CATALOG } from "./logging/queries/catalog";
import { SavedQueries } from "./logging/saved-queries";
import { APPLICATION } from "./naming";
import { MonitoredResourcesOutput, monitoredResources } from "./outputs/monitored-resources";
import { StackOutputs } from "./outputs/stack-outputs";
import { applyGuardrails } from "./policy/guardrails";
import { LogShippingPolicy } from "./policy/log-shipping-policy";
import { PrometheusBridge } from "./prometheus/prometheus-bridge";
import { useFastSynthesis } from "./synthesis/fast-synthesis";

export interface EnvironmentStackOptions {
  /** State storage (chosen by main.ts from environment variables); default: local state. */
  readonly backend?: BackendChoice;
  /** Synthesize through lib/synthesis/'s shortcuts (default), or by cdktf's own steps alone: the same output. */
  readonly fastSynthesis?: boolean;
}

/**
 * AxonFlow's CloudWatch layer for one environment: what it is made of, in reading order. Takes validated config
 * only: it reads no files, environment variables, clock or randomness, so the same config always gives the same
 * cdk.tf.json.
 */
export class EnvironmentStack extends TerraformStack {
  readonly env: EnvContext;

  constructor(scope: Construct, config: EnvironmentConfig, options: EnvironmentStackOptions = {}) {
    super(scope, config.name);
    if (options.fastSynthesis ?? true) useFastSynthesis(this);
    const env = (this.env = envContext(config));
    applyBackend(this, options.backend ?? localBackend, {
      name: env.name,
      region: config.region,
      workspace: config.terraformCloud.workspace ?? env.naming.terraformWorkspace,
    });
    // Both read the finished construct tree at synth, so constructs added below (or by anyone) are included.
    new StackOutputs(this, "outputs", { env });
    new HandoffDocument(this, "handoff", { env });

    const standardTags = { Environment: env.name, Application: APPLICATION, ManagedBy: "cdktf" };
    new AwsProvider(this, "aws", {
      region: config.region,
      // A production config can never be applied with credentials of another account.
      allowedAccountIds: [config.accountId],
      defaultTags: [{ tags: { ...config.tags, ...standardTags } }],
    });
    applyGuardrails(this, { defaultTags: standardTags, alarmNamePattern: alarmNamePattern(env) });

    // Logging: the /axonflow/<env>/<service> tree, its saved queries, metric filters and shipping policy.
    const { retentionDays, protect, kmsKeyArn } = config.logs;
    const logs = new ServiceLogGroups(this, "log-groups", { env, services: config.services, retentionDays, protect, kmsKeyArn });
    const queryParams = { latencyThresholdSeconds: config.alarms.highLatency.thresholdSeconds };
    const formats = new Map(Object.entries(config.services).map(([name, s]) => [name, s.logFormat]));
    const queried = [...formats].map(([name, logFormat]) => ({ name, logGroupName: env.naming.logGroup(name), logFormat }));
    new SavedQueries(this, "queries", { env, queries: QUERY_CATALOG, params: queryParams, services: queried, dependsOn: logs.groups });
    new LogMetricFilters(this, "log-metric-filters", { env, logGroups: logs.byService, formats });
    const shipping = new LogShippingPolicy(this, "log-shipping", { env, logGroupNames: logs.names });
    new TerraformOutput(this, "log_group_names", { value: logs.names, staticId: true });
    new TerraformOutput(this, "log_shipping_policy_arn", { value: shipping.arn, staticId: true });

    // Opt-in: the CloudWatch agent sidecar that mirrors chosen Prometheus series of the agent and orchestrator.
    if (config.prometheus) {
      new PrometheusBridge(this, "prometheus-bridge", {
        env,
        config: config.prometheus,
        clusterName: config.ecs.clusterName,
        retentionDays,
        kmsKeyArn,
      });
    }

    // Routes: tickets to the alerts topic; pages, where the environment has a paging route, through one composite.
    const alerts = new AlertTopic(this, "alerts", { env, what: "alerts", emails: config.alerts.emails });
    const ticket: AlarmActions = { alarmActions: [alerts.arn], okActions: [alerts.arn], actionsEnabled: config.alarms.actionsEnabled };
    const pages = hasPagingRoute(config) ? new AlertTopic(this, "pages", { env, what: "pages", emails: config.paging.emails }) : undefined;
    const routes = new AlarmRoutes(env, ticket, pages !== undefined);

    addAlarmCatalog(this, { env, config, routes, pagingTopicName: pages?.name });
    if (pages && routes.paged.length > 0) {
      const paging: AlarmActions = { alarmActions: [pages.arn], okActions: [pages.arn], actionsEnabled: config.alarms.actionsEnabled };
      new PageCompositeAlarm(this, "page", { env, name: routes.pageAlarmName, children: routes.paged, actions: paging });
    }
    if (pages && config.paging.endpointVariable) new PagingEndpoint(this, "paging-endpoint", { topicArn: pages.arn });
    new MonitoredResourcesOutput(this, "monitored", {
      resources: monitoredResources(env, config, { alerts: alerts.name, ...(pages && { pages: pages.name }) }),
    });

    // Last: the dashboard lists every alarm created above, found by walking the construct tree.
    new AxonFlowDashboard(this, "dashboard", {
      env,
      albArnSuffix: config.alb.arnSuffix,
      ecsClusterName: config.ecs.clusterName,
      services: Object.entries(config.services).map(([name, s]) => ({
        name,
        logGroupName: env.naming.logGroup(name),
        logFormat: s.logFormat,
        ecsServiceName: s.ecsServiceName,
        targetGroupArnSuffix: s.targetGroupArnSuffix,
      })),
      alarmNames: alarmNamesIn(this),
      runbookUrl: env.runbook,
      queryParams,
      ...(config.prometheus !== undefined && { prometheus: config.prometheus }),
    });
  }
}
