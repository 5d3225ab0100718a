import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";

/**
 * Terraform with no AWS account and no network: the one way this project plans offline, used by `npm run plan`
 * and by the terraform test suite. It proves the configuration is accepted by hashicorp/aws as pinned (schema,
 * types, region, references, variables) and what a first apply would create. It cannot prove what only AWS
 * knows: permissions, quotas, that the ALB, target groups, cluster and KMS key exist, or drift from real state.
 */

const run = promisify(execFile);

/** Where this machine kind ships hashicorp/aws in Terraform's filesystem-mirror layout. */
export const DEFAULT_PLUGIN_MIRROR = "/opt/tf-plugins";
/** The provider @cdktf/provider-aws 20.1.0 binds. */
export const AWS_PROVIDER_VERSION = "5.100.0";
const OFFLINE_STATE = "offline-plan.tfstate";
const OVERRIDE_FILE = "offline_override.tf.json";

export interface TerraformSetup {
  readonly binary: string;
  readonly mirror: string;
  /** A CLI config pointing provider installation at the mirror (no network). */
  readonly cliConfig: string;
}

/**
 * Finds terraform and a provider mirror (AXONFLOW_TF_PLUGIN_MIRROR, else /opt/tf-plugins), or says exactly what
 * is missing. Build a mirror once with `terraform providers mirror <dir>` in any synthesized stack directory.
 */
