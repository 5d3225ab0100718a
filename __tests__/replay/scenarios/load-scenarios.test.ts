import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadScenarios, scenarioFromText } from "../../../replay/scenarios/load-scenarios";
import { expectationFor, runsOn } from "../../../replay/scenarios/scenario";

describe("loading scenarios", () => {
  const VALID = `name: sample
description: The agent crash-loops for an hour in the middle of the day.
environments: [production, staging]
start: "10:00"
duration: 4h
incident:
  at: 1h
  changes:
    - service: agent
      for: 60m
      crashLoop: { runMinutes: [1, 2] }
expect:
  production:
    page: within 10m
  staging:
    ticket: within 30m
    page: never
`;

  /** VALID with one line replaced (`from` must occur in it). */
  function variant(from: string, to: string): string {
    expect(VALID).toContain(from);
    return VALID.replace(from, to);
  }

  describe("a valid scenario file", () => {
    test("becomes minutes, typed changes and per-environment expectations", () => {
      const r = scenarioFromText("scenarios/sample.yaml", VALID);
      if (!r.ok) throw new Error(r.problems.join("\n"));
      const s = r.scenario;
      expect({ startMinuteOfDay: s.startMinuteOfDay, durationMinutes: s.durationMinutes, traffic: s.traffic, seed: s.seed }).toEqual({
        startMinuteOfDay: 600,
        durationMinutes: 240,
        traffic: "normal",
        seed: 1,
      });
      expect(s.incident).toEqual({
        atMinute: 60,
        changes: [{ service: "agent", fromMinute: 0, untilMinute: 60, effect: { kind: "crashLoop", runMinutes: [1, 2] } }],
      });
      expect(expectationFor(s, "production")).toEqual({ kind: "notified", within: [{ route: "page", minutes: 10 }], never: [] });
      expect(expectationFor(s, "staging")).toEqual({ kind: "notified", within: [{ route: "ticket", minutes: 30 }], never: ["page"] });
      expect(runsOn(s, "staging")).toBe(true);
      expect(runsOn(s, "dev")).toBe(false);
      // Every shipped scenario starts on the hour: minutes must count too.
      const late = scenarioFromText("scenarios/sample.yaml", variant('start: "10:00"', 'start: "22:45"'));
      expect(late.ok && late.scenario.startMinuteOfDay).toBe(22 * 60 + 45);
    });

    test("every shipped scenario loads, and the brief's set is there", () => {
      const names = loadScenarios(join(__dirname, "../../../replay/scenarios")).map((s) => s.name);
      expect(names).toEqual(
        expect.arrayContaining([
          "steady-day",
          "quiet-night",
          "crash-loop-agent",
          "public-targets-down",
          "provider-5xx",
          "provider-slowdown",
          "log-shipping-broken",
          "rolling-deploy",
          "traffic-cut",
          "errors-2pct",
          "orchestrator-down",
          "memory-leak-oom",
          "staging-outage",
          "idle-staging-overnight",
        ]),
      );
    });
  });

  describe("bad scenario files: every problem names the file and the field", () => {
    test.each([
      ["a name that is not the file's", variant("name: sample", "name: other"), "name"],
      ["a duration in words", variant("duration: 4h", "duration: 4 hours"), "duration"],
      ["a run longer than 48 h", variant("duration: 4h", "duration: 49h"), "duration"],
      ["a clock time out of range", variant('start: "10:00"', 'start: "25:00"'), "start"],
      [
        "an environment without expectation",
        variant("environments: [production, staging]", "environments: [production, staging, dev]"),
        "expect.dev",
      ],
      [
        "an expectation for an environment not run",
        variant("environments: [production, staging]", "environments: [production]"),
        "expect.staging",
      ],
      [
        "a change with two effects",
        variant("      crashLoop: { runMinutes: [1, 2] }", "      crashLoop: { runMinutes: [1, 2] }\n      logShippingBroken: true"),
        "incident.changes.0",
      ],
      ["a change with no effect", variant("      crashLoop: { runMinutes: [1, 2] }", ""), "incident.changes.0"],
      ["a service effect without a service", variant("    - service: agent\n", "    -\n"), "incident.changes.0.service"],
      [
        "an environment effect on a service",
        variant("      crashLoop: { runMinutes: [1, 2] }", "      trafficCut: true"),
        "incident.changes.0.service",
      ],
      [
        "a share above 1",
        variant("      crashLoop: { runMinutes: [1, 2] }", "      internalErrors: { share: 2 }"),
        "incident.changes.0.internalErrors.share",
      ],
      [
        "a crash that lasts less than it starts",
        variant("runMinutes: [1, 2]", "runMinutes: [3, 2]"),
        "incident.changes.0.crashLoop.runMinutes",
      ],
      ["an incident after the run", variant("  at: 1h", "  at: 5h"), "incident.at"],
      ["an expectation that is not a duration", variant("    page: within 10m", "    page: soon"), "expect.production"],
      ["an expectation that expects nothing", variant("    ticket: within 30m\n", ""), "expect.staging"],
      ["a misspelt key", variant("expect:", "expects:"), "(top level)"],
      ["a repeated key", variant("duration: 4h", "duration: 4h\nduration: 5h"), "invalid YAML"],
    ])("%s", (_, text, field) => {
      const r = scenarioFromText("scenarios/sample.yaml", text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems.join("\n")).toContain(`scenarios/sample.yaml: ${field}`);
    });

    test("a notification expected with no incident to count from", () => {
      const text = VALID.replace(/incident:[\s\S]*?expect:/, "expect:");
      const r = scenarioFromText("scenarios/sample.yaml", text);
      expect(r.ok ? [] : r.problems).toEqual(
        expect.arrayContaining([expect.stringContaining("scenarios/sample.yaml: expect.production: expects a notification")]),
      );
    });

    test("loadScenarios reports the problems of every file at once", () => {
      const dir = mkdtempSync(join(tmpdir(), "scenarios-"));
      try {
        writeFileSync(join(dir, "a.yaml"), VALID);
        writeFileSync(join(dir, "b.yaml"), variant("name: sample", "name: b").replace("duration: 4h", "duration: forever"));
        expect(() => loadScenarios(dir)).toThrow(/a\.yaml: name[\s\S]*b\.yaml: duration/);
      } finally {
        rmSync(dir, { recursive: true });
      }
    });

    test("a scenario run on every environment must still say what each one needs", () => {
      const r = scenarioFromText("scenarios/sample.yaml", variant("environments: [production, staging]", "environments: all"));
      if (!r.ok) throw new Error(r.problems.join("\n"));
      expect(() => expectationFor(r.scenario, "dev")).toThrow("scenarios/sample.yaml: expect.dev: missing");
    });
  });
});
