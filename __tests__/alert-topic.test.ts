import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { partitionOf } from "../lib/aws-arn";
import type { PolicyDocument } from "../lib/policy/policy-document";
import { fromTerraformLiteral } from "../lib/terraform-literal";
import { configFrom, shippedEnvironments } from "./support/environments";
import { resourcesOf, resourceWhere, synthStack, type TerraformJson } from "./support/synth";

const policyOf = (r: Record<string, unknown>) => JSON.parse(fromTerraformLiteral(r.policy as string)) as PolicyDocument;
const statement = (doc: PolicyDocument, sid: string) => {
  const s = doc.Statement.find((x) => x.Sid === sid);
  if (!s) throw new Error(`no statement ${sid}`);
  return s;
};
const only = (tf: TerraformJson, type: string) => {
  const all = Object.entries(resourcesOf(tf, type));
  expect(all).toHaveLength(1);
  return { address: all[0][0], attributes: all[0][1] };
};

describe.each(shippedEnvironments().map((c) => [c.name, c] as const))("%s: encrypted alert topic", (name, config) => {
  const { json, tf } = synthStack(config);
  const account = config.accountId;
  const alarmArns = `arn:aws:cloudwatch:${config.region}:${account}:alarm:axonflow-${name}-*`;
  const topicArn = `arn:aws:sns:${config.region}:${account}:axonflow-${name}-alerts`;

  test("one customer-managed key with rotation, a 30-day deletion window and an alias", () => {
    const key = only(tf, "aws_kms_key");
    expect(json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(json).toHaveResourceWithProperties(KmsAlias, { name: `alias/axonflow-${name}-alerts`, target_key_id: `\${aws_kms_key.${key.address}.key_id}` });
    expect(Object.keys(resourcesOf(tf, "aws_kms_alias"))).toHaveLength(1);
  });

  test("the topic is encrypted with that key, never alias/aws/sns", () => {
    const key = only(tf, "aws_kms_key");
    const topic = resourceWhere(tf, "aws_sns_topic", "name", `axonflow-${name}-alerts`);
    expect(topic.kms_master_key_id).toBe(`\${aws_kms_key.${key.address}.arn}`);
    expect(json).not.toMatch(/alias\/aws\/sns/);
    expect(json).toHaveResourceWithProperties(SnsTopic, { kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\./) });
  });

  test("key policy: the account administers; CloudWatch may use it only for this environment's alarms", () => {
    const doc = policyOf(only(tf, "aws_kms_key").attributes);
    expect(doc.Statement).toHaveLength(2);
    expect(statement(doc, "AccountAdministersKey")).toEqual({
      Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*",
    });
    expect(statement(doc, "CloudWatchAlarmsEncryptNotifications")).toEqual({
      Sid: "CloudWatchAlarmsEncryptNotifications",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": alarmArns } },
    });
  });

  test("topic policy: SNS:Publish only from CloudWatch alarms of this account; the owner keeps management actions", () => {
    const policy = only(tf, "aws_sns_topic_policy").attributes;
    expect(json).toHaveResourceWithProperties(SnsTopicPolicy, { arn: expect.stringMatching(/^\$\{aws_sns_topic\.alerts_topic_\w+\.arn\}$/) });
    const doc = policyOf(policy);
    const publishers = doc.Statement.filter((s) => [s.Action].flat().some((a) => /publish/i.test(String(a))));
    expect(publishers).toEqual([
      {
        Sid: "CloudWatchAlarmsPublish",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: "SNS:Publish",
        Resource: topicArn,
        Condition: { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": alarmArns } },
      },
    ]);
    const owner = statement(doc, "AccountOwnerManagesTopic");
    expect(owner).toMatchObject({ Principal: { AWS: `arn:aws:iam::${account}:root` }, Resource: topicArn });
    expect(owner.Action).toEqual(expect.arrayContaining(["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:Subscribe", "SNS:DeleteTopic"]));
    expect(doc.Statement).toHaveLength(2);
  });

  test("every alarm that notifies the topic has a name the policies admit", () => {
    for (const alarm of Object.values(resourcesOf(tf, "aws_cloudwatch_metric_alarm"))) {
      expect(alarm.alarm_name).toMatch(new RegExp(`^axonflow-${name}-`));
    }
  });
});

describe("ARNs follow the region's partition", () => {
  test.each([
    ["us-east-1", "aws"],
    ["cn-north-1", "aws-cn"],
    ["us-gov-west-1", "aws-us-gov"],
    ["us-iso-east-1", "aws-iso"],
    ["us-isob-east-1", "aws-iso-b"],
  ])("%s → %s", (region, partition) => expect(partitionOf(region)).toBe(partition));

  test("a China-region topic policy names aws-cn ARNs", () => {
    const { tf } = synthStack(configFrom({ region: "cn-north-1" }));
    const doc = policyOf(Object.values(resourcesOf(tf, "aws_sns_topic_policy"))[0]);
    expect(statement(doc, "CloudWatchAlarmsPublish").Resource).toBe("arn:aws-cn:sns:cn-north-1:111122223333:axonflow-test-alerts");
    expect(statement(doc, "AccountOwnerManagesTopic").Principal).toEqual({ AWS: "arn:aws-cn:iam::111122223333:root" });
  });
});
