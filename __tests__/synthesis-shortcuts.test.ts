import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { App, Lazy, TerraformStack, Token } from "cdktf";
import { stringify } from "yaml";
import { loadFromText } from "../lib/config/load";
import type { BackendChoice } from "../lib/backend";
import type { EnvironmentConfig } from "../lib/config/schema";
import { EnvironmentStack } from "../lib/stack";
import { validEnvironment } from "./support/environment-arbitraries";
import { fixtureEnvironments } from "./support/environments";
import { expectIdenticalFiles, filesUnder } from "./support/files";

/**
 * EnvironmentStack takes two shortcuts through cdktf's synthesis, each proven here against cdktf's own code.
 *
 * 1. It skips cdktf's preparing pass (a whole token resolution that only registers cross-stack
 * references). That is safe only while no environment's stack references another: synthesize with the pass
 * and without, through App.synth as main.ts does, and every written file must be byte-identical.
 */
function synthesizeAll(configs: readonly EnvironmentConfig[], withCdktfPreparingPass: boolean, hclOutput: boolean): Map<string, Buffer> {
  const outdir = mkdtempSync(join(tmpdir(), "axonflow-prepare-"));
  try {
    const app = new App({ outdir, stackTraces: false, hclOutput });
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

function expectSameFiles(configs: readonly EnvironmentConfig[], hclOutput = false): void {
  const ours = synthesizeAll(configs, false, hclOutput);
  const cdktfs = synthesizeAll(configs, true, hclOutput);
  // Two empty outputs would be "the same": each environment's stack file must be there.
  const stackFile = hclOutput ? "cdk.tf" : "cdk.tf.json";
  expect([...ours.keys()].filter((f) => f.endsWith(`/${stackFile}`)).sort()).toEqual(configs.map((c) => `stacks/${c.name}/${stackFile}`).sort());
  expectIdenticalFiles(ours, cdktfs);
}

test("the shipped environments, synthesized together in one App, come out the same without cdktf's preparing pass", () => {
  const configs = fixtureEnvironments();
  expect(configs.length).toBeGreaterThanOrEqual(2);
  expectSameFiles(configs);
});

test("…and so does their HCL (`cdktf synth --hcl`), which cdktf renders by a path of its own", () => {
  expectSameFiles(fixtureEnvironments(), true);
});

test("so do random valid environments", () => {
  fc.assert(
    fc.property(validEnvironment, (data) => {
      const result = loadFromText("environments/random.yaml", stringify(data));
      if (!result.ok) throw new Error(result.problems.join("\n"));
      expectSameFiles([result.config]);
    }),
    { numRuns: 2 },
  );
});

/**
 * 2. Its toTerraform resolves each element once and merges, as cdktf's does, but resolves the merged document
 * again only when there are stack-level overrides (merged unresolved). Same document as cdktf's method, for
 * every backend (s3 adds such an override).
 */
const BACKENDS: readonly BackendChoice[] = [
  { kind: "local" },
  { kind: "s3", bucket: "axonflow-tfstate", region: "eu-central-1" },
  { kind: "cloud", organization: "axonflow", project: "Observability" },
];

function expectSameDocument(config: EnvironmentConfig, backend: BackendChoice): void {
  const ours = new EnvironmentStack(new App({ stackTraces: false }), config, { backend });
  const cdktfs = new EnvironmentStack(new App({ stackTraces: false }), config, { backend });
  expect(JSON.stringify(ours.toTerraform())).toBe(JSON.stringify(TerraformStack.prototype.toTerraform.call(cdktfs)));
}

test.each(BACKENDS.map((b) => [b.kind, b] as const))("toTerraform gives cdktf's document for the shipped environments, %s backend", (_, backend) => {
  for (const config of fixtureEnvironments()) expectSameDocument(config, backend);
});

test("…and for random valid environments", () => {
  fc.assert(
    fc.property(validEnvironment, fc.constantFrom(...BACKENDS), (data, backend) => {
      const result = loadFromText("environments/random.yaml", stringify(data));
      if (!result.ok) throw new Error(result.problems.join("\n"));
      expectSameDocument(result.config, backend);
    }),
    { numRuns: 6 },
  );
});

test("a stack-level override is resolved and merged, a token in it included", () => {
  const [config] = fixtureEnvironments();
  const stack = new EnvironmentStack(new App({ stackTraces: false }), config);
  stack.addOverride("terraform.required_version", Token.asString(Lazy.stringValue({ produce: () => ">= 1.5" })));
  expect((stack.toTerraform() as { terraform: { required_version: string } }).terraform.required_version).toBe(">= 1.5");
});
