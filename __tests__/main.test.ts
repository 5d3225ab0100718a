import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..");

/** Runs the app exactly as cdktf.json does, with its own environments folder and outdir. */
function runApp(envDir: string, outdir: string) {
  const [command, ...args] = (JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as { app: string }).app.split(" ");
  return spawnSync(command === "node" ? process.execPath : command, args, {
    cwd: ROOT,
    env: { ...process.env, AXONFLOW_ENVIRONMENTS_DIR: envDir, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
  });
}

describe("the app process", () => {
  const work = mkdtempSync(join(tmpdir(), "axonflow-main-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("bad input: exit 1, every problem on stderr without a stack trace, nothing written", () => {
    const envDir = join(work, "bad");
    const outdir = join(work, "bad-out");
    require("node:fs").mkdirSync(envDir);
    writeFileSync(join(envDir, "qa.yaml"), "accountId: 12\nregion: us-east-1\nfoo: 1\n");
    writeFileSync(join(envDir, "uat.yaml"), "region: [\n");
    const r = runApp(envDir, outdir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/qa\.yaml: accountId: must be a quoted 12-digit AWS account id/);
    expect(r.stderr).toMatch(/qa\.yaml: foo: unknown key; allowed: /);
    expect(r.stderr).toMatch(/qa\.yaml: alb: required; expected object/);
    expect(r.stderr).toMatch(/uat\.yaml: line \d+, column \d+: invalid YAML/);
    expect(r.stderr).not.toMatch(/\n\s+at .*\.ts:\d+/);
    expect(existsSync(outdir)).toBe(false);
  });

  test("the shipped environments synthesize one cdk.tf.json per environment", () => {
    const outdir = join(work, "good-out");
    const r = runApp(join(ROOT, "environments"), outdir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    for (const env of ["production", "staging"]) {
      const tf = JSON.parse(readFileSync(join(outdir, "stacks", env, "cdk.tf.json"), "utf8"));
      expect(tf.terraform.backend.local.path).toBe(`../../../terraform.${env}.tfstate`);
    }
  });
});
