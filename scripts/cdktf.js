#!/usr/bin/env node
// `npm run synth|synth:hcl|diff|deploy` run cdktf-cli through this: `node scripts/cdktf.js <cdktf args…>`.
// Terraform warns on every call when TF_CLI_CONFIG_FILE names a file that does not exist, and cdktf-cli relays
// each warning as an [ERROR] line (shared/NOTES-cdktf.md). Such a setting configures nothing, so it is dropped
// here; an existing file is left alone. CHECKPOINT_DISABLE=1: no version check-in from terraform or cdktf.
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync } = require("node:fs");

const env = { ...process.env, CHECKPOINT_DISABLE: "1" };
if (env.TF_CLI_CONFIG_FILE && !existsSync(env.TF_CLI_CONFIG_FILE)) delete env.TF_CLI_CONFIG_FILE;
const cli = require.resolve("cdktf-cli/bundle/bin/cdktf");
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { env, stdio: "inherit" });
process.exitCode = result.status ?? 1;
