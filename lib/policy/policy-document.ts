import { terraformLiteral } from "../terraform-literal";

/**
 * A typed IAM policy document. Policies whose values are all known at synth (ARNs built from config)
 * render to a plain JSON string, so a test or a guard rail can parse `aws_iam_policy.policy` directly.
 */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** IAM's limit for a customer managed policy, counted without whitespace. */
export const MANAGED_POLICY_MAX_CHARS = 6144;

const SID = /^[A-Za-z0-9]+$/;

/** Checks the document and renders it as compact JSON, escaped once for Terraform. */
export function renderPolicyDocument(doc: PolicyDocument): string {
  const sids = new Set<string>();
  for (const s of doc.Statement) {
    if (!SID.test(s.Sid)) throw new Error(`policy statement Sid "${s.Sid}": IAM allows only letters and digits`);
    if (sids.has(s.Sid)) throw new Error(`policy statement Sid "${s.Sid}" is used twice`);
    sids.add(s.Sid);
    if (s.Action.length === 0 || s.Resource.length === 0) throw new Error(`policy statement ${s.Sid}: needs at least one action and one resource`);
    for (const value of [...s.Action, ...s.Resource]) {
      if (value.includes("${")) throw new Error(`policy statement ${s.Sid}: "${value}" is a Terraform token; this renderer takes literal values only`);
    }
  }
  const json = JSON.stringify(doc);
  if (json.length > MANAGED_POLICY_MAX_CHARS) {
    throw new Error(`policy document is ${json.length} characters; IAM allows at most ${MANAGED_POLICY_MAX_CHARS} for a managed policy`);
  }
  return terraformLiteral(json);
}
