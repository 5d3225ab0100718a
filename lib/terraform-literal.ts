/**
 * Terraform reads every string in cdk.tf.json as a template: `${…}` and `%{…}` would be interpolated.
 * Bodies we render ourselves (dashboard JSON, policy JSON) are literal text, so escape them once here;
 * CloudWatch then receives `${AVG}` labels or `${aws:username}` policy variables unchanged.
 */
export function terraformLiteral(text: string): string {
  return text.replace(/\$\{/g, "$${").replace(/%\{/g, "%%{");
}

/** The inverse of terraformLiteral: the text CloudWatch/IAM receives, for checks that read a rendered body back. */
export function fromTerraformLiteral(text: string): string {
  return text.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
}
