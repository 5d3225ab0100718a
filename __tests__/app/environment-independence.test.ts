import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { ROOT } from "../support/app-process";
import { asNewEnvironment, ENVIRONMENTS_DIR } from "../support/environments";

/**
 * The suite must not depend on which environment files a user keeps. The files that read them (every test
 * calling shippedEnvironments or reading ENVIRONMENTS_DIR) run again here against a copy of the folder with
 * one file renamed and a third environment added, as a user would after reading the README.
 * The terraform suite iterates the same function; it is left out only for time (a plan per environment).
 */
const THIS_FILE = relative(ROOT, __filename);

function environmentDrivenTestFiles(): string[] {
  const all = readdirSync(join(ROOT, "__tests__"), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".test.ts") && !f.startsWith("terraform"))
    .map((f) => join("__tests__", f));
  return all.filter((f) => f !== THIS_FILE && /shippedEnvironments\(|\bENVIRONMENTS_DIR\b/.test(readFileSync(join(ROOT, f), "utf8")));
}

test("with environments/ holding a renamed file and a third environment, the environment-driven tests pass", () => {
  const dir = mkdtempSync(join(tmpdir(), "axonflow-environments-"));
  try {
    const yamls = readdirSync(ENVIRONMENTS_DIR)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
    expect(yamls.length).toBeGreaterThan(0);
    const [first, ...rest] = yamls;
    // The first file renamed (its stack is renamed with it), the others as they are.
    copyFileSync(join(ENVIRONMENTS_DIR, first), join(dir, `renamed-${first}`));
    for (const f of rest) copyFileSync(join(ENVIRONMENTS_DIR, f), join(dir, f));
    // A third environment in another region: what the README's "add an environment" describes.
    const text = asNewEnvironment(readFileSync(join(ENVIRONMENTS_DIR, first), "utf8"));
    writeFileSync(join(dir, "eu-staging.yaml"), text);

    const files = environmentDrivenTestFiles();
    // The tests of the shipped files (all in-process: app and behaviour tests use fixture environments).
    expect(files).toContain(join("__tests__", "shipped-files.test.ts"));
    const r = spawnSync(
      process.execPath,
      [join(ROOT, "node_modules", "jest", "bin", "jest.js"), "--ci", "--verbose", "--runTestsByPath", ...files],
      {
        cwd: ROOT,
        env: { ...process.env, AXONFLOW_ENVIRONMENTS_DIR: dir },
        encoding: "utf8",
      },
    );
    expect({ status: r.status, output: r.status === 0 ? "" : r.stderr }).toEqual({ status: 0, output: "" });
    // The third environment really was tested, not skipped.
    expect(r.stderr).toMatch(/eu-staging/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
