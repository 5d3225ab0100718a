/** Where an alarm notifies. Built once by the stack so every alarm of a route gets the same targets. */
export interface AlarmActions {
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
  /** false: the alarm still changes state (and shows on the dashboard) but notifies nobody. */
  readonly actionsEnabled: boolean;
  /** Set on alarms without actions that feed a composite alarm (which notifies instead): names that composite. */
  readonly routedVia?: string;
}
