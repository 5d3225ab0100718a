import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { terraformIn } from "../../scripts/offline-terraform";
import { runApp } from "../support/app-process";
import { FIXTURE_ENVIRONMENTS_DIR } from "../support/environments";
import { describeWithTerraform } from "./terraform-harness";

describeWithTerraform("Terraform's working state survives a synth", (setup) => {
  test("synth, terraform init in a stack, synth again: .terraform/ and the provider lock are still there", async () => {
    const work = mkdtempSync(join(tmpdir(), "axonflow-working-state-"));
    try {
      const outdir = join(work, "cdktf.out");
      const synth = () => {
        const r = runApp({ AXONFLOW_ENVIRONMENTS_DIR: FIXTURE_ENVIRONMENTS_DIR, CDKTF_OUTDIR: outdir });
        if (r.status !== 0) throw new Error(r.stderr);
      };
      synth();
      const stack = join(outdir, "stacks", "staging");
      await terraformIn(setup, stack)("init", "-backend=false", "-input=false", "-no-color");
      const lock = readFileSync(join(stack, ".terraform.lock.hcl"), "utf8");
      expect(lock).toContain('provider "registry.terraform.io/hashicorp/aws"');
      synth();
      expect(existsSync(join(stack, ".terraform", "providers"))).toBe(true);
      expect(readFileSync(join(stack, ".terraform.lock.hcl"), "utf8")).toBe(lock);
      expect(existsSync(join(stack, "cdk.tf.json"))).toBe(true);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});
