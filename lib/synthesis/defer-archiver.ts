import Module = require("node:module");
import { join } from "node:path";

/**
 * Import first, before cdktf (main.ts does). cdktf's index loads `archiver` (with readable-stream, glob, zip-stream…:
 * ~85 ms, half of `require("cdktf")`, docs/performance.md) in every app process, yet never calls it there: it zips
 * a TerraformAsset of type ARCHIVE in a child process (`node cdktf/lib/private/fs.js <src> <dest>`, which loads
 * archiver itself), and this app creates no assets. Its one caller, cdktf/lib/private/fs.js, gets a function that
 * loads the real module on a first call. `__tests__/app/run-ts.test.ts` zips an asset with this in place; cdktf is
 * pinned and archived (0.21.0 is its last release).
 */
const CALLER = join("node_modules", "cdktf", "lib", "private", "fs.js");
type Load = (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };
const load = loader._load;
loader._load = function (request, parent, isMain) {
  if (request === "archiver" && parent?.filename?.endsWith(CALLER)) {
    return (...args: unknown[]) => (load.call(Module, request, parent, isMain) as (...a: unknown[]) => unknown)(...args);
  }
  return load.call(this, request, parent, isMain);
};
