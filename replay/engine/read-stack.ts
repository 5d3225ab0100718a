/**
 * The alarms of a synthesized stack (the parsed cdk.tf.json), as typed definitions. Defaults are the provider's and
 * PutMetricAlarm's: datapoints_to_alarm = evaluation_periods, treat_missing_data "missing",
 * evaluate_low_sample_count_percentiles "evaluate", actions_enabled true.
 */
import { COMPARISON_OPERATORS, isBandOperator, LOW_SAMPLE_COUNT_PERCENTILES, TREAT_MISSING_DATA } from "../../lib/alarms/alarm-enums";
import { QUERY_ID } from "../../lib/metrics/metric-math";
import { BASIC_STATISTICS } from "../../lib/metrics/statistic";
import type {
  AlarmInput,
  CompositeAlarmDefinition,
  MetricAlarmDefinition,
  MetricQueryDefinition,
  MetricStat,
  StackAlarms,
} from "./alarm-definitions";
import { isJsonObject, type JsonObject } from "../json-object";
import { resolveAction, ResourceAttributes } from "./stack-attributes";
import { engineStatistic } from "./statistics";

/** Attributes that document or order a resource but do not change how it is evaluated. */
const IRRELEVANT = ["//", "alarm_description", "tags", "tags_all", "depends_on", "provider", "lifecycle"];

function resources(stack: unknown, type: string): JsonObject {
  if (!isJsonObject(stack)) throw new Error("readStack: the stack is not a JSON object (expected the parsed cdk.tf.json)");
  const all = stack.resource;
  if (all === undefined) return {};
  if (!isJsonObject(all)) throw new Error("readStack: `resource` is not an object");
  const ofType = all[type];
  if (ofType === undefined) return {};
  if (!isJsonObject(ofType)) throw new Error(`readStack: resource.${type} is not an object`);
  return ofType;
}

export function readStack(stack: unknown): StackAlarms {
  const topics = resources(stack, "aws_sns_topic");
  const metricAlarms = Object.entries(resources(stack, "aws_cloudwatch_metric_alarm")).map(([id, body]) =>
    readMetricAlarm(`aws_cloudwatch_metric_alarm.${id}`, body, topics),
  );
  const compositeAlarms = Object.entries(resources(stack, "aws_cloudwatch_composite_alarm")).map(([id, body]) =>
    readCompositeAlarm(`aws_cloudwatch_composite_alarm.${id}`, body, topics),
  );
  const names = new Set<string>();
  for (const alarm of [...metricAlarms, ...compositeAlarms]) {
    if (names.has(alarm.name)) throw new Error(`readStack: two alarms are named ${alarm.name}`);
    names.add(alarm.name);
  }
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return { metricAlarms: metricAlarms.sort(byName), compositeAlarms: compositeAlarms.sort(byName) };
}

function attributesOf(address: string, body: unknown): ResourceAttributes {
  if (!isJsonObject(body)) throw new Error(`${address}: not an object`);
  const name = body.alarm_name;
  return new ResourceAttributes(typeof name === "string" && !name.includes("${") ? `alarm ${name}` : address, body);
}

function readActions(a: ResourceAttributes, topics: JsonObject) {
  const list = (attribute: string) => a.stringList(attribute).map((action) => resolveAction(a, attribute, action, topics));
  return {
    actionsEnabled: a.boolean("actions_enabled", true),
    alarmActions: list("alarm_actions"),
    okActions: list("ok_actions"),
    insufficientDataActions: list("insufficient_data_actions"),
  };
}

function readMetricAlarm(address: string, body: unknown, topics: JsonObject): MetricAlarmDefinition {
  const a = attributesOf(address, body);
  const name = a.requiredString("alarm_name");
  const comparisonOperator = a.oneOf("comparison_operator", COMPARISON_OPERATORS);
  const input = a.has("metric_query") ? readMathInput(a) : readPlainInput(a);
  const periodSeconds = alarmPeriod(a, input);
  const evaluationPeriods = a.positiveInteger("evaluation_periods");
  if (evaluationPeriods === undefined) throw a.error("evaluation_periods", "missing");
  const datapointsToAlarm = a.positiveInteger("datapoints_to_alarm") ?? evaluationPeriods;
  if (datapointsToAlarm > evaluationPeriods)
    throw a.error("datapoints_to_alarm", `${datapointsToAlarm} exceeds evaluation_periods ${evaluationPeriods}`);
  const threshold = a.number("threshold");
  const thresholdMetricId = a.string("threshold_metric_id");
  if (isBandOperator(comparisonOperator)) {
    if (thresholdMetricId === undefined) throw a.error("threshold_metric_id", `required with ${comparisonOperator}`);
    if (threshold !== undefined) throw a.error("threshold", `not used with ${comparisonOperator}`);
    if (input.kind !== "math" || !input.queries.some((q) => q.id === thresholdMetricId && q.expression !== undefined)) {
      throw a.error("threshold_metric_id", `${thresholdMetricId} is not a metric_query expression of the alarm`);
    }
  } else {
    if (threshold === undefined) throw a.error("threshold", `required with ${comparisonOperator}`);
    if (thresholdMetricId !== undefined) throw a.error("threshold_metric_id", `only used with the anomaly band operators`);
  }
  const definition: MetricAlarmDefinition = {
    kind: "metric",
    name,
    address,
    input,
    periodSeconds,
    evaluationPeriods,
    datapointsToAlarm,
    comparisonOperator,
    ...(threshold !== undefined ? { threshold } : {}),
    ...(thresholdMetricId !== undefined ? { thresholdMetricId } : {}),
    treatMissingData: a.oneOf("treat_missing_data", TREAT_MISSING_DATA, "missing"),
    evaluateLowSampleCountPercentiles: a.oneOf("evaluate_low_sample_count_percentiles", LOW_SAMPLE_COUNT_PERCENTILES, "evaluate"),
    ...readActions(a, topics),
  };
  a.rejectUnread(IRRELEVANT);
  return definition;
}

