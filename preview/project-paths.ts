import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The project's root, found from this file's folder. Under scripts/run-ts.js every module is bundled into its entry,
 * so `__dirname` is the entry's folder, not this file's: walk up to the folder that holds preview/ and replay/.
 */
function projectRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "preview", "page", "client")) && existsSync(join(dir, "replay", "scenarios"))) return dir;
    if (dirname(dir) === dir) throw new Error(`preview: cannot find the project root above ${__dirname}`);
  }
}

export const PROJECT_ROOT = projectRoot();
export const SCENARIOS_DIR = join(PROJECT_ROOT, "replay", "scenarios");
export const CLIENT_ENTRY = join(PROJECT_ROOT, "preview", "page", "client", "draw-charts.ts");
