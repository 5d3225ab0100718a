import { Lazy, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { inventoryOf } from "../inventory/stack-inventory";
import { dashboardConsoleUrl } from "../dashboard/aws-console";

export interface StackOutputsProps {
  readonly env: EnvContext;
}

/**
 * The stack's outputs, under fixed names (`staticId`: no construct-path hash), for `cdktf output <env>`,
 * `terraform output` and remote-state consumers. Alarm names and topics are collected lazily at synth by
 * walking the construct tree, so alarms and topics added by any construct, before or after this one, appear.
 */
export class StackOutputs extends Construct {
  constructor(scope: Construct, id: string, props: StackOutputsProps) {
    super(scope, id);
    const stack = TerraformStack.of(this);

    new TerraformOutput(this, "dashboard_url", {
      staticId: true,
      description: "CloudWatch console link to the environment's dashboard",
      value: dashboardConsoleUrl(props.env.region, props.env.naming.dashboard),
    });
    new TerraformOutput(this, "alert_topic_arns", {
      staticId: true,
      description: "ARN of every SNS topic of this stack, by topic name",
      value: Lazy.anyValue({ produce: () => Object.fromEntries(inventoryOf(stack).topics.map((t) => [t.name, t.arn])) }),
    });
    new TerraformOutput(this, "alarm_names", {
      staticId: true,
      description: "Name of every metric and composite alarm of this stack, sorted",
      value: Lazy.listValue({ produce: () => inventoryOf(stack).alarms.map((a) => a.name) }),
    });
  }
}
