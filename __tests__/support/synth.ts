import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Testing } from "cdktf";
import type { EnvironmentConfig } from "../../lib/config/schema";
import { EnvironmentStack } from "../../lib/stack";
import { configFrom, deepFreeze, memoKey } from "./environments";

export interface Synthesized {
  readonly stack: EnvironmentStack;
  /** The JSON string the cdktf matchers take. */
  readonly json: string;
  /** The same, parsed: `resource.<type>.<address>` → attributes (snake_case, as in cdk.tf.json). */
  readonly tf: TerraformJson;
}

export interface TerraformJson {
  provider: Record<string, Record<string, unknown>[]>;
  resource: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown }>;
  terraform: Record<string, unknown>;
  variable?: Record<string, Record<string, unknown>>;
}

// Testing.synth never writes to the outdir; a fixed path avoids one temp dir per test.
const OUTDIR = join(tmpdir(), "axonflow-unit-tests-unused");

/**
 * Builds and synthesizes a stack for `config`. Most tests only read the output, and many read the same
 * configuration's (the base file, a shipped environment): use `synthesized` for those, and this where the test
 * needs the stack itself or a synth of its own.
 */
export function synthStack(config: EnvironmentConfig = configFrom(), runValidations = true): Synthesized {
  const app = new App({ outdir: OUTDIR, stackTraces: false });
  const stack = new EnvironmentStack(app, config);
  const json = Testing.synth(stack, runValidations);
  return { stack, json, tf: JSON.parse(json) as TerraformJson };
}

export type SynthesizedOutput = Pick<Synthesized, "json" | "tf">;

// One synth per distinct configuration and test file (jest gives each file its own modules).
// The output is frozen all the way down, so a test that edits it throws instead of changing what the next one reads.
const outputs = new Map<string, SynthesizedOutput>();

/** The synthesized output for `config`, shared by every test that asks for the same configuration. */
export function synthesized(config: EnvironmentConfig = configFrom(), runValidations = true): SynthesizedOutput {
  const key = memoKey(config, runValidations);
  let output = outputs.get(key);
  if (!output) {
    const { json, tf } = synthStack(config, runValidations);
    // Random configurations belong in synthStack: kept here, each would only fill memory.
    if (outputs.size >= 200) throw new Error("synthesized: over 200 configurations cached; use synthStack for generated ones");
    output = Object.freeze({ json, tf: deepFreeze(tf) });
    outputs.set(key, output);
  }
  return output;
}

/** All resources of one Terraform type, by address. */
export function resourcesOf(tf: TerraformJson, type: string): Record<string, Record<string, unknown>> {
  return tf.resource[type] ?? {};
}

/** The single resource of `type` whose attribute `key` equals `value`; fails loudly if not exactly one. */
export function resourceWhere(tf: TerraformJson, type: string, key: string, value: unknown): Record<string, unknown> {
  const hits = Object.values(resourcesOf(tf, type)).filter((r) => r[key] === value);
  if (hits.length !== 1) throw new Error(`expected one ${type} with ${key}=${JSON.stringify(value)}, found ${hits.length}`);
  return hits[0];
}

/**
 * Synthesizes environments into `outdir` as main.ts does (one App, one stack each, validations on), in this
 * process: cdktf.out/manifest.json and stacks/<env>/cdk.tf.json + HANDOFF.md on disk, for tests that read what
 * ships the way terraform and the replay read it, without the start-up of an app process.
 */
export function synthesizeInto(outdir: string, configs: readonly EnvironmentConfig[]): void {
  const app = new App({ outdir, stackTraces: false });
  for (const config of configs) new EnvironmentStack(app, config);
  app.synth();
}
