import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Every file under `root`, by path relative to it (`stacks/production/cdk.tf.json`), with its bytes. */
export function filesUnder(root: string): Map<string, Buffer> {
  const entries = readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(entries.map((e) => [join(e.parentPath, e.name).slice(root.length + 1), readFileSync(join(e.parentPath, e.name))]));
}
