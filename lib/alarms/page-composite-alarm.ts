import { Construct } from "constructs";
import type { EnvContext } from "../context";
import type { AlarmActions } from "./alarm-actions";
import { type ChildAlarm, CompositeAlarm } from "./composite-alarm";

export interface PageCompositeAlarmProps {
  readonly env: EnvContext;
  /** `axonflow-<env>-page`, the name page alarms carry as `routedVia`. */
  readonly name: string;
  readonly children: readonly ChildAlarm[];
  /** The paging route. */
  readonly actions: AlarmActions;
}

/**
 * The one alarm that pages: ALARM when any page-severity alarm is. Children only ticket (alarm-routes.ts), so
 * an incident pages once (the composite changes state once while several children fire, and CloudWatch notifies
 * on state changes only) and the paging route is configured in one place.
 */
export class PageCompositeAlarm extends Construct {
  readonly alarm: CompositeAlarm;

  constructor(scope: Construct, id: string, props: PageCompositeAlarmProps) {
    super(scope, id);
    // Sorted by name: adding or reordering alarms in code must not rewrite the rule.
    const children = [...props.children].sort((a, b) => a.alarmName.localeCompare(b.alarmName));
    this.alarm = new CompositeAlarm(this, "Default", {
      name: props.name,
      description:
        `At least one page-severity alarm of ${props.env.name} is in ALARM ` +
        `(${children.length} watched; the alarm rule lists them). Open the composite's child ` +
        `alarms in the CloudWatch console to see which, then follow that alarm's runbook.`,
      runbookUrl: props.env.runbook("page"),
      inAlarmWhen: "any",
      children,
      actions: { ...props.actions, severity: "page" },
      notifyOnOk: true,
    });
  }
}
