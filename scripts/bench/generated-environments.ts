import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Writes `count` environment files (bench-001.yaml, …) into a new folder under `parent`, each a copy of
 * `template` (a shipped environment file) named by its file name, and returns the folder.
 */
export function writeGeneratedEnvironments(parent: string, count: number, template: string): string {
  const dir = join(parent, `envs-${count}`);
  mkdirSync(dir, { recursive: true });
  // The name comes from the file name; a `name:` in the template would make every copy collide.
  const text = readFileSync(template, "utf8").replace(/^name:.*\n/m, "");
  for (let i = 1; i <= count; i++) writeFileSync(join(dir, `bench-${String(i).padStart(3, "0")}.yaml`), text);
  return dir;
}
