import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";

export interface PagingEndpointProps {
  readonly topicArn: string;
}

/** Terraform variable holding the paging endpoint; `TF_VAR_paging_endpoint` or a sensitive workspace variable. */
export const PAGING_ENDPOINT_VARIABLE = "paging_endpoint";

/**
 * Subscribes a secret HTTPS endpoint (e.g. a PagerDuty CloudWatch integration URL) to the paging topic. The
 * URL is a credential: it comes from a sensitive Terraform variable at plan/apply time, never from the
 * environment file, so it stays out of git and out of cdk.tf.json.
 */
export class PagingEndpoint extends Construct {
  readonly variable: TerraformVariable;

  constructor(scope: Construct, id: string, props: PagingEndpointProps) {
    super(scope, id);
    // Top-level in the stack so the variable is named exactly `paging_endpoint` (no construct-path hash).
    this.variable = new TerraformVariable(TerraformStack.of(this), PAGING_ENDPOINT_VARIABLE, {
      type: "string",
      sensitive: true,
      nullable: false,
      description:
        "HTTPS endpoint subscribed to the paging SNS topic (e.g. PagerDuty's CloudWatch integration URL). Secret: set it as a sensitive workspace variable.",
    });
    new SnsTopicSubscription(this, "subscription", {
      topicArn: props.topicArn,
      protocol: "https",
      endpoint: this.variable.stringValue,
      // PagerDuty (and similar services) confirm SNS subscriptions themselves.
      endpointAutoConfirms: true,
    });
  }
}
