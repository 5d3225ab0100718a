import { existsSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";

/**
 * Terraform's working state in a stack directory, kept across synths: the initialised providers (`.terraform/`,
 * ~700 MB of aws provider that `cdktf diff`/`deploy` would otherwise download again) and the dependency lock that
 * pins provider checksums (committed: see .gitignore).
 */
export const TERRAFORM_WORKING_FILES = [".terraform", ".terraform.lock.hcl"] as const;

/**
 * Replaces `outdir` with the complete synthesis in `pending`, all or nothing for the files we generate, carrying
 * each stack's Terraform working files over from the previous output. Stacks no longer synthesized lose theirs.
 */
export function replaceOutput(pending: string, outdir: string, stackNames: readonly string[]): void {
  for (const stack of stackNames) {
    for (const file of TERRAFORM_WORKING_FILES) {
      const from = join(outdir, "stacks", stack, file);
      const to = join(pending, "stacks", stack, file);
      if (existsSync(from) && !existsSync(to)) renameSync(from, to);
    }
  }
  rmSync(outdir, { recursive: true, force: true });
  renameSync(pending, outdir);
}
