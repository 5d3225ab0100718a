import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { App, TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { alarmNamesIn } from "../lib/dashboard/alarm-names";

const metricAlarm = (scope: Construct, id: string, alarmName: string) =>
  new CloudwatchMetricAlarm(scope, id, { alarmName, comparisonOperator: "GreaterThanThreshold", evaluationPeriods: 1, metricName: "M", namespace: "N", period: 60, statistic: "Sum", threshold: 1 });

describe("alarmNamesIn", () => {
  test("finds metric and composite alarms at any depth, sorted and without duplicates", () => {
    const stack = new TerraformStack(new App(), "s");
    const nested = new Construct(new Construct(stack, "alarms"), "deep");
    metricAlarm(nested, "z", "axonflow-t-zeta");
    metricAlarm(stack, "a", "axonflow-t-alpha");
    new CloudwatchCompositeAlarm(stack, "c", { alarmName: "axonflow-t-composite", alarmRule: 'ALARM("axonflow-t-alpha")' });
    expect(alarmNamesIn(stack)).toEqual(["axonflow-t-alpha", "axonflow-t-composite", "axonflow-t-zeta"]);
  });

  test("a stack without alarms has none", () => {
    expect(alarmNamesIn(new TerraformStack(new App(), "s"))).toEqual([]);
  });

  test("rejects an alarm name only known at apply, naming the construct", () => {
    const stack = new TerraformStack(new App(), "s");
    const name = new TerraformVariable(stack, "name", { type: "string" });
    metricAlarm(stack, "from-variable", name.stringValue);
    expect(() => alarmNamesIn(stack)).toThrow(/^s\/from-variable: the dashboard needs a literal alarm_name/);
  });
});
