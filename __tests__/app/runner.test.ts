import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../support/app-process";

/** How the project runs TypeScript: cdktf.json's app command, tsx's CommonJS hook; every npm script the same way. */
const RUNNER = ["--require", "tsx/cjs"];

describe("the TypeScript runner", () => {
  const work = mkdtempSync(join(tmpdir(), "axonflow-runner-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const run = (entry: string) => spawnSync(process.execPath, [...RUNNER, entry, "an-arg"], { cwd: ROOT, encoding: "utf8" });

  test("cdktf.json's app and every npm script that runs a .ts file use it", () => {
    const app = (JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as { app: string }).app;
    expect(app).toBe(`node ${RUNNER.join(" ")} main.ts`);
    const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    const commands = Object.values(scripts).flatMap((s) => s.split("&&").map((c) => c.trim()));
    const ts = commands.filter((c) => /\.ts\b/.test(c));
    expect(ts.length).toBeGreaterThan(5);
    for (const c of ts) expect(c).toMatch(new RegExp(`^node ${RUNNER.join(" ")} [\\w/.-]+\\.ts$`));
  });

  test("each module's __filename and __dirname are its own (the preview's paths and bundle cache rely on it); argv is the program's", () => {
    mkdirSync(join(work, "a", "b"), { recursive: true });
    writeFileSync(join(work, "a", "b", "where.ts"), "export const where: string = __filename;\n");
    writeFileSync(join(work, "entry.ts"), 'import { where } from "./a/b/where";\nconsole.log(JSON.stringify([__filename, where, process.argv.slice(2)]));\n');
    const r = run(join(work, "entry.ts"));
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual([join(work, "entry.ts"), join(work, "a", "b", "where.ts"), ["an-arg"]]);
  });

  test("a stack trace names the program's own file and line", () => {
    const file = join(work, "fail.ts");
    writeFileSync(file, `export {};\nconst fail = (n: number): never => {\n  throw new Error("here " + n);\n};\nfail(1);\n`);
    const r = run(file);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`${file}:3:`);
  });
});
