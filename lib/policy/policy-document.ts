import { terraformLiteral } from "../terraform-literal";

/**
 * IAM policy JSON as typed objects (identity policies, KMS key policies, SNS topic policies share the grammar).
 * Policies are built as these objects and rendered once, so tests and guard rails read the same structure.
 */
export type OneOrMore<T> = T | readonly T[];

export type Principal = "*" | { readonly AWS?: OneOrMore<string>; readonly Service?: OneOrMore<string> };

/** operator (StringEquals, ArnLike, …) → condition key → value(s). */
export type Conditions = Readonly<Record<string, Readonly<Record<string, OneOrMore<string>>>>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Principal;
  readonly Action?: OneOrMore<string>;
  readonly NotAction?: OneOrMore<string>;
  readonly Resource?: OneOrMore<string>;
  readonly NotResource?: OneOrMore<string>;
  readonly Condition?: Conditions;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Id?: string;
  readonly Statement: readonly PolicyStatement[];
}

export const asList = <T>(v: OneOrMore<T> | undefined): readonly T[] =>
  v === undefined ? [] : Array.isArray(v) ? (v as readonly T[]) : [v as T];

/** IAM's limit for a customer managed policy, counted without whitespace. */
export const MANAGED_POLICY_MAX_CHARS = 6144;

const SID = /^[A-Za-z0-9]+$/;

/** Checks an IAM identity policy and renders it as compact JSON, escaped once for Terraform. */
export function renderPolicyDocument(doc: PolicyDocument): string {
  const sids = new Set<string>();
  for (const s of doc.Statement) {
    const sid = s.Sid ?? "";
    if (!SID.test(sid)) throw new Error(`policy statement Sid "${sid}": IAM allows only letters and digits`);
    if (sids.has(sid)) throw new Error(`policy statement Sid "${sid}" is used twice`);
    sids.add(sid);
    const actions = asList(s.Action);
    const resources = asList(s.Resource);
    if (actions.length === 0 || resources.length === 0)
      throw new Error(`policy statement ${sid}: needs at least one action and one resource`);
    for (const value of [...actions, ...resources]) {
      if (value.includes("${"))
        throw new Error(`policy statement ${sid}: "${value}" is a Terraform token; this renderer takes literal values only`);
    }
  }
  const json = JSON.stringify(doc);
  if (json.length > MANAGED_POLICY_MAX_CHARS) {
    throw new Error(`policy document is ${json.length} characters; IAM allows at most ${MANAGED_POLICY_MAX_CHARS} for a managed policy`);
  }
  return terraformLiteral(json);
}
