import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { emailSubscriptionKey } from "../naming";
import { terraformLiteral } from "../terraform-literal";
import { alertKeyPolicy, alertTopicPolicy } from "./alert-policies";

export interface AlertTopicProps {
  readonly env: EnvContext;
  /** Physical name suffix: `axonflow-<env>-<what>`; also names the topic's KMS alias. */
  readonly what: string;
  readonly emails: readonly string[];
}

/** Days a destroyed key stays recoverable (`aws kms cancel-key-deletion`); 30 is the maximum KMS allows. */
export const KEY_DELETION_WINDOW_DAYS = 30;

/**
 * An SNS topic alarms publish to, encrypted at rest with its own customer-managed KMS key, with one
 * e-mail subscription per address.
 *
 * One key per topic (not one per stack): a topic and its key are created, reviewed and destroyed together,
 * each key policy admits exactly the publishers of its topic, and adding a topic (e.g. paging) needs no
 * change elsewhere. The cost is USD 1/month per key.
 */
export class AlertTopic extends Construct {
  readonly topic: SnsTopic;
  readonly key: KmsKey;
  /** The topic's name (`axonflow-<env>-<what>`), known at synth: the TopicName dimension of its SNS metrics. */
  readonly name: string;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    const { env, what } = props;
    const name = (this.name = env.naming.resource(what));

    this.key = new KmsKey(this, "key", {
      description: `Encrypts SNS topic ${name}; CloudWatch alarms of ${env.name} may use it to publish`,
      enableKeyRotation: true,
      deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
      policy: terraformLiteral(JSON.stringify(alertKeyPolicy(env))),
    });
    new KmsAlias(this, "key-alias", { name: env.naming.kmsAlias(what), targetKeyId: this.key.keyId });

    // Never alias/aws/sns: its policy cannot be changed to admit CloudWatch, so alarms would fail to notify silently.
    this.topic = new SnsTopic(this, "topic", { name, kmsMasterKeyId: this.key.arn });
    new SnsTopicPolicy(this, "topic-policy", {
      arn: this.topic.arn,
      policy: terraformLiteral(JSON.stringify(alertTopicPolicy(env, name))),
    });

    const ids = new Set<string>();
    for (const email of props.emails) {
      const subId = emailSubscriptionKey(email);
      if (ids.has(subId)) throw new Error(`${this.node.path}: e-mail ${email} is listed twice`);
      ids.add(subId);
      new SnsTopicSubscription(this, subId, { topicArn: this.topic.arn, protocol: "email", endpoint: email });
    }
  }

  get arn(): string {
    return this.topic.arn;
  }
}
