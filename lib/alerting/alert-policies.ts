import { accountRootArn, regionalArn } from "../aws-arn";
import type { EnvContext } from "../context";
import type { Conditions, PolicyDocument } from "../policy/policy-document";

/**
 * Policies of an alert topic and its KMS key: pure functions of config, so they are plain JSON that tests
 * parse. Both admit CloudWatch only on behalf of this environment's alarms, in this account and region
 * (aws:SourceAccount + aws:SourceArn against the confused-deputy problem; AWS documents both keys as
 * supported for CloudWatch alarm actions, unlike EventBridge, whose KMS calls carry neither).
 */

export const CLOUDWATCH_SERVICE = "cloudwatch.amazonaws.com";

/** Names of the alarms admitted to publish: every alarm name comes from `naming.alarm()`, so `axonflow-<env>-*`. */
export const alarmNamePattern = (env: EnvContext): string => env.naming.alarm("*");

function fromThisEnvironmentsAlarms(env: EnvContext): Conditions {
  return {
    StringEquals: { "aws:SourceAccount": env.accountId },
    ArnLike: { "aws:SourceArn": regionalArn(env, "cloudwatch", `alarm:${alarmNamePattern(env)}`) },
  };
}

/**
 * A CMK's policy. In a key policy `Resource: "*"` means "this key" (the only form KMS accepts before the key
 * exists). The account statement is what keeps the key manageable: without it, nobody could change or
 * delete the key again. CloudWatch needs kms:GenerateDataKey* (and kms:Decrypt) to publish to an encrypted
 * topic; without them the alarm's action fails silently. The AWS-managed alias/aws/sns key cannot grant them.
 */
export function alertKeyPolicy(env: EnvContext): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: accountRootArn(env) }, Action: "kms:*", Resource: "*" },
      {
        Sid: "CloudWatchAlarmsEncryptNotifications",
        Effect: "Allow",
        Principal: { Service: CLOUDWATCH_SERVICE },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: fromThisEnvironmentsAlarms(env),
      },
    ],
  };
}

/** What the account owner keeps on the topic: SNS's default owner actions, minus Publish (that is CloudWatch's). */
export const TOPIC_OWNER_ACTIONS = [
  "SNS:GetTopicAttributes",
  "SNS:SetTopicAttributes",
  "SNS:AddPermission",
  "SNS:RemovePermission",
  "SNS:DeleteTopic",
  "SNS:Subscribe",
  "SNS:ListSubscriptionsByTopic",
] as const;

/**
 * The topic's resource policy. It replaces SNS's default policy (which lets any principal of the account
 * publish). IAM principals of the same account whose own IAM policy grants sns:Publish can still publish,
 * e.g. `aws sns publish` for a test page; the topic policy adds no one else.
 */
export function alertTopicPolicy(env: EnvContext, topicName: string): PolicyDocument {
  const topicArn = regionalArn(env, "sns", topicName);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountOwnerManagesTopic",
        Effect: "Allow",
        Principal: { AWS: accountRootArn(env) },
        Action: [...TOPIC_OWNER_ACTIONS],
        Resource: topicArn,
      },
      {
        Sid: "CloudWatchAlarmsPublish",
        Effect: "Allow",
        Principal: { Service: CLOUDWATCH_SERVICE },
        Action: "SNS:Publish",
        Resource: topicArn,
        Condition: fromThisEnvironmentsAlarms(env),
      },
    ],
  };
}
