import { ALB } from "../../metrics/catalog";
import type { DashboardInput } from "../dashboard-input";
import { HALF, Row } from "../grid";
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
          { expression: "100*(FILL(m2,0)+FILL(m3,0))/(FILL(m1,0)+FILL(m4,0))", label: "5xx % of answers (error-rate alarm)", id: "e2" },
          { metric: ALB.requestCount.with(lb), options: { id: "m1", visible: false } },
          { metric: ALB.target5xx.with(lb), options: { id: "m2", visible: false } },
          { metric: ALB.elb5xx.with(lb), options: { id: "m3", visible: false } },
          { metric: ALB.elb503.with(lb), options: { id: "m4", visible: false } },
        ],
      }),
    ),
    errorCauseRow(region, albArnSuffix, services),
    ...targetHealthRow(env.region, albArnSuffix, services),
  ];
}

/**
 * Where 5xx come from: the load balancer's own by code (502 a target closed or broke the connection, 503 no healthy
 * target, 504 a target timed out) with the connections it could not open, and each public service's own 5xx share,
 * which the load balancer's totals average away for a small service (target-error-rate alarms).
 */
function errorCauseRow(region: string, albArnSuffix: string, services: DashboardInput["services"]): Row {
  const lb = { LoadBalancer: albArnSuffix };
  const causes = new MetricWidget({
    title: "Load Balancer 5xx by Cause",
    region,
    width: HALF,
    stat: "Sum",
    lines: [
      { metric: ALB.elb502.with(lb), options: { label: "502 bad gateway" } },
      { metric: ALB.elb503.with(lb), options: { label: "503 no healthy target" } },
      { metric: ALB.elb504.with(lb), options: { label: "504 target timeout" } },
      { metric: ALB.targetConnectionErrors.with(lb), options: { label: "Target connection errors" } },
    ],
  });
  const groups = services.filter((s) => s.targetGroupArnSuffix !== undefined);
  if (groups.length === 0) return new Row(causes);
  const lines = groups.flatMap((s, i) => {
    const tg = { LoadBalancer: albArnSuffix, TargetGroup: s.targetGroupArnSuffix! };
    return [
      { expression: `100*FILL(t${i},0)/FILL(r${i},0)`, label: s.name, id: `e${i}` },
      { metric: ALB.targetGroupRequestCount.with(tg), options: { id: `r${i}`, visible: false } },
      { metric: ALB.targetGroupTarget5xx.with(tg), options: { id: `t${i}`, visible: false } },
    ];
  });
  return new Row(causes, new MetricWidget({ title: "5xx % per Target Group", region, width: HALF, stat: "Sum", lines }));
}

/**
 * Per target group: HealthyHostCount (Minimum: a target that dropped out mid-minute shows) and the p95 response
 * time the target-latency alarms watch; none behind the ALB, no row.
 */
function targetHealthRow(region: string, albArnSuffix: string, services: DashboardInput["services"]): Row[] {
  const groups = services.flatMap((s) =>
    s.targetGroupArnSuffix === undefined ? [] : [{ name: s.name, tg: { LoadBalancer: albArnSuffix, TargetGroup: s.targetGroupArnSuffix } }],
  );
  if (groups.length === 0) return [];
  return [
    new Row(
      new MetricWidget({
        title: "Healthy Targets per Target Group",
        region,
        width: HALF,
        stat: "Minimum",
        periodSeconds: 60,
        lines: groups.map((g) => ({ metric: ALB.healthyHostCount.with(g.tg), options: { label: g.name } })),
      }),
      new MetricWidget({
        title: "p95 Response Time per Target Group (s)",
        region,
        width: HALF,
        stat: "p95",
        lines: groups.map((g) => ({ metric: ALB.targetGroupResponseTime.with(g.tg), options: { label: g.name } })),
      }),
    ),
  ];
}
