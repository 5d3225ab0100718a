import { alarmArn, CloudWatchConsole } from "../aws-console";
import type { DashboardInput } from "../dashboard-input";
import { FULL, HALF, Row, type Widget } from "../grid";
import { AlarmStatusWidget, MAX_ALARMS_PER_WIDGET } from "../widgets/alarm-status-widget";
import { TextWidget } from "../widgets/text-widget";

const HEIGHT = 7;

/** First row: what this dashboard is and where to go next, beside the state of every alarm. */
export function overviewRow(input: DashboardInput): Row {
  const alarms = alarmWidgets(input);
  const header = new TextWidget({ markdown: headerMarkdown(input), width: alarms.length > 0 ? HALF : FULL, height: HEIGHT });
  return new Row(header, ...alarms);
}

export function headerMarkdown({ env, services, alarmNames, runbookUrl }: DashboardInput): string {
  const cw = new CloudWatchConsole(env.region);
  const logLinks = services.map((s) => `[${s.logGroupName}](${cw.logGroup(s.logGroupName)})`);
  const alarmLine =
    alarmNames.length > 0
      ? `**Alarms** (${alarmNames.length}, named \`${env.naming.resource()}-*\`): state on the right · [alarm list](${cw.alarms})`
      : `**Alarms**: none defined for this environment · [alarm list](${cw.alarms})`;
  return [
    `# ${env.naming.dashboard}`,
    `**Environment** ${env.name} · **Region** ${env.region} · **Account** ${env.accountId}`,
    "",
    `**Log groups**: ${logLinks.join(" · ")} · [Logs Insights](${cw.logsInsights})`,
    "",
    alarmLine,
    "",
    `**Runbooks**: [how paging works](${runbookUrl("page")}); each alarm's description links its own runbook`,
  ].join("\n");
}

/** One alarm status widget per 100 alarms (CloudWatch's per-widget limit); none when there are no alarms. */
function alarmWidgets({ env, alarmNames }: DashboardInput): Widget[] {
  const arns = alarmNames.map((name) => alarmArn(env.region, env.accountId, name));
  const chunks: string[][] = [];
  for (let i = 0; i < arns.length; i += MAX_ALARMS_PER_WIDGET) chunks.push(arns.slice(i, i + MAX_ALARMS_PER_WIDGET));
  return chunks.map(
    (chunk, i) =>
      new AlarmStatusWidget({
        title: chunks.length > 1 ? `Alarms (${i + 1}/${chunks.length})` : "Alarms",
        alarmArns: chunk,
        // ALARM first, then INSUFFICIENT_DATA, then OK: what needs attention is at the top.
        sortBy: "stateUpdatedTimestamp",
        width: HALF,
        height: HEIGHT,
      }),
  );
}
