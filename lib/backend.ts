import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, type TerraformStack } from "cdktf";
import { isKnownRegion } from "./config/aws-regions";

/**
 * Where a stack keeps its Terraform state. main.ts picks it from environment variables
 * (backendFromEnvironment) and hands it to every EnvironmentStack; the stack itself reads no variables.
 */
export type BackendChoice =
  | { readonly kind: "local" }
  | { readonly kind: "cloud"; readonly organization: string; readonly hostname?: string; readonly project?: string }
  | { readonly kind: "s3"; readonly bucket: string; readonly region?: string };

export const localBackend: BackendChoice = { kind: "local" };

/** What of the environment the backend needs: its name, region and the optional workspace override. */
export interface BackendTarget {
  readonly name: string;
  readonly region: string;
  /** Terraform Cloud workspace; set by `terraformCloud.workspace` in the environment file or axonflow-<env>. */
  readonly workspace: string;
}

/** Adds the chosen backend block to the stack. */
export function applyBackend(stack: TerraformStack, choice: BackendChoice, target: BackendTarget): void {
  switch (choice.kind) {
    case "local":
      // A relative path keeps the synthesized JSON independent of the checkout's location (two machines, same
      // bytes). Terraform runs in cdktf.out/stacks/<env>, three levels below the project root.
      new LocalBackend(stack, { path: `../../../terraform.${target.name}.tfstate` });
      return;
    case "cloud":
      new CloudBackend(stack, {
        organization: choice.organization,
        hostname: choice.hostname,
        workspaces: new NamedCloudWorkspace(target.workspace, choice.project),
      });
      return;
    case "s3":
      new S3Backend(stack, {
        bucket: choice.bucket,
        key: stateKey(target.name),
        region: choice.region ?? target.region,
        encrypt: true,
      });
      // S3-native locking (Terraform ≥ 1.10) replaces the DynamoDB lock table; cdktf's typings predate the flag.
      stack.addOverride("terraform.backend.s3.use_lockfile", true);
      return;
  }
}

export const stateKey = (env: string) => `axonflow/${env}/terraform.tfstate`;

// ---- choosing from environment variables (pure: takes the variables as data) ----

export const BACKEND_KINDS = ["local", "cloud", "s3"] as const;

/** Every problem with the backend variables, reported together before anything is synthesized. */
export class BackendChoiceError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid state backend selection (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "BackendChoiceError";
  }
}

type Env = Readonly<Record<string, string | undefined>>;

// HCP Terraform organization names: letters, digits, - and _. Hostnames: a DNS name, optionally with a port.
const TFC_NAME = /^[A-Za-z0-9_-]{1,90}$/;
const HOSTNAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d{1,5})?$/;
const PROJECT = /^[A-Za-z0-9 _-]{3,40}$/;
// S3 general purpose bucket naming rules (3-63 characters, lowercase letters, digits, dots and hyphens).
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Which variables each backend reads; any other AXONFLOW_TFC_* / AXONFLOW_STATE_* variable set is a mistake. */
const VARIABLES = {
  local: [],
  cloud: ["AXONFLOW_TFC_ORGANIZATION", "AXONFLOW_TFC_HOSTNAME", "AXONFLOW_TFC_PROJECT"],
  s3: ["AXONFLOW_STATE_BUCKET", "AXONFLOW_STATE_REGION"],
} as const satisfies Record<(typeof BACKEND_KINDS)[number], readonly string[]>;

/**
 * AXONFLOW_BACKEND unset or `local`: local state. `cloud`: AXONFLOW_TFC_ORGANIZATION (+ optional
 * AXONFLOW_TFC_HOSTNAME, AXONFLOW_TFC_PROJECT). `s3`: AXONFLOW_STATE_BUCKET (+ optional AXONFLOW_STATE_REGION).
 * Throws BackendChoiceError naming each variable, what it received and what is allowed.
 */
export function backendFromEnvironment(env: Env): BackendChoice {
  const problems: string[] = [];
  const value = (name: string) => {
    const v = env[name];
    return v === undefined || v.trim() === "" ? undefined : v.trim();
  };
  const check = (name: string, pattern: { test(value: string): boolean }, rule: string, required: boolean) => {
    const v = value(name);
    if (v === undefined) {
      if (required) problems.push(`${name}: required when AXONFLOW_BACKEND=${value("AXONFLOW_BACKEND")}; ${rule}`);
    } else if (!pattern.test(v)) {
      problems.push(`${name}: ${JSON.stringify(v)} is not allowed; ${rule}`);
    }
    return v;
  };

  const kind = value("AXONFLOW_BACKEND") ?? "local";
  if (!(BACKEND_KINDS as readonly string[]).includes(kind)) {
    throw new BackendChoiceError([
      `AXONFLOW_BACKEND: ${JSON.stringify(kind)} is not a backend; allowed: ${BACKEND_KINDS.join(", ")} (unset means local)`,
    ]);
  }
  const k = kind as keyof typeof VARIABLES;
  const shown = value("AXONFLOW_BACKEND") === undefined ? "unset (local)" : kind;
  // A bucket or organization set without the matching AXONFLOW_BACKEND would silently fall back to other
  // state: a deploy would then plan to create everything again.
  for (const [other, names] of Object.entries(VARIABLES)) {
    if (other === k) continue;
    for (const name of names) {
      if (value(name) !== undefined)
        problems.push(
          `${name}: is set, but AXONFLOW_BACKEND is ${shown}; it is read only with AXONFLOW_BACKEND=${other} (set that, or unset ${name})`,
        );
    }
  }

  let choice: BackendChoice = localBackend;
  if (k === "cloud") {
    const organization = check(
      "AXONFLOW_TFC_ORGANIZATION",
      TFC_NAME,
      "allowed: an HCP Terraform organization name (letters, digits, - and _)",
      true,
    );
    const hostname = check(
      "AXONFLOW_TFC_HOSTNAME",
      HOSTNAME,
      "allowed: a host name such as app.terraform.io or tfe.example.com (no https://)",
      false,
    );
    const project = check(
      "AXONFLOW_TFC_PROJECT",
      PROJECT,
      "allowed: an HCP Terraform project name (3-40 letters, digits, spaces, - and _)",
      false,
    );
    choice = { kind: "cloud", organization: organization ?? "", ...(hostname && { hostname }), ...(project && { project }) };
  } else if (k === "s3") {
    const bucket = check("AXONFLOW_STATE_BUCKET", BUCKET, "allowed: an S3 bucket name (3-63 lowercase letters, digits, . and -)", true);
    const region = check(
      "AXONFLOW_STATE_REGION",
      { test: isKnownRegion },
      "allowed: an AWS region such as eu-west-1 (unset: each environment's own region)",
      false,
    );
    choice = { kind: "s3", bucket: bucket ?? "", ...(region && { region }) };
  }
  if (problems.length > 0) throw new BackendChoiceError(problems);
  return choice;
}
