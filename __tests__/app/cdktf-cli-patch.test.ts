import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../support/app-process";
import { escapeRegExp } from "../../lib/regexp";

// patches/cdktf-cli+0.21.0.patch (applied by patch-package on `npm install`) makes cdktf-cli load @cdktf/hcl2cdk —
// HCL-to-TypeScript conversion, which pulls in jsii-rosetta, jsii and TypeScript — on first use instead of at start:
// ~0.7 s and ~80 MB of every `cdktf synth|diff|deploy` (BENCHMARKS.md). The patch is minified code, so these tests
// say what it may change and check that the installed CLI behaves accordingly.

const PATCH = join(ROOT, "patches", "cdktf-cli+0.21.0.patch");
const HANDLERS = join(ROOT, "node_modules", "cdktf-cli", "bundle", "bin", "cmds", "handlers.js");
const LAZY = 'new Proxy({},{get:(_,k)=>require("@cdktf/hcl2cdk")[k]})';
const EAGER = /([\w$]+)=(?:ge\(require\("@cdktf\/hcl2cdk"\)\)|require\("@cdktf\/hcl2cdk"\))/g;

describe("the cdktf-cli patch", () => {
  test("changes nothing but the three eager requires of @cdktf/hcl2cdk, each into a load on first use", () => {
    const lines = readFileSync(PATCH, "utf8").split("\n");
    expect(lines.filter((l) => l.startsWith("+++ "))).toEqual(["+++ b/node_modules/cdktf-cli/bundle/bin/cmds/handlers.js"]);
    const removed = lines.filter((l) => l.startsWith("-") && !l.startsWith("--- ")).map((l) => l.slice(1));
    const added = lines.filter((l) => l.startsWith("+") && !l.startsWith("+++ ")).map((l) => l.slice(1));
    expect(removed).toHaveLength(3);
    expect(added).toHaveLength(3);
    removed.forEach((line, i) => {
      expect([...line.matchAll(EAGER)]).toHaveLength(1);
      expect(added[i]).toBe(line.replace(EAGER, `$1=${LAZY}`));
    });
  });

  test("is applied: cdktf-cli's command handlers load without @cdktf/hcl2cdk, and every export they use exists", () => {
    // The names the handlers read through each lazy binding (`IE.convertProject`, …): a renamed or missing
    // export would only fail when a user runs `cdktf init --from-terraform-project` or an import deploy.
    const handlers = readFileSync(HANDLERS, "utf8");
    const bindings = [...handlers.matchAll(new RegExp(`([\\w$]+)=${escapeRegExp(LAZY)}`, "g"))].map((m) => m[1]);
    expect(bindings).toHaveLength(3);
    const used = bindings.map((b) => [...handlers.matchAll(new RegExp(`(?<![\\w$.])${escapeRegExp(b)}\\.([\\w$]+)`, "g"))].map((m) => m[1]));
    used.forEach((names) => expect(names.length).toBeGreaterThan(0));

    const probe = `
      require("cdktf-cli/bundle/bin/cmds/handlers");
      const loadedAtStart = Object.keys(require.cache).filter((f) => /[\\\\/]@cdktf[\\\\/]hcl2cdk[\\\\/]/.test(f));
      const hcl2cdk = require("@cdktf/hcl2cdk");
      const notFunctions = ${JSON.stringify(used.flat())}.filter((name) => typeof hcl2cdk[name] !== "function");
      console.log("probe: " + JSON.stringify({ loadedAtStart, notFunctions }));
      process.exit(0); // not wait for the handlers' own timers and child processes`;
    const r = spawnSync(process.execPath, ["-e", probe], { cwd: ROOT, env: { ...process.env, CHECKPOINT_DISABLE: "1" }, encoding: "utf8" });
    expect(r.status).toBe(0);
    // The handlers start `terraform version` as they load; its warnings may land on stdout around the probe's line.
    const line = r.stdout.split("\n").find((l) => l.startsWith("probe: "));
    expect(JSON.parse(line?.slice("probe: ".length) ?? "null")).toEqual({ loadedAtStart: [], notFunctions: [] });
  }, 20_000);

  test("`cdktf convert` still works: @cdktf/hcl2cdk loads when a command needs it", () => {
    const hcl = 'variable "region" {\n  type = string\n}\noutput "where" {\n  value = var.region\n}\n';
    const r = spawnSync(process.execPath, [join(ROOT, "scripts", "cdktf.js"), "convert", "--language", "typescript"], {
      cwd: ROOT,
      input: hcl,
      encoding: "utf8",
    });
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/new TerraformVariable\(this, "region", \{\s*type: VariableType\.STRING,?\s*\}\)/);
    expect(r.stdout).toMatch(/new TerraformOutput\(this, "where", \{\s*value: region\.value,?\s*\}\)/);
  }, 20_000);
});
