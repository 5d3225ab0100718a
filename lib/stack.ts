import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import { applyBackend, localBackend, type BackendChoice } from "./backend";
import type { Construct } from "constructs";
import type { AlarmActions } from "./alarms/alarm-actions";
import { Alb5xxAlarm } from "./alarms/alb-5xx-alarm";
import { AlbLatencyAlarm } from "./alarms/alb-latency-alarm";
import { AlertTopic } from "./alerting/alert-topic";
import type { EnvironmentConfig } from "./config/schema";
import { envContext, type EnvContext } from "./context";
import { AxonFlowDashboard } from "./dashboard/axonflow-dashboard";
import { HandoffDocument } from "./handoff/handoff-document";
import { EnvironmentLogGroup } from "./logging/log-groups";
import { APPLICATION } from "./naming";
import { StackOutputs } from "./outputs/stack-outputs";

export interface EnvironmentStackOptions {
  /** State storage (chosen by main.ts from environment variables); default: local state. */
  readonly backend?: BackendChoice;
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
    applyBackend(this, options.backend ?? localBackend, {
      name: env.name,
      region: config.region,
      workspace: config.terraformCloud.workspace ?? env.naming.terraformWorkspace,
    });
    // Both read the finished construct tree at synth, so constructs added below (or by anyone) are included.
    new StackOutputs(this, "outputs", { env });
    new HandoffDocument(this, "handoff", { env });

    new AwsProvider(this, "aws", {
      region: config.region,
      // A production config can never be applied with credentials of another account.
      allowedAccountIds: [config.accountId],
      defaultTags: [{ tags: { ...config.tags, Environment: env.name, Application: APPLICATION, ManagedBy: "cdktf" } }],
    });

    new EnvironmentLogGroup(this, "log-group", { env, retentionDays: config.logs.retentionDays });

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

    new AxonFlowDashboard(this, "dashboard", { env, albArnSuffix: lb });
  }
}
