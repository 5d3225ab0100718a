import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../support/app-process";
import { FIXTURE_ENVIRONMENTS_DIR } from "../support/environments";

/**
 * `npx cdktf synth` as a user runs it, offline, with the shell variables this machine kind has (a TF_CLI_CONFIG_FILE
 * naming no file) and without CHECKPOINT_DISABLE: a healthy run prints no [ERROR] line; a bad file's problem once.
 */
function cdktfSynth(environmentsDir: string, outdir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, AXONFLOW_ENVIRONMENTS_DIR: environmentsDir, TF_CLI_CONFIG_FILE: join(outdir, "no-such.tfrc"), FORCE_COLOR: "0" };
  delete env.CHECKPOINT_DISABLE;
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules", ".bin", "cdktf"), "synth", "--output", outdir], { cwd: ROOT, env, encoding: "utf8" });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

describe("the cdktf console", () => {
  const work = mkdtempSync(join(tmpdir(), "axonflow-console-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("a healthy synth prints no [ERROR] line", () => {
    const r = cdktfSynth(FIXTURE_ENVIRONMENTS_DIR, join(work, "good"));
    expect(r.output).not.toMatch(/\[ERROR\]|ERROR:/);
    expect(r.output).toMatch(/Generated Terraform code for the stacks: production, staging/);
    expect(r.status).toBe(0);
  }, 30_000);

  test("a config error is printed once", () => {
    const bad = join(work, "bad");
    mkdirSync(bad);
    writeFileSync(join(bad, "qa.yaml"), 'accountId: "111122223333"\nregion: eu-wset-1\nalb: {arnSuffix: app/a/0123456789abcdef}\necs: {clusterName: c}\nrepositoryUrl: https://x.example.com\n');
    const r = cdktfSynth(bad, join(work, "bad-out"));
    expect(r.status).not.toBe(0);
    expect(r.output.match(/qa\.yaml: region: "eu-wset-1" is not an AWS region/g)).toHaveLength(1);
  }, 30_000);
});
