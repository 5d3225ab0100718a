#!/usr/bin/env node
// Runs a TypeScript entry point: `node scripts/run-ts.js main.ts [args…]`. This is how cdktf.json runs the app.
//
// Why not `node -r esbuild-register main.ts`: that transpiles file by file through a worker thread (one round
// trip per file) and turns on Node's source maps for every module, so Node decodes the inline source map of
// each of cdktf's ~380 files; together ~0.15 s of CPU on every synth (see BENCHMARKS.md). Here esbuild
// bundles our own files (packages stay external `require`s) in one call, in memory, and the result runs as
// one module. Like esbuild-register it only strips types: `npm run typecheck` (in `npm test`) type-checks.
"use strict";
const { build } = require("esbuild");
const Module = require("node:module");
const { dirname, resolve } = require("node:path");

if (!process.argv[2]) {
  console.error("usage: node scripts/run-ts.js <file.ts> [args…]");
  process.exit(2);
}
const entry = resolve(process.argv[2]);
process.argv.splice(1, 2, entry); // the program sees the argv it would see under `node main.ts`

build({
  entryPoints: [entry],
  bundle: true,
  packages: "external",
  platform: "node",
  format: "cjs",
  target: `node${process.versions.node.split(".")[0]}`,
  write: false,
  sourcemap: "inline",
  sourcesContent: false,
  logLevel: "error",
}).then(
  (result) => run(result.outputFiles[0].text),
  () => (process.exitCode = 1), // esbuild has printed the syntax error with file and line
);

function run(code) {
  // Stack traces point into our .ts files (via the bundle's source map), while the packages' own inline
  // source maps, which nobody reads, stay undecoded: maps are on only while the bundle itself compiles.
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    process.setSourceMapsEnabled(filename === entry);
    return compile.call(this, content, filename);
  };
  const main = new Module(entry, null);
  main.filename = entry;
  main.paths = Module._nodeModulePaths(dirname(entry));
  try {
    main._compile(code, entry);
  } finally {
    Module.prototype._compile = compile;
    process.setSourceMapsEnabled(true); // an error's stack is formatted later, when it is printed
  }
}
