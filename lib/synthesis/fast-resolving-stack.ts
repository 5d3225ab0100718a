import { TerraformElement, TerraformOutput, TerraformStack } from "cdktf";
import { deepMerge } from "cdktf/lib/util";
import type { IConstruct } from "constructs";
import { resolveTokens } from "./token-resolution";

/**
 * A TerraformStack whose synthesis skips work cdktf 0.21 does that cannot change an environment's output: the
 * EnvironmentStack's base, so lib/stack.ts holds only what an environment is made of. cdktf is pinned and
 * archived (0.21.0 is its last release); `__tests__/synthesis/synthesis.test.ts` synthesizes with
 * cdktf's own steps and with these, and compares. Measurements: docs/performance.md.
 */
export class FastResolvingStack extends TerraformStack {
  private checked?: { readonly constructs: number; readonly json: { [key: string]: unknown } };

  /**
   * Resolving every token is most of what synthesis costs. The guard rails (a validation) read the stack's
   * output through this, and the write that follows in the same synthesis takes that result instead of
   * resolving again — once: any later call resolves afresh, so an override added after a synth is seen.
   */
  synthesizeForChecks(): { [key: string]: unknown } {
    this.checked = { constructs: this.node.findAll().length, json: this.resolveDocument() };
    return this.checked.json;
  }

  /**
   * cdktf's own prepareStack resolves every token of the stack once more before synthesis, and that pass does
   * one thing: register cross-stack references. An environment's stack never references another stack (it is
   * built from its own config alone), so here the pass would change nothing while costing a quarter of the
   * synthesis. Should a stack ever reference another's resource, the guard rail `references-stay-in-stack` fails.
   */
  override prepareStack(): void {
    this.ensureBackendExists();
  }

  override toTerraform(): { [key: string]: unknown } {
    const checked = this.checked;
    this.checked = undefined;
    if (checked && checked.constructs === this.node.findAll().length) return checked.json;
    return this.resolveDocument();
  }

  /**
   * TerraformStack.toTerraform resolves each element, merges them, then resolves the merged document once more:
   * a walk of every value that only matters for stack-level overrides (`stack.addOverride`), which are merged
   * unresolved. Same steps here, and that last walk only when there are such overrides. Each resolution goes
   * through resolveTokens, which leaves cdktf's resolver only the parts with tokens.
   */
  private resolveDocument(): { [key: string]: unknown } {
    const { rawOverrides, cdktfVersion } = this as unknown as { rawOverrides: Record<string, unknown>; cdktfVersion: string };
    const overridden = Object.keys(rawOverrides);
    const elements: TerraformElement[] = [];
    const collect = (c: IConstruct): void => {
      if (TerraformElement.isTerraformElement(c)) elements.push(c);
      for (const child of c.node.children) if (!TerraformStack.isStack(child)) collect(child);
    };
    collect(this);
    const metadata = {
      version: cdktfVersion,
      stackName: this.node.id,
      backend: "local",
      cloud: undefined,
      ...(overridden.length > 0 ? { overrides: { stack: overridden } } : {}),
    };
    for (const e of elements) deepMerge(metadata, resolveTokens(this, e.toMetadata()));
    const outputs = {};
    for (const e of elements) {
      if (!TerraformOutput.isTerraformOutput(e)) continue;
      const nested = (inner: Record<string, unknown>, part: string) => ({ [part]: Object.keys(inner).length === 0 ? e.friendlyUniqueId : inner });
      deepMerge(outputs, e.node.path.split("/").reduceRight(nested, {}));
    }
    const tf: { [key: string]: unknown } = { "//": { metadata, outputs } };
    for (const e of elements) deepMerge(tf, resolveTokens(this, e.toTerraform()));
    if (overridden.length === 0) return tf;
    deepMerge(tf, rawOverrides);
    return resolveTokens(this, tf) as { [key: string]: unknown };
  }
}
