/** The ARN partition of a region (`aws`, `aws-cn`, `aws-us-gov`, …): ARNs outside `aws` must say so. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (/^[a-z]{2}-isob-/.test(region)) return "aws-iso-b";
  if (/^[a-z]{2}-iso-/.test(region)) return "aws-iso";
  return "aws";
}
