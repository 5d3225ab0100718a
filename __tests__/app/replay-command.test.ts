import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../support/app-process";
import { fixtureEnvironments } from "../support/environments";
import { synthesizeInto } from "../support/synth";
import { escapeRegExp } from "../../lib/regexp";
import { STACK_TRACE } from "../support/bad-corpus";

/** `npm run replay` as a user runs it, on the fixture environments synthesized (as main.ts does) into a cdktf.out of its own. */
const work = mkdtempSync(join(tmpdir(), "axonflow-replay-cli-"));
const outdir = join(work, "cdktf.out");
const EXPORT = join(ROOT, "__tests__", "fixtures", "replay", "production-public-targets-down.json");

beforeAll(() => synthesizeInto(outdir, fixtureEnvironments()));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const replay = (...args: string[]) =>
  spawnSync(process.execPath, ["--require", "tsx/cjs", join(ROOT, "replay", "cli.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
  });

test("one environment: a table of every scenario of its kind, and its HANDOFF.md gains the same table", () => {
  const r = replay("staging");
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  const [header] = r.stdout.split("\n");
  expect(header.split(/\s{2,}/)).toEqual(["scenario", "environment", "expected", "first page", "first ticket", "result"]);
  expect(r.stdout).toMatch(/^staging-outage\s+staging\s+ticket ≤ 30 min, never a page\s+—\s+\d+ min\s+holds$/m);
  expect(r.stdout).not.toMatch(/FAILS/);
  const handoff = readFileSync(join(outdir, "stacks", "staging", "HANDOFF.md"), "utf8");
  expect(handoff).toMatch(/\| `staging-outage` \| ticket ≤ 30 min, never a page \| — \| \d+ min \| holds \|/);
  expect(handoff).not.toContain("Not replayed yet.");
}, 60_000);

test("--alarms: each scenario's alarms with the minute each first notified", () => {
  const r = replay("staging", "--alarms");
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.stdout.split("\n")[0].split(/\s{2,}/)).toEqual([
    "scenario",
    "environment",
    "first notification of each alarm (min after the incident)",
  ]);
  expect(r.stdout).toMatch(/^staging-outage\s+staging\s+target-health-agent \d+, /m);
  expect(replay("--alarms").stdout).toMatch(/^traffic-cut\s+production\s+no-traffic \d+/m);
}, 60_000);

test("--queries: the --metric-data-queries JSON for aws cloudwatch get-metric-data", () => {
  const queries = JSON.parse(replay("production", "--queries").stdout) as { Id: string; MetricStat: { Period: number; Stat: string } }[];
  expect(queries.length).toBeGreaterThan(10);
  for (const q of queries) expect(q.Id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
});

test("--metrics: a checked-in export replayed; the outage pages through the page composite within minutes", () => {
  const r = replay("production", "--metrics", EXPORT);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  // The export's outage starts at 15:00 (its README).
  const page = r.stdout.match(/^2026-03-10T(\d\d):(\d\d)Z\s+axonflow-production-page\s+OK → ALARM\s+notifies axonflow-production-pages$/m);
  expect(page).not.toBeNull();
  expect(Number(page![1]) * 60 + Number(page![2]) - 15 * 60).toBeLessThanOrEqual(10);
  expect(r.stdout).toMatch(/axonflow-production-target-health-agent\s+OK → ALARM/);
});

test("bad arguments: an unknown environment lists the synthesized ones; an export of another stack names the query id", () => {
  const unknown = replay("qa");
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toMatch(/no stack "qa" in .*; synthesized: production, staging/);
  const wrongStack = replay("staging", "--metrics", EXPORT);
  expect(wrongStack.status).toBe(1);
  expect(wrongStack.stderr).toMatch(/production-public-targets-down\.json: MetricDataResults\[\d+\]\.Id: unknown id/);
});

test("an unknown option: exit 2, the option and the allowed ones named with the usage line, before any replay", () => {
  const r = replay("staging", "--alarm");
  expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 2, stdout: "" });
  expect(r.stderr).toBe(
    "unknown option --alarm; options: --alarms, --queries, --metrics <export.json>…\nusage: npm " +
      "run replay [-- <env>] | npm run replay -- [<env>] --alarms | npm run replay -- <env> " +
      "--queries | npm run replay -- <env> --metrics <get-metric-data export.json>…\n",
  );
});

