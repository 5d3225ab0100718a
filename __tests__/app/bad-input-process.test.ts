import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runApp } from "../support/app-process";
import { BAD_DIR, BAD_FIXTURES, PAIR_DIR, STACK_TRACE } from "../support/bad-corpus";

/** The bad-input corpus of __tests__/config/config.test.ts, all at once, through the app process as `cdktf synth` runs it. */
describe("the app process over the whole corpus", () => {
  const work = mkdtempSync(join(tmpdir(), "axonflow-corpus-"));
  const envDir = join(work, "environments");
  const outdir = join(work, "cdktf.out");
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("exits 1, names every file on stderr, prints no stack trace and writes no cdktf.out", () => {
    mkdirSync(envDir);
    for (const f of BAD_FIXTURES) copyFileSync(join(BAD_DIR, f), join(envDir, f));
    for (const f of readdirSync(PAIR_DIR)) copyFileSync(join(PAIR_DIR, f), join(envDir, f));
    writeFileSync(join(envDir, "huge.yaml"), "#".repeat(10 * 1024 * 1024));
    const r = runApp({ AXONFLOW_ENVIRONMENTS_DIR: envDir, CDKTF_OUTDIR: outdir });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    for (const f of [...BAD_FIXTURES, "huge.yaml"]) expect(r.stderr).toContain(`${join(envDir, f)}: `);
    // The pair: one line names the later file and the field, and the earlier file as the first definition.
    expect(r.stderr).toMatch(/eu-prod(-copy)?\.yaml: name: environment "twin" is already defined by .*eu-prod(-copy)?\.yaml/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(existsSync(outdir)).toBe(false);
    expect(existsSync(`${outdir}.pending`)).toBe(false);
  });
});
