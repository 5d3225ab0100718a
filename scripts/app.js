#!/usr/bin/env node
// cdktf.json's app: main.ts compiled by esbuild's documented build API (our files bundled, packages left to
// `require`) and run. tsx runs it too, but misses the app's start-up budget (docs/performance.md, "The app's
// TypeScript"); every other script runs under tsx.

const { createHash } = require("node:crypto");
const { readdirSync, renameSync, statSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");
// Inside node_modules, so the bundle resolves its packages; named after the project's folder, since a copy of the
// project may share this node_modules (a link) and must not run this one's bundle.
const bundle = join(root, "node_modules", ".cache", "axonflow-app", `${createHash("sha256").update(root).digest("hex").slice(0, 16)}.js`);

/** Newest change to what the bundle is built from: main.ts, tsconfig.json and lib/ (a folder's own time covers a deleted file). */
function newestSource() {
  let newest = Math.max(statSync(join(root, "main.ts")).mtimeMs, statSync(join(root, "tsconfig.json")).mtimeMs);
  const walk = (dir) => {
    newest = Math.max(newest, statSync(dir).mtimeMs);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(root, "lib"));
  return newest;
}

let builtAt = -1;
try {
  builtAt = statSync(bundle).mtimeMs;
} catch {}
if (builtAt < newestSource()) {
  // Built under a name of this process's own, then renamed: a synth running beside it reads one whole bundle.
  const partial = `${bundle}.${process.pid}`;
  require("esbuild").buildSync({
    entryPoints: [join(root, "main.ts")],
    outfile: partial,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "cjs",
    target: "node20",
    logLevel: "warning",
  });
  renameSync(partial, bundle);
}
require(bundle);
