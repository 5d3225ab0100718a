import { announceSkip } from "../support/skip-log";
import { join } from "node:path";
import { Testing } from "cdktf";
import { localBackend } from "../../lib/backend";
import type { EnvironmentConfig } from "../../lib/config/schema";
import { EnvironmentStack } from "../../lib/stack";
import {
  findTerraform,
  planOffline,
  type TerraformRun,
  type TerraformSetup,
  validateOnly,
  writeOfflineOverride,
} from "../../scripts/offline-terraform";
import { ReattachedProvider, withOwnProvider } from "./reattached-provider";

/** What a terraform suite gets: where terraform is, and the one provider process its validations share. */
export interface TerraformSuite {
  readonly setup: TerraformSetup;
  /** Started before the suite's first test, stopped after its last (reattached-provider.ts). */
  readonly validator: () => ReattachedProvider;
}

/**
 * The suite's frame: runs `body` when terraform and the mirror are there; otherwise says loudly why not and
 * skips (never a silent pass), or fails outright under AXONFLOW_REQUIRE_TERRAFORM=1 (CI). Its last test checks
 * that the validations really reached the shared provider.
 */
export function describeWithTerraform(title: string, body: (suite: TerraformSuite) => void): void {
  const setup = findTerraform();
  if (!("missing" in setup)) {
    describe(title, () => {
      let validator: ReattachedProvider | undefined;
      let idleCpuSeconds = 0;
      beforeAll(async () => {
        validator = await ReattachedProvider.start(setup);
        idleCpuSeconds = validator.cpuSeconds();
      }, 120_000);
      afterAll(() => validator?.stop());
      body({
        setup,
        validator: () => {
          if (!validator) throw new Error("the shared provider is started in beforeAll");
          return validator;
        },
      });
      test("the validations above reached the shared provider (TF_REATTACH_PROVIDERS was honoured)", () => {
        // A validation costs the provider well over this in CPU (its schema, the checks); idle, it uses none.
        expect(validator!.cpuSeconds() - idleCpuSeconds).toBeGreaterThan(0.3);
      });
    });
    return;
  }
  const why = `SKIPPED ${title}: ${setup.missing}`;
  if (process.env.AXONFLOW_REQUIRE_TERRAFORM === "1") throw new Error(`${why} — and AXONFLOW_REQUIRE_TERRAFORM=1 forbids skipping`);
  announceSkip(why);
  describe.skip(`${title} (skipped: see warning)`, () => test.todo(setup.missing));
}

/**
 * Synthesizes each environment as `cdktf synth` would (validations included) and starts the offline validate (on
 * the shared `validator`) and plan (on a provider of its own) of scripts/offline-terraform.ts for each; each test
 * awaits its own.
 */
export function startRuns(
  setup: TerraformSetup,
  validator: ReattachedProvider,
  configs: readonly EnvironmentConfig[],
): Map<string, { dir: string; run: Promise<TerraformRun> }> {
  const runs = new Map<string, { dir: string; run: Promise<TerraformRun> }>();
  for (const config of configs) {
    const stack = new EnvironmentStack(Testing.app(), config, { backend: localBackend });
    const dir = join(Testing.fullSynth(stack), "stacks", config.name);
    writeOfflineOverride(dir);
    const run = (async () => {
      const validate = await validator.serially((env) => validateOnly(setup, dir, env));
      const plan = await withOwnProvider(setup, (env) => planOffline(setup, dir, env));
      return { validate, plan };
    })();
    run.catch(() => undefined); // reported by the test that awaits it
    runs.set(config.name, { dir, run });
  }
  return runs;
}
