import { asList, type PolicyStatement } from "./policy-document";

/**
 * "No `*` resource on write actions", over IAM JSON of any origin. Three policy kinds differ in what `*` means:
 * - identity (aws_iam_policy, inline role/user/group policies): `Resource: "*"` is every resource of the account;
 * - key (KMS key policies): `Resource: "*"` means "this key", the only form KMS accepts, so it is not a wildcard;
 *   there the risk is `Principal: "*"`;
 * - resource (SNS topic, log resource, queue and bucket policies): both a `*` resource and a `*` principal.
 */
export type PolicyKind = "identity" | "key" | "resource";

/**
 * Actions without resource-level permissions: AWS only accepts `Resource: "*"` for them. Allowed on `*`, with
 * the condition key that narrows them where one exists (PutMetricData: only these namespaces).
 */
export const RESOURCE_STAR_ONLY: Readonly<Record<string, string | undefined>> = {
  "cloudwatch:putmetricdata": "cloudwatch:namespace",
  "xray:puttracesegments": undefined,
  "xray:puttelemetryrecords": undefined,
};

// Verbs of AWS's Read and List access levels; everything else (Put, Create, Delete, Publish, Decrypt, `*`…) writes.
const READ_VERB = /^(Get|List|Describe|BatchGet|Filter|Search|Lookup|View|Head|Query|Select|Test|Validate)/i;

export function isWriteAction(action: string): boolean {
  if (action === "*") return true;
  const verb = action.split(":")[1] ?? "";
  return !READ_VERB.test(verb);
}

/** Why this statement breaks the rule, or nothing. `where` names the statement in the message. */
export function wildcardWriteProblems(statement: PolicyStatement, kind: PolicyKind): string[] {
  if (statement.Effect !== "Allow") return []; // a Deny on `*` only takes away
  const writes =
    statement.NotAction !== undefined
      ? [`every action except ${asList(statement.NotAction).join(", ")}`]
      : asList(statement.Action).filter(isWriteAction);
  if (writes.length === 0) return [];
  const problems: string[] = [];
  const conditions = Object.values(statement.Condition ?? {}).flatMap((byKey) => Object.keys(byKey).map((k) => k.toLowerCase()));

  const starResource = statement.NotResource !== undefined || asList(statement.Resource).some((r) => r === "*" || r === "arn:aws:*:*:*:*");
  if (kind !== "key" && starResource) {
    const unscoped = writes.filter((a) => {
      const key = a.toLowerCase();
      if (!(key in RESOURCE_STAR_ONLY)) return true;
      const needed = RESOURCE_STAR_ONLY[key];
      return needed !== undefined && !conditions.includes(needed);
    });
    if (unscoped.length > 0) {
      const starOnly = unscoped.filter((a) => RESOURCE_STAR_ONLY[a.toLowerCase()]);
      const hint = starOnly.length
        ? `; ${starOnly.join(", ")} must be narrowed by ${starOnly.map((a) => RESOURCE_STAR_ONLY[a.toLowerCase()]).join(", ")}`
        : "";
      problems.push(
        `allows write actions ${unscoped.join(", ")} on Resource "*"; allowed: name the resources (ARNs built from config)${hint}`,
      );
    }
  }

  const principals = statement.Principal === "*" ? ["*"] : [...asList(statement.Principal?.AWS), ...asList(statement.Principal?.Service)];
  if (kind !== "identity" && principals.includes("*") && conditions.length === 0) {
    problems.push(
      `allows write actions ${writes.join(", ")} to Principal "*" with no Condition; allowed: name the principals (account root, service) or add a Condition`,
    );
  }
  return problems;
}