function readPeriod(a: ResourceAttributes, attribute: string): number | undefined {
  const period = a.positiveInteger(attribute);
  // "Alarm evaluation window": the engine models standard resolution, evaluated every minute.
  if (period !== undefined && period % 60 !== 0)
    throw a.error(attribute, `${period} s: only multiples of 60 s are supported (no high-resolution alarms)`);
  return period;
}

function readPlainInput(a: ResourceAttributes): AlarmInput {
  const periodSeconds = readPeriod(a, "period");
  if (periodSeconds === undefined) throw a.error("period", "missing");
  const statistic = a.string("statistic");
  const extended = a.string("extended_statistic");
  if ((statistic === undefined) === (extended === undefined))
    throw a.error("statistic", "exactly one of statistic and extended_statistic is required");
  if (statistic !== undefined) a.oneOf("statistic", BASIC_STATISTICS);
  if (extended !== undefined && engineStatistic(extended)?.kind !== "percentile") {
    throw a.error("extended_statistic", `unsupported value ${JSON.stringify(extended)} (only percentiles pNN or pNN.NN)`);
  }
  const metricStat: MetricStat = {
    metric: {
      namespace: a.requiredString("namespace"),
      metricName: a.requiredString("metric_name"),
      dimensions: a.stringMap("dimensions"),
    },
    stat: (statistic ?? extended)!,
    periodSeconds,
  };
  return { kind: "metric", metricStat };
}

function readMathInput(a: ResourceAttributes): AlarmInput {
  for (const plain of ["namespace", "metric_name", "period", "statistic", "extended_statistic", "dimensions"]) {
    if (a.has(plain)) throw a.error(plain, "not allowed together with metric_query");
  }
  const queries = a.objectList("metric_query").map((body, index): MetricQueryDefinition => {
    const q = a.nested(`metric_query[${index}]`, body);
    const id = q.requiredString("id");
    if (!QUERY_ID.test(id))
      throw q.error("id", `${JSON.stringify(id)} must start with a lowercase letter and hold only letters, digits and _`);
    const expression = q.string("expression");
    const metrics = q.objectList("metric");
    if ((expression === undefined) === (metrics.length === 0) || metrics.length > 1) {
      throw q.error("metric", `query ${id} needs exactly one of expression and metric`);
    }
    const query = {
      id,
      returnData: q.boolean("return_data", false),
      ...(q.has("label") ? { label: q.requiredString("label") } : {}),
      ...(expression !== undefined ? { expression } : { metricStat: readQueryMetric(q, id, metrics[0]!) }),
    };
    if (expression !== undefined) readPeriod(q, "period");
    q.rejectUnread([]);
    return query;
  });
  const ids = new Set<string>();
  for (const query of queries) {
    if (ids.has(query.id)) throw a.error("metric_query", `two queries have the id ${query.id}`);
    ids.add(query.id);
  }
  if (queries.length === 0) throw a.error("metric_query", "empty");
  return { kind: "math", queries };
}

function readQueryMetric(q: ResourceAttributes, id: string, body: JsonObject): MetricStat {
  const m = q.nested(`metric of query ${id}`, body);
  const stat = m.requiredString("stat");
  if (!engineStatistic(stat)) throw m.error("stat", `unsupported statistic ${JSON.stringify(stat)}`);
  const periodSeconds = readPeriod(m, "period");
  if (periodSeconds === undefined) throw m.error("period", "missing");
  const metricStat: MetricStat = {
    metric: {
      namespace: m.requiredString("namespace"),
      metricName: m.requiredString("metric_name"),
      dimensions: m.stringMap("dimensions"),
    },
    stat,
    periodSeconds,
  };
  m.rejectUnread([]);
  return metricStat;
}

/** One period per alarm: metric math over metrics of different periods is not modeled. */
function alarmPeriod(a: ResourceAttributes, input: AlarmInput): number {
  if (input.kind === "metric") return input.metricStat.periodSeconds;
  const periods = new Set(input.queries.flatMap((q) => (q.metricStat ? [q.metricStat.periodSeconds] : [])));
  if (periods.size !== 1) throw a.error("metric_query", `the metrics must share one period (found ${[...periods].join(", ") || "none"})`);
  return [...periods][0]!;
}

function readCompositeAlarm(address: string, body: unknown, topics: JsonObject): CompositeAlarmDefinition {
  const a = attributesOf(address, body);
  const definition: CompositeAlarmDefinition = {
    kind: "composite",
    name: a.requiredString("alarm_name"),
    address,
    alarmRule: a.requiredString("alarm_rule"),
    ...readActions(a, topics),
  };
  a.rejectUnread(IRRELEVANT);
  return definition;
}
