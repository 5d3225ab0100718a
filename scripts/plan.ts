import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { staleOutputProblem } from "../replay/stale-output";
import { UsageError } from "./cli-args";
import { findTerraform, prepareOfflineCopy, savedPlanOffline } from "./offline-terraform";
import { PLAN_COMMAND, parsePlanArgs } from "./plan-args";

/**
 * `npm run plan -- <env>`: a real `terraform plan` of one synthesized environment with no AWS account and no
 * network (scripts/offline-terraform.ts says what that proves). It plans what `npm run synth` wrote and refuses
 * output older than its sources; it does not synthesize itself, so HANDOFF.md keeps what the replay wrote there.
 *
 * What it leaves in the stack directory for the hand-over: `offline-plan/` (the saved plan, `terraform show` text
 * and JSON; review artifacts, never to apply: they hold the offline override's fake credentials and placeholders)
 * and, where the directory has none, the dependency lock terraform wrote from the mirror. The next synth drops
 * `offline-plan/`, which then describes an older configuration; it keeps the lock.
 */
async function main(): Promise<number> {
  let env: string;
  try {
    env = parsePlanArgs(process.argv.slice(2)).environment;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(e.message);
    return 2;
  }
  const outdir = resolve(process.env.CDKTF_OUTDIR ?? "cdktf.out");
  const stale = staleOutputProblem(outdir);
  if (stale !== undefined) {
    console.error(stale);
    return 1;
  }
  const stacks = join(outdir, "stacks");
  const known = existsSync(stacks) ? readdirSync(stacks).sort() : [];
  if (!known.includes(env)) {
    console.error(`no stack "${env}" in ${stacks}; synthesized: ${known.join(", ") || "none (run npm run synth)"}\n${PLAN_COMMAND.usage}`);
    return 2;
  }
  const setup = findTerraform();
  if ("missing" in setup) {
    console.error(`cannot plan offline: ${setup.missing}`);
    return 1;
  }
  const work = join(tmpdir(), "axonflow-offline-plan", env);
  rmSync(work, { recursive: true, force: true });
  const stack = join(stacks, env);
  prepareOfflineCopy(stack, work);
  const plan = await savedPlanOffline(setup, work);
  const saved = join(stack, "offline-plan");
  rmSync(saved, { recursive: true, force: true });
  mkdirSync(saved);
  copyFileSync(plan.planFile, join(saved, "tfplan"));
  writeFileSync(join(saved, "plan.txt"), plan.text);
  writeFileSync(join(saved, "plan.json"), plan.json);
  const lock = join(stack, ".terraform.lock.hcl");
  const lockWritten = !existsSync(lock);
  if (lockWritten) writeFileSync(lock, plan.lock);
  process.stdout.write(plan.text);
  const shown = (p: string) => relative(process.cwd(), p);
  process.stdout.write(`\nSaved for the hand-over: ${shown(saved)}/ (tfplan, plan.txt, plan.json: review only, not to apply)`);
  process.stdout.write(
    lockWritten ? `, and ${shown(lock)} from the provider mirror.\n` : `; ${shown(lock)} was already there and is kept.\n`,
  );
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: Error) => {
    console.error(e.message);
    process.exitCode = 1;
  },
);
