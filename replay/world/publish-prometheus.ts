import type { MetricId, MetricSink } from "../metric-data";
import type { AxonFlowCounters } from "./axonflow-counters";
import type { FleetMinute } from "./fleet";
import type { MirroredScrape } from "./mirrored-series-definitions";

/**
 * AxonFlow's counters as the CloudWatch agent sidecar publishes them ("Prometheus metric type conversion by the
 * CloudWatch agent"; "Embedded metric format"): each scrape sends a counter's delta since the previous scrape, so
 * a series' first scrape is only its baseline (its first counts are lost), and a labeled series exists from its
 * first increment. Only the series a metric declaration selects, under each of its dimension sets, summed over the
 * service's tasks (no task dimension): CloudWatch aggregates the EMF events of a minute. A service with no running
 * task publishes nothing, and its next tasks start from new baselines (their counters start at 0).
 * Approximation: the service's tasks are scraped as one (a replacement task's first scrape is not lost).
 */
interface Group {
  readonly id: MetricId;
  sum: number;
}

export class PrometheusPublisher {
  private readonly seen = new Set<string>();
  private readonly groups = new Map<string, Group>();
  private readonly scrapesPerMinute: number;

  constructor(private readonly scrape: MirroredScrape) {
    this.scrapesPerMinute = Math.max(1, Math.round(60 / scrape.intervalSeconds));
  }

  publish(sink: MetricSink, timestamp: number, fleet: FleetMinute, counters: AxonFlowCounters): void {
    if (fleet.running === 0) {
      this.seen.clear();
      return;
    }
    for (const g of this.groups.values()) g.sum = 0;
    const touched = new Set<Group>();
    for (const series of counters.series()) {
      const declarations = this.scrape.declarations.filter((d) => d.selectors.some((r) => r.test(series.name)));
      if (declarations.length === 0) continue;
      let key = series.name;
      for (const k in series.labels) key += `|${k}=${series.labels[k]}`;
      if (!this.seen.has(key)) {
        // Not yet created in this process (a CounterVec child before its first increment), or its baseline scrape.
        if (series.n === 0 && Object.keys(series.labels).length > 0) continue;
        this.seen.add(key);
        continue;
      }
      const labels: Record<string, string> = { ...series.labels, Service: this.scrape.service };
      for (const d of declarations) {
        for (const set of d.dimensions) {
          const dimensions: Record<string, string> = {};
          for (const dim of set) dimensions[dim] = labels[dim] ?? "";
          const groupKey = `${series.name}|${set.map((dim) => `${dim}=${dimensions[dim]}`).join(",")}`;
          let g = this.groups.get(groupKey);
          if (g === undefined)
            this.groups.set(groupKey, (g = { id: { namespace: this.scrape.namespace, metricName: series.name, dimensions }, sum: 0 }));
          g.sum += series.n;
          touched.add(g);
        }
      }
    }
    // One EMF event per scrape and task, each carrying its delta (0 included).
    const samples = this.scrapesPerMinute * fleet.running;
    for (const g of touched) sink.put(g.id, { timestamp, sampleCount: samples, sum: g.sum, min: g.sum / samples, max: g.sum / samples });
  }
}
