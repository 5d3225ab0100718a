import type { Severity } from "../config/alarm-defaults";
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import type { TerraformResource } from "cdktf";
import { Construct } from "constructs";
import type { EnvContext } from "../context";
import type { AlarmActions } from "./alarm-actions";
import { describeWithRunbook } from "./alarm-invariants";

/** What the composite needs of a child: its name for the rule, its resource for ordering. */
export interface ChildAlarm {
  readonly alarmName: string;
  readonly resource: TerraformResource;
}

export interface PageCompositeAlarmProps {
  readonly env: EnvContext;
  /** `axonflow-<env>-page`, the name page alarms carry as `routedVia`. */
  readonly name: string;
  readonly children: readonly ChildAlarm[];
  /** The paging route. */
  readonly actions: AlarmActions;
}

// CloudWatch limits: at most 100 alarms referenced, rule at most 10240 characters.
const MAX_CHILDREN = 100;
const MAX_RULE = 10240;

/**
 * The one alarm that pages: ALARM when any page-severity alarm is. Children carry no actions of their own, so
 * an incident pages once (the composite changes state once while several children fire) and the paging
 * route is configured in one place. Ticket alarms notify the alerts topic directly and are not children.
 */
export class PageCompositeAlarm extends Construct {
  /** It is the paging route itself. */
  readonly severity: Severity;
  readonly resource: CloudwatchCompositeAlarm;
  readonly alarmName: string;
  readonly alarmRule: string;

  constructor(scope: Construct, id: string, props: PageCompositeAlarmProps) {
    super(scope, id);
    const children = [...props.children].sort((a, b) => a.alarmName.localeCompare(b.alarmName));
    // Sorted by name: adding or reordering alarms in code must not rewrite the rule.
    this.alarmRule = children.map((c) => `ALARM("${c.alarmName}")`).join(" OR ");
    const problems: string[] = [];
    if (children.length === 0) problems.push("no page-severity alarms; create the composite only when some alarm pages");
    if (children.length > MAX_CHILDREN) problems.push(`${children.length} child alarms; allowed: at most ${MAX_CHILDREN}`);
    if (this.alarmRule.length > MAX_RULE) problems.push(`alarm rule is ${this.alarmRule.length} characters; allowed: at most ${MAX_RULE}`);
    if (new Set(children.map((c) => c.alarmName)).size !== children.length) problems.push("a child alarm is listed twice");
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join("; ")}`);

    this.alarmName = props.name;
    this.severity = "page";
    this.resource = new CloudwatchCompositeAlarm(this, "alarm", {
      alarmName: props.name,
      alarmDescription: describeWithRunbook({
        description: `At least one page-severity alarm of ${props.env.name} is in ALARM (${children.length} watched; the alarm rule lists them). Open the composite's child alarms in the CloudWatch console to see which, then follow that alarm's runbook.`,
        runbookUrl: props.env.runbook("page"),
      }),
      alarmRule: this.alarmRule,
      actionsEnabled: props.actions.actionsEnabled,
      alarmActions: [...props.actions.alarmActions],
      okActions: [...props.actions.okActions],
      // The rule names children as literal strings (readable in review and in the console), which gives
      // Terraform no reference: order creation after, and deletion before, the children explicitly.
      dependsOn: children.map((c) => c.resource),
    });
  }
}
