import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadScenarios, scenarioFromText } from "../../../replay/scenarios/load-scenarios";
import { expectationFor, runsOn } from "../../../replay/scenarios/scenario";
import { metricFiltersFromStack } from "../../../replay/world/metric-filter-definitions";
import { publishSnsDeliveryFailures } from "../../../replay/world/publish-sns";
import { simulate } from "../../../replay/world/simulate";
import { readStackJson } from "../../../replay/world/stack-json";
import { topologyFromStack } from "../../../replay/world/topology";
import { replayInline, replayInline as replay } from "./inline-replay";
import { minutes, RecordingSink } from "./recording-sink";
import { AGENT_TG, CLUSTER, LB, stackObject, stackOf } from "./stack-fixture";

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
      expect({ start: s.start, durationMinutes: s.durationMinutes, traffic: s.traffic, seed: s.seed }).toEqual({ start: "10:00", durationMinutes: 240, traffic: "normal", seed: 1 });
      expect(s.incident).toEqual({ atMinute: 60, changes: [{ service: "agent", fromMinute: 0, untilMinute: 60, effect: { kind: "crashLoop", runMinutes: [1, 2] } }] });
      expect(expectationFor(s, "production")).toEqual({ kind: "notified", within: [{ route: "page", minutes: 10 }], never: [] });
      expect(expectationFor(s, "staging")).toEqual({ kind: "notified", within: [{ route: "ticket", minutes: 30 }], never: ["page"] });
      expect(runsOn(s, "staging")).toBe(true);
      expect(runsOn(s, "dev")).toBe(false);
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
      ["an environment without expectation", variant("environments: [production, staging]", "environments: [production, staging, dev]"), "expect.dev"],
      ["an expectation for an environment not run", variant("environments: [production, staging]", "environments: [production]"), "expect.staging"],
      ["a change with two effects", variant("      crashLoop: { runMinutes: [1, 2] }", "      crashLoop: { runMinutes: [1, 2] }\n      logShippingBroken: true"), "incident.changes.0"],
      ["a change with no effect", variant("      crashLoop: { runMinutes: [1, 2] }", ""), "incident.changes.0"],
      ["a service effect without a service", variant("    - service: agent\n", "    -\n"), "incident.changes.0.service"],
      ["an environment effect on a service", variant("      crashLoop: { runMinutes: [1, 2] }", "      trafficCut: true"), "incident.changes.0.service"],
      ["a share above 1", variant("      crashLoop: { runMinutes: [1, 2] }", "      internalErrors: { share: 2 }"), "incident.changes.0.internalErrors.share"],
      ["a crash that lasts less than it starts", variant("runMinutes: [1, 2]", "runMinutes: [3, 2]"), "incident.changes.0.crashLoop.runMinutes"],
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
      expect(r.ok ? [] : r.problems).toEqual(expect.arrayContaining([expect.stringContaining("scenarios/sample.yaml: expect.production: expects a notification")]));
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

describe("simulation inputs", () => {
  // Problems only the pair (scenario, stack) reveals: each names the scenario file or the stack file, and the field.
  describe("a scenario that does not fit the stack or the environment", () => {
    test("a change to a service the topology does not have", () => {
      expect(() =>
        replayInline(`environments: [production]
start: "10:00"
duration: 2h
incident: { at: 1h, changes: [{ service: billing, allTasksDown: true }] }
expect: { production: { page: within 10m } }
`),
      ).toThrow("test/inline.yaml: incident.changes.0.service: billing is not a service of fixture/stacks/production/cdk.tf.json");
    });

    test("a provider effect on a service that does not call the provider", () => {
      expect(() =>
        replayInline(`environments: [production]
start: "10:00"
duration: 2h
incident: { at: 1h, changes: [{ service: agent, upstreamErrors: { share: 0.3 } }] }
expect: { production: { page: within 10m } }
`),
      ).toThrow("test/inline.yaml: incident.changes.0.service: upstreamErrors applies to the orchestrator");
    });

    test("an environment the scenario does not list", () => {
      expect(() =>
        replayInline(
          `environments: [production]
start: "10:00"
duration: 2h
expect: { production: quiet }
`,
          "staging",
        ),
      ).toThrow("test/inline.yaml: environments: does not list staging");
    });

    test("an environment the world has no traffic profile for", () => {
      expect(() =>
        replayInline(
          `environments: all
start: "10:00"
duration: 2h
expect: { dev: quiet }
`,
          "dev",
        ),
      ).toThrow("no traffic profile for environment dev");
    });

    test("a stack file that is not there", () => {
      expect(() => readStackJson("/nonexistent/stacks/production/cdk.tf.json")).toThrow("/nonexistent/stacks/production/cdk.tf.json: cannot read the synthesized stack");
    });
  });
});

