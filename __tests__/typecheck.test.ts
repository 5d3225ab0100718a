import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./support/app-process";

/**
 * `npm run typecheck` as a test of the suite: jest's transform only strips types, so this is where `npm test` checks
 * them. Run as a test, tsc (single-threaded, ~4 s) works while the other worker runs tests, instead of before them.
 */
test("the project type-checks (npm run typecheck: tsc --noEmit, incremental)", () => {
  const script = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.typecheck;
  const [command, ...args] = script.split(" ");
  expect(command).toBe("tsc");
  const r = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), ...args], { cwd: ROOT, encoding: "utf8" });
  expect(`${r.stdout}${r.stderr}`).toBe("");
  expect(r.status).toBe(0);
}, 120_000);
