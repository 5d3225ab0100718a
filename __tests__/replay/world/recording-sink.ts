import { metricKey, type Datapoint, type MetricId, type MetricSink } from "../../../replay/metric-data";
import { scenarioFromText } from "../../../replay/scenarios/load-scenarios";
import type { Scenario } from "../../../replay/scenarios/scenario";

/**
 * Keeps every datapoint by series; a second point for the same series and minute is a bug. With `keepOrder`, also
 * each datapoint as text in the order published (for the determinism tests; writing it costs a third of a replay).
 */
export class RecordingSink implements MetricSink {
  readonly series = new Map<string, { id: MetricId; points: Map<number, Datapoint> }>();
  readonly order: string[] = [];

  // The world hands the same MetricId object for a series every minute, as the DatapointStore also relies on.
  private readonly keys = new WeakMap<MetricId, string>();

  constructor(private readonly keepOrder = false) {}

  put(id: MetricId, dp: Datapoint): void {
    let key = this.keys.get(id);
    if (key === undefined) this.keys.set(id, (key = metricKey(id)));
    let s = this.series.get(key);
    if (!s) {
      s = { id, points: new Map() };
      this.series.set(key, s);
    }
    if (s.points.has(dp.timestamp)) throw new Error(`two datapoints for ${key} at ${dp.timestamp}`);
    s.points.set(dp.timestamp, dp);
    if (this.keepOrder)
      this.order.push(
        `${key}@${dp.timestamp}=${dp.sampleCount}/${dp.sum}/${dp.min}/${dp.max}/${dp.values?.join(",") ?? ""}/${dp.counts?.join(",") ?? ""}`,
      );
  }

  /** Datapoints of one series by timestamp (empty when never published). */
  points(namespace: string, metricName: string, dimensions: Record<string, string>): Map<number, Datapoint> {
    return this.series.get(metricKey({ namespace, metricName, dimensions }))?.points ?? new Map();
  }

  ids(): MetricId[] {
    return [...this.series.values()].map((s) => s.id);
  }
}

export function scenarioOf(yaml: string, file = "test/inline.yaml"): Scenario {
  const r = scenarioFromText(file, yaml);
  if (!r.ok) throw new Error(r.problems.join("\n"));
  return r.scenario;
}

/** Unix seconds of each minute in [fromMinute, untilMinute) after `start`. */
export function minutes(start: number, fromMinute: number, untilMinute: number): number[] {
  return Array.from({ length: untilMinute - fromMinute }, (_, i) => start + 60 * (fromMinute + i));
}
