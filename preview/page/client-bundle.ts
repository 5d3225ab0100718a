import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PROJECT_ROOT } from "../project-paths";

/**
 * The page's script: client/draw-charts.ts with uPlot, bundled by esbuild (already the project's bundler) into one
 * minified IIFE, inlined into the page. The same sources give the same bytes. uPlot's licence comment is kept
 * (esbuild moves legal comments to the end).
 *
 * Starting esbuild and bundling costs a tenth of a preview: the bundle is kept in node_modules/.cache/preview-client/
 * with the hash of every file that went into it and of this file (which holds the bundle options), and built again
 * when one of them changes.
 */
const CLIENT_ENTRY = join(__dirname, "client", "draw-charts.ts");
const CACHE_FILE = join(PROJECT_ROOT, "node_modules", ".cache", "preview-client", "bundle.json");

let bundle: string | undefined;

export function clientBundle(): string {
  bundle ??= readCache() ?? build();
  return bundle;
}

interface Cache {
  readonly inputs: Record<string, string>;
  readonly code: string;
}

function build(): string {
  // Loaded here only: a cached bundle needs no esbuild.
  const { buildSync } = require("esbuild") as typeof import("esbuild");
  const result = buildSync({
    entryPoints: [CLIENT_ENTRY],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
    absWorkingDir: PROJECT_ROOT,
  });
  // A literal "</script" in the code would end the inline element early.
  const code = result.outputFiles[0]!.text.replace(/<\/script/gi, "<\\/script").trim();
  const inputs = [
    ...Object.keys(result.metafile.inputs).map((p) => join(PROJECT_ROOT, p)),
    require.resolve("esbuild/package.json"),
    __filename,
  ];
  writeCache({ inputs: Object.fromEntries(inputs.map((p) => [p, fileHash(p)])), code });
  return code;
}

function readCache(): string | undefined {
  try {
    const cache = JSON.parse(readFileSync(CACHE_FILE, "utf8")) as Cache;
    return Object.entries(cache.inputs).every(([path, digest]) => fileHash(path) === digest) ? cache.code : undefined;
  } catch {
    return undefined; // no cache yet, or an input is gone
  }
}

function writeCache(cache: Cache): void {
  try {
    mkdirSync(dirname(CACHE_FILE), { recursive: true });
    const partial = `${CACHE_FILE}.${process.pid}`;
    writeFileSync(partial, JSON.stringify(cache));
    renameSync(partial, CACHE_FILE); // atomic: a concurrent run reads the old bundle or the new one, never half
  } catch {
    // best effort: a read-only checkout builds every time
  }
}

const fileHash = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");
