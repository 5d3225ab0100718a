import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ROOT } from "../support/app-process";

/**
 * scripts/run-ts.js runs the app for cdktf.json: it bundles with esbuild, and keeps the bundle with the hash of
 * every input so the next run can skip esbuild. The cache must never serve a stale program.
 */
describe("scripts/run-ts.js", () => {
  let work: string;
  let cache: string;
  const entry = () => join(work, "entry.ts");
  const run = () => {
    const r = spawnSync(process.execPath, [join(ROOT, "scripts", "run-ts.js"), entry(), "an-arg"], {
      cwd: work,
      env: { ...process.env, RUN_TS_CACHE_DIR: cache },
      encoding: "utf8",
    });
    return { status: r.status, stderr: r.stderr, out: r.stdout.trim() };
  };
  // The program reports what it imported and whether esbuild was loaded into its process (a rebuild).
  const program = (importFrom: string) =>
    `import { word } from "${importFrom}";\n` +
    `const rebuilt = Object.keys(require.cache).some((k) => k.includes("/node_modules/esbuild/"));\n` +
    `console.log(word + " " + process.argv.slice(2).join(",") + " " + (rebuilt ? "rebuilt" : "cached"));\n`;

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), "axonflow-run-ts-"));
    cache = join(work, "cache");
    writeFileSync(join(work, "dep.ts"), `export const word: string = "one";\n`);
    writeFileSync(entry(), program("./dep"));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  test("bundles on the first run, then runs the kept bundle without esbuild; argv is the program's own", () => {
    expect(run()).toMatchObject({ status: 0, out: "one an-arg rebuilt" });
    expect(readdirSync(cache)).toHaveLength(1);
    expect(run()).toMatchObject({ status: 0, out: "one an-arg cached" });
  });

  test("an edited import, a new import and a deleted file each rebuild", () => {
    expect(run().out).toBe("one an-arg rebuilt");
    writeFileSync(join(work, "dep.ts"), `export const word: string = "two";\n`);
    expect(run().out).toBe("two an-arg rebuilt");
    writeFileSync(join(work, "other.ts"), `export const word: string = "three";\n`);
    writeFileSync(entry(), program("./other"));
    expect(run().out).toBe("three an-arg rebuilt");
    expect(run().out).toBe("three an-arg cached");
    rmSync(join(work, "other.ts")); // the kept bundle still holds it: running that would print "three"
    expect(run()).toMatchObject({ status: 1, out: "", stderr: expect.stringMatching(/Could not resolve "\.\/other"/) });
  });

  test("a file saved while esbuild runs (here: stamped later than the build's start) is not cached with that bundle", () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(work, "dep.ts"), later, later);
    expect(run().out).toBe("one an-arg rebuilt");
    expect(run().out).toBe("one an-arg rebuilt");
  });

  test("a stack trace names the program's own file and line, wherever the program is", () => {
    // Deeper than the repository root, so a path resolved against the wrong folder cannot come out right.
    const deep = join(work, "a", "b", "c", "deep.ts");
    mkdirSync(dirname(deep), { recursive: true });
    writeFileSync(deep, `export {};\nconst fail = (): never => {\n  throw new Error("here");\n};\nfail();\n`);
    const r = spawnSync(process.execPath, [join(ROOT, "scripts", "run-ts.js"), deep], { env: { ...process.env, RUN_TS_CACHE_DIR: cache }, encoding: "utf8" });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`(${deep}:3:`);
  });

  test("a syntax error fails with esbuild's message naming the file, and nothing is cached", () => {
    writeFileSync(join(work, "dep.ts"), `export const word: string = ;\n`);
    const r = run();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/dep\.ts:1:\d+/);
    expect(() => readdirSync(cache)).toThrow();
  });

  test("with lib/synthesis/defer-archiver imported first, cdktf starts without archiver, and an ARCHIVE asset is still zipped (in cdktf's own child process)", () => {
    mkdirSync(join(work, "asset"));
    writeFileSync(join(work, "asset", "hello.txt"), "hello\n");
    writeFileSync(
      entry(),
      `import ${JSON.stringify(join(ROOT, "lib", "synthesis", "defer-archiver"))};\n` +
        `import { App, AssetType, TerraformAsset, TerraformStack } from "cdktf";\n` +
        `const loaded = () => Object.keys(require.cache).some((k) => k.includes("/node_modules/archiver/"));\n` +
        `const before = loaded();\n` +
        `const app = new App({ outdir: ${JSON.stringify(join(work, "out"))} });\n` +
        `new TerraformAsset(new TerraformStack(app, "s"), "a", { path: ${JSON.stringify(join(work, "asset"))}, type: AssetType.ARCHIVE });\n` +
        `app.synth();\n` +
        `console.log(JSON.stringify({ before, after: loaded() }));\n`,
    );
    // The program lives outside the repository: NODE_PATH lets it find cdktf.
    const r = spawnSync(process.execPath, [join(ROOT, "scripts", "run-ts.js"), entry()], {
      cwd: work,
      env: { ...process.env, RUN_TS_CACHE_DIR: cache, NODE_PATH: join(ROOT, "node_modules") },
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ before: false, after: false });
    const zips = readdirSync(join(work, "out"), { recursive: true }).map(String).filter((f) => f.endsWith(".zip"));
    expect(zips).toHaveLength(1);
    expect(readFileSync(join(work, "out", zips[0])).subarray(0, 2).toString()).toBe("PK");
  });
});
