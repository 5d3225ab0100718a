import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, renameSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import { Testing } from "cdktf";
import { localBackend } from "../../lib/backend";
import type { EnvironmentConfig } from "../../lib/config/schema";
import { EnvironmentStack } from "../../lib/stack";

const run = promisify(execFile);

/** Where this machine kind ships hashicorp/aws in Terraform's filesystem-mirror layout. */
export const DEFAULT_PLUGIN_MIRROR = "/opt/tf-plugins";
export const AWS_PROVIDER_VERSION = "5.100.0";
const OFFLINE_STATE = "offline-test.tfstate";

export interface TerraformSetup {
  readonly binary: string;
  readonly mirror: string;
  /** A CLI config pointing provider installation at the mirror (no network). */
  readonly cliConfig: string;
}

/** Finds terraform and the provider mirror, or says exactly what is missing. */
export function findTerraform(): TerraformSetup | { missing: string } {
  const binary = process.env.TERRAFORM_BINARY_NAME ?? "terraform";
  const onPath = binary.includes("/") ? existsSync(binary) : (process.env.PATH ?? "").split(delimiter).some((d) => d && existsSync(join(d, binary)));
  if (!onPath) return { missing: `no "${binary}" binary on PATH (set TERRAFORM_BINARY_NAME to use another)` };
  const mirror = process.env.AXONFLOW_TF_PLUGIN_MIRROR ?? DEFAULT_PLUGIN_MIRROR;
  // Terraform reads both mirror layouts: unpacked (this machine kind) and packed (`terraform providers mirror`).
  const providerDir = join(mirror, "registry.terraform.io", "hashicorp", "aws", AWS_PROVIDER_VERSION, "linux_amd64");
  const providerZip = join(mirror, "registry.terraform.io", "hashicorp", "aws", `terraform-provider-aws_${AWS_PROVIDER_VERSION}_linux_amd64.zip`);
  if (!existsSync(providerDir) && !existsSync(providerZip)) {
    return { missing: `no hashicorp/aws ${AWS_PROVIDER_VERSION} in the plugin mirror ${mirror} (looked for ${providerDir} and ${providerZip}; set AXONFLOW_TF_PLUGIN_MIRROR)` };
  }
  const cliConfig = join(mkdtempSync(join(tmpdir(), "axonflow-tfrc-")), "terraform.tfrc");
  writeFileSync(cliConfig, `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/hashicorp/*"]\n  }\n}\n`);
  return { binary, mirror, cliConfig };
}

/**
 * The suite's frame: runs `body` when terraform and the mirror are there; otherwise says loudly why not and
 * skips (never a silent pass), or fails outright under AXONFLOW_REQUIRE_TERRAFORM=1 (CI).
 */
export function describeWithTerraform(title: string, body: (setup: TerraformSetup) => void): void {
  const setup = findTerraform();
  if (!("missing" in setup)) {
    describe(title, () => body(setup));
    return;
  }
  const why = `SKIPPED ${title}: ${setup.missing}`;
  if (process.env.AXONFLOW_REQUIRE_TERRAFORM === "1") throw new Error(`${why} — and AXONFLOW_REQUIRE_TERRAFORM=1 forbids skipping`);
  console.warn(`\n${"!".repeat(100)}\n${why}\n${"!".repeat(100)}\n`);
  describe.skip(`${title} (skipped: see warning)`, () => test.todo(setup.missing));
}

/**
 * Test-time only, beside the synthesized stack: fake credentials and skip_* flags so plan runs offline,
 * and an empty allowed_account_ids (the provider cannot learn the caller's account offline, so any
 * allow-list would fail). The backend is replaced by local state in the test directory, so stacks that
 * declare Terraform Cloud or S3 plan here too.
 */
export function writeOfflineOverride(stackDir: string): void {
  const override = {
    terraform: { backend: { local: { path: OFFLINE_STATE } } },
    provider: {
      aws: [
        {
          access_key: "AKIAOFFLINETESTONLY0",
          secret_key: "offline-test-only",
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: "true",
          allowed_account_ids: [],
        },
      ],
    },
  };
  writeFileSync(join(stackDir, "offline_override.tf.json"), JSON.stringify(override, null, 2));
}

export interface TerraformRun {
  readonly init: string;
  readonly validate: string;
  readonly plan: string;
}

/**
 * validate and plan (-refresh=false) one synthesized stack directory. `validate: false` skips the separate
 * validate (plan validates the configuration too, and each command costs a provider start-up).
 */
export async function validateAndPlan(setup: TerraformSetup, stackDir: string, options: { validate?: boolean } = {}): Promise<TerraformRun> {
  const init = await initFromTemplate(setup, stackDir);
  const tf = terraformIn(setup, stackDir);
  const validate = options.validate === false ? "" : await tf("validate", "-no-color", "-json");
  const plan = await tf("plan", "-input=false", "-no-color", "-refresh=false", "-lock=false");
  return { init, validate, plan };
}

