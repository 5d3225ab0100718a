import { runApp } from "../support/app-process";
import { FIXTURE_ENVIRONMENTS_DIR, fixtureEnvironments } from "../support/environments";
import { expectIdenticalFiles, filesUnder } from "../support/files";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Preloaded into the second run: the clock 400 days and 7 hours ahead, so a date or time leaking into the
 * output (even a day-precision one) makes the two runs differ.
 */
const SHIFTED_CLOCK = `
const RealDate = Date;
const shift = (400 * 24 + 7) * 3600 * 1000;
globalThis.Date = class extends RealDate {
  constructor(...args) { if (args.length === 0) super(RealDate.now() + shift); else super(...args); }
  static now() { return RealDate.now() + shift; }
};
`;

function synthInto(outdir: string, extra: Record<string, string> = {}): Map<string, Buffer> {
  const r = runApp({ AXONFLOW_ENVIRONMENTS_DIR: FIXTURE_ENVIRONMENTS_DIR, CDKTF_OUTDIR: outdir, ...extra });
  if (r.status !== 0) throw new Error(`synth failed (${r.status}):\n${r.stderr}`);
  return filesUnder(outdir);
}

test("two synth runs (different outdirs, clocks and time zones) give byte-identical cdktf.out, every file", () => {
  const work = mkdtempSync(join(tmpdir(), "axonflow-determinism-"));
  try {
    const clock = join(work, "shifted-clock.js");
    writeFileSync(clock, SHIFTED_CLOCK);
    const first = synthInto(join(work, "first", "cdktf.out"), { TZ: "UTC" });
    const second = synthInto(join(work, "second-run", "cdktf.out"), { TZ: "Pacific/Kiritimati", NODE_OPTIONS: `--require ${clock}` });
    const stacks = fixtureEnvironments().map((c) => `stacks/${c.name}/cdk.tf.json`);
    expect([...first.keys()]).toEqual(expect.arrayContaining(["manifest.json", ...stacks]));
    expectIdenticalFiles(second, first);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
