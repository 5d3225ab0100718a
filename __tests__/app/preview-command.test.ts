import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { escapeRegExp } from "../../lib/regexp";
import { ROOT } from "../support/app-process";
import { fixtureEnvironments } from "../support/environments";
import { synthesizeInto } from "../support/synth";

/** `npm run preview` as a user runs it, on the fixture environments synthesized (as main.ts does) into a cdktf.out of its own. */
const work = mkdtempSync(join(tmpdir(), "axonflow-preview-cli-"));
const outdir = join(work, "cdktf.out");
const userPage = join(outdir, "stacks", "production", "dashboard.html");

beforeAll(() => synthesizeInto(outdir, fixtureEnvironments()));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const preview = (...args: string[]) =>
  spawnSync(process.execPath, ["--require", "tsx/cjs", join(ROOT, "preview", "cli.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
  });
/** The file each printed line names (relative to where the command ran, or absolute outside it). */
const filesNamed = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((line) => resolve(ROOT, line.slice(0, line.indexOf(": "))));

test("--all (what CI runs) writes into cdktf.out/previews/, names every page, and leaves the page a user made for one environment", () => {
  const mine = preview("production", "--scenario", "public-targets-down");
  expect(mine.stderr).toBe("");
  expect(filesNamed(mine.stdout)).toEqual([userPage]);
  const page = readFileSync(userPage, "utf8");

  const all = preview("--all");
  expect(all.stderr).toBe("");
  expect(all.status).toBe(0);
  expect(filesNamed(all.stdout)).toEqual(["production", "staging"].map((env) => join(outdir, "previews", `${env}.html`)));
  // Outside the working folder a page is named by its absolute path, not a climb of ../
  expect(all.stdout).toMatch(new RegExp(`^${escapeRegExp(join(outdir, "previews", "production.html"))}: `, "m"));
  expect(readFileSync(userPage, "utf8")).toBe(page);
}, 60_000);

test("bad input writes nothing: a scenario staging cannot replay, for --all; an unknown option", () => {
  const previews = join(outdir, "previews");
  rmSync(previews, { recursive: true, force: true });
  preview("production");
  const page = readFileSync(userPage, "utf8");
  const unreplayable = preview("--all", "--scenario", "public-targets-down", "--at", "80");
  expect({ status: unreplayable.status, stdout: unreplayable.stdout }).toEqual({ status: 2, stdout: "" });
  expect(unreplayable.stderr).toMatch(/^--scenario public-targets-down: runs on production; staging is replayed as staging/);
  expect(readFileSync(userPage, "utf8")).toBe(page);
  expect(existsSync(previews)).toBe(false);
  const out = join(work, "refused");
  const unknown = preview("production", "--output", out);
  expect({ status: unknown.status, stdout: unknown.stdout }).toEqual({ status: 2, stdout: "" });
  expect(unknown.stderr).toMatch(
    /^unknown option --output; options: --all, --scenario <name>, --at <minutes>, --out <folder>\nusage: npm run preview -- /,
  );
  expect(existsSync(out)).toBe(false);
}, 60_000);
