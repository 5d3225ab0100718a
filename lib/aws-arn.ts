import type { EnvContext } from "./context";

/**
 * ARNs built from config rather than read from resource attributes or data sources: policy bodies stay
 * plain JSON a test can parse, and the offline `terraform plan` needs no AWS call.
 */

export type Partition = "aws" | "aws-cn" | "aws-us-gov" | "aws-iso" | "aws-iso-b";

/** The ARN partition of a region: China and GovCloud regions are not in `aws`, and an ARN in the wrong one matches nothing. */
export function partitionOf(region: string): Partition {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (/^[a-z]{2}-isob-/.test(region)) return "aws-iso-b";
  if (/^[a-z]{2}-iso-/.test(region)) return "aws-iso";
  return "aws";
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>` in the environment's region and account. */
export function regionalArn(env: EnvContext, service: string, resource: string): string {
  return `arn:${partitionOf(env.region)}:${service}:${env.region}:${env.accountId}:${resource}`;
}

/** The account itself as a principal: delegates to the account's IAM policies (it is not "anyone in the account"). */
export function accountRootArn(env: EnvContext): string {
  return `arn:${partitionOf(env.region)}:iam::${env.accountId}:root`;
}
