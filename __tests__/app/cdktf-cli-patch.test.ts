import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../support/app-process";
import { escapeRegExp } from "../../lib/regexp";

// patches/cdktf-cli+0.21.0.patch (applied by patch-package on `npm install`; install fails if it no longer applies):
// 1. cdktf-cli loads @cdktf/hcl2cdk (HCL-to-TypeScript conversion: jsii-rosetta, jsii, TypeScript) on first use
//    instead of at start: ~0.7 s and ~80 MB of every `cdktf synth|diff|deploy` (docs/performance.md);
// 2. its entry point turns cdktf telemetry off unless CHECKPOINT_DISABLE is set, and drops a TF_CLI_CONFIG_FILE that
//    names no file: offline, either printed an [ERROR] line on every healthy command;
// 3. a failed synth's error box no longer repeats the app's stderr, which the CLI has printed line by line already.
// The patch is minified code, so these tests say what it may change and check that the installed CLI behaves so.

const PATCH = join(ROOT, "patches", "cdktf-cli+0.21.0.patch");
const HANDLERS = join(ROOT, "node_modules", "cdktf-cli", "bundle", "bin", "cmds", "handlers.js");
const LAZY = 'new Proxy({},{get:(_,k)=>require("@cdktf/hcl2cdk")[k]})';
const EAGER = /([\w$]+)=(?:ge\(require\("@cdktf\/hcl2cdk"\)\)|require\("@cdktf\/hcl2cdk"\))/g;

describe("the cdktf-cli patch", () => {
  const files = readFileSync(PATCH, "utf8").split(/^(?=diff --git )/m).filter((f) => f.startsWith("diff --git"));
  const changed = (file: string) => {
    const lines = files.find((f) => f.includes(`+++ b/node_modules/cdktf-cli/bundle/bin/${file}\n`))?.split("\n") ?? [];
    return {
      removed: lines.filter((l) => l.startsWith("-") && !l.startsWith("--- ")).map((l) => l.slice(1)),
      added: lines.filter((l) => l.startsWith("+") && !l.startsWith("+++ ")).map((l) => l.slice(1)),
    };
  };

  test("patches two files only: the CLI's entry point and its command handlers", () => {
    expect(files.map((f) => f.split("\n")[0])).toEqual([
      "diff --git a/node_modules/cdktf-cli/bundle/bin/cdktf b/node_modules/cdktf-cli/bundle/bin/cdktf",
      "diff --git a/node_modules/cdktf-cli/bundle/bin/cmds/handlers.js b/node_modules/cdktf-cli/bundle/bin/cmds/handlers.js",
    ]);
  });

  test("handlers: the three eager requires of @cdktf/hcl2cdk become loads on first use; stderr leaves the error box; nothing else", () => {
    const { removed, added } = changed("cmds/handlers.js");
    expect(removed).toHaveLength(4);
    expect(added).toHaveLength(4);
    const stderrBox = removed.findIndex((l) => l === "${Q.stderr?Hoe`");
    expect(added[stderrBox]).toBe("${Q.stderr&&!1?Hoe`");
    removed.forEach((line, i) => {
      if (i === stderrBox) return;
      expect([...line.matchAll(EAGER)]).toHaveLength(1);
      expect(added[i]).toBe(line.replace(EAGER, `$1=${LAZY}`));
    });
  });

  test("entry point: only adds the two environment defaults before loading the CLI", () => {
    const { removed, added } = changed("cdktf");
    expect(removed).toEqual([]);
    expect(added.filter((l) => !l.startsWith("//"))).toEqual([
      'if (process.env.CHECKPOINT_DISABLE === undefined) process.env.CHECKPOINT_DISABLE = "1";',
      'if (process.env.TF_CLI_CONFIG_FILE && !require("fs").existsSync(process.env.TF_CLI_CONFIG_FILE)) delete process.env.TF_CLI_CONFIG_FILE;',
    ]);
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
});
