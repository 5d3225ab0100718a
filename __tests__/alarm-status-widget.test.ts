import { type AlarmStatusWidgetProps, AlarmStatusWidget } from "../lib/dashboard/widgets/alarm-status-widget";

const arn = (name: string, region = "eu-west-1") => `arn:aws:cloudwatch:${region}:111122223333:alarm:${name}`;
const base: AlarmStatusWidgetProps = { title: "Alarms", alarmArns: [arn("a"), arn("b")], width: 12 };
const build = (patch: Partial<AlarmStatusWidgetProps> = {}) => new AlarmStatusWidget({ ...base, ...patch });

describe("AlarmStatusWidget", () => {
  test("renders the ARNs in order, sort and state filter", () => {
    expect(build({ sortBy: "stateUpdatedTimestamp", states: ["ALARM", "INSUFFICIENT_DATA"] }).toJson(12, 0)).toEqual({
      type: "alarm",
      x: 12,
      y: 0,
      width: 12,
      height: 6,
      properties: { title: "Alarms", alarms: [arn("a"), arn("b")], sortBy: "stateUpdatedTimestamp", states: ["ALARM", "INSUFFICIENT_DATA"] },
    });
  });

  test("accepts 100 alarms and ARNs of other partitions", () => {
    expect(() => build({ alarmArns: Array.from({ length: 100 }, (_, i) => arn(`a${i}`)) })).not.toThrow();
    expect(() => build({ alarmArns: ["arn:aws-us-gov:cloudwatch:us-gov-west-1:111122223333:alarm:x", "arn:aws-cn:cloudwatch:cn-north-1:111122223333:alarm:y"] })).not.toThrow();
  });

  test.each<[string, Partial<AlarmStatusWidgetProps>, string]>([
    ["no alarms", { alarmArns: [] }, "lists 0 alarms; allowed: 1..100 per widget"],
    ["101 alarms", { alarmArns: Array.from({ length: 101 }, (_, i) => arn(`a${i}`)) }, "lists 101 alarms; allowed: 1..100 per widget"],
    ["an alarm name instead of an ARN", { alarmArns: ["axonflow-test-high-latency"] }, '"axonflow-test-high-latency" is not a CloudWatch alarm ARN'],
    ["an SNS ARN", { alarmArns: ["arn:aws:sns:eu-west-1:111122223333:alerts"] }, '"arn:aws:sns:eu-west-1:111122223333:alerts" is not a CloudWatch alarm ARN'],
    ["a short account id", { alarmArns: ["arn:aws:cloudwatch:eu-west-1:1111:alarm:x"] }, '"arn:aws:cloudwatch:eu-west-1:1111:alarm:x" is not a CloudWatch alarm ARN'],
    ["an ARN listed twice", { alarmArns: [arn("a"), arn("a")] }, "an alarm ARN is listed twice"],
  ])("rejects %s", (_, patch, message) => {
    expect(() => build(patch)).toThrow(`AlarmStatusWidget "Alarms": ${message}`);
  });
});
