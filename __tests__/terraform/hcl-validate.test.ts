import { runApp } from "../support/app-process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { shippedEnvironments } from "../support/environments";
import { validateOnly } from "../../scripts/offline-terraform";
import { describeWithTerraform } from "./terraform-harness";

// One environment: every stack's HCL comes from the same renderer, and the JSON suite plans every stack. validate
// only: the JSON suite plans the same resources; validate proves terraform parses and accepts the HCL.
const envs = shippedEnvironments().map((e) => e.name).slice(0, 1);
describeWithTerraform("npm run synth:hcl output: real terraform validate", (setup) => {
  const outdir = mkdtempSync(join(tmpdir(), "axonflow-hcl-"));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  const runs = new Map<string, ReturnType<typeof validateOnly>>();

  beforeAll(() => {
    // The app as `cdktf synth --hcl` runs it: the CLI only sets SYNTH_HCL_OUTPUT=true and CDKTF_OUTDIR.
    const app = runApp({ SYNTH_HCL_OUTPUT: "true", CDKTF_OUTDIR: outdir });
    if (app.status !== 0) throw new Error(`HCL synth failed:\n${app.stderr}`);
    for (const env of envs) {
      const run = validateOnly(setup, join(outdir, "stacks", env));
      run.catch(() => undefined); // reported by the test that awaits it
      runs.set(env, run);
    }
  });

  test.each(envs)("%s: cdk.tf (and no cdk.tf.json) validates, warning only about cdktf's quoted depends_on", async (env) => {
    const files = readdirSync(join(outdir, "stacks", env));
    expect(files).toEqual(expect.arrayContaining(["cdk.tf", "HANDOFF.md"]));
    expect(files).not.toContain("cdk.tf.json");
    const { validate } = await runs.get(env)!;
    const result = JSON.parse(validate) as { valid: boolean; error_count: number; diagnostics: { severity: string; summary: string }[] };
    expect(result).toMatchObject({ valid: true, error_count: 0 });
    // cdktf's HCL renderer writes depends_on entries as quoted strings, which Terraform 1.x accepts with a
    // deprecation warning; any other warning is ours to fix.
    const warnings = new Set(result.diagnostics.filter((d) => d.severity === "warning").map((d) => d.summary));
    expect([...warnings].filter((w) => w !== "Quoted references are deprecated")).toEqual([]);
  }, 120_000);
});
