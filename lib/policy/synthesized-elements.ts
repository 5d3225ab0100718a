import { TerraformProvider, type TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import type { CheckableStack } from "../synthesis/fast-synthesis";

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

/**
 * Reads the stack's own `toTerraform()` output — exactly what cdk.tf.json will hold — and maps each block
 * back to its construct through the `//` metadata path cdktf writes on it.
 */
export function synthesizedElements(stack: TerraformStack): SynthesizedElement[] {
  const constructs = stack.node.findAll();
  const byPath = new Map(constructs.map((c) => [c.node.path, c] as const));
  // With fast synthesis the stack hands this same output to the file writer that follows; otherwise just resolve.
  const json = ((stack as TerraformStack & CheckableStack).synthesizeForChecks?.() ?? stack.toTerraform()) as Record<
    string,
    Record<string, unknown> | undefined
  >;
  const out: SynthesizedElement[] = [];
  const add = (kind: SynthesizedElement["kind"], type: string, block: unknown, fallback?: IConstruct) => {
    const attributes = block as Record<string, unknown> & { "//"?: { metadata?: { path?: string } } };
    const construct = byPath.get(attributes["//"]?.metadata?.path ?? "") ?? fallback;
    if (construct === undefined) return;
    const { "//": _metadata, ...rest } = attributes;
    out.push({ construct, path: construct.node.path, kind, type, attributes: rest });
  };
  for (const [type, byAddress] of Object.entries(json.resource ?? {})) {
    for (const block of Object.values(byAddress as Record<string, unknown>)) add("resource", type, block);
  }
  for (const [type, byAddress] of Object.entries(json.data ?? {})) {
    for (const block of Object.values(byAddress as Record<string, unknown>)) add("data", type, block);
  }
  // Provider blocks carry no metadata: they are matched to the provider constructs of their type, in order.
  for (const [type, blocks] of Object.entries(json.provider ?? {})) {
    const providers = constructs.filter((c) => TerraformProvider.isTerraformProvider(c) && c.terraformResourceType === type);
    (blocks as unknown as unknown[]).forEach((block, i) => {
      add("provider", type, block, providers[i]);
    });
  }
  return out;
}

/** A Terraform reference or expression (unknown at synth), as opposed to a literal value. */
export const isTerraformExpression = (v: unknown): v is string =>
  typeof v === "string" && /^\$\{[\s\S]*\}$/.test(v) && !v.startsWith("$${");
