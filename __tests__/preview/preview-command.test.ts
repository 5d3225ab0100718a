import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildPreview, defaultAtMinute, type Preview } from "../../preview/build-preview";
import { dashboardFromStack } from "../../preview/dashboard-source";
import { renderPage } from "../../preview/page/render-page";
import { parsePreviewArgs, UsageError } from "../../preview/preview-args";
import { SCENARIOS_DIR } from "../../preview/project-paths";
import type { ChartView } from "../../preview/widget-view";
import { findScenario, writePreviews } from "../../preview/write-previews";
import { readStackJson } from "../../replay/world/stack-json";
import { fixtureEnvironments } from "../support/environments";
import { synthesizeInto } from "../support/synth";

describe("the preview command", () => {
  /** The preview of the fixture environments, synthesized into a temporary cdktf.out as main.ts does (in this process). */
  const work = mkdtempSync(join(tmpdir(), "axonflow-preview-"));
  const outdir = join(work, "cdktf.out");
  const stackFile = (env: string) => join(outdir, "stacks", env, "cdk.tf.json");
  let outage: Preview;

  beforeAll(() => {
    synthesizeInto(outdir, fixtureEnvironments());
    outage = buildPreview({
      stackFile: stackFile("production"),
      environment: "production",
      scenario: findScenario(SCENARIOS_DIR, "public-targets-down"),
    });
  }, 60_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  describe("arguments", () => {
    test.each([
      [[], "name an environment, or --all"],
      [["production", "staging"], "staging: one environment or --all, not both or two"],
      [["production", "--all"], "--all: one environment or --all"],
      [["production", "--scenario"], "--scenario needs a value"],
      [["production", "--at", "1h"], "--at 1h: give whole minutes after the scenario's start"],
      [["production", "--colour"], "unknown option --colour; options: --all, --scenario <name>, --at <minutes>, --out <folder>"],
      [["--all", "--out="], "--out needs a folder: --out <folder>"],
      [["production", "--all=yes"], "--all takes no value"],
      [["production", "--scenario", "--at", "75"], "--scenario needs a value: --scenario <name>"],
    ])("%j: %s", (args, message) => {
      expect(() => parsePreviewArgs(args)).toThrow(UsageError);
      expect(() => parsePreviewArgs(args)).toThrow(message);
      expect(() => parsePreviewArgs(args)).toThrow(/\nusage: npm run preview -- <environment> \| --all /);
    });

    test("an environment, a scenario, a minute", () => {
      expect(parsePreviewArgs(["production", "--scenario", "public-targets-down", "--at", "75"])).toEqual({
        environment: "production",
        scenario: "public-targets-down",
        atMinute: 75,
      });
      expect(parsePreviewArgs(["--all"])).toEqual({ environment: { all: true } });
      expect(parsePreviewArgs(["--at=0", "--scenario=steady-day", "staging"])).toEqual({
        environment: "staging",
        scenario: "steady-day",
        atMinute: 0,
      });
      expect(parsePreviewArgs(["--all", "--out", "pages"])).toEqual({ environment: { all: true }, pagesDir: "pages" });
    });

    test("--scenario nope: a clear error listing the scenarios", () => {
      expect(() => writePreviews(outdir, { environment: "production", scenario: "nope" })).toThrow(
        /^--scenario nope: no such scenario; scenarios: .*crash-loop-agent, .*public-targets-down, .*steady-day/,
      );
    });

    test("an unknown environment lists the synthesized ones", () => {
      expect(() => writePreviews(outdir, { environment: "prod" })).toThrow(
        `no stack "prod" in ${outdir}; synthesized: production, staging`,
      );
    });

    test("a scenario of another kind of environment, or --at outside the evaluated minutes, says what is allowed", () => {
      const scenario = findScenario(SCENARIOS_DIR, "public-targets-down");
      expect(() => buildPreview({ stackFile: stackFile("staging"), environment: "staging", scenario })).toThrow(
        "--scenario public-targets-down: runs on production; staging is replayed as staging (it does not page)",
      );
      expect(() => buildPreview({ stackFile: stackFile("production"), environment: "production", scenario, atMinute: 180 })).toThrow(
        "--at 180: alarms have a state from minute 0 to minute 179 of public-targets-down",
      );
    });
  });

  describe("the moment alarm states are taken (--at)", () => {
    test("15 minutes into the incident when there is one; else the run's last minute", () => {
      expect(defaultAtMinute(findScenario(SCENARIOS_DIR, "public-targets-down"))).toBe(75);
      expect(defaultAtMinute(findScenario(SCENARIOS_DIR, "steady-day"))).toBe(24 * 60 - 1);
    });
  });

  describe("public-targets-down on production: the outage shows", () => {
    const chart = (title: string) => outage.views.find((v): v is ChartView => v.kind === "chart" && v.title === title)!;
    const during = (c: ChartView, label: string, fromMinute: number, toMinute: number) => {
      const s = c.chart.series.find((x) => x.label === label)!;
      return s.values.filter((_, i) => c.chart.x[i]! >= outage.start + fromMinute * 60 && c.chart.x[i]! < outage.start + toMinute * 60);
    };

    test("every widget of the body has its view, in place; none unrendered", () => {
      const body = dashboardFromStack(readStackJson(stackFile("production")));
      expect(outage.views.map((v) => [v.index, v.type, v.placement])).toEqual(body.widgets.map((w) => [w.index, w.type, w.placement]));
      expect(outage.views.filter((v) => v.kind === "unrendered")).toEqual([]);
    });

    test("Error Rate (%): the alarm's line (all answers) is ~100 % while no target is healthy, ~0 before; the guide's line has no point", () => {
      const errorRate = chart("Error Rate (%)");
      expect(Math.min(...(during(errorRate, "5xx % of answers (error-rate alarm)", 65, 100) as number[]))).toBeGreaterThan(99);
      expect(Math.max(...(during(errorRate, "5xx % of answers (error-rate alarm)", 35, 55) as number[]))).toBeLessThan(5);
      expect(during(errorRate, "Error Rate", 65, 100).every((v) => v === null)).toBe(true);
      expect(errorRate.chart.thresholds.map((t) => t.label)).toContain("error-rate > 5");
      expect(errorRate.chart.alarmSpans.map((s) => s.alarmName)).toContain("error-rate");
    });

    test("Healthy Targets per Target Group: both groups at 0 during the outage, under their alarm thresholds", () => {
      const health = chart("Healthy Targets per Target Group");
      for (const group of ["agent", "customer-portal"]) expect(during(health, group, 62, 100).every((v) => v === 0)).toBe(true);
      expect(health.chart.thresholds.map((t) => [t.label, t.value])).toEqual([
        ["target-health-agent < 2 (Minimum)", 2],
        ["target-health-customer-portal < 1 (Minimum)", 1],
      ]);
    });

    test("the alarm widget at minute 75: target health, error rate and the paging composite in ALARM, listed first", () => {
      const alarms = outage.views.find((v) => v.kind === "alarm-status");
      if (alarms?.kind !== "alarm-status") throw new Error("no alarm widget");
      const inAlarm = alarms.tiles.filter((t) => t.state === "ALARM").map((t) => t.alarmName);
      expect(inAlarm).toEqual(
        expect.arrayContaining([
          "axonflow-production-target-health-agent",
          "axonflow-production-target-health-customer-portal",
          "axonflow-production-error-rate",
          "axonflow-production-page",
        ]),
      );
      expect(alarms.tiles.slice(0, inAlarm.length).every((t) => t.state === "ALARM")).toBe(true);
    });

    test("log widgets run their queries on the world's Go text lines: policy blocks by the kind their words name", () => {
      const blocks = outage.views.find((v) => v.title === "Policy Blocks by Type");
      if (blocks?.kind !== "log") throw new Error("no log widget");
      expect(blocks.table?.columns).toEqual(["block_kind", "block_count"]);
      expect(blocks.table?.rows.map((r) => r[0])).toEqual(["Request blocked"]);
      expect(Number(blocks.table?.rows[0]?.[1])).toBeGreaterThan(0);
    });
  });

  describe("where pages go: a page a user made for one environment is never replaced by --all", () => {
    const userPage = join(outdir, "stacks", "production", "dashboard.html");
    const allPage = (env: string) => join(outdir, "previews", `${env}.html`);
    const writtenFiles = (lines: string[]) => lines.map((line) => resolve(line.slice(0, line.indexOf(": "))));

    test("one environment: beside its stack, the file named on its line", () => {
      expect(writtenFiles(writePreviews(outdir, { environment: "production" }))).toEqual([userPage]);
    });

    test("--all: <outdir>/previews/<env>.html, each file named on its line; the page of one environment left as it was", () => {
      writePreviews(outdir, { environment: "production", scenario: "public-targets-down" });
      const users = readFileSync(userPage, "utf8");
      const written = writtenFiles(writePreviews(outdir, { environment: { all: true } }));
      expect(written).toEqual([allPage("production"), allPage("staging")]);
      expect(readFileSync(userPage, "utf8")).toBe(users);
      expect(readFileSync(allPage("production"), "utf8")).not.toBe(users);
    }, 30_000);

    test("--out <folder>: <folder>/<env>.html, the folder made, nothing written beside the stacks", () => {
      const folder = join(work, "pages", "of", "mine");
      writePreviews(outdir, { environment: "production" });
      const before = readFileSync(userPage, "utf8");
      const written = writtenFiles(writePreviews(outdir, { environment: "production", scenario: "public-targets-down", pagesDir: folder }));
      expect(written).toEqual([join(folder, "production.html")]);
      expect(readFileSync(written[0]!, "utf8")).toBe(renderPage(outage));
      expect(readFileSync(userPage, "utf8")).toBe(before);
    }, 30_000);

    test("a scenario one of --all's environments cannot replay writes no page at all", () => {
      writePreviews(outdir, { environment: "production" });
      const before = readFileSync(userPage, "utf8");
      rmSync(join(outdir, "previews"), { recursive: true, force: true });
      expect(() => writePreviews(outdir, { environment: { all: true }, scenario: "public-targets-down" })).toThrow(
        "--scenario public-targets-down: runs on production; staging is replayed as staging",
      );
      expect(readFileSync(userPage, "utf8")).toBe(before);
      expect(existsSync(join(outdir, "previews"))).toBe(false);
    }, 30_000);
  });

  test("the same stack and scenario give a byte-identical page", () => {
    // A second build of the outage, from the stack file again, against the one built before every test.
    writePreviews(outdir, { environment: "production", scenario: "public-targets-down" });
    expect(readFileSync(join(outdir, "stacks", "production", "dashboard.html"), "utf8")).toBe(renderPage(outage));
  }, 30_000);
});
