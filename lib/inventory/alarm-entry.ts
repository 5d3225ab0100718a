import type { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import type { CloudwatchMetricAlarm, CloudwatchMetricAlarmMetricQuery } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { AlarmActions } from "../alarms/alarm-actions";
import { type BandOperator, THRESHOLD_SYMBOL } from "../alarms/alarm-enums";
import { MathAlarm } from "../alarms/math-alarm";
import { MetricAlarm } from "../alarms/metric-alarm";
import type { MetricUnit } from "../metrics/metric";
import { parseOrProblem, referencedIds } from "../metrics/metric-math";
import type { Literal } from "./literal";

/** How CloudWatch bills an alarm (https://aws.amazon.com/cloudwatch/pricing/, "Alarms"). */
export type AlarmBilling =
  | { readonly kind: "standard" | "high-resolution"; readonly alarmMetrics: number }
  /** An anomaly-detection alarm is billed as 3 alarm metrics per metric: the metric and the band's two bounds. */
  | { readonly kind: "anomaly-detection"; readonly alarmMetrics: number; readonly highResolution: boolean }
  | { readonly kind: "composite" };

/** One alarm as the handoff document and the outputs describe it, read from the resource that creates it. */
export interface AlarmEntry {
  readonly name: string;
  readonly type: "metric" | "composite";
  /** Plain words: statistic, metric, dimensions, period (or the composite rule). */
  readonly watches: string;
  /** Comparison and threshold with unit, e.g. "> 10 count" or "outside ANOMALY_DETECTION_BAND(m1, 2)". */
  readonly threshold: string;
  readonly severity: string;
  /**
   * Who hears it change to ALARM: the SNS topics of its alarm actions, or the composite alarm that notifies for it
   * (`routedVia`), or nobody (actions disabled).
   */
  readonly notifies: { readonly topics: readonly string[]; readonly via?: string; readonly actionsEnabled: boolean };
  readonly missingData: string;
  readonly runbook: string;
  readonly billing: AlarmBilling;
}

const UNIT_TEXT: Record<string, string> = {
  Count: "count",
  Seconds: "s",
  Milliseconds: "ms",
  Percent: "%",
  None: "",
};

const BAND_WORDS: Readonly<Record<BandOperator, string>> = {
  LessThanLowerOrGreaterThanUpperThreshold: "outside",
  GreaterThanUpperThreshold: "above the upper bound of",
  LessThanLowerThreshold: "below the lower bound of",
};
const COMPARISON: Readonly<Record<string, string>> = { ...THRESHOLD_SYMBOL, ...BAND_WORDS };

const RUNBOOK_IN_DESCRIPTION = /Runbook: (\S+)/;

/** The topic name an action (a topic ARN reference) points to. */
export type TopicOf = (arn: unknown) => string;

function notifiesOf(
  resource: CloudwatchMetricAlarm | CloudwatchCompositeAlarm,
  route: AlarmActions | undefined,
  topicOf: TopicOf,
): AlarmEntry["notifies"] {
  const actions = Array.isArray(resource.alarmActionsInput) ? resource.alarmActionsInput : [];
  return {
    topics: actions.map(topicOf).sort(),
    ...(route?.routedVia !== undefined && { via: route.routedVia }),
    actionsEnabled: resource.actionsEnabledInput !== false,
  };
}

export function metricAlarmEntry(resource: CloudwatchMetricAlarm, literal: Literal, topicOf: TopicOf): AlarmEntry {
  // MetricAlarm keeps what it was built from; alarms made with the provider class directly are read from their config.
  const spec = resource.node.scope instanceof MetricAlarm ? resource.node.scope.spec : undefined;
  // MetricAlarm and MathAlarm both keep the route they were given, which carries the severity.
  const route = (resource.node.scope as { spec?: { actions?: AlarmActions } } | undefined)?.spec?.actions;
  const queries = Array.isArray(resource.metricQueryInput) ? (resource.metricQueryInput as CloudwatchMetricAlarmMetricQuery[]) : [];
  const bandId = resource.thresholdMetricIdInput;
  const period = resource.periodInput ?? Math.min(...queries.map((q) => q.metric?.period ?? q.period ?? 60));
  const mathSpec = resource.node.scope instanceof MathAlarm ? resource.node.scope.spec : undefined;
  const unit = spec?.metric.unit ?? mathSpec?.thresholdUnit ?? (resource.unitInput as MetricUnit | undefined);
  const operator = COMPARISON[resource.comparisonOperatorInput ?? ""] ?? resource.comparisonOperatorInput ?? "?";

  let watches: string;
  let threshold: string;
  if (queries.length === 0) {
    const stat = resource.statisticInput ?? resource.extendedStatisticInput ?? "?";
    watches = `${stat} of ${metricText(resource.namespaceInput, resource.metricNameInput, resource.dimensionsInput, literal)} per ${periodText(period)}`;
    threshold = `${operator} ${resource.thresholdInput ?? "?"}${unitSuffix(unit)}`;
  } else {
    const byId = new Map(queries.map((q) => [q.id, q]));
    const shown = queries.filter((q) => q.id !== bandId && (q.returnData === true || queries.length === 1));
    watches = (shown.length > 0 ? shown : queries.filter((q) => q.id !== bandId)).map((q) => queryText(q, byId, literal)).join("; ");
    threshold =
      bandId !== undefined
        ? `${operator} ${byId.get(bandId)?.expression ?? bandId}`
        : `${operator} ${resource.thresholdInput ?? "?"}${unitSuffix(unit)}`;
  }
  const evaluation = resource.evaluationPeriodsInput;
  if (evaluation !== undefined) watches += `, ${resource.datapointsToAlarmInput ?? evaluation} of ${evaluation} periods`;

  const metricsRead = queries.length === 0 ? 1 : queries.filter((q) => q.metric !== undefined).length;
  const highResolution = period < 60;
  const billing: AlarmBilling =
    bandId !== undefined
      ? { kind: "anomaly-detection", alarmMetrics: 3 * metricsRead, highResolution }
      : { kind: highResolution ? "high-resolution" : "standard", alarmMetrics: metricsRead };

  return {
    name: literal(resource.alarmNameInput),
    type: "metric",
    watches,
    threshold,
    severity: route?.severity ?? resource.tagsInput?.Severity ?? "not set",
    notifies: notifiesOf(resource, route, topicOf),
    // CloudWatch's default when treat_missing_data is unset is "missing".
    missingData: resource.treatMissingDataInput ?? "missing",
    runbook: spec?.runbookUrl ?? RUNBOOK_IN_DESCRIPTION.exec(resource.alarmDescriptionInput ?? "")?.[1] ?? "none",
    billing,
  };
}

export function compositeAlarmEntry(resource: CloudwatchCompositeAlarm, literal: Literal, topicOf: TopicOf): AlarmEntry {
  const route = (resource.node.scope as { spec?: { actions?: AlarmActions } } | undefined)?.spec?.actions;
  return {
    name: literal(resource.alarmNameInput),
    type: "composite",
    watches: `rule ${literal(resource.alarmRuleInput)}`,
    threshold: "rule is true",
    severity: route?.severity ?? resource.tagsInput?.Severity ?? "not set",
    notifies: notifiesOf(resource, route, topicOf),
    // A composite alarm's state comes from its children's states; it has no missing-data rule of its own.
    missingData: "n/a (follows its children)",
    runbook: RUNBOOK_IN_DESCRIPTION.exec(resource.alarmDescriptionInput ?? "")?.[1] ?? "none",
    billing: { kind: "composite" },
  };
}

function queryText(
  q: CloudwatchMetricAlarmMetricQuery,
  byId: Map<string | undefined, CloudwatchMetricAlarmMetricQuery>,
  literal: Literal,
): string {
  if (q.metric)
    return (
      `${q.id} = ${q.metric.stat} of ` +
      `${metricText(q.metric.namespace, q.metric.metricName, q.metric.dimensions, literal)} ` +
      `per ${periodText(q.metric.period)}`
    );
  const parsed = parseOrProblem(q.expression ?? "", `metric_query ${q.id}`);
  // An expression that does not parse (only a provider-built alarm can have one) is shown without its inputs.
  const reads = new Set("tree" in parsed ? referencedIds(parsed.tree) : []);
  const inputs = [...byId.values()].filter((other) => other.metric && other.id !== undefined && reads.has(other.id));
  const where = inputs.map((i) => queryText(i, byId, literal)).join(", ");
  return `${q.id} = ${q.expression}${where ? ` where ${where}` : ""}`;
}

function metricText(
  namespace: string | undefined,
  name: string | undefined,
  dimensions: Record<string, string> | undefined,
  literal: Literal,
): string {
  const dims = Object.entries(dimensions ?? {}).map(([k, v]) => `${k}=${literal(v)}`);
  return `${namespace ?? "?"} ${name ?? "?"}${dims.length ? ` (${dims.join(", ")})` : ""}`;
}

const periodText = (s: number) => (s % 60 === 0 ? `${s / 60} min` : `${s} s`);
const unitSuffix = (unit: string | undefined) => {
  const text = unit === undefined ? "" : (UNIT_TEXT[unit] ?? unit);
  return text === "" ? "" : text === "%" ? "%" : ` ${text}`;
};
