import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../support/app-process";

// patches/cdktf-cli+0.21.0.patch (applied by patch-package on `npm install`) makes cdktf-cli load @cdktf/hcl2cdk —
// HCL-to-TypeScript conversion, which pulls in jsii-rosetta, jsii and TypeScript — on first use instead of at start:
// ~0.7 s and ~80 MB of every `cdktf synth|diff|deploy` (BENCHMARKS.md). The patch is minified code, so these tests
// say what it may change and check that the installed CLI behaves accordingly.

const PATCH = join(ROOT, "patches", "cdktf-cli+0.21.0.patch");
const LAZY = 'new Proxy({},{get:(_,k)=>require("@cdktf/hcl2cdk")[k]})';
const EAGER = /([\w$]+)=(?:ge\(require\("@cdktf\/hcl2cdk"\)\)|require\("@cdktf\/hcl2cdk"\))/g;

function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1" };
  // As scripts/cdktf.js: a missing CLI config file only makes terraform warn on every call.
  if (env.TF_CLI_CONFIG_FILE && !existsSync(env.TF_CLI_CONFIG_FILE)) delete env.TF_CLI_CONFIG_FILE;
  return env;
}

describe("the cdktf-cli patch", () => {
  test("changes nothing but each eager require of @cdktf/hcl2cdk, into a load on first use", () => {
    const lines = readFileSync(PATCH, "utf8").split("\n");
    const files = lines.filter((l) => l.startsWith("+++ "));
    expect(files).toEqual(["+++ b/node_modules/cdktf-cli/bundle/bin/cmds/handlers.js"]);
    const removed = lines.filter((l) => l.startsWith("-") && !l.startsWith("--- ")).map((l) => l.slice(1));
    const added = lines.filter((l) => l.startsWith("+") && !l.startsWith("+++ ")).map((l) => l.slice(1));
    expect(removed.length).toBeGreaterThan(0);
    expect(added).toHaveLength(removed.length);
    removed.forEach((line, i) => {
      expect([...line.matchAll(EAGER)]).toHaveLength(1);
      expect(added[i]).toBe(line.replace(EAGER, `$1=${LAZY}`));
    });
  });

  test("is applied: loading cdktf-cli's command handlers does not load @cdktf/hcl2cdk", () => {
    const probe =
      "require('cdktf-cli/bundle/bin/cmds/handlers');" +
      "console.log(JSON.stringify(Object.keys(require.cache).filter((f) => /[\\\\/]@cdktf[\\\\/]hcl2cdk[\\\\/]/.test(f))))";
    const r = spawnSync(process.execPath, ["-e", probe], { cwd: ROOT, env: cliEnv(), encoding: "utf8" });
    expect(r.status).toBe(0);
    const loaded: unknown = JSON.parse(r.stdout.trim().split("\n").pop() ?? "null");
    expect(loaded).toEqual([]);
  });

  test("`cdktf convert` still works: @cdktf/hcl2cdk loads when a command needs it", () => {
    const hcl = 'variable "region" {\n  type = string\n}\noutput "where" {\n  value = var.region\n}\n';
    const cli = require.resolve("cdktf-cli/bundle/bin/cdktf", { paths: [ROOT] });
    const r = spawnSync(process.execPath, [cli, "convert", "--language", "typescript"], {
      cwd: ROOT,
      env: cliEnv(),
      input: hcl,
      encoding: "utf8",
    });
    expect(r.stderr).not.toMatch(/Error|TypeError/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/new TerraformVariable\(this, "region", \{\s*type: VariableType\.STRING,?\s*\}\)/);
    expect(r.stdout).toMatch(/new TerraformOutput\(this, "where", \{\s*value: region\.value,?\s*\}\)/);
  });
});