export function findTerraform(env: NodeJS.ProcessEnv = process.env): TerraformSetup | { missing: string } {
  const binary = env.TERRAFORM_BINARY_NAME ?? "terraform";
  const onPath = binary.includes("/")
    ? existsSync(binary)
    : (env.PATH ?? "").split(delimiter).some((d) => d && existsSync(join(d, binary)));
  if (!onPath) return { missing: `no "${binary}" binary on PATH (set TERRAFORM_BINARY_NAME to use another)` };
  const mirror = env.AXONFLOW_TF_PLUGIN_MIRROR ?? DEFAULT_PLUGIN_MIRROR;
  // Terraform reads both mirror layouts: unpacked (this machine kind) and packed (`terraform providers mirror`).
  const providerDir = join(mirror, "registry.terraform.io", "hashicorp", "aws", AWS_PROVIDER_VERSION, "linux_amd64");
  const providerZip = join(
    mirror,
    "registry.terraform.io",
    "hashicorp",
    "aws",
    `terraform-provider-aws_${AWS_PROVIDER_VERSION}_linux_amd64.zip`,
  );
  if (!existsSync(providerDir) && !existsSync(providerZip)) {
    return {
      missing:
        `no hashicorp/aws ${AWS_PROVIDER_VERSION} in the plugin mirror ${mirror} (looked for ` +
        `${providerDir} and ${providerZip}); build one with \`terraform providers mirror ` +
        `-platform=linux_amd64 <dir>\` in a synthesized stack directory and set AXONFLOW_TF_PLUGIN_MIRROR=<dir>`,
    };
  }
  const cliConfig = join(mkdtempSync(join(tmpdir(), "axonflow-tfrc-")), "terraform.tfrc");
  writeFileSync(
    cliConfig,
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/hashicorp/*"]\n  }\n}\n`,
  );
  return { binary, mirror, cliConfig };
}

/**
 * Copies a synthesized stack (its cdk.tf.json) into `workDir` with an override beside it: fake credentials and
 * the skip_* flags that need no AWS call, an empty allowed_account_ids (the provider cannot learn the caller's
 * account offline, so any allow-list fails) and local state in place of the stack's backend. Region validation
 * stays on: a misspelt region fails here as in a real plan. Never written into cdktf.out/stacks, where
 * `cdktf deploy` would pick the fake credentials up.
 */
export function prepareOfflineCopy(stackDir: string, workDir: string): void {
  mkdirSync(workDir, { recursive: true });
  cpSync(join(stackDir, "cdk.tf.json"), join(workDir, "cdk.tf.json"));
  writeOfflineOverride(workDir);
}

/** The override of prepareOfflineCopy, for a directory that holds a synthesized stack already (tests). */
export function writeOfflineOverride(dir: string): void {
  const override = {
    terraform: { backend: { local: { path: OFFLINE_STATE } } },
    provider: {
      aws: [
        {
          access_key: "AKIAOFFLINEPLANONLY0",
          secret_key: "offline-plan-only",
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: "true",
          allowed_account_ids: [],
        },
      ],
    },
  };
  writeFileSync(join(dir, OVERRIDE_FILE), JSON.stringify(override, null, 2));
}

/**
 * `-var` arguments for every variable without a default (e.g. the sensitive paging_endpoint), unless the caller
 * set TF_VAR_<name>: a placeholder lets the plan run and never reaches AWS.
 */
export function placeholderVariables(dir: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const tf = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as { variable?: Record<string, { default?: unknown }> };
  return Object.entries(tf.variable ?? {})
    .filter(([name, v]) => v.default === undefined && env[`TF_VAR_${name}`] === undefined)
    .map(([name]) => `-var=${name}=https://offline-plan.invalid/${name}`);
}

export interface TerraformRun {
  readonly validate: string;
  readonly plan: string;
}

/** Variables for terraform's environment on top of the defaults (e.g. TF_REATTACH_PROVIDERS); undefined unsets one. */
export type TerraformEnv = Readonly<Record<string, string | undefined>>;

/** A terraform runner for `dir`, initialized (from the template) and ready for any command. */
export async function terraformReadyIn(
  setup: TerraformSetup,
  dir: string,
  env?: TerraformEnv,
): Promise<(...args: string[]) => Promise<string>> {
  await initFromTemplate(setup, dir);
  return terraformIn(setup, dir, env);
}

/** `terraform validate -json` (about half the time of a plan). */
export async function validateOnly(setup: TerraformSetup, dir: string, env?: TerraformEnv): Promise<string> {
  return (await terraformReadyIn(setup, dir, env))("validate", "-no-color", "-json");
}

/** No prompt, no refresh against AWS, no state lock: nothing here may need an account. */
const OFFLINE_PLAN = ["plan", "-input=false", "-no-color", "-refresh=false", "-lock=false"];

/** The offline plan: `terraform plan` validates the configuration as it plans, with placeholders for secret variables. */
export async function planOffline(setup: TerraformSetup, dir: string, env?: TerraformEnv): Promise<string> {
  return (await terraformReadyIn(setup, dir, env))(...OFFLINE_PLAN, ...placeholderVariables(dir));
}

/** A saved offline plan and its renderings, as `terraform plan -out` and `terraform show` write them. */
export interface SavedPlan {
  /** The binary plan file (`terraform show tfplan` reads it in an initialized copy of the stack). */
  readonly planFile: string;
  /** `terraform show -no-color`: what a reviewer reads. */
  readonly text: string;
  /** `terraform show -json`: what policy tools read. */
  readonly json: string;
  /** The dependency lock `terraform init` wrote from the mirror. */
  readonly lock: string;
}

/**
 * planOffline, saved for hand-over. Every variable without a default gets a placeholder even where TF_VAR_<name>
 * is set, and terraform sees no TF_VAR_* at all: a plan file records its variables' values, and this one leaves
 * the machine.
 */
export async function savedPlanOffline(setup: TerraformSetup, dir: string, env?: TerraformEnv): Promise<SavedPlan> {
  const withoutVariables = Object.fromEntries(
    Object.keys(process.env)
      .filter((k) => k.startsWith("TF_VAR_"))
      .map((k) => [k, undefined]),
  );
  const terraform = await terraformReadyIn(setup, dir, { ...withoutVariables, ...env });
  const planFile = join(dir, "tfplan");
  await terraform(...OFFLINE_PLAN, `-out=${planFile}`, ...placeholderVariables(dir, {}));
  return {
    planFile,
    text: await terraform("show", "-no-color", planFile),
    json: await terraform("show", "-json", planFile),
    lock: readFileSync(join(dir, ".terraform.lock.hcl"), "utf8"),
  };
}

/** The hashicorp/aws binary `terraform init` installed from the mirror (checked against its lock) in the template. */
export async function installedProviderBinary(setup: TerraformSetup): Promise<string> {
  const dir = join(
    await templateFor(setup),
    ".terraform",
    "providers",
    "registry.terraform.io",
    "hashicorp",
    "aws",
    AWS_PROVIDER_VERSION,
    "linux_amd64",
  );
  const binary = readdirSync(dir).find((f) => f.startsWith("terraform-provider-aws"));
  if (!binary) throw new Error(`no terraform-provider-aws binary in ${dir}`);
  return join(dir, binary);
}

/**
 * `terraform init` checksums the 675 MB provider binary every time (docs/performance.md). Every offline
 * directory needs the same thing (hashicorp/aws from the mirror, the local backend of the override), so one
 * directory is initialized per machine (in the temp folder, keyed by terraform, mirror and provider version) and
 * each directory gets a copy of its `.terraform` (a symlink into the mirror, the backend record) and lock file.
 */
let template: Promise<string> | undefined;

/** The initialized template directory. */
function templateFor(setup: TerraformSetup): Promise<string> {
  return (template ??= initializedTemplate(setup));
}

async function initFromTemplate(setup: TerraformSetup, dir: string): Promise<void> {
  const from = await templateFor(setup);
  const lock = readFileSync(join(from, ".terraform.lock.hcl"), "utf8");
  const lockHere = join(dir, ".terraform.lock.hcl");
  if (existsSync(lockHere) && readFileSync(lockHere, "utf8") === lock) return; // a second command in the same directory
  cpSync(join(from, ".terraform"), join(dir, ".terraform"), { recursive: true, verbatimSymlinks: true });
  writeFileSync(lockHere, lock);
}

async function initializedTemplate(setup: TerraformSetup): Promise<string> {
  const key = createHash("sha256")
    .update(JSON.stringify([setup.binary, setup.mirror, AWS_PROVIDER_VERSION, OFFLINE_STATE]))
    .digest("hex")
    .slice(0, 12);
  const dir = join(tmpdir(), `axonflow-tf-init-${key}`);
  if (existsSync(join(dir, ".terraform.lock.hcl"))) return dir;
  const fresh = mkdtempSync(join(tmpdir(), "axonflow-tf-init-new-"));
  const config = {
    terraform: {
      required_providers: { aws: { source: "aws", version: AWS_PROVIDER_VERSION } },
      backend: { local: { path: OFFLINE_STATE } },
    },
  };
  writeFileSync(join(fresh, "main.tf.json"), JSON.stringify(config));
  await terraformIn(setup, fresh)("init", "-input=false", "-no-color");
  try {
    renameSync(fresh, dir); // atomic: a parallel process that got there first keeps its copy
  } catch {
    return existsSync(join(dir, ".terraform.lock.hcl")) ? dir : fresh;
  }
  return dir;
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

/**
 * Go's GC target for terraform and the providers it starts (the caller's GOGC wins). Each command decodes the
 * provider's whole schema, nearly all of it garbage at once: collecting half as often costs less CPU for a little
 * more memory (docs/performance.md).
 */
export const TERRAFORM_GOGC = process.env.GOGC ?? "200";

/** Runs terraform in `dir` with the mirror's CLI config, no prompts and no check-in; errors carry terraform's output. */
export function terraformIn(setup: TerraformSetup, dir: string, extraEnv: TerraformEnv = {}) {
  const merged = {
    ...process.env,
    GOGC: TERRAFORM_GOGC,
    TF_CLI_CONFIG_FILE: setup.cliConfig,
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    ...extraEnv,
  };
  const env = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined));
  return async (...args: string[]): Promise<string> => {
    try {
      const { stdout } = await withCore(() => run(setup.binary, args, { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 }));
      return stdout;
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; message: string };
      throw new Error(`terraform ${args.join(" ")} failed in ${dir}:\n${err.stderr || err.stdout || err.message}`);
    }
  };
}
