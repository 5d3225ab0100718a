import fc from "fast-check";
import { stringify } from "yaml";
import { loadFromText } from "../../lib/config/load";
import { validEnvironment } from "../support/environment-arbitraries";
import type { TerraformRun } from "../../scripts/offline-terraform";
import { describeWithTerraform, startRuns } from "./terraform-harness";

// A random valid environment (fixed seed: the same one every run) through real terraform plan; the unit property
// test covers many more in-process. Each plan starts the 675 MB provider, so one sample keeps `npm test` quick.
const SAMPLES = 1;

describeWithTerraform("random valid environments: real terraform plan", (setup) => {
  const samples = fc.sample(validEnvironment, { seed: 20240607, numRuns: SAMPLES }).map((data, i) => {
    const result = loadFromText(`environments/random-${i}.yaml`, stringify(data));
    if (!result.ok) throw new Error(result.problems.join("\n"));
    return result.config;
  });
  let runs: Map<string, { run: Promise<TerraformRun> }>;
  beforeAll(() => {
    // plan only: it validates the configuration as well, and the shipped stacks' suite runs validate on its own.
    runs = startRuns(setup, samples, { validate: false });
  });

  test.each(samples.map((c) => [c.name, c.region] as const))("%s (%s)", async (name) => {
    const { plan } = await runs.get(name)!.run;
    expect(plan).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy\./);
    expect(plan).not.toMatch(/Warning:/);
  }, 120_000);
});
