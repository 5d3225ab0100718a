#!/usr/bin/env node
// `npm run synth`. On a terminal: `cdktf synth`, with its progress display. Elsewhere (output piped or logged, or CI
// set): the app alone, started as cdktf synth starts it (cdktf.json's command, its output folder, the same
// environment), so a log holds the project's own messages only: no spinner frames, colour codes or cdktf's wrapping
// of an error. Same cdktf.out, same exit code. With arguments (`-- --hcl`, …) it is always `cdktf synth`.

const { spawnSync } = require("node:child_process");
const { readFileSync } = require("node:fs");
const { join, resolve } = require("node:path");
const { cdktfEnv, runCdktf } = require("./cdktf");

const args = process.argv.slice(2);
const ci = process.env.CI !== undefined && !/^(|0|false)$/i.test(process.env.CI);
if (args.length > 0 || (process.stdout.isTTY && !ci)) {
  process.exitCode = runCdktf(["synth", ...args]);
} else {
  const root = process.cwd(); // the project's folder, as npm and cdktf take it
  const config = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8"));
  const env = {
    ...cdktfEnv(),
    CDKTF_OUTDIR: resolve(root, config.output ?? "cdktf.out"),
    CDKTF_CONTEXT_JSON: JSON.stringify(config.context ?? {}),
  };
  // A shell, as cdktf runs the app command.
  const r = spawnSync(config.app, { cwd: root, shell: true, stdio: "inherit", env });
  process.exitCode = r.status ?? 1;
}
