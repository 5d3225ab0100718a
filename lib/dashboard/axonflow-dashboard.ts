import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { ALB } from "../metrics/catalog";
import { terraformLiteral } from "../terraform-literal";
import { HALF, layoutRows, Row, type WidgetJson } from "./grid";
import { MetricWidget } from "./widgets/metric-widget";

export interface DashboardInput {
  readonly env: EnvContext;
  readonly albArnSuffix: string;
}

export interface DashboardBody {
  readonly widgets: readonly WidgetJson[];
}

/**
 * The dashboard "template": a pure function of the environment and its resources. Everything in it is
 * known at synth (names come from config, not resource attributes), so the body is plain JSON a test can parse.
 */
export function renderDashboardBody({ env, albArnSuffix }: DashboardInput): DashboardBody {
  const lb = { LoadBalancer: albArnSuffix };
  const region = env.region;
  return {
    widgets: layoutRows([
      new Row(
        new MetricWidget({ title: "ALB Request Volume", region, width: HALF, stat: "Sum", lines: [{ metric: ALB.requestCount.with(lb) }] }),
        new MetricWidget({
          title: "Target Latency",
          region,
          width: HALF,
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
            { metric: ALB.requestCount.with(lb), options: { id: "m1", visible: false } },
            { metric: ALB.target5xx.with(lb), options: { id: "m2", visible: false } },
          ],
        }),
      ),
    ]),
  };
}

/** One dashboard per environment (the first three per account are free). */
export class AxonFlowDashboard extends Construct {
  readonly resource: CloudwatchDashboard;
  readonly body: DashboardBody;

  constructor(scope: Construct, id: string, input: DashboardInput) {
    super(scope, id);
    this.body = renderDashboardBody(input);
    this.resource = new CloudwatchDashboard(this, "Default", {
      dashboardName: input.env.naming.dashboard,
      dashboardBody: terraformLiteral(JSON.stringify(this.body)),
    });
  }
}
