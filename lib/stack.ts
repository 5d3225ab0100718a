import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformElement, TerraformOutput, TerraformStack } from "cdktf";
import { deepMerge } from "cdktf/lib/util";
import type { Construct, IConstruct } from "constructs";
import { applyBackend, localBackend, type BackendChoice } from "./backend";
import type { AlarmActions } from "./alarms/alarm-actions";
import { Alb5xxAlarm } from "./alarms/alb-5xx-alarm";
import { AlbLatencyAlarm } from "./alarms/alb-latency-alarm";
import { AlarmRoutes } from "./alarms/alarm-routes";
import { EcsRestartAlarm } from "./alarms/ecs-restart-alarm";
import { ErrorRateAlarm } from "./alarms/error-rate-alarm";
import { LogSilenceAlarm } from "./alarms/log-silence-alarm";
import { PageCompositeAlarm } from "./alarms/page-composite-alarm";
import { RequestAnomalyAlarm } from "./alarms/request-anomaly-alarm";
import { AlertTopic } from "./alerting/alert-topic";
import { PagingEndpoint } from "./alerting/paging-endpoint";
import type { EnvironmentConfig } from "./config/schema";
import { envContext, type EnvContext } from "./context";
import { alarmNamesIn } from "./dashboard/alarm-names";
import { AxonFlowDashboard } from "./dashboard/axonflow-dashboard";
import { HandoffDocument } from "./handoff/handoff-document";
import { ServiceLogGroups } from "./logging/log-groups";
import { LogMetricFilters } from "./logging/log-metric-filters";
import { QUERY_CATALOG } from "./logging/queries/catalog";
import { SavedQueries } from "./logging/saved-queries";
import { APPLICATION } from "./naming";
import { LogShippingPolicy } from "./policy/log-shipping-policy";
import { StackOutputs } from "./outputs/stack-outputs";
import { resolveTokens } from "./token-resolution";
import { applyGuardrails } from "./policy/guardrails";
import { alarmNamePattern } from "./alerting/alert-policies";

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
  private checked?: { readonly constructs: number; readonly json: { [key: string]: unknown } };

  /**
   * Resolving every token is most of what synthesis costs. The guard rails (a validation) read the stack's
   * output through this, and the write that follows in the same synthesis takes that result instead of
   * resolving again — once: any later call resolves afresh, so an override added after a synth is seen.
   */
  synthesizeForChecks(): { [key: string]: unknown } {
    this.checked = { constructs: this.node.findAll().length, json: this.resolveDocument() };
    return this.checked.json;
  }

  /**
   * cdktf's own prepareStack resolves every token of the stack once more before synthesis, and that pass does
   * one thing: register cross-stack references. An environment's stack never references another stack (it is
   * built from its own config alone), so here the pass would change nothing while costing a quarter of the
   * synthesis. `__tests__/synthesis-shortcuts.test.ts` synthesizes with cdktf's pass and without, and compares;
   * should a stack ever reference another's resource, the guard rail `references-stay-in-stack` fails synthesis.
   */
  override prepareStack(): void {
    this.ensureBackendExists();
  }

  override toTerraform(): { [key: string]: unknown } {
    const checked = this.checked;
    this.checked = undefined;
    if (checked && checked.constructs === this.node.findAll().length) return checked.json;
    return this.resolveDocument();
  }

  /**
   * TerraformStack.toTerraform (cdktf 0.21.0, archived: it will not change) resolves each element, merges them,
   * then resolves the merged document once more: a walk of every value that only matters for stack-level
   * overrides (`stack.addOverride`), which are merged unresolved. Same steps here, and that last walk only
   * when there are such overrides: ~12 % of a synth. `__tests__/synthesis-shortcuts.test.ts` compares the two.
   * Each resolution goes through resolveTokens, which leaves cdktf's resolver only the parts with tokens.
   */
  private resolveDocument(): { [key: string]: unknown } {
    const { rawOverrides, cdktfVersion } = this as unknown as { rawOverrides: Record<string, unknown>; cdktfVersion: string };
    const overridden = Object.keys(rawOverrides);
    const elements: TerraformElement[] = [];
    const collect = (c: IConstruct): void => {
      if (TerraformElement.isTerraformElement(c)) elements.push(c);
      for (const child of c.node.children) if (!TerraformStack.isStack(child)) collect(child);
    };
    collect(this);
    const metadata = {
      version: cdktfVersion,
      stackName: this.node.id,
      backend: "local",
      cloud: undefined,
      ...(overridden.length > 0 ? { overrides: { stack: overridden } } : {}),
    };
    for (const e of elements) deepMerge(metadata, resolveTokens(this, e.toMetadata()));
    const outputs = {};
    for (const e of elements) {
      if (!TerraformOutput.isTerraformOutput(e)) continue;
      const nested = (inner: Record<string, unknown>, part: string) => ({ [part]: Object.keys(inner).length === 0 ? e.friendlyUniqueId : inner });
      deepMerge(outputs, e.node.path.split("/").reduceRight(nested, {}));
    }
    const tf: { [key: string]: unknown } = { "//": { metadata, outputs } };
    for (const e of elements) deepMerge(tf, resolveTokens(this, e.toTerraform()));
    if (overridden.length === 0) return tf;
    deepMerge(tf, rawOverrides);
    return resolveTokens(this, tf) as { [key: string]: unknown };
  }

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

    const standardTags = { Environment: env.name, Application: APPLICATION, ManagedBy: "cdktf" };
    new AwsProvider(this, "aws", {
      region: config.region,
      // A production config can never be applied with credentials of another account.
      allowedAccountIds: [config.accountId],
      defaultTags: [{ tags: { ...config.tags, ...standardTags } }],
    });
    applyGuardrails(this, { defaultTags: standardTags, alarmNamePattern: alarmNamePattern(env) });

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
    // The alarm catalog. Severity decides the route: ticket alarms notify the alerts topic, page alarms feed
    // the one composite alarm that notifies the paging topic. Ids are role-based (and keyed by service).
    const routes = new AlarmRoutes(env, actions);
    const a = config.alarms;
    if (a.highErrorRate.enabled) {
      routes.add(a.highErrorRate.severity, (actions) => new Alb5xxAlarm(this, "high-error-rate", { env, source: "target", albArnSuffix: lb, ...a.highErrorRate, actions }));
    }
    if (a.elb5xx.enabled) {
      routes.add(a.elb5xx.severity, (actions) => new Alb5xxAlarm(this, "elb-5xx", { env, source: "elb", albArnSuffix: lb, ...a.elb5xx, actions }));
    }
    if (a.errorRate.enabled) {
      routes.add(a.errorRate.severity, (actions) => new ErrorRateAlarm(this, "error-rate-percent", { env, albArnSuffix: lb, ...a.errorRate, actions }));
    }
    if (a.highLatency.enabled) {
      routes.add(a.highLatency.severity, (actions) =>
        new AlbLatencyAlarm(this, "high-latency", { env, albArnSuffix: lb, what: "high-latency", percentile: "p95", ...a.highLatency, actions }),
      );
    }
    if (a.highLatencyP99.enabled) {
      routes.add(a.highLatencyP99.severity, (actions) =>
        new AlbLatencyAlarm(this, "high-latency-p99", { env, albArnSuffix: lb, what: "high-latency-p99", percentile: "p99", ...a.highLatencyP99, actions }),
      );
    }
    if (a.requestAnomaly.enabled) {
      routes.add(a.requestAnomaly.severity, (actions) => new RequestAnomalyAlarm(this, "request-anomaly", { env, albArnSuffix: lb, ...a.requestAnomaly, actions }));
    }
    for (const [service, s] of Object.entries(config.services)) {
      if (a.logSilence.enabled) {
        const logGroupName = env.naming.logGroup(service);
        routes.add(a.logSilence.severity, (actions) => new LogSilenceAlarm(this, `log-silence-${service}`, { env, service, logGroupName, ...a.logSilence, actions }));
      }
      if (a.ecsRestarts.enabled && s.ecsServiceName !== undefined) {
        const ecs = { clusterName: config.ecs.clusterName, ecsServiceName: s.ecsServiceName };
        routes.add(a.ecsRestarts.severity, (actions) => new EcsRestartAlarm(this, `ecs-restarts-${service}`, { env, service, ...ecs, ...a.ecsRestarts, actions }));
      }
    }
    if (routes.paged.length > 0) {
      const pages = new AlertTopic(this, "pages", { env, what: "pages", emails: config.paging.emails });
      const paging: AlarmActions = { alarmActions: [pages.arn], okActions: [pages.arn], actionsEnabled: config.alarms.actionsEnabled };
      new PageCompositeAlarm(this, "page", { env, name: routes.pageAlarmName, children: routes.paged, actions: paging });
      if (config.paging.endpointVariable) new PagingEndpoint(this, "paging-endpoint", { topicArn: pages.arn });
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
