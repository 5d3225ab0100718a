import { TerraformElement, TerraformOutput, TerraformStack } from "cdktf";
// Private cdktf modules: only this folder imports them, and __tests__/synthesis/synthesis.test.ts fails if they move.
import { deepMerge } from "cdktf/lib/util";
import type { IConstruct } from "constructs";
import { skipTokenCreationTraces } from "./token-creation-traces";
import { resolveTokens } from "./token-resolution";

/**
 * The one switch for the synthesis shortcuts through cdktf's private code. On (the default, which the synthesis
 * budgets need: docs/performance.md), the same bytes come out as from cdktf's own steps with less work;
 * `AXONFLOW_STOCK_SYNTH=1` turns it off: a plain TerraformStack synthesized by cdktf alone.
 * __tests__/synthesis/synthesis.test.ts compares the two.
 */
export const STOCK_SYNTH_VARIABLE = "AXONFLOW_STOCK_SYNTH";

export function fastSynthesisChosen(env: Readonly<Record<string, string | undefined>>): boolean {
  return env[STOCK_SYNTH_VARIABLE] !== "1";
}

/** What the guard rails call instead of toTerraform(), where a stack offers it: one resolution for checks and write. */
export interface CheckableStack {
  synthesizeForChecks?: () => { [key: string]: unknown };
}

/**
 * Makes `stack` synthesize with the shortcuts (and, once per process, stops cdktf recording a stack trace per token).
 * Called by the stack's constructor when asked to; the stack stays a TerraformStack in every other respect.
 */
export function useFastSynthesis(stack: TerraformStack): void {
  skipTokenCreationTraces();
  let checked: { readonly constructs: number; readonly json: { [key: string]: unknown } } | undefined;
  const fast: Pick<TerraformStack, "prepareStack" | "toTerraform"> & Required<CheckableStack> = {
    // The guard rails read the output through this; the write in the same synthesis reuses it, once.
    synthesizeForChecks() {
      checked = { constructs: stack.node.findAll().length, json: resolveDocument(stack) };
      return checked.json;
    },
    // cdktf's preparing pass resolves every token only to register cross-stack references; an environment's stack
    // references no other (the guard rail `references-stay-in-stack` fails if one does).
    prepareStack() {
      stack.ensureBackendExists();
    },
    toTerraform() {
      const reuse = checked;
      checked = undefined;
      if (reuse && reuse.constructs === stack.node.findAll().length) return reuse.json;
      return resolveDocument(stack);
    },
  };
  Object.assign(stack, fast);
}

/**
 * TerraformStack.toTerraform's steps: resolve each element, merge, then resolve the merged document again, which
 * only matters for stack-level overrides (merged unresolved): here that last walk runs only when there are some.
 */
function resolveDocument(stack: TerraformStack): { [key: string]: unknown } {
  const { rawOverrides, cdktfVersion } = stack as unknown as { rawOverrides: Record<string, unknown>; cdktfVersion: string };
  const overridden = Object.keys(rawOverrides);
  const elements: TerraformElement[] = [];
  const collect = (c: IConstruct): void => {
    if (TerraformElement.isTerraformElement(c)) elements.push(c);
    for (const child of c.node.children) if (!TerraformStack.isStack(child)) collect(child);
  };
  collect(stack);
  const metadata = {
    version: cdktfVersion,
    stackName: stack.node.id,
    backend: "local",
    cloud: undefined,
    ...(overridden.length > 0 ? { overrides: { stack: overridden } } : {}),
  };
  for (const e of elements) deepMerge(metadata, resolveTokens(stack, e.toMetadata()));
  const outputs = {};
  for (const e of elements) {
    if (!TerraformOutput.isTerraformOutput(e)) continue;
    const nested = (inner: Record<string, unknown>, part: string) => ({
      [part]: Object.keys(inner).length === 0 ? e.friendlyUniqueId : inner,
    });
    deepMerge(outputs, e.node.path.split("/").reduceRight(nested, {}));
  }
  const tf: { [key: string]: unknown } = { "//": { metadata, outputs } };
  for (const e of elements) deepMerge(tf, resolveTokens(stack, e.toTerraform()));
  if (overridden.length === 0) return tf;
  deepMerge(tf, rawOverrides);
  return resolveTokens(stack, tf) as { [key: string]: unknown };
}
