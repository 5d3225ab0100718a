#!/usr/bin/env node
// Runs a TypeScript entry point: `node scripts/run-ts.js main.ts [args…]`. This is how cdktf.json runs the app.
//
// Why not `node -r esbuild-register main.ts`: that transpiles file by file through a worker thread (one round
// trip per file) and turns on Node's source maps for every module, so Node decodes the inline source map of
// each of cdktf's ~380 files; together ~0.15 s of CPU on every synth (docs/performance.md). Here esbuild
// bundles our own files (packages stay external `require`s) in one call, in memory, and the result runs as
// one module. Like esbuild-register it only strips types: `npm run typecheck` (in `npm test`) type-checks.
//
// The bundle is kept in node_modules/.cache/run-ts/ (or $RUN_TS_CACHE_DIR) with the content hash of every file
// that went into it; while none of them changed, the next run skips esbuild (loading it and starting its service
// cost ~40 ms, an eighth of a synth). An edit, an added import or a deleted file changes a hash and rebuilds. Not seen:
// a new file that shadows one an import resolved to (`foo.ts` next to `foo/index.ts`) — delete the cache then.
"use strict";
const { createHash } = require("node:crypto");
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { dirname, join, resolve } = require("node:path");

if (!process.argv[2]) {
  console.error("usage: node scripts/run-ts.js <file.ts> [args…]");
  process.exit(2);
}
const entry = resolve(process.argv[2]);
process.argv.splice(1, 2, entry); // the program sees the argv it would see under `node main.ts`

const ROOT = join(__dirname, "..");
// This file holds the bundle options, esbuild reads tsconfig.json, and a new esbuild or Node major may bundle differently.
const ALWAYS_HASHED = [__filename, join(ROOT, "tsconfig.json"), require.resolve("esbuild/package.json")];
const cacheDir = process.env.RUN_TS_CACHE_DIR ?? join(ROOT, "node_modules", ".cache", "run-ts");
const cacheFile = join(cacheDir, `${hash(`${entry}\0${process.versions.node.split(".")[0]}`)}.json`);

const cached = readCache();
if (cached) run(cached.code);
else
  bundle().then(run, (e) => {
    if (!Array.isArray(e?.errors)) console.error(e); // esbuild's own errors (a syntax error: file and line) are printed already
    process.exitCode = 1;
  });

function bundle() {
  const started = Date.now();
  return require("esbuild")
    .build({
      entryPoints: [entry],
      // Not written; it makes the source map's paths relative to the entry's folder, where Node resolves them.
      outfile: `${entry}.js`,
      bundle: true,
      packages: "external",
      platform: "node",
      format: "cjs",
      target: `node${process.versions.node.split(".")[0]}`,
      write: false,
      metafile: true,
      sourcemap: "inline",
      sourcesContent: false,
      logLevel: "error",
      absWorkingDir: ROOT,
    })
    .then((result) => {
      const inputs = [...Object.keys(result.metafile.inputs).map((p) => join(ROOT, p)), ...ALWAYS_HASHED];
      writeCache(inputs, started, result.outputFiles[0].text);
      return result.outputFiles[0].text;
    });
}

function readCache() {
  try {
    const cache = JSON.parse(readFileSync(cacheFile, "utf8"));
    return Object.entries(cache.inputs).every(([path, digest]) => fileHash(path) === digest) ? cache : undefined;
  } catch {
    return undefined; // no cache yet, or an input is gone
  }
}

function writeCache(inputs, started, code) {
  try {
    // A file saved while esbuild ran may not be what it bundled: keep nothing rather than a stale pairing.
    if (inputs.some((p) => statSync(p).mtimeMs >= started)) return;
    const cache = { inputs: Object.fromEntries(inputs.map((p) => [p, fileHash(p)])), code };
    mkdirSync(dirname(cacheFile), { recursive: true });
    const partial = `${cacheFile}.${process.pid}`;
    writeFileSync(partial, JSON.stringify(cache));
    renameSync(partial, cacheFile); // atomic: a concurrent run reads the old bundle or the new one, never half
  } catch {
    // best effort: an input gone meanwhile, or a read-only checkout, runs without the cache
  }
}

function fileHash(path) {
  return hash(readFileSync(path));
}

function hash(data) {
  return createHash("sha256").update(data).digest("hex");
}

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
