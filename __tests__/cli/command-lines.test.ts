import { parseBenchArgs } from "../../scripts/bench/bench-args";
import { parseCommandLine, UsageError } from "../../scripts/cli-args";
import { parseMetricExportArgs } from "../../scripts/make-metric-export-args";
import { parsePlanArgs } from "../../scripts/plan-args";
import { escapeRegExp } from "../../lib/regexp";
import { parseReplayArgs } from "../../replay/replay-args";

/** Each command's own parse function, as its entry point calls it on process.argv (npm run preview's: preview/). */

/** The message of the UsageError `parse` throws; fails the test when it throws anything else or nothing. */
function usageMessage(parse: () => unknown): string {
  try {
    parse();
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error("no UsageError thrown");
}

describe("npm run replay", () => {
  const USAGE = /\nusage: npm run replay \[-- <env>\] \| .*--metrics <get-metric-data export\.json>…$/;

  test.each([
    [[], { kind: "table" }],
    [["staging"], { kind: "table", environment: "staging" }],
    [["--alarms"], { kind: "alarms" }],
    [["staging", "--alarms"], { kind: "alarms", environment: "staging" }],
    [["--alarms", "staging"], { kind: "alarms", environment: "staging" }],
    [["production", "--queries"], { kind: "queries", environment: "production" }],
    [["production", "--metrics", "a.json"], { kind: "metrics", environment: "production", files: ["a.json"] }],
    // docs/replay.md: several export files (pages of a long export) may be given.
    [
      ["production", "--metrics", "a.json", "b.json", "c.json"],
      { kind: "metrics", environment: "production", files: ["a.json", "b.json", "c.json"] },
    ],
    [
      ["production", "--metrics=a.json", "--metrics", "b.json"],
      { kind: "metrics", environment: "production", files: ["a.json", "b.json"] },
    ],
  ])("%j", (args, request) => {
    expect(parseReplayArgs(args)).toEqual(request);
  });

  test.each([
    [["staging", "--alarm"], "unknown option --alarm; options: --alarms, --queries, --metrics <export.json>…"],
    [["-x"], "unknown option -x; options: --alarms"],
    [["--constructor"], "unknown option --constructor; options: --alarms"],
    [["production", "--metrics"], "--metrics needs a value: --metrics <export.json>…"],
    [["--queries"], "--queries: name the environment"],
    [["--metrics", "a.json"], "--metrics: name the environment"],
    [["production", "--queries", "--alarms"], "--alarms and --queries: one at a time"],
    [["production", "staging"], "staging: one environment at most; only --metrics takes files"],
    [["production", "--queries=yes"], "--queries takes no value (--queries=yes given)"],
  ])("%j is refused: %s", (args, problem) => {
    const message = usageMessage(() => parseReplayArgs(args));
    expect(message).toMatch(new RegExp(`^${escapeRegExp(problem)}`));
    expect(message).toMatch(USAGE);
  });
});

describe("npm run bench", () => {
  test("defaults: 5 runs of every group, budgets enforced", () => {
    expect(parseBenchArgs([])).toEqual({ runs: 5, reportOnly: false });
  });

  test("docs/performance.md's command lines", () => {
    expect(parseBenchArgs(["--only", "synth"])).toEqual({ runs: 5, only: "synth", reportOnly: false });
    expect(parseBenchArgs(["--runs", "9", "--report-only"])).toEqual({ runs: 9, reportOnly: true });
    expect(parseBenchArgs(["--only=replay", "--runs=1"])).toEqual({ runs: 1, only: "replay", reportOnly: false });
  });

  test.each([
    [["--runs"], "--runs needs a value: --runs N"],
    [["--runs", "0"], "--runs 0: give a whole number of runs, 1 or more"],
    [["--runs", "2.5"], "--runs 2.5: give a whole number of runs"],
    [["--runs", "--only", "test"], "--runs needs a value: --runs N (--only is an option"],
    [["--only", "lint"], "--only lint: one of synth, test, replay"],
    [["--report"], "unknown option --report; options: --runs N, --only synth|test|replay, --report-only"],
    [["synth"], "unexpected argument synth: this command takes options only"],
  ])("%j is refused: %s", (args, problem) => {
    const message = usageMessage(() => parseBenchArgs(args));
    expect(message).toMatch(new RegExp(`^${escapeRegExp(problem)}`));
    expect(message).toMatch(/\nusage: npm run bench -- \[--runs N \(default 5\)\] \[--only synth\|test\|replay\] \[--report-only\]$/);
  });
});

describe("scripts/make-metric-export.ts", () => {
  // The command line that made __tests__/fixtures/replay/production-public-targets-down.json (its README).
  const MADE_THE_FIXTURE = ["/tmp/fx/stacks/production/cdk.tf.json", "public-targets-down", "30", "120", "out.json"];

  test("the fixture's command line", () => {
    expect(parseMetricExportArgs(MADE_THE_FIXTURE)).toEqual({
      stackFile: "/tmp/fx/stacks/production/cdk.tf.json",
      scenario: "public-targets-down",
      fromMinute: 30,
      toMinute: 120,
      out: "out.json",
    });
  });

  test.each([
    [MADE_THE_FIXTURE.slice(0, 3), "missing <to minute> <out.json>"],
    [[...MADE_THE_FIXTURE, "extra.json"], "unexpected argument extra.json: five arguments, no more"],
    [[...MADE_THE_FIXTURE, "--force"], "unknown option --force; this command takes no options"],
    [["stack.json", "steady-day", "1h", "120", "out.json"], "<from minute> 1h: give whole minutes"],
    [["stack.json", "steady-day", "120", "30", "out.json"], "<to minute> 30: after <from minute> 120"],
  ])("%j is refused: %s", (args, problem) => {
    const message = usageMessage(() => parseMetricExportArgs(args));
    expect(message).toMatch(new RegExp(`^${escapeRegExp(problem)}`));
    expect(message).toMatch(
      /\nusage: node --require tsx\/cjs scripts\/make-metric-export\.ts <cdk\.tf\.json> <scenario> <from minute> <to minute> <out\.json>$/,
    );
  });
});

describe("npm run plan", () => {
  test("one environment", () => {
    expect(parsePlanArgs(["staging"])).toEqual({ environment: "staging" });
  });

  test.each<[string[], string]>([
    [[], "missing <environment>"],
    [["staging", "production"], "unexpected argument production: one environment at a time"],
    [["--all"], "--all"],
  ])("%j is refused: %s", (args, problem) => {
    const message = usageMessage(() => parsePlanArgs(args));
    expect(message).toContain(problem);
    expect(message).toMatch(/\nusage: npm run plan -- <environment>$/);
  });
});

describe("parseCommandLine", () => {
  const COMMAND = {
    usage: "usage: cmd [--name <who>]",
    options: { name: { type: "string", value: "<who>" } },
    allowPositionals: false,
  } as const;

  test("a value that looks like an option is taken when written inline", () => {
    expect(parseCommandLine(COMMAND, ["--name=--x"]).values).toEqual({ name: "--x" });
  });
});