describe("determinism", () => {
  const stack = stackOf(stackObject());
  const topology = topologyFromStack(stack);
  const filters = metricFiltersFromStack(stack);
  const scenarios = loadScenarios(join(__dirname, "../../../replay/scenarios"));
  const byName = (name: string) => {
    const s = scenarios.find((x) => x.name === name);
    if (!s) throw new Error(`no scenario ${name}`);
    return s;
  };

  function published(name: string, environment: string, seed?: number): string[] {
    const sink = new RecordingSink();
    simulate(byName(name), topology, filters, sink, { environment, ...(seed === undefined ? {} : { seed }) });
    return sink.order;
  }

  describe("no clock, no Math.random", () => {
    test("the same scenario and seed publish the same datapoints in the same order", () => {
      const first = published("crash-loop-agent", "production");
      expect(first.length).toBeGreaterThan(1000);
      expect(published("crash-loop-agent", "production")).toEqual(first);
    });

    test("another seed gives another run", () => {
      expect(published("crash-loop-agent", "production", 7)).not.toEqual(published("crash-loop-agent", "production", 8));
    });

    test("a run does not depend on the runs before it", () => {
      const alone = published("provider-5xx", "production");
      published("public-targets-down", "production");
      expect(published("provider-5xx", "production")).toEqual(alone);
    });
  });
});

