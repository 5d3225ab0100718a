import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { AlarmActions } from "./alarms/alarm-actions";
import { Alb5xxAlarm } from "./alarms/alb-5xx-alarm";
import { AlbLatencyAlarm } from "./alarms/alb-latency-alarm";
import { AlertTopic } from "./alerting/alert-topic";
import type { EnvironmentConfig } from "./config/schema";
import { envContext, type EnvContext } from "./context";
import { alarmNamesIn } from "./dashboard/alarm-names";
import { AxonFlowDashboard } from "./dashboard/axonflow-dashboard";
import { ServiceLogGroups } from "./logging/log-groups";
import { LogMetricFilters } from "./logging/log-metric-filters";
import { QUERY_CATALOG } from "./logging/queries/catalog";
import { SavedQueries } from "./logging/saved-queries";
import { APPLICATION } from "./naming";
import { LogShippingPolicy } from "./policy/log-shipping-policy";

export interface EnvironmentStackOptions {
  /** Configures state storage on the stack (chosen by main.ts); default: local state. */
  readonly backend?: (stack: TerraformStack) => void;
}

/**
 * AxonFlow's CloudWatch layer for one environment. Takes validated config only: it reads no files,
 * environment variables, clock or randomness, so the same config always gives the same cdk.tf.json.
 */
export class EnvironmentStack extends TerraformStack {
  readonly env: EnvContext;

  constructor(scope: Construct, config: EnvironmentConfig, options: EnvironmentStackOptions = {}) {
    super(scope, config.name);
    const env = (this.env = envContext(config));
    options.backend?.(this);

    new AwsProvider(this, "aws", {
      region: config.region,
      // A production config can never be applied with credentials of another account.
      allowedAccountIds: [config.accountId],
      defaultTags: [{ tags: { ...config.tags, Environment: env.name, Application: APPLICATION, ManagedBy: "cdktf" } }],
    });

    // Logging layer: the /axonflow/<env>/<service> tree, its saved queries, metric filters and shipping policy.
    const { retentionDays, protect, kmsKeyArn } = config.logs;
    const logs = new ServiceLogGroups(this, "log-groups", { env, services: config.services, retentionDays, protect, kmsKeyArn });
    const queryParams = { latencyThresholdSeconds: config.alarms.highLatency.thresholdSeconds };
    new SavedQueries(this, "queries", {
      env,
      queries: QUERY_CATALOG,
      params: queryParams,
      logGroupNames: logs.names,
      dependsOn: logs.groups,
    });
    new LogMetricFilters(this, "log-metric-filters", { env, logGroups: logs.byService });
    const shipping = new LogShippingPolicy(this, "log-shipping", { env, logGroupNames: logs.names });
    new TerraformOutput(this, "log_group_names", { value: logs.names, staticId: true });
    new TerraformOutput(this, "log_shipping_policy_arn", { value: shipping.arn, staticId: true });

    const alerts = new AlertTopic(this, "alerts", { env, what: "alerts", emails: config.alerts.emails });
    const actions: AlarmActions = {
      alarmActions: [alerts.arn],
      okActions: [alerts.arn],
      actionsEnabled: config.alarms.actionsEnabled,
    };

    const lb = config.alb.arnSuffix;
    const { highErrorRate, highLatency } = config.alarms;
    if (highErrorRate.enabled) {
      new Alb5xxAlarm(this, "high-error-rate", { env, albArnSuffix: lb, actions, ...highErrorRate });
    }
    if (highLatency.enabled) {
      new AlbLatencyAlarm(this, "high-latency", { env, albArnSuffix: lb, actions, what: "high-latency", percentile: "p95", ...highLatency });
    }

    // Last: the dashboard lists every alarm created above, found by walking the construct tree.
    new AxonFlowDashboard(this, "dashboard", {
      env,
      albArnSuffix: lb,
      ecsClusterName: config.ecs.clusterName,
      services: Object.entries(config.services).map(([name, s]) => ({ name, logGroupName: env.naming.logGroup(name), ecsServiceName: s.ecsServiceName })),
      alarmNames: alarmNamesIn(this),
      runbookBaseUrl: config.runbookBaseUrl,
      queryParams,
    });
  }
}
