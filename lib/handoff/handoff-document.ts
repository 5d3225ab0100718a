import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { TerraformStack, type ISynthesisSession } from "cdktf";
// The hook TerraformAsset uses; the package index does not re-export it, the module does (cdktf 0.21).
import { addCustomSynthesis } from "cdktf/lib/synthesize/synthesizer";
import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { inventoryOf } from "../inventory/stack-inventory";
import { CLOUDWATCH_PRICES } from "./cloudwatch-prices";
import { renderHandoff } from "./render-handoff";

export const HANDOFF_FILE = "HANDOFF.md";

export interface HandoffDocumentProps {
  readonly env: EnvContext;
}

/**
 * Writes HANDOFF.md beside the stack's cdk.tf.json (or cdk.tf) at synth. cdktf's custom-synthesis hook runs
 * inside the stack synthesizer after aspects and validations, when every construct exists, for `cdktf synth`,
 * `app.synth()` and `Testing.fullSynth` alike; the file goes into the session's outdir, so no path of ours
 * is involved. Nothing is read from disk and the text has no clock in it: two synths write the same bytes.
 */
export class HandoffDocument extends Construct {
  constructor(scope: Construct, id: string, props: HandoffDocumentProps) {
    super(scope, id);
    const stack = TerraformStack.of(this);
    addCustomSynthesis(this, {
      onSynthesize: (session: ISynthesisSession) => {
        const dir = join(session.outdir, session.manifest.forStack(stack).workingDirectory);
        writeFileSync(join(dir, HANDOFF_FILE), this.render());
      },
    });
    this.render = () =>
      renderHandoff({
        environment: props.env.name,
        accountId: props.env.accountId,
        region: props.env.region,
        inventory: inventoryOf(stack),
        prices: CLOUDWATCH_PRICES,
      });
  }

  /** The document's text for the stack as it stands now (all constructs should exist: synth calls it). */
  readonly render: () => string;
}
