import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { partitionOf } from "../../lib/aws-arn";
import type { PolicyDocument } from "../../lib/policy/policy-document";
import { fromTerraformLiteral } from "../../lib/terraform-literal";
import { configFrom, fixtureEnvironments } from "../support/environments";
import { resourcesOf, resourceWhere, synthesized, type TerraformJson } from "../support/synth";

describe("the alert topics", () => {
  const policyOf = (r: Record<string, unknown>) => JSON.parse(fromTerraformLiteral(r.policy as string)) as PolicyDocument;
  const statement = (doc: PolicyDocument, sid: string) => {
    const s = doc.Statement.find((x) => x.Sid === sid);
    if (!s) throw new Error(`no statement ${sid}`);
    return s;
  };
  /** The resource of `type` whose `attribute` references `${<referenced>.<suffix>}`. */
  const referencing = (tf: TerraformJson, type: string, attribute: string, referenced: string) => {
    const hits = Object.entries(resourcesOf(tf, type)).filter(([, r]) => String(r[attribute]).startsWith(`\${${referenced}.`));
    expect(hits).toHaveLength(1);
    return { address: hits[0][0], attributes: hits[0][1] };
  };
  const addressOf = (tf: TerraformJson, type: string, key: string, value: string) => {
    const hits = Object.entries(resourcesOf(tf, type)).filter(([, r]) => r[key] === value);
    expect(hits).toHaveLength(1);
    return hits[0][0];
  };

  describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s: encrypted alert topics", (name, config) => {
    const { json, tf } = synthesized(config);
    const account = config.accountId;
    const alarmArns = `arn:aws:cloudwatch:${config.region}:${account}:alarm:axonflow-${name}-*`;
    // Every topic of the stack (alerts, and pages when some alarm pages) gets its own key and policy.
    const topics = Object.values(resourcesOf(tf, "aws_sns_topic")).map((t) => String(t.name).replace(`axonflow-${name}-`, ""));

    test("the stack's topics: alerts, and pages where the environment has a paging route", () => {
      expect([...topics].sort()).toEqual(config.paging.emails.length > 0 ? ["alerts", "pages"] : ["alerts"]);
      expect(Object.keys(resourcesOf(tf, "aws_kms_key"))).toHaveLength(topics.length);
      expect(Object.keys(resourcesOf(tf, "aws_kms_alias"))).toHaveLength(topics.length);
      expect(Object.keys(resourcesOf(tf, "aws_sns_topic_policy"))).toHaveLength(topics.length);
    });

    describe.each(topics)("axonflow-%s-<what>", (what) => {
      const topicName = `axonflow-${name}-${what}`;
      const topicArn = `arn:aws:sns:${config.region}:${account}:${topicName}`;
      const topicAddress = addressOf(tf, "aws_sns_topic", "name", topicName);
      const topic = resourceWhere(tf, "aws_sns_topic", "name", topicName);
      const keyAddress = String(topic.kms_master_key_id).replace(/^\$\{aws_kms_key\.(.+)\.arn\}$/, "$1");
      const key = resourcesOf(tf, "aws_kms_key")[keyAddress];

      test("a customer-managed key of its own, with rotation, a 30-day deletion window and an alias", () => {
        expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
        expect(json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
        expect(json).toHaveResourceWithProperties(KmsAlias, {
          name: `alias/${topicName}`,
          target_key_id: `\${aws_kms_key.${keyAddress}.key_id}`,
        });
      });

      test("the topic is encrypted with that key, never alias/aws/sns", () => {
        expect(topic.kms_master_key_id).toBe(`\${aws_kms_key.${keyAddress}.arn}`);
        expect(json).not.toMatch(/alias\/aws\/sns/);
        expect(json).toHaveResourceWithProperties(SnsTopic, {
          name: topicName,
          kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\./),
        });
      });

      test("key policy: the account administers; CloudWatch may use it only for this environment's alarms", () => {
        const doc = policyOf(key);
        expect(doc.Statement).toHaveLength(2);
        expect(statement(doc, "AccountAdministersKey")).toEqual({
          Sid: "AccountAdministersKey",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${account}:root` },
          Action: "kms:*",
          Resource: "*",
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
        const doc = policyOf(referencing(tf, "aws_sns_topic_policy", "arn", `aws_sns_topic.${topicAddress}`).attributes);
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
        expect(owner.Action).toEqual(
          expect.arrayContaining(["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:Subscribe", "SNS:DeleteTopic"]),
        );
        expect(doc.Statement).toHaveLength(2);
      });
    });

    test("every alarm that notifies a topic has a name the policies admit", () => {
      for (const type of ["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"]) {
        for (const alarm of Object.values(resourcesOf(tf, type))) expect(alarm.alarm_name).toMatch(new RegExp(`^axonflow-${name}-`));
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
      const { tf } = synthesized(configFrom({ region: "cn-north-1" }));
      const doc = policyOf(
        referencing(tf, "aws_sns_topic_policy", "arn", `aws_sns_topic.${addressOf(tf, "aws_sns_topic", "name", "axonflow-test-alerts")}`)
          .attributes,
      );
      expect(statement(doc, "CloudWatchAlarmsPublish").Resource).toBe("arn:aws-cn:sns:cn-north-1:111122223333:axonflow-test-alerts");
      expect(statement(doc, "AccountOwnerManagesTopic").Principal).toEqual({ AWS: "arn:aws-cn:iam::111122223333:root" });
    });
  });
});
