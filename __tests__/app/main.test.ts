import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { ROOT, runApp } from "../support/app-process";
import { FIXTURE_ENVIRONMENTS_DIR, fixtureEnvironments } from "../support/environments";
import { STACK_TRACE } from "../support/bad-corpus";

describe("the app process", () => {
  const work = mkdtempSync(join(tmpdir(), "axonflow-main-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("bad input: exit 1, every problem on stderr without a stack trace, nothing written", () => {
    const envDir = join(work, "bad");
    const outdir = join(work, "bad-out");
    mkdirSync(envDir);
    writeFileSync(join(envDir, "qa.yaml"), "accountId: 12\nregion: us-east-1\nfoo: 1\n");
    writeFileSync(join(envDir, "uat.yaml"), "region: [\n");
    const r = runApp({ AXONFLOW_ENVIRONMENTS_DIR: envDir, CDKTF_OUTDIR: outdir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/qa\.yaml: accountId: must be a quoted 12-digit AWS account id/);
    expect(r.stderr).toMatch(/qa\.yaml: foo: unknown key; allowed: /);
    expect(r.stderr).toMatch(/qa\.yaml: alb: required; expected object/);
    expect(r.stderr).toMatch(/uat\.yaml: line \d+, column \d+: invalid YAML/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(existsSync(outdir)).toBe(false);
  });

  test("the environments synthesize one cdk.tf.json per environment", () => {
    const outdir = join(work, "good-out");
    const r = runApp({ AXONFLOW_ENVIRONMENTS_DIR: FIXTURE_ENVIRONMENTS_DIR, CDKTF_OUTDIR: outdir });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    for (const env of fixtureEnvironments().map((c) => c.name)) {
      const tf = JSON.parse(readFileSync(join(outdir, "stacks", env, "cdk.tf.json"), "utf8"));
      expect(tf.terraform.backend.local.path).toBe(`../../../terraform.${env}.tfstate`);
    }
  });

  test("bad backend variables: exit 1, the variable and allowed values on stderr, nothing written", () => {
    const outdir = join(work, "bad-backend-out");
    const r = runApp({ AXONFLOW_ENVIRONMENTS_DIR: FIXTURE_ENVIRONMENTS_DIR, CDKTF_OUTDIR: outdir, AXONFLOW_BACKEND: "s3" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/AXONFLOW_STATE_BUCKET: required when AXONFLOW_BACKEND=s3; allowed: an S3 bucket name/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(existsSync(outdir)).toBe(false);

    const unknown = runApp({ AXONFLOW_ENVIRONMENTS_DIR: FIXTURE_ENVIRONMENTS_DIR, CDKTF_OUTDIR: outdir, AXONFLOW_BACKEND: "consul" });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/AXONFLOW_BACKEND: "consul" is not a backend; allowed: local, cloud, s3/);
    expect(existsSync(outdir)).toBe(false);
  });

  test("AXONFLOW_BACKEND=cloud: every stack gets a cloud block with its own workspace", () => {
    const outdir = join(work, "cloud-out");
    const r = runApp({ AXONFLOW_ENVIRONMENTS_DIR: FIXTURE_ENVIRONMENTS_DIR, CDKTF_OUTDIR: outdir, AXONFLOW_BACKEND: "cloud", AXONFLOW_TFC_ORGANIZATION: "axonflow" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    for (const env of fixtureEnvironments().map((c) => c.name)) {
      const tf = JSON.parse(readFileSync(join(outdir, "stacks", env, "cdk.tf.json"), "utf8"));
      expect(tf.terraform.cloud).toEqual({ organization: "axonflow", workspaces: { name: `axonflow-${env}` } });
      expect(tf.terraform.backend).toBeUndefined();
    }
  });

  test("git ignores the generated files of cdktf.out but not each stack's provider lock", () => {
    const ignored = (path: string) => spawnSync("git", ["check-ignore", "-q", "--no-index", path], { cwd: ROOT }).status === 0;
    expect(ignored("cdktf.out/stacks/staging/cdk.tf.json")).toBe(true);
    expect(ignored("cdktf.out/stacks/staging/.terraform/providers/x")).toBe(true);
    expect(ignored("cdktf.out/manifest.json")).toBe(true);
    expect(ignored("cdktf.out/stacks/staging/.terraform.lock.hcl")).toBe(false);
  });
});
