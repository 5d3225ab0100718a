import { partitionOf } from "../lib/aws-arn";
import { alarmArn, CloudWatchConsole } from "../lib/dashboard/aws-console";

describe("ARNs and console links from config", () => {
  test.each([
    ["us-east-1", "aws"],
    ["eu-west-1", "aws"],
    ["cn-north-1", "aws-cn"],
    ["us-gov-west-1", "aws-us-gov"],
    ["us-iso-east-1", "aws-iso"],
    ["us-isob-east-1", "aws-iso-b"],
  ])("%s is in partition %s", (region, partition) => expect(partitionOf(region)).toBe(partition));

  test("alarm ARN carries partition, region and account", () => {
    expect(alarmArn("us-gov-west-1", "111122223333", "axonflow-gov-high-latency")).toBe("arn:aws-us-gov:cloudwatch:us-gov-west-1:111122223333:alarm:axonflow-gov-high-latency");
  });

  test("a log group link double-encodes the name with $ for %, as the console expects", () => {
    expect(new CloudWatchConsole("eu-west-1").logGroup("/axonflow/prod/agent")).toBe(
      "https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faxonflow$252Fprod$252Fagent",
    );
  });

  test("China regions link to the China console", () => {
    expect(new CloudWatchConsole("cn-north-1").alarms).toBe("https://console.amazonaws.cn/cloudwatch/home?region=cn-north-1#alarmsV2:");
  });
});
