import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { escapeRegExp } from "../../lib/regexp";
import { ROOT } from "../support/app-process";
import { FIXTURE_ENVIRONMENTS_DIR } from "../support/environments";

/**
 * `npx cdktf synth` as a user runs it, offline, with the shell variables this machine kind has (a TF_CLI_CONFIG_FILE
 * naming no file) and without CHECKPOINT_DISABLE: a healthy run prints no [ERROR] line; a bad file's problem once.
 */
function cdktfSynth(environmentsDir: string, outdir: string, extra: NodeJS.ProcessEnv = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, AXONFLOW_ENVIRONMENTS_DIR: environmentsDir, TF_CLI_CONFIG_FILE: join(outdir, "no-such.tfrc"), FORCE_COLOR: "0", ...extra };
  delete env.CHECKPOINT_DISABLE;
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules", ".bin", "cdktf"), "synth", "--output", outdir], { cwd: ROOT, env, encoding: "utf8" });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

describe("the cdktf console", () => {
  const work = mkdtempSync(join(tmpdir(), "axonflow-console-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("a healthy synth prints no [ERROR] line, and the CLI never loads @cdktf/hcl2cdk (the patch is applied)", () => {
    // Preloaded into every node process of the run; the CLI's own (argv[1] is its `cdktf` bin) reports what it loaded.
    const probe = join(work, "probe.js");
    const report = join(work, "probe.json");
    writeFileSync(
      probe,
      `process.on("exit", () => {
        if (!/[\\\\/]cdktf$/.test(process.argv[1] ?? "")) return;
        const files = Object.keys(require.cache);
        require("fs").writeFileSync(${JSON.stringify(report)}, JSON.stringify({
          handlers: files.some((f) => f.endsWith("handlers.js")),
          hcl2cdk: files.filter((f) => /[\\\\/]@cdktf[\\\\/]hcl2cdk[\\\\/]/.test(f)),
        }));
      });`,
    );
    const r = cdktfSynth(FIXTURE_ENVIRONMENTS_DIR, join(work, "good"), { NODE_OPTIONS: `--require ${probe}` });
    expect(r.output).not.toMatch(/\[ERROR\]|ERROR:/);
    expect(r.output).toMatch(/Generated Terraform code for the stacks: production, staging/);
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(report, "utf8"))).toEqual({ handlers: true, hcl2cdk: [] });
  }, 30_000);

  test("a config error is printed once", () => {
    const bad = join(work, "bad");
    mkdirSync(bad);
    writeFileSync(join(bad, "qa.yaml"), 'accountId: "111122223333"\nregion: eu-wset-1\nalb: {arnSuffix: app/a/0123456789abcdef}\necs: {clusterName: c}\nrepositoryUrl: https://x.example.com\n');
    const r = cdktfSynth(bad, join(work, "bad-out"));
    expect(r.status).not.toBe(0);
    expect(r.output.match(/qa\.yaml: region: "eu-wset-1" is not an AWS region/g)).toHaveLength(1);
  }, 30_000);
});

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

  test("every export the handlers read through a lazy binding is a function @cdktf/hcl2cdk declares", () => {
    // The names the handlers read through each binding (`IE.convertProject`, …): a renamed or missing export would
    // only fail when a user runs `cdktf init --from-terraform-project` or an import deploy. Checked against the
    // package's declarations, so this test does not load the package (jsii-rosetta, TypeScript: ~2 s of CPU).
    const handlers = readFileSync(HANDLERS, "utf8");
    const bindings = [...handlers.matchAll(new RegExp(`([\\w$]+)=${escapeRegExp(LAZY)}`, "g"))].map((m) => m[1]);
    expect(bindings).toHaveLength(3);
    const used = bindings.map((b) => [...handlers.matchAll(new RegExp(`(?<![\\w$.])${escapeRegExp(b)}\\.([\\w$]+)`, "g"))].map((m) => m[1]));
    used.forEach((names) => expect(names.length).toBeGreaterThan(0));
    const declared = readFileSync(join(ROOT, "node_modules", "@cdktf", "hcl2cdk", "lib", "index.d.ts"), "utf8");
    const functions = new Set([...declared.matchAll(/^export declare function ([\w$]+)/gm)].map((m) => m[1]));
    expect(used.flat().filter((name) => !functions.has(name))).toEqual([]);
  });
});
