import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { CloudwatchQueryDefinition } from "@cdktf/provider-aws/lib/cloudwatch-query-definition";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import type { UnansweredQuery } from "../logging/queries/query-plan";
import { SavedQueries } from "../logging/saved-queries";
import { PrometheusBridge } from "../prometheus/prometheus-bridge";
import { compositeAlarmEntry, metricAlarmEntry, type AlarmEntry } from "./alarm-entry";
import { literalFor, terraformExpression } from "./literal";

export interface LogGroupEntry {
  readonly name: string;
  /** undefined: the group never expires events. */
  readonly retentionDays?: number;
  /** What keeps the group's events from a `terraform destroy` or a rename. */
  readonly protection: readonly string[];
  readonly kmsKey?: string;
}

export interface QueryEntry {
  readonly name: string;
  readonly logGroups: readonly string[];
}

export interface MetricFilterEntry {
  readonly name: string;
  readonly logGroup: string;
  readonly pattern: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: readonly string[];
  readonly defaultValue?: string;
}

export interface TopicEntry {
  readonly name: string;
  /** A Terraform reference (known after apply). */
  readonly arn: string;
  /** Who receives its notifications, sorted. */
  readonly subscribers: readonly SubscriberEntry[];
}

export interface SubscriberEntry {
  readonly protocol: string;
  /** The address, or the Terraform variable that holds a secret one (`var.paging_endpoint`). */
  readonly endpoint: string;
  /** E-mail subscriptions deliver nothing until someone confirms them from the mailbox. */
  readonly needsConfirmation: boolean;
}

/** Everything of CloudWatch (and its alert topics) that a stack creates, read from the resources themselves. */
export interface StackInventory {
  readonly alarms: readonly AlarmEntry[];
  readonly logGroups: readonly LogGroupEntry[];
  readonly queries: readonly QueryEntry[];
  /** Saved queries left out for services whose log format cannot answer them. */
  readonly queriesLeftOut: readonly UnansweredQuery[];
  readonly metricFilters: readonly MetricFilterEntry[];
  readonly dashboards: readonly string[];
  readonly topics: readonly TopicEntry[];
  /** The Prometheus bridge, where the environment mirrors series (its `prometheus` section). */
  readonly prometheusBridge?: PrometheusBridgeEntry;
}

export type PrometheusBridgeEntry = Pick<
  PrometheusBridge,
  "namespace" | "logGroupName" | "image" | "series" | "sidecarServices" | "policyNames"
>;

/**
 * Walks the construct tree by resource type, so alarms, log groups and queries added by any construct appear
 * without registering anywhere. Call it once every construct exists (at synth, or lazily): the outputs and
 * the handoff document both do. Every list is sorted by name, so the result is deterministic.
 */
// The outputs and the handoff document each ask at synth: one walk serves all (again if constructs were added).
const inventories = new WeakMap<IConstruct, { readonly constructs: number; readonly inventory: StackInventory }>();

export function inventoryOf(scope: IConstruct): StackInventory {
  const constructs = scope.node.findAll().length;
  const known = inventories.get(scope);
  if (known?.constructs === constructs) return known.inventory;
  const inventory = takeInventory(scope);
  inventories.set(scope, { constructs, inventory });
  return inventory;
}

