import { ALB } from "../../metrics/catalog";
import type { DashboardInput } from "../dashboard-input";
import { FULL, HALF, Row } from "../grid";
import { MetricWidget } from "../widgets/metric-widget";

/**
 * The guide's four ALB widgets (request volume, target latency, request overview, error rate), then the healthy
 * targets of every target group: what the paging target-health alarms watch.
 */
export function albRows({ env, albArnSuffix, services }: DashboardInput): Row[] {
  const lb = { LoadBalancer: albArnSuffix };
  const region = env.region;
  return [
    new Row(
      new MetricWidget({ title: "ALB Request Volume", region, width: HALF, stat: "Sum", lines: [{ metric: ALB.requestCount.with(lb) }] }),
      new MetricWidget({
        title: "Target Latency",
        region,
        width: HALF,
        // TargetResponseTime is in seconds.
        lines: ["Average", "p95", "p99"].map((stat) => ({ metric: ALB.targetResponseTime.with(lb), options: { stat, label: stat } })),
      }),
    ),
    new Row(
      new MetricWidget({
        title: "Request Overview",
        region,
        width: HALF,
        stat: "Sum",
        lines: [
          { metric: ALB.requestCount.with(lb), options: { label: "Total" } },
          { metric: ALB.target5xx.with(lb), options: { label: "Target 5xx" } },
          { metric: ALB.elb5xx.with(lb), options: { label: "ELB 5xx" } },
        ],
      }),
      new MetricWidget({
        title: "Error Rate (%)",
        region,
        width: HALF,
        stat: "Sum",
        lines: [
          { expression: "(m2/m1)*100", label: "Error Rate", id: "e1" },
          // What the paging error-rate alarm reads: with no healthy target the ALB answers 503 itself, outside
          // RequestCount, and the guide's line has no value at all while users see nothing but errors.
          { expression: "100*(FILL(m2,0)+FILL(m3,0))/(FILL(m1,0)+FILL(m3,0))", label: "5xx % of answers (error-rate alarm)", id: "e2" },
          { metric: ALB.requestCount.with(lb), options: { id: "m1", visible: false } },
          { metric: ALB.target5xx.with(lb), options: { id: "m2", visible: false } },
          { metric: ALB.elb5xx.with(lb), options: { id: "m3", visible: false } },
        ],
      }),
    ),
    ...targetHealthRow(env.region, albArnSuffix, services),
  ];
}

/** HealthyHostCount (Minimum: a target that dropped out mid-minute shows) per target group; none behind the ALB, no row. */
function targetHealthRow(region: string, albArnSuffix: string, services: DashboardInput["services"]): Row[] {
  const lines = services.flatMap((s) =>
    s.targetGroupArnSuffix === undefined ? [] : [{ metric: ALB.healthyHostCount.with({ LoadBalancer: albArnSuffix, TargetGroup: s.targetGroupArnSuffix }), options: { label: s.name } }],
  );
  if (lines.length === 0) return [];
  return [new Row(new MetricWidget({ title: "Healthy Targets per Target Group", region, width: FULL, stat: "Minimum", periodSeconds: 60, lines }))];
}