test("a broken cdk.tf.json: exit 1, the file named, no stack trace", () => {
  const broken = join(work, "broken", "cdktf.out");
  cpSync(outdir, broken, { recursive: true });
  const file = join(broken, "stacks", "staging", "cdk.tf.json");
  writeFileSync(file, "{");
  const r = spawnSync(process.execPath, ["--require", "tsx/cjs", join(ROOT, "replay", "cli.ts"), "staging", "--queries"], {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: broken },
    encoding: "utf8",
  });
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(new RegExp(`^${escapeRegExp(file)}: not JSON`));
  expect(r.stderr).not.toMatch(STACK_TRACE);
});

test("a replay that throws for one stack: that HANDOFF.md says so with the error, the other stacks are replayed and filled, exit 1", () => {
  const broken = join(work, "throws", "cdktf.out");
  cpSync(outdir, broken, { recursive: true });
  const file = join(broken, "stacks", "staging", "cdk.tf.json");
  writeFileSync(file, "{");
  const r = spawnSync(process.execPath, ["--require", "tsx/cjs", join(ROOT, "replay", "cli.ts"), "--alarms"], {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: broken },
    encoding: "utf8",
  });
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(new RegExp(`^staging: ${escapeRegExp(file)}: not JSON`, "m"));
  expect(r.stdout).toMatch(/^traffic-cut\s+production\s+no-traffic \d+/m);
  const staging = readFileSync(join(broken, "stacks", "staging", "HANDOFF.md"), "utf8");
  expect(staging).toContain("## Incident replays\n\n**The last `npm run replay` failed before it could judge this stack:**");
  expect(staging).toContain(`${file}: not JSON`);
  expect(staging).not.toContain("Not replayed yet.");
  expect(readFileSync(join(broken, "stacks", "production", "HANDOFF.md"), "utf8")).toMatch(/\| `traffic-cut` \| .* \| holds \|/);
}, 60_000);

test("output older than an environment file (a synth that refused it wrote nothing): " +
  "replay, preview and plan refuse, naming the file and npm run synth", () => {
  const own = mkdtempSync(join(tmpdir(), "axonflow-stale-"));
  try {
    const environments = join(own, "environments");
    const out = join(own, "cdktf.out");
    cpSync(join(ROOT, "__tests__", "fixtures", "environments"), environments, { recursive: true });
    synthesizeInto(out, fixtureEnvironments());
    const handoff = readFileSync(join(out, "stacks", "staging", "HANDOFF.md"), "utf8");
    // Edited after the synth: a minute later than the manifest.
    const later = new Date(statSync(join(out, "manifest.json")).mtimeMs + 60_000);
    utimesSync(join(environments, "staging.yaml"), later, later);
    const env = { ...process.env, CDKTF_OUTDIR: out, AXONFLOW_ENVIRONMENTS_DIR: environments };
    const run = (script: string, ...args: string[]) =>
      spawnSync(process.execPath, ["--require", "tsx/cjs", join(ROOT, script), ...args], { cwd: ROOT, env, encoding: "utf8" });
    for (const r of [run("replay/cli.ts", "staging"), run("preview/cli.ts", "staging"), run("scripts/plan.ts", "staging")]) {
      expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 1, stdout: "" });
      expect(r.stderr).toMatch(
        new RegExp(`cdktf\\.out: synthesized before .*${escapeRegExp(join("environments", "staging.yaml"))} changed; run npm run synth`),
      );
    }
    // Nothing written from the old stacks.
    expect(readFileSync(join(out, "stacks", "staging", "HANDOFF.md"), "utf8")).toBe(handoff);
    expect(existsSync(join(out, "stacks", "staging", "dashboard.html"))).toBe(false);
  } finally {
    rmSync(own, { recursive: true, force: true });
  }
}, 60_000);
