import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { AlarmActions } from "./alarms/alarm-actions";
import { Alb5xxAlarm } from "./alarms/alb-5xx-alarm";
import { AlbLatencyAlarm } from "./alarms/alb-latency-alarm";
import { AlertTopic } from "./alerting/alert-topic";
import type { EnvironmentConfig } from "./config/schema";
import { envContext, type EnvContext } from "./context";
import { AxonFlowDashboard } from "./dashboard/axonflow-dashboard";
import { EnvironmentLogGroup } from "./logging/log-groups";
import { APPLICATION } from "./naming";
import { applyGuardrails } from "./policy/guardrails";
import { alarmNamePattern } from "./alerting/alert-policies";

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

    const standardTags = { Environment: env.name, Application: APPLICATION, ManagedBy: "cdktf" };
    new AwsProvider(this, "aws", {
      region: config.region,
      // A production config can never be applied with credentials of another account.
      allowedAccountIds: [config.accountId],
      defaultTags: [{ tags: { ...config.tags, ...standardTags } }],
    });
    applyGuardrails(this, { defaultTags: standardTags, alarmNamePattern: alarmNamePattern(env) });

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