/** A terraform runner for `stackDir`, initialized (from the template) and ready for any command. */
export async function terraformReadyIn(setup: TerraformSetup, stackDir: string): Promise<(...args: string[]) => Promise<string>> {
  await initFromTemplate(setup, stackDir);
  return terraformIn(setup, stackDir);
}

/** validate only: about half the time of a plan. */
export async function validateOnly(setup: TerraformSetup, stackDir: string): Promise<Omit<TerraformRun, "plan">> {
  const init = await initFromTemplate(setup, stackDir);
  const validate = await terraformIn(setup, stackDir)("validate", "-no-color", "-json");
  return { init, validate };
}

/**
 * `terraform init` checksums the 675 MB provider binary every time (~2 s of CPU per directory). Every test
 * directory needs the same thing (hashicorp/aws from the mirror, the local backend of the offline override), so
 * one directory is initialized per machine (kept in the temp folder, keyed by terraform, mirror and provider
 * version) and each stack directory gets a copy of its `.terraform` (a symlink into the mirror, the backend
 * record) and lock file.
 */
let template: Promise<{ dir: string; output: string }> | undefined;

async function initFromTemplate(setup: TerraformSetup, stackDir: string): Promise<string> {
  template ??= initializedTemplate(setup);
  const { dir, output } = await template;
  cpSync(join(dir, ".terraform"), join(stackDir, ".terraform"), { recursive: true, verbatimSymlinks: true });
  cpSync(join(dir, ".terraform.lock.hcl"), join(stackDir, ".terraform.lock.hcl"));
  return output;
}

async function initializedTemplate(setup: TerraformSetup): Promise<{ dir: string; output: string }> {
  const key = createHash("sha256").update(JSON.stringify([setup.binary, setup.mirror, AWS_PROVIDER_VERSION, OFFLINE_STATE])).digest("hex").slice(0, 12);
  const dir = join(tmpdir(), `axonflow-tf-init-${key}`);
  if (existsSync(join(dir, ".terraform.lock.hcl"))) return { dir, output: `reused ${dir}` };
  const fresh = mkdtempSync(join(tmpdir(), "axonflow-tf-init-new-"));
  const config = {
    terraform: { required_providers: { aws: { source: "aws", version: AWS_PROVIDER_VERSION } }, backend: { local: { path: OFFLINE_STATE } } },
  };
  writeFileSync(join(fresh, "main.tf.json"), JSON.stringify(config));
  const output = await terraformIn(setup, fresh)("init", "-input=false", "-no-color");
  try {
    renameSync(fresh, dir); // atomic: a parallel test process that got there first keeps its copy
  } catch {
    return { dir: existsSync(join(dir, ".terraform.lock.hcl")) ? dir : fresh, output };
  }
  return { dir, output };
}

// Terraform is CPU-bound here (each command starts the provider, a 675 MB binary): more at once than cores only thrashes.
let running = 0;
const waiting: (() => void)[] = [];
async function withCore<T>(work: () => Promise<T>): Promise<T> {
  if (running >= availableParallelism()) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function terraformIn(setup: TerraformSetup, stackDir: string) {
  const env = { ...process.env, TF_CLI_CONFIG_FILE: setup.cliConfig, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0" };
  const tf = async (...args: string[]) => {
    try {
      const { stdout } = await withCore(() => run(setup.binary, args, { cwd: stackDir, env, maxBuffer: 64 * 1024 * 1024 }));
      return stdout;
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; message: string };
      throw new Error(`terraform ${args.join(" ")} failed in ${stackDir}:\n${err.stderr || err.stdout || err.message}`);
    }
  };
  return tf;
}

/**
 * Synthesizes each environment as `cdktf synth` would (validations included) and starts init/validate/plan for all
 * of them at once (terraform mostly waits on the provider process); each test awaits its own run.
 */
export function startRuns(
  setup: TerraformSetup,
  configs: readonly EnvironmentConfig[],
  options: { validate?: boolean } = {},
): Map<string, { dir: string; run: Promise<TerraformRun> }> {
  const runs = new Map<string, { dir: string; run: Promise<TerraformRun> }>();
  for (const config of configs) {
    const stack = new EnvironmentStack(Testing.app(), config, { backend: localBackend });
    const dir = join(Testing.fullSynth(stack), "stacks", config.name);
    writeOfflineOverride(dir);
    const run = validateAndPlan(setup, dir, options);
    run.catch(() => undefined); // reported by the test that awaits it
    runs.set(config.name, { dir, run });
  }
  return runs;
}
