import { Widget } from "../grid";

export type AlarmState = "ALARM" | "INSUFFICIENT_DATA" | "OK";
export type AlarmSortBy = "default" | "stateUpdatedTimestamp" | "timestamp";

export interface AlarmStatusWidgetProps {
  readonly title: string;
  readonly alarmArns: readonly string[];
  /** `stateUpdatedTimestamp`: ALARM first, then INSUFFICIENT_DATA, then OK, most recent change first. */
  readonly sortBy?: AlarmSortBy;
  /** Show only alarms currently in these states; all when omitted. */
  readonly states?: readonly AlarmState[];
  readonly width: number;
  readonly height?: number;
}

/** The dashboard body doc allows 1-100 alarm ARNs per alarm status widget. */
export const MAX_ALARMS_PER_WIDGET = 100;
// arn:<partition>:cloudwatch:<region>:<account>:alarm:<name>; alarm names are 1-255 printable ASCII characters.
const ALARM_ARN = /^arn:aws(?:-[a-z]+)*:cloudwatch:[a-z]{2}(?:-[a-z]+)+-\d{1,2}:\d{12}:alarm:[\x20-\x7e]{1,255}$/;

/** Tiles with the current state of each listed alarm. */
export class AlarmStatusWidget extends Widget {
  readonly type = "alarm";

  constructor(private readonly props: AlarmStatusWidgetProps) {
    super(props.width, props.height ?? 6, `AlarmStatusWidget "${props.title}"`);
    const where = `AlarmStatusWidget "${props.title}"`;
    const n = props.alarmArns.length;
    if (n < 1 || n > MAX_ALARMS_PER_WIDGET) {
      throw new Error(`${where}: lists ${n} alarms; allowed: 1..${MAX_ALARMS_PER_WIDGET} per widget (split into more widgets)`);
    }
    for (const arn of props.alarmArns) {
      if (!ALARM_ARN.test(arn)) {
        throw new Error(
          `${where}: ${JSON.stringify(arn)} is not a CloudWatch alarm ARN; allowed: arn:aws:cloudwatch:<region>:<12-digit account>:alarm:<name>`,
        );
      }
    }
    if (new Set(props.alarmArns).size !== n) throw new Error(`${where}: an alarm ARN is listed twice`);
  }

  properties(): Record<string, unknown> {
    const p = this.props;
    return {
      title: p.title,
      alarms: [...p.alarmArns],
      ...(p.sortBy ? { sortBy: p.sortBy } : {}),
      ...(p.states && p.states.length > 0 ? { states: [...p.states] } : {}),
    };
  }
}
