import { type Partition, partitionOf } from "../aws-arn";

/**
 * ARNs and console links for the dashboard, built from config (region, account) rather than resource
 * attributes, so the body stays plain JSON and the offline plan needs no AWS call.
 */

/** `arn:<partition>:cloudwatch:<region>:<account>:alarm:<name>`, what the alarm status widget lists. */
export function alarmArn(region: string, accountId: string, alarmName: string): string {
  return `arn:${partitionOf(region)}:cloudwatch:${region}:${accountId}:alarm:${alarmName}`;
}

const CONSOLE_HOST: Partial<Record<Partition, string>> = {
  aws: "https://console.aws.amazon.com",
  "aws-cn": "https://console.amazonaws.cn",
  "aws-us-gov": "https://console.amazonaws-us-gov.com",
};

/** Deep links into the CloudWatch console of one region. */
export class CloudWatchConsole {
  private readonly home: string;

  constructor(readonly region: string) {
    // The isolated partitions have no public console host; their links fall back to the commercial one.
    const host = CONSOLE_HOST[partitionOf(region)] ?? CONSOLE_HOST.aws;
    this.home = `${host}/cloudwatch/home?region=${region}`;
  }

  /** The console double-encodes the name in its fragment and writes `%` as `$`: `/` becomes `$252F`. */
  logGroup(name: string): string {
    return `${this.home}#logsV2:log-groups/log-group/${encodeURIComponent(encodeURIComponent(name)).replace(/%/g, "$")}`;
  }

  get logsInsights(): string {
    return `${this.home}#logsV2:logs-insights`;
  }

  get alarms(): string {
    return `${this.home}#alarmsV2:`;
  }
}

/**
 * The console link to a dashboard, the `dashboard_url` output and HANDOFF.md's link. Commercial regions get
 * their regional host (the page opens in that region without a redirect); GovCloud and China have consoles
 * of their own partition.
 */
export function dashboardConsoleUrl(region: string, dashboardName: string): string {
  const partition = partitionOf(region);
  const host = partition === "aws" ? `https://${region}.console.aws.amazon.com` : (CONSOLE_HOST[partition] ?? CONSOLE_HOST.aws);
  return `${host}/cloudwatch/home?region=${region}#dashboards/dashboard/${encodeURIComponent(dashboardName)}`;
}
