import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import fc from "fast-check";
import { App, TerraformStack } from "cdktf";
import { stringify } from "yaml";
import { loadFromText } from "../lib/config/load";
import type { EnvironmentConfig } from "../lib/config/schema";
import { EnvironmentStack } from "../lib/stack";
import { validEnvironment } from "./support/environment-arbitraries";
import { shippedEnvironments } from "./support/environments";

/**
 * EnvironmentStack skips cdktf's preparing pass (a whole token resolution that only registers cross-stack
 * references). That is safe only while no environment's stack references another: synthesize with the pass
 * and without, through App.synth as main.ts does, and every written file must be byte-identical.
 */
function synthesizeAll(configs: readonly EnvironmentConfig[], withCdktfPreparingPass: boolean): Map<string, Buffer> {
  const outdir = mkdtempSync(join(tmpdir(), "axonflow-prepare-"));
  try {
    const app = new App({ outdir, stackTraces: false });
    for (const config of configs) {
      const stack = new EnvironmentStack(app, config);
      if (withCdktfPreparingPass) stack.prepareStack = () => TerraformStack.prototype.prepareStack.call(stack);
    }
    app.synth();
    return filesUnder(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function filesUnder(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path));
    }
  };
  walk(root);
  return files;
}

function expectSameFiles(configs: readonly EnvironmentConfig[]): void {
  const ours = synthesizeAll(configs, false);
  const cdktfs = synthesizeAll(configs, true);
  expect([...ours.keys()].sort()).toEqual([...cdktfs.keys()].sort());
  for (const [file, bytes] of ours) expect({ file, same: bytes.equals(cdktfs.get(file)!) }).toEqual({ file, same: true });
}

test("the shipped environments, synthesized together in one App, come out the same without cdktf's preparing pass", () => {
  const configs = shippedEnvironments();
  expect(configs.length).toBeGreaterThanOrEqual(2);
  expectSameFiles(configs);
});

test("so do random valid environments", () => {
  fc.assert(
    fc.property(validEnvironment, (data) => {
      const result = loadFromText("environments/random.yaml", stringify(data));
      if (!result.ok) throw new Error(result.problems.join("\n"));
      expectSameFiles([result.config]);
    }),
    { numRuns: 5 },
  );
});
