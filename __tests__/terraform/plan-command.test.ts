import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../support/app-process";
import { fixtureEnvironments } from "../support/environments";
import { synthesizeInto } from "../support/synth";
import { describeWithTerraform } from "./terraform-harness";

/** `npm run plan -- <env>` (its second half, after the synth): a real plan with no AWS account and no network. */
describeWithTerraform("npm run plan", () => {
  const outdir = join(mkdtempSync(join(tmpdir(), "axonflow-plan-")), "cdktf.out");
  beforeAll(() => synthesizeInto(outdir, fixtureEnvironments()));
  afterAll(() => rmSync(join(outdir, ".."), { recursive: true, force: true }));
  const plan = (...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, "scripts", "run-ts.js"), join(ROOT, "scripts", "plan.ts"), ...args], {
      cwd: ROOT,
      // No credentials of any kind, and an AWS endpoint nothing answers: the plan must not need AWS.
      env: { ...process.env, CDKTF_OUTDIR: outdir, AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "", AWS_PROFILE: "", AWS_ENDPOINT_URL: "http://127.0.0.1:9" },
      encoding: "utf8",
    });

  test("plans staging offline: every resource to add, and the stack directory gets no fake-credential override", () => {
    const r = plan("staging");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy\./);
    expect(readdirSync(join(outdir, "stacks", "staging")).filter((f) => f.includes("override"))).toEqual([]);
    expect(existsSync(join(outdir, "stacks", "staging", ".terraform"))).toBe(false);
  }, 120_000);

  test("an unknown environment: usage and the synthesized ones, exit 2", () => {
    const r = plan("qa");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no stack "qa" in .*; synthesized: production, staging/);
  });
});
