import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Token } from "cdktf";
import type { IConstruct } from "constructs";

/**
 * The names of every metric and composite alarm under `scope`, sorted: the dashboard's alarm status widget
 * shows all of an environment's alarms without each alarm kind having to register itself. Walks provider
 * resources (not only MetricAlarm) so an alarm built another way is not silently left off. Call it after the
 * alarms exist, i.e. build the dashboard last.
 */
export function alarmNamesIn(scope: IConstruct): string[] {
  const names = new Set<string>();
  for (const node of scope.node.findAll()) {
    if (!(node instanceof CloudwatchMetricAlarm || node instanceof CloudwatchCompositeAlarm)) continue;
    const name = node.alarmNameInput;
    // A name only known at apply (a token) cannot go into the plain-JSON body.
    if (name === undefined || Token.isUnresolved(name)) {
      throw new Error(`${node.node.path}: the dashboard needs a literal alarm_name, received ${String(name)}`);
    }
    names.add(name);
  }
  return [...names].sort();
}