function takeInventory(scope: IConstruct): StackInventory {
  const stack = TerraformStack.of(scope);
  const nodes = scope.node.findAll();
  const of = <T>(type: abstract new (...args: never[]) => T) => nodes.filter((n): n is IConstruct & T => n instanceof type);

  const logGroupResources = of(CloudwatchLogGroup);
  // `${aws_cloudwatch_log_group.<address>.name}` → the configured name, for filters and queries that reference a group.
  const references = new Map<string, string>();
  for (const lg of logGroupResources) {
    if (lg.nameInput !== undefined) references.set(terraformExpression(stack, lg.name) as string, lg.nameInput);
  }
  const literal = literalFor(stack, references);

  // `${aws_sns_topic.<address>.arn}` → the topic's name: alarm actions and subscriptions reference topics so.
  const topicResources = of(SnsTopic);
  const topicNames = new Map(
    topicResources.map((t) => [terraformExpression(stack, t.arn) as string, literal(t.nameInput ?? t.namePrefixInput)]),
  );
  const topicOf = (arn: unknown) => topicNames.get(terraformExpression(stack, arn) as string) ?? literal(arn);
  const alarms = [
    ...of(CloudwatchMetricAlarm).map((r) => metricAlarmEntry(r, literal, topicOf)),
    ...of(CloudwatchCompositeAlarm).map((r) => compositeAlarmEntry(r, literal, topicOf)),
  ];
  const subscriptions = of(SnsTopicSubscription).map((sub) => ({
    topic: topicOf(sub.topicArnInput),
    protocol: literal(sub.protocolInput),
    endpoint: literal(sub.endpointInput).replace(/^\$\{(var\.[\w-]+)\}$/, "$1"),
    needsConfirmation: literal(sub.protocolInput) === "email" || literal(sub.protocolInput) === "email-json",
  }));

  const logGroups = logGroupResources.map((lg): LogGroupEntry => {
    const protection = [
      ...(lg.lifecycle?.preventDestroy ? ["prevent_destroy"] : []),
      ...(lg.skipDestroyInput === true ? ["skip_destroy"] : []),
    ];
    return {
      name: literal(lg.nameInput ?? lg.namePrefixInput),
      ...(lg.retentionInDaysInput !== undefined && lg.retentionInDaysInput !== 0 && { retentionDays: lg.retentionInDaysInput }),
      protection,
      ...(lg.kmsKeyIdInput !== undefined && { kmsKey: literal(lg.kmsKeyIdInput) }),
    };
  });

  const queries = of(CloudwatchQueryDefinition).map(
    (q): QueryEntry => ({
      name: literal(q.nameInput),
      logGroups: listOf(q.logGroupNamesInput, literal),
    }),
  );

  const metricFilters = of(CloudwatchLogMetricFilter).map((f): MetricFilterEntry => {
    const t = f.metricTransformationInput;
    return {
      name: literal(f.nameInput),
      logGroup: literal(f.logGroupNameInput),
      pattern: literal(f.patternInput),
      namespace: literal(t?.namespace),
      metricName: literal(t?.name),
      dimensions: Object.keys(t?.dimensions ?? {}).sort(),
      ...(t?.defaultValue !== undefined && { defaultValue: literal(t.defaultValue) }),
    };
  });

  return {
    alarms: byName(alarms),
    logGroups: byName(logGroups),
    queries: byName(queries),
    queriesLeftOut: of(SavedQueries).flatMap((q) => q.unanswered),
    metricFilters: byName(metricFilters),
    dashboards: of(CloudwatchDashboard)
      .map((d) => literal(d.dashboardNameInput))
      .sort(),
    topics: byName(
      topicResources.map((t) => {
        const name = literal(t.nameInput ?? t.namePrefixInput);
        const subscribers = subscriptions
          .filter((sub) => sub.topic === name)
          .map(({ protocol, endpoint, needsConfirmation }) => ({ protocol, endpoint, needsConfirmation }))
          .sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0));
        return { name, arn: t.arn, subscribers };
      }),
    ),
    ...bridgeEntry(of(PrometheusBridge)[0]),
  };
}

function bridgeEntry(bridge: PrometheusBridge | undefined): { prometheusBridge?: PrometheusBridgeEntry } {
  if (bridge === undefined) return {};
  const { namespace, logGroupName, image, series, sidecarServices, policyNames } = bridge;
  return { prometheusBridge: { namespace, logGroupName, image, series, sidecarServices, policyNames } };
}

function listOf(value: unknown, literal: (v: unknown) => string): string[] {
  return Array.isArray(value) ? value.map(literal) : value === undefined ? [] : [literal(value)];
}

const byName = <T extends { readonly name: string }>(items: T[]): T[] =>
  [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
