import type { MetricId, MetricSink } from "../metric-data";
import { countPoint, gaugePoint } from "./datapoints";
import { BUCKETS, summarize } from "./latency-histogram";
import { metricIds } from "./metric-ids";
import type { TargetGroupMinute } from "./request-flow";

/**
 * `AWS/ApplicationELB` as ELB publishes it ("CloudWatch metrics for your Application Load Balancer"): count metrics
 * only when non-zero; TargetResponseTime (seconds) only for requests a target answered; HealthyHostCount and
 * UnHealthyHostCount per {LoadBalancer, TargetGroup} every minute, 0 included; HTTPCode_ELB_* per {LoadBalancer}
 * only. The AvailabilityZone variants, 2XX/3XX/4XX codes and connection/LCU metrics are left out: nothing here
 * alarms on them, and leaving a series out can only make an alarm look worse, never better.
 * Each series' MetricId is built once and passed again every minute, so a store may memoize its key per object.
 */
const NS = "AWS/ApplicationELB";
const PER_TARGET_GROUP = [
  "HealthyHostCount",
  "UnHealthyHostCount",
  "RequestCount",
  "HTTPCode_Target_5XX_Count",
  "TargetConnectionErrorCount",
  "TargetResponseTime",
] as const;
const PER_LOAD_BALANCER = [
  "RequestCount",
  "HTTPCode_Target_5XX_Count",
  "TargetConnectionErrorCount",
  "TargetResponseTime",
  "HTTPCode_ELB_5XX_Count",
  "HTTPCode_ELB_502_Count",
  "HTTPCode_ELB_503_Count",
  "HTTPCode_ELB_504_Count",
] as const;

type Ids<K extends string> = Readonly<Record<K, MetricId>>;

export class AlbPublisher {
  private readonly lb: Ids<(typeof PER_LOAD_BALANCER)[number]>;
  private readonly groups: readonly Ids<(typeof PER_TARGET_GROUP)[number]>[];
  private readonly merged = new Float64Array(BUCKETS);

  /** `targetGroups`: the ARN suffix of each group, in the order `publish` receives their minutes. */
  constructor(loadBalancer: string, targetGroups: readonly string[]) {
    this.lb = metricIds(NS, PER_LOAD_BALANCER, { LoadBalancer: loadBalancer });
    this.groups = targetGroups.map((tg) => metricIds(NS, PER_TARGET_GROUP, { LoadBalancer: loadBalancer, TargetGroup: tg }));
  }

  publish(sink: MetricSink, timestamp: number, minutes: readonly TargetGroupMinute[], latencyScale: number): void {
    this.merged.fill(0);
    let routed = 0;
    let target5xx = 0;
    let connectionErrors = 0;
    let elb502 = 0;
    let elb503 = 0;
    let elb504 = 0;
    minutes.forEach((g, i) => {
      const id = this.groups[i];
      sink.put(id.HealthyHostCount, gaugePoint(timestamp, g.healthy));
      // Stopped tasks are deregistered (fleet.ts); only a failed deploy's running task is unhealthy.
      sink.put(id.UnHealthyHostCount, gaugePoint(timestamp, g.unhealthy));
      putCount(sink, id.RequestCount, timestamp, g.routed);
      putCount(sink, id.HTTPCode_Target_5XX_Count, timestamp, g.target5xx);
      putCount(sink, id.TargetConnectionErrorCount, timestamp, g.connectionErrors);
      const latency = summarize(g.latency, latencyScale);
      if (latency) sink.put(id.TargetResponseTime, { timestamp, ...latency });
      for (let b = 0; b < BUCKETS; b++) this.merged[b] += g.latency[b];
      routed += g.routed;
      target5xx += g.target5xx;
      connectionErrors += g.connectionErrors;
      elb502 += g.elb502;
      elb503 += g.elb503;
      elb504 += g.elb504;
    });
    putCount(sink, this.lb.RequestCount, timestamp, routed);
    putCount(sink, this.lb.HTTPCode_Target_5XX_Count, timestamp, target5xx);
    putCount(sink, this.lb.TargetConnectionErrorCount, timestamp, connectionErrors);
    const latency = summarize(this.merged, latencyScale);
    if (latency) sink.put(this.lb.TargetResponseTime, { timestamp, ...latency });
    putCount(sink, this.lb.HTTPCode_ELB_5XX_Count, timestamp, elb502 + elb503 + elb504);
    putCount(sink, this.lb.HTTPCode_ELB_502_Count, timestamp, elb502);
    putCount(sink, this.lb.HTTPCode_ELB_503_Count, timestamp, elb503);
    putCount(sink, this.lb.HTTPCode_ELB_504_Count, timestamp, elb504);
  }
}

function putCount(sink: MetricSink, id: MetricId, timestamp: number, n: number): void {
  if (n > 0) sink.put(id, countPoint(timestamp, n));
}
