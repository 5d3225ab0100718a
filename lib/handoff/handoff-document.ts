import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { TerraformStack, type ISynthesisSession } from "cdktf";
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
 * Writes HANDOFF.md beside the stack's cdk.tf.json (or cdk.tf) at synth: right after the stack's own synthesizer
 * (public `stack.synthesizer`) has run aspects and validations and written the stack, when every construct exists,
 * for `cdktf synth`, `app.synth()` and `Testing.fullSynth` alike; the file goes into the session's outdir, so no path
 * of ours is involved. Nothing is read from disk and the text has no clock in it: two synths write the same bytes.
 */
export class HandoffDocument extends Construct {
  constructor(scope: Construct, id: string, props: HandoffDocumentProps) {
    super(scope, id);
    const stack = TerraformStack.of(this);
    const synthesizer = stack.synthesizer;
    stack.synthesizer = {
      synthesize: (session: ISynthesisSession) => {
        synthesizer.synthesize(session);
        const dir = join(session.outdir, session.manifest.forStack(stack).workingDirectory);
        writeFileSync(join(dir, HANDOFF_FILE), this.render());
      },
    };
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
