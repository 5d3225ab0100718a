import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Every file under `root`, by path relative to it (`stacks/production/cdk.tf.json`), with its bytes. */
export function filesUnder(root: string): Map<string, Buffer> {
  const entries = readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(entries.map((e) => [join(e.parentPath, e.name).slice(root.length + 1), readFileSync(join(e.parentPath, e.name))]));
}

/** The same file names, and every file byte-identical; a difference names the file. */
export function expectIdenticalFiles(actual: ReadonlyMap<string, Buffer>, expected: ReadonlyMap<string, Buffer>): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [file, bytes] of actual) expect({ file, same: bytes.equals(expected.get(file)!) }).toEqual({ file, same: true });
}
