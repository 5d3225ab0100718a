import type { Severity } from "../config/alarm-defaults";

/** Where an alarm notifies. Built once by the stack so every alarm of a route gets the same targets. */
export interface AlarmActions {
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
  /** false: the alarm still changes state (and shows on the dashboard) but notifies nobody. */
  readonly actionsEnabled: boolean;
  /**
   * Set when a composite alarm notifies for it: page-severity alarms feed `axonflow-<env>-page` (and ticket
   * themselves besides), burn-rate windows their pair's composite (and have no actions). The composite's name.
   */
  readonly routedVia?: string;
  /** The route's severity (set by AlarmRoutes): the handoff document lists it per alarm. */
  readonly severity?: Severity;
}
