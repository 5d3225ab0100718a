import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Writes `count` environment files (bench-001.yaml, …) into a new folder under `parent`, each a copy of
 * `template` (a shipped environment file) named by its file name, with identifiers of its own (two files naming one
 * load balancer, target group or ECS service are refused), and returns the folder. With `alongside`, that folder's
 * environment files are copied in too.
 */
export function writeGeneratedEnvironments(parent: string, count: number, template: string, alongside?: string): string {
  const dir = join(parent, `envs-${count}${alongside ? "-more" : ""}`);
  mkdirSync(dir, { recursive: true });
  if (alongside) for (const f of readdirSync(alongside).filter((n) => /\.ya?ml$/.test(n))) copyFileSync(join(alongside, f), join(dir, f));
  // The name comes from the file name; a `name:` in the template would make every copy collide.
  const text = readFileSync(template, "utf8").replace(/^name:.*\n/m, "");
  for (let i = 1; i <= count; i++) {
    const n = String(i).padStart(3, "0");
    const own = text.replace(/\b[0-9a-f]{16}\b/g, (id) => `${n}${id.slice(3)}`).replace(/^(\s*clusterName:\s*)(\S+)/m, `$1$2-${n}`);
    writeFileSync(join(dir, `bench-${n}.yaml`), own);
  }
  return dir;
}
