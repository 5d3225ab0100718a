import { App, Testing } from "cdktf";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BackendChoiceError, backendFromEnvironment, type BackendChoice } from "../lib/backend";
import type { EnvironmentConfig } from "../lib/config/schema";
import { EnvironmentStack } from "../lib/stack";
import { configFrom, problemsFor, fixtureEnvironments } from "./support/environments";
import type { TerraformJson } from "./support/synth";

function terraformBlock(config: EnvironmentConfig, backend?: BackendChoice): Record<string, unknown> {
  const app = new App({ outdir: join(tmpdir(), "axonflow-unit-tests-unused"), stackTraces: false });
  const stack = new EnvironmentStack(app, config, backend ? { backend } : {});
  return (JSON.parse(Testing.synth(stack)) as TerraformJson).terraform;
}

describe("backendFromEnvironment: choosing from variables", () => {
  test.each([
    ["nothing set", {}, { kind: "local" }],
    ["an empty AXONFLOW_BACKEND", { AXONFLOW_BACKEND: "" }, { kind: "local" }],
    ["local", { AXONFLOW_BACKEND: "local" }, { kind: "local" }],
    ["cloud with an organization", { AXONFLOW_BACKEND: "cloud", AXONFLOW_TFC_ORGANIZATION: "axonflow" }, { kind: "cloud", organization: "axonflow" }],
    [
      "cloud with hostname and project",
      { AXONFLOW_BACKEND: "cloud", AXONFLOW_TFC_ORGANIZATION: "axonflow", AXONFLOW_TFC_HOSTNAME: "tfe.example.com", AXONFLOW_TFC_PROJECT: "Observability" },
      { kind: "cloud", organization: "axonflow", hostname: "tfe.example.com", project: "Observability" },
    ],
    ["s3 with a bucket", { AXONFLOW_BACKEND: "s3", AXONFLOW_STATE_BUCKET: "axonflow-tfstate" }, { kind: "s3", bucket: "axonflow-tfstate" }],
    [
      "s3 with bucket and region",
      { AXONFLOW_BACKEND: "s3", AXONFLOW_STATE_BUCKET: "axonflow-tfstate", AXONFLOW_STATE_REGION: "eu-central-1" },
      { kind: "s3", bucket: "axonflow-tfstate", region: "eu-central-1" },
    ],
  ])("%s", (_, env, expected) => {
    expect(backendFromEnvironment(env)).toEqual(expected);
  });

  test.each([
    ["an unknown backend", { AXONFLOW_BACKEND: "gcs" }, 'AXONFLOW_BACKEND: "gcs" is not a backend; allowed: local, cloud, s3'],
    ["a misspelt kind", { AXONFLOW_BACKEND: "S3 " }, "AXONFLOW_BACKEND: \"S3\" is not a backend; allowed: local, cloud, s3"],
    ["cloud without organization", { AXONFLOW_BACKEND: "cloud" }, "AXONFLOW_TFC_ORGANIZATION: required when AXONFLOW_BACKEND=cloud; allowed: an HCP Terraform organization name"],
    ["a malformed organization", { AXONFLOW_BACKEND: "cloud", AXONFLOW_TFC_ORGANIZATION: "my org" }, 'AXONFLOW_TFC_ORGANIZATION: "my org" is not allowed'],
    ["a hostname given as URL", { AXONFLOW_BACKEND: "cloud", AXONFLOW_TFC_ORGANIZATION: "o", AXONFLOW_TFC_HOSTNAME: "https://app.terraform.io" }, "AXONFLOW_TFC_HOSTNAME: \"https://app.terraform.io\" is not allowed; allowed: a host name"],
    ["s3 without bucket", { AXONFLOW_BACKEND: "s3" }, "AXONFLOW_STATE_BUCKET: required when AXONFLOW_BACKEND=s3; allowed: an S3 bucket name"],
    ["an invalid bucket name", { AXONFLOW_BACKEND: "s3", AXONFLOW_STATE_BUCKET: "My_Bucket" }, 'AXONFLOW_STATE_BUCKET: "My_Bucket" is not allowed'],
    ["an invalid state region", { AXONFLOW_BACKEND: "s3", AXONFLOW_STATE_BUCKET: "b-1", AXONFLOW_STATE_REGION: "Frankfurt" }, 'AXONFLOW_STATE_REGION: "Frankfurt" is not allowed; allowed: an AWS region'],
    ["a bucket without AXONFLOW_BACKEND", { AXONFLOW_STATE_BUCKET: "axonflow-tfstate" }, "AXONFLOW_STATE_BUCKET: is set, but AXONFLOW_BACKEND is unset (local); it is read only with AXONFLOW_BACKEND=s3"],
    ["an organization with s3", { AXONFLOW_BACKEND: "s3", AXONFLOW_STATE_BUCKET: "b-1", AXONFLOW_TFC_ORGANIZATION: "o" }, "AXONFLOW_TFC_ORGANIZATION: is set, but AXONFLOW_BACKEND is s3"],
  ])("rejects %s, naming the variable and what is allowed", (_, env, message) => {
    expect(() => backendFromEnvironment(env)).toThrow(BackendChoiceError);
    expect(() => backendFromEnvironment(env)).toThrow(message);
  });

  test("reports every problem at once", () => {
    try {
      backendFromEnvironment({ AXONFLOW_BACKEND: "cloud", AXONFLOW_TFC_HOSTNAME: "bad host", AXONFLOW_STATE_BUCKET: "x" });
      throw new Error("expected a BackendChoiceError");
    } catch (e) {
      expect((e as BackendChoiceError).problems).toHaveLength(3);
    }
  });
});

describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s: backend blocks", (name, config) => {
  test("default: local state in the project root, relative path", () => {
    expect(terraformBlock(config).backend).toEqual({ local: { path: `../../../terraform.${name}.tfstate` } });
  });

  test("cloud: organization and workspace axonflow-<env>", () => {
    const tf = terraformBlock(config, { kind: "cloud", organization: "axonflow" });
    expect(tf.backend).toBeUndefined();
    expect(tf.cloud).toEqual({ organization: "axonflow", workspaces: { name: `axonflow-${name}` } });
  });

  test("cloud: hostname and project when given", () => {
    const tf = terraformBlock(config, { kind: "cloud", organization: "axonflow", hostname: "tfe.example.com", project: "Observability" });
    expect(tf.cloud).toEqual({ organization: "axonflow", hostname: "tfe.example.com", workspaces: { name: `axonflow-${name}`, project: "Observability" } });
  });

  test("s3: per-environment key, encrypted, S3-native locking, the environment's region by default", () => {
    const tf = terraformBlock(config, { kind: "s3", bucket: "axonflow-tfstate" });
    expect(tf.backend).toEqual({
      s3: { bucket: "axonflow-tfstate", key: `axonflow/${name}/terraform.tfstate`, region: config.region, encrypt: true, use_lockfile: true },
    });
    expect(JSON.stringify(tf)).not.toMatch(/dynamodb/);
  });

  test("s3: an explicit state region wins", () => {
    const tf = terraformBlock(config, { kind: "s3", bucket: "axonflow-tfstate", region: "eu-central-1" });
    expect((tf.backend as { s3: { region: string } }).s3.region).toBe("eu-central-1");
  });
});

describe("terraformCloud.workspace in the environment file", () => {
  test("overrides the workspace name", () => {
    const tf = terraformBlock(configFrom({ terraformCloud: { workspace: "cw-prod" } }), { kind: "cloud", organization: "axonflow" });
    expect(tf.cloud).toEqual({ organization: "axonflow", workspaces: { name: "cw-prod" } });
  });

  test.each([
    ["a workspace with spaces", { terraformCloud: { workspace: "my workspace" } }, "terraformCloud.workspace: must be an HCP Terraform workspace name"],
    ["an unknown key", { terraformCloud: { organization: "x" } }, "terraformCloud.organization: unknown key; allowed: workspace"],
  ])("rejects %s", (_, patch, message) => {
    expect(problemsFor(patch, "environments/qa.yaml")).toEqual([expect.stringContaining(`environments/qa.yaml: ${message}`)]);
  });
});
