/**
 * How long a replay takes: 40 alarms (the production stack's shapes: Sum, percentiles, metric math, an anomaly band)
 * over 2 days of minute data, 14 days of band training. Not a test; run it and read the numbers:
 *   node scripts/run-ts.js replay/engine/measure-replay-speed.ts
 */
import type { MetricId } from "../metric-data";
import { DatapointStore } from "./datapoint-store";
import { replayAlarms } from "./replay-alarms";

const START = 1_699_920_000;
const DAY = 86400;

function metric(name: string, service: string): MetricId {
  return { namespace: "Bench", metricName: name, dimensions: { Service: service } };
}

function alarmsFor(service: string): Record<string, unknown>[] {
  const base = { evaluation_periods: 3, datapoints_to_alarm: 2, comparison_operator: "GreaterThanThreshold", alarm_actions: ["arn:aws:sns:eu-west-1:1:alerts"] };
  const plain = (name: string, metricName: string, extra: Record<string, unknown>) => ({
    ...base,
    alarm_name: `${service}-${name}`,
    namespace: "Bench",
    metric_name: metricName,
    dimensions: { Service: service },
    period: 300,
    ...extra,
  });
  const query = (id: string, name: string) => ({ id, metric: { namespace: "Bench", metric_name: name, dimensions: { Service: service }, stat: "Sum", period: 300 } });
  return [
    plain("errors", "Errors", { statistic: "Sum", threshold: 50, treat_missing_data: "notBreaching" }),
    plain("p99", "Latency", { extended_statistic: "p99", threshold: 2 }),
    plain("p95", "Latency", { extended_statistic: "p95", threshold: 1, evaluate_low_sample_count_percentiles: "ignore" }),
    {
      ...base,
      alarm_name: `${service}-rate`,
      threshold: 5,
      metric_query: [{ id: "rate", expression: "100 * FILL(errors, 0) / requests", return_data: true }, query("errors", "Errors"), query("requests", "Requests")],
    },
    {
      ...base,
      alarm_name: `${service}-anomaly`,
      comparison_operator: "LessThanLowerOrGreaterThanUpperThreshold",
      threshold_metric_id: "band",
      metric_query: [{ id: "band", expression: "ANOMALY_DETECTION_BAND(requests, 2)", return_data: true }, { ...query("requests", "Requests"), return_data: true }],
    },
  ];
}

const services = Array.from({ length: 8 }, (_, i) => `svc${i}`);
const stack = {
  resource: {
    aws_cloudwatch_metric_alarm: Object.fromEntries(services.flatMap(alarmsFor).map((a) => [String(a["alarm_name"]).replace(/\W/g, "_"), a])),
  },
};

function buildStore(): DatapointStore {
  const store = new DatapointStore();
  let seed = 1;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const values = Array.from({ length: 20 }, (_, i) => 0.05 * (i + 1));
  const counts = values.map((_, i) => Math.max(1, Math.round(60 / (i + 1))));
  const n = counts.reduce((a, b) => a + b, 0);
  const sum = values.reduce((a, v, i) => a + v * counts[i]!, 0);
  for (const service of services) {
    const requests = metric("Requests", service);
    const errors = metric("Errors", service);
    const latency = metric("Latency", service);
    for (let t = START - 14 * DAY; t < START + 2 * DAY; t += 60) {
      const r = 500 + 300 * Math.sin((2 * Math.PI * t) / DAY) + 20 * random();
      store.put(requests, { timestamp: t, sampleCount: 1, sum: r, min: r, max: r });
      if (t < START) continue;
      if (random() < 0.3) store.put(errors, { timestamp: t, sampleCount: 1, sum: 3, min: 3, max: 3 });
      store.put(latency, { timestamp: t, sampleCount: n, sum, min: 0.05, max: 1, values, counts });
    }
  }
  return store;
}

const alarmCount = Object.keys(stack.resource.aws_cloudwatch_metric_alarm).length;
for (let run = 1; run <= 3; run++) {
  const buildStart = performance.now();
  const store = buildStore();
  const built = performance.now() - buildStart;
  const t0 = performance.now();
  const result = replayAlarms(stack, store, { start: START, end: START + 2 * DAY });
  const ms = performance.now() - t0;
  console.log(`run ${run}: ${alarmCount} alarms × 2 days on a fresh store: ${ms.toFixed(1)} ms (${result.timelines.length} timelines; building the data ${built.toFixed(0)} ms, not counted)`);
}
