import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import type { Metric, MetricUnit } from "../metrics/metric";
import { parseOrProblem, QUERY_ID, referencedIds, type MathNode } from "../metrics/metric-math";
import { type BasicStatistic, isPercentile } from "../metrics/statistic";
import type { AlarmActions } from "./alarm-actions";
import type { BandOperator, ThresholdOperator, TreatMissingData } from "./alarm-enums";
import { type AlarmBasics, checkAlarmBasics, describeWithRunbook } from "./alarm-invariants";

/** One metric fetched for the expression, e.g. `m1` = RequestCount Sum. */
export interface MathMetric {
  readonly id: string;
  readonly metric: Metric;
  /** A statistic or a percentile such as "p99". */
  readonly stat: BasicStatistic | `p${string}`;
}

/** A metric math expression over other ids, e.g. `e1` = `100 * (m2 + m3) / m1`. */
export interface MathExpression {
  readonly id: string;
  readonly expression: string;
  /** Shown in the console's alarm graph. */
  readonly label: string;
}

/** Compare the `alarmOn` series with a fixed number. */
export interface StaticCondition {
  readonly comparison: ThresholdOperator;
  readonly threshold: number;
}

/** Compare the `alarmOn` series with an ANOMALY_DETECTION_BAND expression (CloudWatch's `threshold_metric_id`). */
export interface BandCondition {
  readonly comparison: BandOperator;
  readonly bandId: string;
}

export interface MathAlarmProps extends AlarmBasics {
  /** At most 10: CloudWatch's limit of metrics per metric-math alarm. */
  readonly metrics: readonly MathMetric[];
  readonly expressions: readonly MathExpression[];
  /** The id (metric or expression) whose value is compared; the only series returned besides a band. */
  readonly alarmOn: string;
  readonly condition: StaticCondition | BandCondition;
  readonly treatMissingData: TreatMissingData;
  readonly actions: AlarmActions;
  readonly notifyOnOk?: boolean;
  /** The unit of the compared series (an expression has none of its own): the handoff document shows it. */
  readonly thresholdUnit?: MetricUnit;
}

/** CloudWatch's limit on metrics (not expressions) in one metric-math alarm. */
export const MAX_METRICS_PER_MATH_ALARM = 10;
// PutMetricAlarm, MetricDataQuery.Id: 1 to 255 characters.
const MAX_QUERY_ID = 255;

/**
 * The renderer of metric-math alarms (`metric_query` blocks), sibling of MetricAlarm: same invariants, same
 * `.spec` / `.alarmName` / `.resource`, plus the math rules (≤ 10 metrics, unique ids, expressions only
 * referencing known ids, exactly the compared series returned).
 */
export class MathAlarm extends Construct {
  readonly resource: CloudwatchMetricAlarm;
  readonly alarmName: string;
  readonly spec: MathAlarmProps;

  constructor(scope: Construct, id: string, props: MathAlarmProps) {
    super(scope, id);
    const problems = checkMathAlarm(props);
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join("; ")}`);

    this.alarmName = props.name;
    this.spec = props;
    const band = "bandId" in props.condition ? props.condition.bandId : undefined;
    const returned = new Set([props.alarmOn, ...(band ? [band] : [])]);
    this.resource = new CloudwatchMetricAlarm(this, "alarm", {
      alarmName: props.name,
      alarmDescription: describeWithRunbook(props),
      metricQuery: [
        ...props.expressions.map((e) => ({ id: e.id, expression: e.expression, label: e.label, returnData: returned.has(e.id) })),
        ...props.metrics.map((m) => ({
          id: m.id,
          returnData: returned.has(m.id),
          metric: {
            namespace: m.metric.namespace,
            metricName: m.metric.metricName,
            dimensions: { ...m.metric.dimensions },
            stat: m.stat,
            period: props.periodSeconds,
          },
        })),
      ],
      evaluationPeriods: props.evaluationPeriods,
      datapointsToAlarm: props.datapointsToAlarm ?? props.evaluationPeriods,
      comparisonOperator: props.condition.comparison,
      threshold: "threshold" in props.condition ? props.condition.threshold : undefined,
      thresholdMetricId: band,
      treatMissingData: props.treatMissingData,
      actionsEnabled: props.actions.actionsEnabled,
      alarmActions: [...props.actions.alarmActions],
      okActions: props.notifyOnOk ? [...props.actions.okActions] : [],
    });
  }
}

export function checkMathAlarm(p: MathAlarmProps): string[] {
  const problems = checkAlarmBasics(p);
  if (p.metrics.length < 1 || p.metrics.length > MAX_METRICS_PER_MATH_ALARM) {
    problems.push(`${p.metrics.length} metrics; allowed: 1 to ${MAX_METRICS_PER_MATH_ALARM} per metric-math alarm`);
  }
  const ids = [...p.metrics.map((m) => m.id), ...p.expressions.map((e) => e.id)];
  const known = new Set(ids);
  for (const id of ids)
    if (!QUERY_ID.test(id) || id.length > MAX_QUERY_ID)
      problems.push(`query id ${JSON.stringify(id)} must start with a lowercase letter, then letters, digits or _`);
  for (const id of known)
    if (ids.indexOf(id) !== ids.lastIndexOf(id)) problems.push(`query id ${JSON.stringify(id)} is used twice; rename one`);
  for (const m of p.metrics) {
    if (m.stat.startsWith("p") && !isPercentile(m.stat))
      problems.push(`metric ${m.id}: stat ${JSON.stringify(m.stat)} is not a percentile; allowed: p0..p100`);
  }
  const trees = new Map<string, MathNode>();
  for (const e of p.expressions) {
    const parsed = parseOrProblem(e.expression, `query ${e.id}`);
    if ("problem" in parsed) {
      problems.push(parsed.problem);
      continue;
    }
    trees.set(e.id, parsed.tree);
    for (const ref of referencedIds(parsed.tree)) {
      if (!known.has(ref) || ref === e.id)
        problems.push(
          `expression ${e.id} references ${JSON.stringify(ref)}; allowed: the other ids ${[...known].filter((k) => k !== e.id).join(", ")}`,
        );
    }
  }
  if (!known.has(p.alarmOn)) problems.push(`alarmOn ${JSON.stringify(p.alarmOn)} is not one of the ids ${ids.join(", ")}`);
  if ("bandId" in p.condition) {
    const band = trees.get(p.condition.bandId);
    if (band?.kind !== "call" || band.name !== "ANOMALY_DETECTION_BAND") {
      problems.push(`bandId ${JSON.stringify(p.condition.bandId)} must name an ANOMALY_DETECTION_BAND(...) expression`);
    }
  } else if (!Number.isFinite(p.condition.threshold)) {
    problems.push(`threshold ${p.condition.threshold} must be a finite number`);
  }
  return problems;
}
