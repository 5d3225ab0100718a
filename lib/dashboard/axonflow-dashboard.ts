import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { Construct } from "constructs";
import { terraformLiteral } from "../terraform-literal";
import type { DashboardInput } from "./dashboard-input";
import { layoutProblems, layoutRows, type WidgetJson } from "./grid";
import { albRows } from "./sections/alb";
import { ecsRows } from "./sections/ecs";
import { logRows } from "./sections/logs";
import { mirroredRows } from "./sections/mirrored";
import { overviewRow } from "./sections/overview";
import { tokenRows } from "./sections/tokens";

export interface DashboardBody {
  readonly widgets: readonly WidgetJson[];
}

/**
 * The dashboard "template": a pure function of the environment and its resources, top to bottom in the
 * order an on-call engineer reads it — what and where (header, alarm states), traffic (ALB), capacity (ECS),
 * AxonFlow's own metrics (where the Prometheus bridge mirrors them), usage (tokens, where lines carry them), then
 * the logs. Everything in it is known at synth (names from config, not resource attributes), so the body is plain
 * JSON a test can parse.
 */
export function renderDashboardBody(input: DashboardInput): DashboardBody {
  return {
    widgets: layoutRows([
      overviewRow(input),
      ...albRows(input),
      ...ecsRows(input),
      ...mirroredRows(input),
      ...tokenRows(input),
      ...logRows(input),
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
    this.node.addValidation({ validate: () => layoutProblems(this.body.widgets) });
    this.resource = new CloudwatchDashboard(this, "Default", {
      dashboardName: input.env.naming.dashboard,
      // Indented, hence multi-line: readable in plan diffs, and `cdktf synth --hcl` then writes a heredoc, which
      // keeps the JSON's backslash escapes (\n in markdown and queries, \" in SEARCH); its one-line strings do
      // not escape backslashes, so a compact body would reach Terraform as invalid JSON.
      dashboardBody: terraformLiteral(JSON.stringify(this.body, null, 2)),
    });
  }
}
