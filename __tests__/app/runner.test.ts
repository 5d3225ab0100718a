import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../support/app-process";
import { FIXTURE_ENVIRONMENTS_DIR } from "../support/environments";

/** How the project runs TypeScript: tsx's CommonJS hook for every npm script; cdktf.json's app is bundled (below). */
const RUNNER = ["--require", "tsx/cjs"];

describe("the TypeScript runner", () => {
  const work = mkdtempSync(join(tmpdir(), "axonflow-runner-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const run = (entry: string) => spawnSync(process.execPath, [...RUNNER, entry, "an-arg"], { cwd: ROOT, encoding: "utf8" });

  test("every npm script that runs a .ts file uses it; cdktf.json's app and synth:app run scripts/app.js", () => {
    const app = (JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as { app: string }).app;
    expect(app).toBe("node scripts/app.js");
    const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    const commands = Object.values(scripts).flatMap((s) => s.split("&&").map((c) => c.trim()));
    const ts = commands.filter((c) => /\.ts\b/.test(c));
    expect(ts.length).toBeGreaterThanOrEqual(5);
    for (const c of ts) expect(c).toMatch(new RegExp(`^node ${RUNNER.join(" ")} [\\w/.-]+\\.ts$`));
  });

  test("each module's __filename and __dirname are its own (the preview's paths and bundle cache rely on it); argv is the program's", () => {
    mkdirSync(join(work, "a", "b"), { recursive: true });
    writeFileSync(join(work, "a", "b", "where.ts"), "export const where: string = __filename;\n");
    writeFileSync(
      join(work, "entry.ts"),
      'import { where } from "./a/b/where";\nconsole.log(JSON.stringify([__filename, where, process.argv.slice(2)]));\n',
    );
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

describe("the app's bundle (scripts/app.js)", () => {
  // A copy of what the bundle is built from, with the project's packages: edits here never touch the repository.
  const work = mkdtempSync(join(tmpdir(), "axonflow-app-bundle-"));
  beforeAll(() => {
    for (const path of ["main.ts", "tsconfig.json", "lib", "scripts/app.js"])
      cpSync(join(ROOT, path), join(work, path), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(work, "node_modules"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const synth = (outdir: string) =>
    spawnSync(process.execPath, [join(work, "scripts", "app.js")], {
      cwd: work,
      encoding: "utf8",
      env: { ...process.env, CDKTF_OUTDIR: outdir, AXONFLOW_ENVIRONMENTS_DIR: FIXTURE_ENVIRONMENTS_DIR },
    });
  const alarmNames = (outdir: string) =>
    Object.values(
      (
        JSON.parse(readFileSync(join(outdir, "stacks", "staging", "cdk.tf.json"), "utf8")) as {
          resource: Record<string, Record<string, { alarm_name?: string }>>;
        }
      ).resource.aws_cloudwatch_metric_alarm,
    ).map((a) => a.alarm_name);

  test("is rebuilt when a source changes, and a file it imported is gone", () => {
    expect(synth(join(work, "out-1")).status).toBe(0);
    expect(alarmNames(join(work, "out-1"))[0]).toMatch(/^axonflow-staging-/);
    // An edit, a second later than the bundle: the next synth reflects it.
    const naming = join(work, "lib", "naming.ts");
    writeFileSync(naming, readFileSync(naming, "utf8").replace('const PREFIX = "axonflow";', 'const PREFIX = "edited";'));
    const later = new Date(Date.now() + 2000);
    utimesSync(naming, later, later);
    expect(synth(join(work, "out-2")).status).toBe(0);
    expect(alarmNames(join(work, "out-2"))[0]).toMatch(/^edited-staging-/);
    // A deleted module: the build fails, naming it, instead of running the old bundle.
    rmSync(join(work, "lib", "regexp.ts"));
    const gone = synth(join(work, "out-3"));
    expect(gone.status).not.toBe(0);
    expect(gone.stderr).toMatch(/Could not resolve "\.\.?\/.*regexp"/);
  }, 60_000);
});
