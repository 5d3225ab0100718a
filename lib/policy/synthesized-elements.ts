import { DefaultTokenResolver, StringConcat, TerraformDataSource, TerraformProvider, TerraformResource, Tokenization, type TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";

/**
 * A resource, data source or provider as it will appear in cdk.tf.json: snake_case attributes with
 * overrides applied and tokens resolved (a reference reads `${aws_kms_key.x.arn}`). Guard rails read
 * this view, so they hold for any resource type, however it was built.
 */
export interface SynthesizedElement {
  readonly construct: IConstruct;
  readonly path: string;
  readonly kind: "resource" | "data" | "provider";
  /** Terraform type: `aws_sns_topic`, `aws_iam_policy_document`, `aws` (provider). */
  readonly type: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

const RESOLVER = new DefaultTokenResolver(new StringConcat());

export function synthesizedElements(stack: TerraformStack): SynthesizedElement[] {
  const out: SynthesizedElement[] = [];
  for (const c of stack.node.findAll()) {
    const block = terraformBlock(c);
    if (!block) continue;
    // Resolved as TerraformStack.toTerraform() resolves each element (cdktf's internal `_tokens.resolve`).
    const json = Tokenization.resolve(block.element.toTerraform(), { scope: stack, resolver: RESOLVER }) as Record<string, Record<string, unknown>>;
    const byType = json[block.kind === "data" ? "data" : block.kind]?.[block.element.terraformResourceType];
    const attributes = block.kind === "provider" ? (byType as unknown[] | undefined)?.[0] : (byType as Record<string, unknown> | undefined)?.[block.element.friendlyUniqueId];
    // A resource moved with moveTo() has no block of its own any more.
    if (attributes === undefined) continue;
    out.push({ construct: c, path: c.node.path, kind: block.kind, type: block.element.terraformResourceType, attributes: attributes as Record<string, unknown> });
  }
  return out;
}

type Block =
  | { kind: "resource"; element: TerraformResource }
  | { kind: "data"; element: TerraformDataSource }
  | { kind: "provider"; element: TerraformProvider };

function terraformBlock(c: IConstruct): Block | undefined {
  if (TerraformResource.isTerraformResource(c)) return { kind: "resource", element: c };
  if (TerraformDataSource.isTerraformDataSource(c)) return { kind: "data", element: c };
  if (TerraformProvider.isTerraformProvider(c)) return { kind: "provider", element: c };
  return undefined;
}

/** A Terraform reference or expression (unknown at synth), as opposed to a literal value. */
export const isTerraformExpression = (v: unknown): v is string => typeof v === "string" && /^\$\{[\s\S]*\}$/.test(v) && !v.startsWith("$${");
