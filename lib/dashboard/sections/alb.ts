import { ALB } from "../../metrics/catalog";
import type { DashboardInput } from "../dashboard-input";
import { HALF, Row } from "../grid";
import { MetricWidget } from "../widgets/metric-widget";

/** The guide's four ALB widgets: request volume, target latency, request overview, error rate. */
export function albRows({ env, albArnSuffix }: DashboardInput): Row[] {
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
          // What the paging error-rate alarm reads: with no healthy target the ALB answers 502/503 itself,
          // and the guide's target-only line stays near 0 % while users see errors.
          { expression: "100*(FILL(m2,0)+FILL(m3,0))/m1", label: "Incl. ELB 5xx (paging alarm)", id: "e2" },
          { metric: ALB.requestCount.with(lb), options: { id: "m1", visible: false } },
          { metric: ALB.target5xx.with(lb), options: { id: "m2", visible: false } },
          { metric: ALB.elb5xx.with(lb), options: { id: "m3", visible: false } },
        ],
      }),
    ),
  ];
}
