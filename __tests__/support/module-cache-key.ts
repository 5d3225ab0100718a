import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const SOURCE_DIRS = ["lib", "__tests__", "scripts"];
const SOURCE_FILE = /\.(ts|mts|cts|js|mjs|cjs|json)$/;

/**
 * What vitest.config.mts adds to the key of each transform vitest keeps on disk: tsconfig.json's content and
 * the sorted list of source paths (not their content: vitest keys each file by its own content already).
 */
export function moduleCacheKey(root: string): string {
  const paths = [...sourceFiles(root, ""), ...SOURCE_DIRS.flatMap((dir) => sourceFiles(root, dir, true))].sort();
  const hash = createHash("sha256").update(readFileSync(join(root, "tsconfig.json")));
  for (const path of paths) hash.update(`\0${path}`);
  return hash.digest("hex");
}

// A walk of its own rather than readdirSync's `recursive`, which follows symbolic links into directories (a loop
// never ends); a Dirent of a link is not a directory, so this does not. Dot-entries are skipped: an editor's lock
// file (`.#stack.ts`) must not change the key while a buffer is open.
function sourceFiles(root: string, dir: string, recursive = false): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.name.startsWith(".")) return [];
    if (entry.isDirectory()) return recursive ? sourceFiles(root, path, true) : [];
    return SOURCE_FILE.test(entry.name) ? [path] : [];
  });
}
