import { existsSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { staleOutputProblem } from "../replay/stale-output";
import { findTerraform, planOffline, prepareOfflineCopy } from "./offline-terraform";

/**
 * `npm run plan -- <env>`: a real `terraform plan` of one synthesized environment with no AWS account and no
 * network (scripts/offline-terraform.ts says what that proves). `npm run plan` synthesizes first.
 */
async function main(): Promise<number> {
  const env = process.argv[2];
  const outdir = resolve(process.env.CDKTF_OUTDIR ?? "cdktf.out");
  const stale = staleOutputProblem(outdir);
  if (stale !== undefined) {
    console.error(stale);
    return 1;
  }
  const stacks = join(outdir, "stacks");
  const known = existsSync(stacks) ? readdirSync(stacks).sort() : [];
  if (!env || !known.includes(env)) {
    console.error(`usage: npm run plan -- <environment>; ${env ? `no stack "${env}" in ${stacks}; ` : ""}synthesized: ${known.join(", ") || "none (run npm run synth)"}`);
    return 2;
  }
  const setup = findTerraform();
  if ("missing" in setup) {
    console.error(`cannot plan offline: ${setup.missing}`);
    return 1;
  }
  const work = join(tmpdir(), "axonflow-offline-plan", env);
  rmSync(work, { recursive: true, force: true });
  prepareOfflineCopy(join(stacks, env), work);
  process.stdout.write(await planOffline(setup, work));
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: Error) => {
    console.error(e.message);
    process.exitCode = 1;
  },
);
