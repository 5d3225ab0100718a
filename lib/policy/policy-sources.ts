import { fromTerraformLiteral } from "../terraform-literal";
import type { PolicyDocument, PolicyStatement } from "./policy-document";
import { isTerraformExpression, type SynthesizedElement } from "./synthesized-elements";
import type { PolicyKind } from "./wildcard-writes";

/** Where IAM JSON lives, by Terraform type. Types not listed are still read when they have a `policy` attribute. */
const POLICY_ATTRIBUTES: Readonly<Record<string, { attribute: string; kind: PolicyKind }>> = {
  aws_iam_policy: { attribute: "policy", kind: "identity" },
  aws_iam_role_policy: { attribute: "policy", kind: "identity" },
  aws_iam_user_policy: { attribute: "policy", kind: "identity" },
  aws_iam_group_policy: { attribute: "policy", kind: "identity" },
  aws_kms_key: { attribute: "policy", kind: "key" },
  aws_kms_key_policy: { attribute: "policy", kind: "key" },
  aws_sns_topic: { attribute: "policy", kind: "resource" },
  aws_sns_topic_policy: { attribute: "policy", kind: "resource" },
  aws_cloudwatch_log_resource_policy: { attribute: "policy_document", kind: "resource" },
};

export type PolicySource =
  | {
      readonly element: SynthesizedElement;
      readonly where: string;
      readonly kind: PolicyKind;
      readonly statements: readonly PolicyStatement[];
    }
  | { readonly element: SynthesizedElement; readonly where: string; readonly unreadable: string };

/** Every IAM statement the stack synthesizes: policy JSON attributes and aws_iam_policy_document data sources. */
export function policySources(elements: readonly SynthesizedElement[]): PolicySource[] {
  const out: PolicySource[] = [];
  for (const element of elements) {
    if (element.kind === "data" && element.type === "aws_iam_policy_document") {
      out.push(fromPolicyDocumentData(element));
      continue;
    }
    if (element.kind !== "resource") continue;
    const spec = POLICY_ATTRIBUTES[element.type] ?? { attribute: "policy", kind: "resource" as const };
    const text = element.attributes[spec.attribute];
    if (text === undefined) continue;
    const where = `${element.type}.${spec.attribute}`;
    const doc = parsePolicyText(text);
    out.push(
      typeof doc === "string" ? { element, where, unreadable: doc } : { element, where, kind: spec.kind, statements: asStatements(doc) },
    );
  }
  return out;
}

/** The policy document in an attribute, or why it cannot be read at synth. */
export function parsePolicyText(text: unknown): PolicyDocument | string {
  if (typeof text !== "string") return `is not a JSON string (received ${typeof text})`;
  if (isTerraformExpression(text))
    return "is a Terraform expression (e.g. jsonencode), only known at apply; build it from config as plain JSON so it can be checked";
  try {
    return JSON.parse(fromTerraformLiteral(text)) as PolicyDocument;
  } catch (e) {
    return `is not valid JSON (${(e as Error).message})`;
  }
}

const asStatements = (doc: PolicyDocument): PolicyStatement[] =>
  Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement as unknown as PolicyStatement] : [];

interface DocumentStatementBlock {
  effect?: string;
  actions?: string[];
  not_actions?: string[];
  resources?: string[];
  not_resources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  condition?: { test: string; variable: string; values: string[] }[];
}

function fromPolicyDocumentData(element: SynthesizedElement): PolicySource {
  const blocks = (element.attributes.statement ?? []) as DocumentStatementBlock[];
  const statements: PolicyStatement[] = blocks.map((b) => {
    const principals = b.principals ?? [];
    const ids = (type: string) => principals.filter((p) => p.type === type).flatMap((p) => p.identifiers);
    const anyone = principals.some((p) => p.type === "*" || (p.type === "AWS" && p.identifiers.includes("*")));
    return {
      Effect: b.effect === "Deny" ? "Deny" : "Allow",
      Action: b.actions,
      NotAction: b.not_actions,
      Resource: b.resources,
      NotResource: b.not_resources,
      Principal: principals.length === 0 ? undefined : anyone ? "*" : { AWS: ids("AWS"), Service: ids("Service") },
      Condition: b.condition?.length ? Object.fromEntries(b.condition.map((c) => [c.test, { [c.variable]: c.values }])) : undefined,
    };
  });
  // A document granting only kms:* actions to principals is a key policy, whose "*" resource means "this key".
  const keyPolicy = statements.every(
    (s) => s.Principal !== undefined && [s.Action ?? []].flat().every((a) => String(a).toLowerCase().startsWith("kms:")),
  );
  const kind: PolicyKind = statements.length > 0 && keyPolicy ? "key" : statements.some((s) => s.Principal) ? "resource" : "identity";
  return { element, where: "aws_iam_policy_document.statement", kind, statements };
}
