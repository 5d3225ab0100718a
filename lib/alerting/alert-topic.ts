import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Construct } from "constructs";
import type { EnvContext } from "../context";

export interface AlertTopicProps {
  readonly env: EnvContext;
  /** Physical name suffix: `axonflow-<env>-<what>`. */
  readonly what: string;
  readonly emails: readonly string[];
}

/** An SNS topic alarms publish to, with one e-mail subscription per address. */
export class AlertTopic extends Construct {
  readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    this.topic = new SnsTopic(this, "topic", { name: props.env.naming.resource(props.what) });
    const ids = new Set<string>();
    for (const email of props.emails) {
      // Keyed by address, not list position: reordering the list must not replace subscriptions.
      const subId = `email-${email.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
      if (ids.has(subId)) throw new Error(`${this.node.path}: e-mail ${email} is listed twice`);
      ids.add(subId);
      new SnsTopicSubscription(this, subId, { topicArn: this.topic.arn, protocol: "email", endpoint: email });
    }
  }

  get arn(): string {
    return this.topic.arn;
  }
}