describe("incidents in the world", () => {
  // How each incident shows up in what AWS publishes, as the brief and AWS's pages describe it.
  const ELB = "AWS/ApplicationELB";
  const agentTg = { LoadBalancer: LB, TargetGroup: AGENT_TG };
  const topology = topologyFromStack(stackOf(stackObject()));

  const sumOver = (points: Map<number, { sum: number }>, at: number[]) => at.reduce((s, ts) => s + (points.get(ts)?.sum ?? 0), 0);

  describe("crash loop of the agent", () => {
    const { sink, run } = replay(`environments: [production]
start: "10:00"
duration: 3h
incident:
  at: 1h
  changes:
    - { service: agent, for: 60m, crashLoop: { runMinutes: [1, 2] } }
expect: { production: { page: within 10m } }
`);
    const loop = minutes(run.incidentStart ?? 0, 3, 60);
    const ci = (metric: string) => sink.points("ECS/ContainerInsights", metric, { ClusterName: CLUSTER, ServiceName: "axonflow-agent" });

    // Replacements launched together may all run for a minute or two before they crash: "mostly", not "always".
    test("running is below desired in most minutes, and in many no task runs at all (no ECS datapoint)", () => {
      const published = loop.filter((ts) => ci("RunningTaskCount").has(ts));
      const full = published.filter((ts) => ci("RunningTaskCount").get(ts)?.sum === ci("DesiredTaskCount").get(ts)?.sum);
      expect(full.length).toBeLessThan(loop.length * 0.2);
      expect(loop.length - published.length).toBeGreaterThan(loop.length / 2);
    });

    test("healthy targets drop; the ALB answers 503 (no target) and 502 (target died mid-request)", () => {
      const healthy = sink.points(ELB, "HealthyHostCount", agentTg);
      expect(loop.filter((ts) => healthy.get(ts)?.sum === 3).length).toBeLessThan(loop.length * 0.1);
      const lb = { LoadBalancer: LB };
      expect(sumOver(sink.points(ELB, "HTTPCode_ELB_503_Count", lb), loop)).toBeGreaterThan(100);
      expect(sumOver(sink.points(ELB, "HTTPCode_ELB_502_Count", lb), minutes(run.incidentStart ?? 0, 0, 60))).toBeGreaterThan(0);
    });

    test("error lines, then nothing: crash lines are counted, and minutes with no task leave the log group silent", () => {
      expect(sumOver(sink.points("AxonFlow/production", "ErrorCount-agent", {}), loop)).toBeGreaterThan(0);
      const ingested = sink.points("AWS/Logs", "IncomingLogEvents", { LogGroupName: "/axonflow/production/agent" });
      expect(loop.filter((ts) => !ingested.has(ts)).length).toBeGreaterThan(5);
    });

    test("after the loop ends, the service recovers within 20 minutes", () => {
      const healthy = sink.points(ELB, "HealthyHostCount", agentTg);
      const after = minutes(run.incidentStart ?? 0, 80, 120);
      expect(after.every((ts) => healthy.get(ts)?.sum === 3)).toBe(true);
    });
  });

  describe("rolling deploy", () => {
    const { sink, run } = replay(`environments: [production]
start: "10:00"
duration: 2h
incident:
  at: 1h
  changes:
    - { service: agent, for: 20m, rollingDeploy: { minutesPerTask: 4 } }
expect: { production: quiet }
`);
    const deploy = minutes(run.incidentStart ?? 0, 0, 20);
    const healthy = sink.points(ELB, "HealthyHostCount", agentTg);

    test("ECS's default rolling update: a replacement is healthy before an old task stops, so never fewer healthy hosts than desired", () => {
      expect(Math.min(...deploy.map((ts) => healthy.get(ts)?.sum ?? 0))).toBe(3);
      // Each replacement runs beside the three old tasks for a while: a fourth running task, three times.
      const running = sink.points("ECS/ContainerInsights", "RunningTaskCount", { ClusterName: CLUSTER, ServiceName: "axonflow-agent" });
      const surges = deploy.filter((ts) => (running.get(ts)?.max ?? 0) === 4);
      expect(surges.length).toBeGreaterThanOrEqual(3);
    });

    test("a handful of 5xx, no 503", () => {
      const lb = { LoadBalancer: LB };
      const errors = sumOver(sink.points(ELB, "HTTPCode_ELB_5XX_Count", lb), deploy) + sumOver(sink.points(ELB, "HTTPCode_Target_5XX_Count", lb), deploy);
      expect(errors).toBeGreaterThan(0);
      expect(errors).toBeLessThan(30);
      expect(sumOver(sink.points(ELB, "HTTPCode_ELB_503_Count", lb), deploy)).toBe(0);
    });
  });

  describe("memory leak ending in OOM kills", () => {
    const { sink, run } = replay(`environments: [production]
start: "06:00"
duration: 6h
incident:
  at: 1h
  changes:
    - { service: orchestrator, memoryLeak: { percentPerHour: 32 } }
expect: { production: { notification: within 90m } }
`);
    const memory = sink.points("AWS/ECS", "MemoryUtilization", { ClusterName: CLUSTER, ServiceName: "axonflow-orchestrator" });
    const ts = [...memory.keys()].sort((a, b) => a - b).filter((t) => t >= (run.incidentStart ?? 0));

    test("memory climbs for over an hour, past 90 %, then the killed tasks' replacements start low again", () => {
      const firstHigh = ts.find((t) => (memory.get(t)?.max ?? 0) > 90) ?? Number.NaN;
      expect(firstHigh - (run.incidentStart ?? 0)).toBeGreaterThan(60 * 60);
      const dropAfter = ts.find((t) => t > firstHigh && (memory.get(t)?.min ?? 100) < 60);
      expect(dropAfter).toBeDefined();
    });

    test("kills fail the requests in flight: the agent returns some 5xx, the service is never down", () => {
      const all = minutes(run.startTime, 0, 360);
      expect(sumOver(sink.points(ELB, "HTTPCode_Target_5XX_Count", agentTg), all)).toBeGreaterThan(0);
      const desired = sink.points("ECS/ContainerInsights", "DesiredTaskCount", { ClusterName: CLUSTER, ServiceName: "axonflow-orchestrator" });
      expect(desired.size).toBe(360);
    });
  });

  describe("SNS delivery failures", () => {
    const { sink, run } = replay(`environments: [production]
start: "14:00"
duration: 2h
incident:
  at: 1h
  changes:
    - { snsDeliveryFailures: { topic: pages }, for: 30m }
expect: { production: { ticket: within 45m } }
`);
    const pages = topology.topics.pages as string;
    const failed = (s: RecordingSink, topic: string) => s.points("AWS/SNS", "NumberOfNotificationsFailed", { TopicName: topic });

    test("the simulation itself publishes nothing for SNS: it sends no notification", () => {
      expect(sink.ids().filter((id) => id.namespace === "AWS/SNS")).toEqual([]);
    });

    test("a notification inside the window fails once per subscription; outside it, or to the other topic, nothing", () => {
      const inside = (run.incidentStart ?? 0) + 600;
      const s = new RecordingSink();
      publishSnsDeliveryFailures(s, topology, run.deliveryFailures, [
        { topicName: pages, timestamp: inside + 17 },
        { topicName: topology.topics.alerts, timestamp: inside },
        { topicName: pages, timestamp: (run.incidentStart ?? 0) + 45 * 60 },
      ]);
      expect([...failed(s, pages).values()]).toEqual([{ timestamp: inside, sampleCount: 2, sum: 2, min: 1, max: 1 }]);
      expect(failed(s, topology.topics.alerts).size).toBe(0);
    });
  });
});
