import type { Severity } from "../config/alarm-defaults";
import type { EnvContext } from "../context";
import type { AlarmActions } from "./alarm-actions";
import type { ChildAlarm } from "./composite-alarm";

/** Any routed alarm: it exposes the rendered alarm (MetricAlarm, MathAlarm or CompositeAlarm). */
export interface RoutedAlarm {
  readonly alarm: ChildAlarm & { readonly spec: { readonly actions: AlarmActions } };
}

/**
 * Decides each alarm's actions from its severity. Ticket alarms notify the alerts topic. Page alarms notify it too
 * (a ticket naming them) and page through `routedVia` = the composite page alarm, and are remembered as its children, so
 * building an alarm and wiring it into the composite cannot be separated. An environment without a paging
 * route (`pages: false`: staging, say) never pages: its page-severity alarms notify as tickets.
 */
export class AlarmRoutes {
  readonly pageAlarmName: string;
  private readonly pagedAlarms: ChildAlarm[] = [];

  constructor(
    env: EnvContext,
    private readonly ticket: AlarmActions,
    readonly pages: boolean,
  ) {
    this.pageAlarmName = env.naming.alarm("page");
  }

  add<T extends RoutedAlarm>(severity: Severity, build: (actions: AlarmActions) => T): T {
    const kind = build(this.actionsFor(severity));
    if (kind.alarm.spec.actions.routedVia === this.pageAlarmName) this.pagedAlarms.push(kind.alarm);
    return kind;
  }

  /** The children of the page composite, in the order they were added. */
  get paged(): readonly ChildAlarm[] {
    return this.pagedAlarms;
  }

  private actionsFor(severity: Severity): AlarmActions {
    if (severity === "ticket" || !this.pages) return { ...this.ticket, severity: "ticket" };
    // Also a ticket of its own: the composite pages once per incident (its actions fire on its own state changes
    // only), so a second incident while it is in ALARM would reach no one; its alarm's ticket names it.
    return { ...this.ticket, routedVia: this.pageAlarmName, severity };
  }
}
