/**
 * The `--metric-data-queries` of `aws cloudwatch get-metric-data` that fetch every metric a stack's alarms read,
 * each with the alarm's own statistic and period, plus SampleCount where a percentile is read (for the low-sample
 * rule). Ids are derived from what they fetch (metric, statistic, period), so the same stack always gives the same
 * ids and an export stays readable after alarms are added or removed.
 *
 *   aws cloudwatch get-metric-data --start-time … --end-time … \
 *     --metric-data-queries file://queries.json > export.json
 */
import { metricKey, type MetricId } from "../metric-data";
import { alarmMetricStats, type MetricStat, type StackAlarms } from "../engine/alarm-definitions";
import { engineStatistic } from "../engine/statistics";

/** One entry of GetMetricData's MetricDataQueries, as the CLI takes it in JSON. */
export interface MetricDataQuery {
  readonly Id: string;
  readonly MetricStat: {
    readonly Metric: {
      readonly Namespace: string;
      readonly MetricName: string;
      readonly Dimensions: readonly { readonly Name: string; readonly Value: string }[];
    };
    readonly Period: number;
    readonly Stat: string;
  };
  readonly ReturnData: true;
}

/** The series key a query fetches: the same metric, statistic and period give the same key. */
export function metricStatKey(metric: MetricId, stat: string, periodSeconds: number): string {
  return `${metricKey(metric)}|${stat}|${periodSeconds}`;
}

/** `alarms`: the stack's, as `readStack` reads them. */
export function metricDataQueries(alarms: StackAlarms): MetricDataQuery[] {
  const wanted = new Map<string, MetricStat>();
  const add = (m: MetricStat) => wanted.set(metricStatKey(m.metric, m.stat, m.periodSeconds), m);
  for (const alarm of alarms.metricAlarms) {
    for (const m of alarmMetricStats(alarm)) {
      add(m);
      if (engineStatistic(m.stat)?.kind === "percentile") add({ ...m, stat: "SampleCount" });
    }
  }
  const ids = new Map<string, string>();
  return [...wanted.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, m]) => {
      const id = queryId(key, m);
      const clash = ids.get(id);
      if (clash !== undefined) throw new Error(`metricDataQueries: ${key} and ${clash} have the same id ${id}`);
      ids.set(id, key);
      return {
        Id: id,
        MetricStat: {
          Metric: {
            Namespace: m.metric.namespace,
            MetricName: m.metric.metricName,
            Dimensions: Object.keys(m.metric.dimensions)
              .sort()
              .map((name) => ({ Name: name, Value: m.metric.dimensions[name]! })),
          },
          Period: m.periodSeconds,
          Stat: m.stat,
        },
        ReturnData: true,
      };
    });
}

/** A GetMetricData id: a lowercase start, then [a-zA-Z0-9_]; readable, with a hash of the whole key. */
function queryId(key: string, m: MetricStat): string {
  const slug = (text: string) => text.replace(/[^a-zA-Z0-9]+/g, "_").replace(/^_|_$/g, "");
  return `m_${slug(m.metric.metricName)}_${slug(m.stat)}_${m.periodSeconds}_${fnv1a(key)}`;
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}
