import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, runApp } from "../support/app-process";
import { BAD_DIR } from "../support/bad-corpus";
import { FIXTURE_ENVIRONMENTS_DIR } from "../support/environments";
import { expectIdenticalFiles, filesUnder } from "../support/files";

/**
 * `npm run synth` as a user or CI runs it, in a project folder of its own (sources linked, configuration copied) so
 * nothing it writes can reach the repository's cdktf.out. Output goes to pipes, not a terminal, as in a log; the
 * shell's TF_CLI_CONFIG_FILE names no file, as on this machine kind, and CHECKPOINT_DISABLE is unset.
 */
const work = mkdtempSync(join(tmpdir(), "axonflow-synth-command-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function project(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir);
  for (const f of ["package.json", "cdktf.json"]) copyFileSync(join(ROOT, f), join(dir, f));
  for (const f of ["main.ts", "tsconfig.json", "lib", "scripts", "node_modules"]) symlinkSync(join(ROOT, f), join(dir, f));
  return dir;
}

function run(cwd: string, command: string, args: string[], vars: NodeJS.ProcessEnv) {
  const env: NodeJS.ProcessEnv = { ...process.env, TF_CLI_CONFIG_FILE: join(work, "no-such.tfrc"), ...vars };
  for (const k of ["CHECKPOINT_DISABLE", "FORCE_COLOR", "CI", "CDKTF_OUTDIR"]) if (!(k in vars)) delete env[k];
  const r = spawnSync(command, args, { cwd, env, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What npm itself prints around a script: its `> name@version script` banner and, on failure, its `npm error` lines. */
const npmsOwn = (line: string) => line === "" || line.startsWith("> ") || /^npm (error|ERR!|notice|warn)/.test(line);
const ownLines = (text: string) => text.split("\n").filter((l) => !npmsOwn(l));

describe("npm run synth, output not a terminal", () => {
  const badEnvironments = join(work, "bad-environments");
  mkdirSync(badEnvironments);
  copyFileSync(join(BAD_DIR, "malformed-region-typo.yaml"), join(badEnvironments, "qa.yaml"));

  test.each([
    ["without CI", {}],
    ["with CI=true", { CI: "true" }],
  ] as const)(
    "a config error (%s): the project's message alone, exit 1, nothing written",
    (_, ci) => {
      const dir = project(`bad-${Object.keys(ci).length}`);
      const before = readdirSync(dir).sort();
      const r = run(dir, "npm", ["run", "synth"], { AXONFLOW_ENVIRONMENTS_DIR: badEnvironments, ...ci });
      const output = `${r.stdout}\n${r.stderr}`;
      expect(output).not.toContain("\u001b"); // no colour or cursor codes
      expect(output).not.toMatch(/[\u2800-\u28ff]/); // no spinner frames
      expect(output).not.toMatch(/\[ERROR\]|non-zero exit code|cdktf/i);
      // Exactly what the app prints for this file, and nothing else but npm's own lines.
      const app = runApp({ AXONFLOW_ENVIRONMENTS_DIR: badEnvironments, CDKTF_OUTDIR: join(dir, "app-out") });
      expect(app.status).toBe(1);
      expect(app.stderr).toMatch(/qa\.yaml: region: "eu-wset-1" is not an AWS region; nearest: eu-west-1/);
      expect(ownLines(r.stdout)).toEqual([]);
      expect(ownLines(r.stderr)).toEqual(ownLines(app.stderr));
      expect(r.status).toBe(1);
      expect(readdirSync(dir).sort()).toEqual(before);
    },
    30_000,
  );

  test("a healthy run prints nothing of its own and writes the same cdktf.out as `cdktf synth`, byte for byte; the CLI prints no [ERROR] line", () => {
    const dir = project("good");
    const quiet = run(dir, "npm", ["run", "synth"], { AXONFLOW_ENVIRONMENTS_DIR: FIXTURE_ENVIRONMENTS_DIR });
    expect(ownLines(quiet.stderr)).toEqual([]);
    expect(ownLines(quiet.stdout)).toEqual([]);
    expect(quiet.status).toBe(0);
    // The CLI as `npm run synth` runs it on a terminal, writing beside it.
    const cli = run(dir, process.execPath, [join(dir, "scripts", "cdktf.js"), "synth", "--output", "cli-out"], {
      AXONFLOW_ENVIRONMENTS_DIR: FIXTURE_ENVIRONMENTS_DIR,
      FORCE_COLOR: "0",
    });
    expect(`${cli.stdout}\n${cli.stderr}`).not.toMatch(/\[ERROR\]|ERROR:/);
    expect(cli.stdout).toMatch(/Generated Terraform code for the stacks: production, staging/);
    expect(cli.status).toBe(0);
    expect(existsSync(join(dir, "cdktf.out", "stacks", "production", "cdk.tf.json"))).toBe(true);
    expectIdenticalFiles(filesUnder(join(dir, "cdktf.out")), filesUnder(join(dir, "cli-out")));
  }, 60_000);
});
