import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { Construct } from "constructs";
import { partitionOf } from "../aws-arn";
import type { EnvContext } from "../context";
import { type PolicyDocument, renderPolicyDocument } from "./policy-document";

/** Exactly the guide's "common minimum for log shipping" actions, nothing added. */
export const LOG_SHIPPING_ACTIONS = [
  "logs:CreateLogGroup",
  "logs:CreateLogStream",
  "logs:PutLogEvents",
  "logs:DescribeLogGroups",
  "logs:DescribeLogStreams",
] as const;

/**
 * The guide grants the actions on `arn:aws:logs:*:*:log-group:/axonflow/*`: every account, every region and
 * every environment. Here each action gets the narrowest resource IAM evaluates it against:
 * - CreateLogGroup, CreateLogStream, DescribeLogStreams act on a log group: this environment's groups, by
 *   exact name. `<group>` and `<group>:*` both, because IAM sees a log group as either form.
 * - PutLogEvents acts on a log stream: streams of those groups only.
 * - DescribeLogGroups is a list call that IAM evaluates against `log-group::log-stream:` (no group name;
 *   hashicorp/terraform-provider-aws#8804), so a group-scoped resource denies it even with a name prefix
 *   (maxbanton/cwh#83). The tightest resource that works is every group of this account and region.
 */
export function logShippingPolicyDocument(env: Pick<EnvContext, "region" | "accountId">, logGroupNames: readonly string[]): PolicyDocument {
  if (logGroupNames.length === 0) throw new Error("log shipping policy: no log groups to grant");
  const base = `arn:${partitionOf(env.region)}:logs:${env.region}:${env.accountId}:log-group:`;
  const groups = logGroupNames.map((name) => `${base}${name}`);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "CreateAndDescribeInEnvironmentLogGroups",
        Effect: "Allow",
        Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogStreams"],
        Resource: groups.flatMap((g) => [g, `${g}:*`]),
      },
      {
        Sid: "PutLogEventsInEnvironmentLogStreams",
        Effect: "Allow",
        Action: ["logs:PutLogEvents"],
        Resource: groups.map((g) => `${g}:log-stream:*`),
      },
      {
        Sid: "DescribeLogGroupsInAccountRegion",
        Effect: "Allow",
        Action: ["logs:DescribeLogGroups"],
        Resource: [`${base}*`],
      },
    ],
  };
}

export interface LogShippingPolicyProps {
  readonly env: EnvContext;
  /** Literal names of the environment's log groups (not tokens: the policy is plain, parseable JSON). */
  readonly logGroupNames: readonly string[];
}

/** `axonflow-<env>-log-shipping`: attach it to the ECS task role or agent that ships AxonFlow's logs. */
export class LogShippingPolicy extends Construct {
  readonly policy: IamPolicy;
  readonly document: PolicyDocument;

  constructor(scope: Construct, id: string, props: LogShippingPolicyProps) {
    super(scope, id);
    this.document = logShippingPolicyDocument(props.env, props.logGroupNames);
    this.policy = new IamPolicy(this, "policy", {
      name: props.env.naming.resource("log-shipping"),
      description: `Ship AxonFlow ${props.env.name} logs to its CloudWatch log groups (${props.env.region})`,
      policy: renderPolicyDocument(this.document),
    });
  }

  get arn(): string {
    return this.policy.arn;
  }
}
