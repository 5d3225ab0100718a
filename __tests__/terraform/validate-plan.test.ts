import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { TerraformRun } from "../../scripts/offline-terraform";
import { shippedEnvironments } from "../support/environments";
import { describeWithTerraform, startRuns } from "./terraform-harness";

describeWithTerraform("real terraform validate and plan of every shipped environment, hashicorp/aws 5.100.0", ({ setup, validator }) => {
  const envs = shippedEnvironments();
  let runs: Map<string, { dir: string; run: Promise<TerraformRun> }>;
  beforeAll(() => {
    runs = startRuns(setup, validator(), envs);
  });

  test.each(envs.map((e) => e.name))(
    "%s: validates, and plans to create exactly the synthesized resources",
    async (name) => {
      const { dir, run } = runs.get(name)!;
      const { validate, plan } = await run;
      const result = JSON.parse(validate) as { valid: boolean; error_count: number };
      expect(result).toMatchObject({ valid: true, error_count: 0 });
      const tf = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as { resource: Record<string, Record<string, unknown>> };
      const resources = Object.values(tf.resource).reduce((n, byAddress) => n + Object.keys(byAddress).length, 0);
      expect(plan).toContain(`Plan: ${resources} to add, 0 to change, 0 to destroy.`);
      expect(plan).not.toMatch(/Warning:/);
    },
    120_000,
  );
});
