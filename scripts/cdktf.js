#!/usr/bin/env node
// `npm run diff|deploy|synth:hcl`, and `npm run synth` on a terminal: cdktf-cli, run with this project's environment.

const { spawnSync } = require("node:child_process");
const { existsSync, readFileSync } = require("node:fs");
const { dirname, join } = require("node:path");

/**
 * Telemetry off (CHECKPOINT_DISABLE, cdktf's and terraform's documented switch) unless the caller chose, and a
 * TF_CLI_CONFIG_FILE that names no file left out: terraform warns about it on every call, and cdktf relays each
 * warning as an [ERROR] line.
 */
function cdktfEnv(env = process.env) {
  const out = { CHECKPOINT_DISABLE: "1", ...env };
  if (out.TF_CLI_CONFIG_FILE && !existsSync(out.TF_CLI_CONFIG_FILE)) delete out.TF_CLI_CONFIG_FILE;
  return out;
}

/** The CLI's own executable, from its package's `bin`. */
function cdktfBin() {
  const manifest = require.resolve("cdktf-cli/package.json");
  const { bin } = JSON.parse(readFileSync(manifest, "utf8"));
  return join(dirname(manifest), typeof bin === "string" ? bin : bin.cdktf);
}

function runCdktf(args) {
  const r = spawnSync(process.execPath, [cdktfBin(), ...args], { stdio: "inherit", env: cdktfEnv() });
  return r.status ?? 1;
}

module.exports = { cdktfEnv, runCdktf };
if (require.main === module) process.exitCode = runCdktf(process.argv.slice(2));
