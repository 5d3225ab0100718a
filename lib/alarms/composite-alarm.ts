import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import type { TerraformResource } from "cdktf";
import { Construct } from "constructs";
import type { AlarmActions } from "./alarm-actions";
import { describeWithRunbook } from "./alarm-invariants";

/** What a composite needs of a child: its name for the rule, its resource for ordering. */
export interface ChildAlarm {
  readonly alarmName: string;
  readonly resource: TerraformResource;
}

export interface CompositeAlarmProps {
  readonly name: string;
  readonly description: string;
  readonly runbookUrl: string;
  /** In ALARM when all children are (`AND`) or when any one is (`OR`). */
  readonly inAlarmWhen: "all" | "any";
  /** Named in the rule in this order. */
  readonly children: readonly ChildAlarm[];
  readonly actions: AlarmActions;
  /** Also notify when the composite recovers. */
  readonly notifyOnOk?: boolean;
}

// CloudWatch limits: at most 100 alarms referenced, rule at most 10240 characters.
export const MAX_COMPOSITE_CHILDREN = 100;
const MAX_RULE = 10240;

/** The renderer of composite alarms, sibling of MetricAlarm: checks CloudWatch's limits at synth. */
export class CompositeAlarm extends Construct {
  readonly resource: CloudwatchCompositeAlarm;
  readonly alarmName: string;
  readonly spec: CompositeAlarmProps;

  constructor(scope: Construct, id: string, props: CompositeAlarmProps) {
    super(scope, id);
    // Children are named as literal strings, readable in review and in the console: `ALARM("a") OR ALARM("b")`.
    const rule = props.children.map((c) => `ALARM("${c.alarmName}")`).join(props.inAlarmWhen === "all" ? " AND " : " OR ");
    const problems: string[] = [];
    if (props.children.length === 0) problems.push("a composite alarm needs at least one child alarm");
    if (props.children.length > MAX_COMPOSITE_CHILDREN)
      problems.push(`${props.children.length} child alarms; allowed: at most ${MAX_COMPOSITE_CHILDREN}`);
    if (rule.length > MAX_RULE) problems.push(`alarm rule is ${rule.length} characters; allowed: at most ${MAX_RULE}`);
    if (new Set(props.children.map((c) => c.alarmName)).size !== props.children.length) problems.push("a child alarm is listed twice");
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join("; ")}`);

    this.alarmName = props.name;
    this.spec = props;
    this.resource = new CloudwatchCompositeAlarm(this, "alarm", {
      alarmName: props.name,
      alarmDescription: describeWithRunbook(props),
      alarmRule: rule,
      actionsEnabled: props.actions.actionsEnabled,
      alarmActions: [...props.actions.alarmActions],
      okActions: props.notifyOnOk ? [...props.actions.okActions] : [],
      // The rule names children as strings, which gives Terraform no reference: order creation after, and
      // deletion before, the children explicitly.
      dependsOn: props.children.map((c) => c.resource),
    });
  }
}
