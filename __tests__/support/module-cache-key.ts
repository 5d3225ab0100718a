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
  const paths = SOURCE_DIRS.flatMap((dir) => readdirSync(join(root, dir), { recursive: true, encoding: "utf8" }).map((p) => join(dir, p)));
  const hash = createHash("sha256").update(readFileSync(join(root, "tsconfig.json")));
  for (const path of ["main.ts", ...paths.filter((p) => SOURCE_FILE.test(p)).sort()]) hash.update(`\0${path}`);
  return hash.digest("hex");
}
