import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { stringify } from "yaml";
import { loadFromText } from "../../lib/config/load";
import { ROOT } from "../support/app-process";
import { validEnvironment } from "../support/environment-arbitraries";
import { synthesizeInto } from "../support/synth";
import { describeWithTerraform } from "./terraform-harness";

/**
 * `npm run plan -- <env>` (its second half, after the synth): a real plan with no AWS account and no network, of a
 * random valid environment (fixed seed: the same one every run; the in-process property test covers many more).
 * One plan serves both: each starts the 675 MB provider.
 */
const [random] = fc.sample(validEnvironment, { seed: 20240607, numRuns: 1 }).map((data) => {
  const result = loadFromText("environments/random-0.yaml", stringify(data));
  if (!result.ok) throw new Error(result.problems.join("\n"));
  return result.config;
});

describeWithTerraform("npm run plan", () => {
  const outdir = join(mkdtempSync(join(tmpdir(), "axonflow-plan-")), "cdktf.out");
  beforeAll(() => synthesizeInto(outdir, [random]));
  afterAll(() => rmSync(join(outdir, ".."), { recursive: true, force: true }));
  const plan = (...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, "scripts", "run-ts.js"), join(ROOT, "scripts", "plan.ts"), ...args], {
      cwd: ROOT,
      // No credentials of any kind, and an AWS endpoint nothing answers: the plan must not need AWS.
      env: { ...process.env, CDKTF_OUTDIR: outdir, AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "", AWS_PROFILE: "", AWS_ENDPOINT_URL: "http://127.0.0.1:9" },
      encoding: "utf8",
    });

  test(`plans a random valid environment (${random.name} in ${random.region}) offline, and leaves the stack directory as synthesized`, () => {
    const r = plan(random.name);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy\./);
    expect(r.stdout).not.toMatch(/Warning:/);
    const stack = join(outdir, "stacks", random.name);
    expect(readdirSync(stack).filter((f) => f.includes("override"))).toEqual([]);
    expect(existsSync(join(stack, ".terraform"))).toBe(false);
  }, 120_000);

  test("an unknown environment: usage and the synthesized ones, exit 2", () => {
    const r = plan("qa");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`no stack "qa" in .*; synthesized: ${random.name}`));
  });
});
