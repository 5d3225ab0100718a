import { ROOT, runApp } from "./support/app-process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";


function synthInto(outdir: string): Map<string, Buffer> {
  const r = runApp({ AXONFLOW_ENVIRONMENTS_DIR: join(ROOT, "environments"), CDKTF_OUTDIR: outdir });
  if (r.status !== 0) throw new Error(`synth failed (${r.status}):\n${r.stderr}`);
  const files = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(outdir, path), readFileSync(path));
    }
  };
  walk(outdir);
  return files;
}

test("two synth runs (different outdirs, a moment apart) give byte-identical cdktf.out, every file", () => {
  const work = mkdtempSync(join(tmpdir(), "axonflow-determinism-"));
  try {
    const first = synthInto(join(work, "first", "cdktf.out"));
    const second = synthInto(join(work, "second-run", "cdktf.out"));
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    expect([...first.keys()]).toEqual(expect.arrayContaining(["manifest.json", "stacks/production/cdk.tf.json", "stacks/staging/cdk.tf.json"]));
    for (const [file, bytes] of first) expect({ file, same: bytes.equals(second.get(file)!) }).toEqual({ file, same: true });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
