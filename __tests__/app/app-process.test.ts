import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, runApp } from "../support/app-process";
import { BAD_DIR, BAD_FIXTURES, PAIR_DIR, STACK_TRACE } from "../support/bad-corpus";
import { FIXTURE_ENVIRONMENTS_DIR, fixtureEnvironments } from "../support/environments";
import { expectIdenticalFiles, filesUnder } from "../support/files";

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
    const r = runApp({
      AXONFLOW_ENVIRONMENTS_DIR: FIXTURE_ENVIRONMENTS_DIR,
      CDKTF_OUTDIR: outdir,
      AXONFLOW_BACKEND: "cloud",
      AXONFLOW_TFC_ORGANIZATION: "axonflow",
    });
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

/** The bad-input corpus of __tests__/config/config.test.ts, all at once, through the app process as `cdktf synth` runs it. */
describe("the app process over the whole corpus", () => {
  const work = mkdtempSync(join(tmpdir(), "axonflow-corpus-"));
  const envDir = join(work, "environments");
  const outdir = join(work, "cdktf.out");
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("exits 1, names every file on stderr, prints no stack trace and writes no cdktf.out", () => {
    mkdirSync(envDir);
    for (const f of BAD_FIXTURES) copyFileSync(join(BAD_DIR, f), join(envDir, f));
    for (const f of readdirSync(PAIR_DIR)) copyFileSync(join(PAIR_DIR, f), join(envDir, f));
    writeFileSync(join(envDir, "huge.yaml"), "#".repeat(10 * 1024 * 1024));
    const r = runApp({ AXONFLOW_ENVIRONMENTS_DIR: envDir, CDKTF_OUTDIR: outdir });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    for (const f of [...BAD_FIXTURES, "huge.yaml"]) expect(r.stderr).toContain(`${join(envDir, f)}: `);
    // The pair: one line names the later file and the field, and the earlier file as the first definition.
    expect(r.stderr).toMatch(/eu-prod(-copy)?\.yaml: name: environment "twin" is already defined by .*eu-prod(-copy)?\.yaml/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(existsSync(outdir)).toBe(false);
    expect(existsSync(`${outdir}.pending`)).toBe(false);
  });
});

describe("the output is deterministic", () => {
  /**
   * Preloaded into the second run: the clock 400 days and 7 hours ahead, so a date or time leaking into the
   * output (even a day-precision one) makes the two runs differ.
   */
  const SHIFTED_CLOCK = `
const RealDate = Date;
const shift = (400 * 24 + 7) * 3600 * 1000;
globalThis.Date = class extends RealDate {
  constructor(...args) { if (args.length === 0) super(RealDate.now() + shift); else super(...args); }
  static now() { return RealDate.now() + shift; }
};
`;

  function synthInto(outdir: string, extra: Record<string, string> = {}): Map<string, Buffer> {
    const r = runApp({ AXONFLOW_ENVIRONMENTS_DIR: FIXTURE_ENVIRONMENTS_DIR, CDKTF_OUTDIR: outdir, ...extra });
    if (r.status !== 0) throw new Error(`synth failed (${r.status}):\n${r.stderr}`);
    return filesUnder(outdir);
  }

  test("two synth runs (different outdirs, clocks and time zones) give byte-identical cdktf.out, every file", () => {
    const work = mkdtempSync(join(tmpdir(), "axonflow-determinism-"));
    try {
      const clock = join(work, "shifted-clock.js");
      writeFileSync(clock, SHIFTED_CLOCK);
      const first = synthInto(join(work, "first", "cdktf.out"), { TZ: "UTC" });
      const second = synthInto(join(work, "second-run", "cdktf.out"), { TZ: "Pacific/Kiritimati", NODE_OPTIONS: `--require ${clock}` });
      const stacks = fixtureEnvironments().map((c) => `stacks/${c.name}/cdk.tf.json`);
      expect([...first.keys()]).toEqual(expect.arrayContaining(["manifest.json", ...stacks]));
      expectIdenticalFiles(second, first);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
