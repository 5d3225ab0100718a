import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(__dirname, "..", "..");

/**
 * Runs the app process exactly as `cdktf synth` does (the command in cdktf.json), in the project root, with
 * `vars` added to the environment. The caller's own backend variables are dropped, so a developer who
 * exported AXONFLOW_BACKEND does not change what the tests see.
 */
export function runApp(vars: Record<string, string>) {
  const [command, ...args] = (JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as { app: string }).app.split(" ");
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^AXONFLOW_(BACKEND|TFC_|STATE_)/.test(k)));
  return spawnSync(command === "node" ? process.execPath : command, args, {
    cwd: ROOT,
    env: { ...inherited, ...vars },
    encoding: "utf8",
  });
}
