import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runApp } from "../support/app-process";

/** The bad-input corpus of __tests__/bad-input.test.ts, all at once, through the app process as `cdktf synth` runs it. */
const BAD = join(__dirname, "..", "fixtures", "bad");
const PAIR = join(BAD, "duplicate-names");
const STACK_TRACE = /\n\s+at .+:\d+/;
const fixtures = readdirSync(BAD).filter((f) => statSync(join(BAD, f)).isFile()).sort();

describe("the app process over the whole corpus", () => {
  const work = mkdtempSync(join(tmpdir(), "axonflow-corpus-"));
  const envDir = join(work, "environments");
  const outdir = join(work, "cdktf.out");
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("exits 1, names every file on stderr, prints no stack trace and writes no cdktf.out", () => {
    mkdirSync(envDir);
    for (const f of fixtures) copyFileSync(join(BAD, f), join(envDir, f));
    for (const f of readdirSync(PAIR)) copyFileSync(join(PAIR, f), join(envDir, f));
    writeFileSync(join(envDir, "huge.yaml"), "#".repeat(10 * 1024 * 1024));
    const r = runApp({ AXONFLOW_ENVIRONMENTS_DIR: envDir, CDKTF_OUTDIR: outdir });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    for (const f of [...fixtures, "huge.yaml"]) expect(r.stderr).toContain(`${join(envDir, f)}: `);
    // The pair: one line names the later file and the field, and the earlier file as the first definition.
    expect(r.stderr).toMatch(/eu-prod(-copy)?\.yaml: name: environment "twin" is already defined by .*eu-prod(-copy)?\.yaml/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(existsSync(outdir)).toBe(false);
    expect(existsSync(`${outdir}.pending`)).toBe(false);
  });
});
