import type { EnvironmentConfig } from "../../lib/config/schema";
import { fixtureEnvironments } from "./environments";
import { resourcesOf, resourceWhere, type TerraformJson } from "./synth";

/** `${aws_sns_topic.alerts_topic_<hash>.arn}`: the ticket route. */
export const ALERTS_TOPIC_ARN = /^\$\{aws_sns_topic\.alerts_topic_\w+\.arn\}$/;
/** `${aws_sns_topic.pages_topic_<hash>.arn}`: the paging route, notified only by the composite alarm. */
export const PAGES_TOPIC_ARN = /^\$\{aws_sns_topic\.pages_topic_\w+\.arn\}$/;

/** [name, config] of every fixture environment, for describe.each. */
export const fixtureCases = (): (readonly [string, EnvironmentConfig])[] => fixtureEnvironments().map((c) => [c.name, c] as const);

export const metricAlarms = (tf: TerraformJson) => Object.values(resourcesOf(tf, "aws_cloudwatch_metric_alarm"));
export const compositeAlarms = (tf: TerraformJson) => Object.values(resourcesOf(tf, "aws_cloudwatch_composite_alarm"));
export const alarmNamed = (tf: TerraformJson, name: string) => resourceWhere(tf, "aws_cloudwatch_metric_alarm", "alarm_name", name);
export const alarmNames = (tf: TerraformJson) => metricAlarms(tf).map((a) => a.alarm_name as string);
