import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadScenarios, scenarioFromText } from "../../../replay/scenarios/load-scenarios";
import { expectationFor, runsOn } from "../../../replay/scenarios/scenario";
import { compileFilterPattern, type LogEvent } from "../../../replay/world/filter-pattern";
import type { LineKind } from "../../../replay/world/log-line-kinds";
import { metricFiltersFromStack } from "../../../replay/world/metric-filter-definitions";
import { LogGroupPublisher } from "../../../replay/world/publish-logs";
import { publishSnsDeliveryFailures } from "../../../replay/world/publish-sns";
import { simulate, type SimulationRun } from "../../../replay/world/simulate";
import { readStackJson, stackJsonFromText } from "../../../replay/world/stack-json";
import { topologyFromStack } from "../../../replay/world/topology";
import { replayInline, replayInline as replay, replayOn } from "./inline-replay";
import { minutes, RecordingSink } from "./recording-sink";
import { AGENT_TG, at, CLUSTER, FIXTURE_FILE, LB, PORTAL_TG, stackObject, stackOf, stackWith } from "./stack-fixture";

const OUT = "output.monitored_resources.value";

describe("what AWS publishes", () => {
  // Publication rules from AWS's pages ("CloudWatch metrics for your Application Load Balancer", "Amazon ECS
  // CloudWatch metrics", "CloudWatch Logs metrics", "Creating metrics from log events using filters").
  const ELB = "AWS/ApplicationELB";
  const lb = { LoadBalancer: LB };
  const agentTg = { LoadBalancer: LB, TargetGroup: AGENT_TG };
  const portalTg = { LoadBalancer: LB, TargetGroup: PORTAL_TG };
  const ecs = (service: string) => ({ ClusterName: CLUSTER, ServiceName: service });
  const group = (service: string) => ({ LogGroupName: `/axonflow/production/${service}` });

  /** Minutes [from, until) of the incident, as Unix seconds. */
  function incidentMinutes(run: SimulationRun, from: number, until: number): number[] {
    return minutes(run.incidentStart ?? Number.NaN, from, until);
  }

  describe("every public target down", () => {
    const { sink, run } = replay(`environments: [production]
start: "14:00"
duration: 2h
incident:
  at: 1h
  changes:
    - { service: agent, for: 30m, allTasksDown: true }
    - { service: customer-portal, for: 30m, allTasksDown: true }
expect: { production: { page: within 10m } }
`);
    // The tasks stop in the incident's first minute; from then on no target is registered.
    const outage = incidentMinutes(run, 1, 30);

    test("the ALB answers 503 itself: HTTPCode_ELB_503_Count and _5XX_ per {LoadBalancer}, every minute", () => {
      for (const ts of outage) {
        expect(sink.points(ELB, "HTTPCode_ELB_503_Count", lb).get(ts)?.sum).toBeGreaterThan(0);
        expect(sink.points(ELB, "HTTPCode_ELB_5XX_Count", lb).get(ts)?.sum).toBe(sink.points(ELB, "HTTPCode_ELB_503_Count", lb).get(ts)?.sum);
      }
    });

    test("no RequestCount and no TargetResponseTime: no target was chosen", () => {
      for (const dims of [lb, agentTg, portalTg]) {
        for (const ts of outage) {
          expect(sink.points(ELB, "RequestCount", dims).has(ts)).toBe(false);
          expect(sink.points(ELB, "TargetResponseTime", dims).has(ts)).toBe(false);
        }
      }
    });

    test("HealthyHostCount is published every minute of the run, 0 during the outage", () => {
      const healthy = sink.points(ELB, "HealthyHostCount", agentTg);
      expect(healthy.size).toBe(120);
      expect(outage.map((ts) => healthy.get(ts)?.sum)).toEqual(outage.map(() => 0));
      expect(healthy.get(run.startTime)?.sum).toBe(3);
    });

    test("before the outage, traffic is counted where targets answer", () => {
      const before = minutes(run.startTime, 0, 60);
      expect(before.every((ts) => (sink.points(ELB, "RequestCount", lb).get(ts)?.sum ?? 0) > 0)).toBe(true);
      expect(before.some((ts) => sink.points(ELB, "HTTPCode_ELB_503_Count", lb).has(ts))).toBe(false);
    });
  });

  describe("the orchestrator down", () => {
    const { sink, run } = replay(`environments: [production]
start: "15:00"
duration: 2h
incident:
  at: 1h
  changes:
    - { service: orchestrator, for: 30m, allTasksDown: true }
expect: { production: { page: within 10m } }
`);
    const down = incidentMinutes(run, 1, 30);

    test("no AWS/ECS or Container Insights datapoint while none of its tasks runs", () => {
      for (const metric of ["CPUUtilization", "MemoryUtilization"]) {
        expect(down.filter((ts) => sink.points("AWS/ECS", metric, ecs("axonflow-orchestrator")).has(ts))).toEqual([]);
      }
      for (const metric of ["RunningTaskCount", "DesiredTaskCount", "PendingTaskCount", "CpuUtilized", "MemoryUtilized"]) {
        expect(down.filter((ts) => sink.points("ECS/ContainerInsights", metric, ecs("axonflow-orchestrator")).has(ts))).toEqual([]);
      }
      expect(sink.points("AWS/ECS", "CPUUtilization", ecs("axonflow-orchestrator")).has(run.startTime)).toBe(true);
    });

    test("the agent still answers, with a 5xx for most requests, and logs an error for each", () => {
      let requests = 0;
      let failed = 0;
      for (const ts of down) {
        requests += sink.points(ELB, "RequestCount", agentTg).get(ts)?.sum ?? 0;
        failed += sink.points(ELB, "HTTPCode_Target_5XX_Count", agentTg).get(ts)?.sum ?? 0;
        const errors = sink.points("AxonFlow/production", "ErrorCount-agent", {}).get(ts)?.sum;
        expect(errors).toBe(sink.points(ELB, "HTTPCode_Target_5XX_Count", agentTg).get(ts)?.sum);
      }
      // Policy blocks and non-LLM calls (about 15 %) do not need the orchestrator.
      expect(failed / requests).toBeGreaterThan(0.75);
      expect(failed / requests).toBeLessThan(0.95);
    });

    test("its log group receives nothing: no IncomingLogEvents and no filter datapoint, not even the default", () => {
      expect(down.filter((ts) => sink.points("AWS/Logs", "IncomingLogEvents", group("orchestrator")).has(ts))).toEqual([]);
      expect(down.filter((ts) => sink.points("AxonFlow/production", "ErrorCount-orchestrator", {}).has(ts))).toEqual([]);
    });
  });

  describe("log shipping broken", () => {
    const { sink, run } = replay(`environments: [production]
start: "09:00"
duration: 2h
incident:
  at: 1h
  changes:
    - { service: agent, for: 30m, logShippingBroken: true }
expect: { production: { notification: within 20m } }
`);
    const broken = incidentMinutes(run, 0, 30);

    test("no IncomingLogEvents/IncomingBytes and no metric-filter datapoints for the agent's group", () => {
      for (const [ns, metric, dims] of [
        ["AWS/Logs", "IncomingLogEvents", group("agent")],
        ["AWS/Logs", "IncomingBytes", group("agent")],
        ["AxonFlow/production", "ErrorCount-agent", {}],
      ] as const) {
        expect(broken.filter((ts) => sink.points(ns, metric, dims).has(ts))).toEqual([]);
      }
    });

    test("while the agent keeps serving and its ECS metrics keep coming", () => {
      expect(broken.every((ts) => sink.points(ELB, "RequestCount", agentTg).has(ts))).toBe(true);
      expect(broken.every((ts) => sink.points("AWS/ECS", "CPUUtilization", ecs("axonflow-agent")).has(ts))).toBe(true);
      expect(broken.every((ts) => sink.points("AWS/Logs", "IncomingLogEvents", group("orchestrator")).has(ts))).toBe(true);
    });
  });

  describe("traffic cut to zero upstream", () => {
    const { sink, run } = replay(`environments: [production]
start: "12:00"
duration: 2h
incident:
  at: 1h
  changes:
    - { trafficCut: true, for: 30m }
expect: { production: { notification: within 30m } }
`);
    const cut = incidentMinutes(run, 0, 30);

    test("no request metric at all and, without heartbeats, no log events; full health every minute", () => {
      for (const metric of ["RequestCount", "TargetResponseTime", "HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count"]) {
        expect(cut.filter((ts) => sink.points(ELB, metric, lb).has(ts))).toEqual([]);
      }
      expect(cut.map((ts) => sink.points(ELB, "HealthyHostCount", agentTg).get(ts)?.sum)).toEqual(cut.map(() => 3));
      // AxonFlow logs requests and failures, nothing while idle: a minute without requests ingests nothing.
      for (const service of ["agent", "orchestrator", "customer-portal"]) {
        expect(cut.filter((ts) => sink.points("AWS/Logs", "IncomingLogEvents", group(service)).has(ts))).toEqual([]);
      }
    });

    test("a service whose environment says it writes heartbeats logs through the cut", () => {
      const heartbeats = replayOn(
        stackWith((j) => (at(j, `${OUT}.services.agent`).writes_heartbeats = true)),
        `environments: [production]
start: "12:00"
duration: 2h
incident: { at: 1h, changes: [{ trafficCut: true, for: 30m }] }
expect: { production: { notification: within 30m } }
`,
      );
      const minutes = incidentMinutes(heartbeats.run, 0, 30);
      expect(minutes.every((ts) => (heartbeats.sink.points("AWS/Logs", "IncomingLogEvents", group("agent")).get(ts)?.sum ?? 0) > 0)).toBe(true);
      expect(minutes.filter((ts) => heartbeats.sink.points("AWS/Logs", "IncomingLogEvents", group("orchestrator")).has(ts))).toEqual([]);
    });
  });

  describe("series and dimension sets", () => {
    const { sink } = replay(`environments: [production]
start: "06:00"
duration: 12h
background:
  - { service: agent, strayErrors: { perHour: 2 } }
# An outage and a crash loop, so that every kind of ELB code is published at least once.
incident:
  at: 8h
  changes:
    - { service: agent, for: 10m, allTasksDown: true }
    - { service: customer-portal, from: 1h, for: 30m, crashLoop: { runMinutes: [2, 3] } }
expect: { production: { page: within 10m } }
`);
    const dimensionSets = new Map<string, Set<string>>();
    for (const id of sink.ids()) {
      const key = `${id.namespace} ${id.metricName}`;
      const set = dimensionSets.get(key) ?? new Set<string>();
      set.add(Object.keys(id.dimensions).sort().join(","));
      dimensionSets.set(key, set);
    }
    const sets = (ns: string, metric: string) => [...(dimensionSets.get(`${ns} ${metric}`) ?? [])].sort();

    test("ALB: ELB codes per {LoadBalancer} only; host counts per {LoadBalancer, TargetGroup} only; the rest both", () => {
      for (const m of ["HTTPCode_ELB_5XX_Count", "HTTPCode_ELB_502_Count", "HTTPCode_ELB_503_Count"]) {
        expect(sets(ELB, m)).toEqual(["LoadBalancer"]);
      }
      expect(sets(ELB, "TargetConnectionErrorCount")).toEqual(["LoadBalancer", "LoadBalancer,TargetGroup"]);
      expect(sets(ELB, "HTTPCode_Target_5XX_Count")).toEqual(["LoadBalancer", "LoadBalancer,TargetGroup"]);
      expect(sets(ELB, "HealthyHostCount")).toEqual(["LoadBalancer,TargetGroup"]);
      expect(sets(ELB, "UnHealthyHostCount")).toEqual(["LoadBalancer,TargetGroup"]);
      expect(sets(ELB, "RequestCount")).toEqual(["LoadBalancer", "LoadBalancer,TargetGroup"]);
      expect(sets(ELB, "TargetResponseTime")).toEqual(["LoadBalancer", "LoadBalancer,TargetGroup"]);
    });

    test("ECS, Logs and the stack's filters: exactly the documented dimension sets; no RestartCount", () => {
      expect(sets("AWS/ECS", "CPUUtilization")).toEqual(["ClusterName,ServiceName"]);
      expect(sets("ECS/ContainerInsights", "RunningTaskCount")).toEqual(["ClusterName,ServiceName"]);
      expect(sets("AWS/Logs", "IncomingLogEvents")).toEqual(["LogGroupName"]);
      expect(sets("AxonFlow/production", "ErrorCount-agent")).toEqual([""]);
      expect(sets("AxonFlow/production", "TokensUsed")).toEqual(["Model"]);
      expect(sink.ids().filter((id) => id.metricName === "RestartCount")).toEqual([]);
      expect(sink.ids().filter((id) => id.namespace === "AWS/SNS")).toEqual([]);
    });

    test("the customer portal is not on ECS in this topology: no ECS series for it", () => {
      expect(sink.ids().filter((id) => id.dimensions.ServiceName !== undefined && !["axonflow-agent", "axonflow-orchestrator"].includes(id.dimensions.ServiceName))).toEqual([]);
    });

    test("TargetResponseTime is in seconds: in a busy minute the median response is between 0.1 s and 5 s", () => {
      const busy = [...sink.points(ELB, "TargetResponseTime", agentTg).values()].filter((dp) => dp.sampleCount >= 100);
      expect(busy.length).toBeGreaterThan(400); // of the 720 daytime minutes replayed
      for (const dp of busy) {
        const values = dp.values ?? [];
        const counts = dp.counts ?? [];
        expect(values.length).toBeLessThanOrEqual(30);
        const half = dp.sampleCount / 2;
        let seen = 0;
        const median = values.find((_, i) => (seen += counts[i]) >= half) ?? Number.NaN;
        expect(median).toBeGreaterThan(0.1);
        expect(median).toBeLessThan(5);
      }
    });
  });
});

describe("log metric publication", () => {
  // "Creating metrics from log events using filters": the default value is "reported ... during a period when logs are
  // ingested but no matching logs are found"; "If no logs are ingested during a one-minute period, then no value is
  // reported". Each matching event adds the metric value. Lines here are written for the test, not taken from the world.
  const GROUP = "/axonflow/production/agent";
  const T = 1_773_100_800;

  function kind(name: LineKind["name"], body: Record<string, unknown>): LineKind {
    const message = JSON.stringify(body);
    return { name, message, json: body, bytes: message.length };
  }

  const kinds: LineKind[] = [
    kind("request-ok", { level: "info", message: "ok", model: "claude-sonnet-4", tokens_used: 1000 }),
    kind("internal-error", { level: "error", message: "boom" }),
    kind("completion-gpt", { level: "info", message: "ok", model: "gpt-4o", tokens_used: 300 }),
    kind("heartbeat", { level: "info", message: "heartbeat" }),
  ];

  function publish(counts: number[], shipping = true): RecordingSink {
    const sink = new RecordingSink();
    new LogGroupPublisher(GROUP, kinds, metricFiltersFromStack(stackOf(stackObject()))).publish(sink, T, Float64Array.from(counts), shipping);
    return sink;
  }

  const errors = (sink: RecordingSink) => sink.points("AxonFlow/production", "ErrorCount-agent", {}).get(T);

  describe("metric filters applied to the lines that arrived", () => {
    test("events but no match: the default value, once for the minute", () => {
      expect(errors(publish([40, 0, 0, 2]))).toEqual({ timestamp: T, sampleCount: 1, sum: 0, min: 0, max: 0 });
    });

    test("matches: one sample of the value per matching line, and no default on top", () => {
      expect(errors(publish([40, 3, 0, 2]))).toEqual({ timestamp: T, sampleCount: 3, sum: 3, min: 1, max: 1 });
    });

    test("no event in the minute: nothing, not even the default", () => {
      const sink = publish([0, 0, 0, 0]);
      expect(sink.ids()).toEqual([]);
    });

    test("shipping broken: nothing at all, whatever the service wrote", () => {
      expect(publish([40, 3, 5, 2], false).ids()).toEqual([]);
    });

    test("a value taken from the line, one series per dimension value, no default for a filter with dimensions", () => {
      const sink = publish([4, 1, 2, 2]);
      expect(sink.points("AxonFlow/production", "TokensUsed", { Model: "claude-sonnet-4" }).get(T)).toEqual({ timestamp: T, sampleCount: 4, sum: 4000, min: 1000, max: 1000 });
      expect(sink.points("AxonFlow/production", "TokensUsed", { Model: "gpt-4o" }).get(T)).toEqual({ timestamp: T, sampleCount: 2, sum: 600, min: 300, max: 300 });
      expect(sink.ids().filter((id) => id.metricName === "TokensUsed" && Object.keys(id.dimensions).length === 0)).toEqual([]);
      expect(publish([0, 1, 0, 2]).ids().filter((id) => id.metricName === "TokensUsed")).toEqual([]);
    });

    test("IncomingLogEvents counts every line that arrived; IncomingBytes their sizes", () => {
      const sink = publish([4, 1, 2, 2]);
      expect(sink.points("AWS/Logs", "IncomingLogEvents", { LogGroupName: GROUP }).get(T)?.sum).toBe(9);
      const bytes = 4 * kinds[0].bytes + kinds[1].bytes + 2 * kinds[2].bytes + 2 * kinds[3].bytes;
      expect(sink.points("AWS/Logs", "IncomingBytes", { LogGroupName: GROUP }).get(T)?.sum).toBe(bytes);
    });

    test("filters of other log groups see none of these lines", () => {
      expect(publish([4, 1, 2, 2]).ids().filter((id) => id.metricName === "ErrorCount-orchestrator")).toEqual([]);
    });
  });
});

describe("filter patterns", () => {
  // Examples from AWS's "Filter pattern syntax for metric filters" and "Using filter patterns to match terms in JSON
  // log events" pages: the events, the patterns and whether AWS says they match.
  const json = (value: unknown): LogEvent => ({ message: JSON.stringify(value), json: value });
  const text = (message: string): LogEvent => ({ message });

  const trailEvent = json({
    eventType: "UpdateTrail",
    sourceIPAddress: "111.111.111.111",
    arrayKey: ["value", "another value"],
    objectList: [
      { name: "a", id: 1 },
      { name: "b", id: 2 },
    ],
    SomeObject: null,
    "cluster.name": "c",
  });

  const usersEvent = json({
    user: { id: 1, email: "John.Stiles@example.com" },
    users: [
      { id: 2, email: "John.Doe@example.com" },
      { id: 3, email: "Jane.Doe@example.com" },
    ],
    actions: ["GET", "PUT", "DELETE"],
    coordinates: [
      [0, 1, 2],
      [4, 5, 6],
      [7, 8, 9],
    ],
  });

  describe("JSON patterns: AWS's documented examples", () => {
    test.each([
      '{ $.eventType = "UpdateTrail" }',
      "{ $.sourceIPAddress != 123.123.* }",
      '{ $.arrayKey[0] = "value" }',
      "{ $.objectList[1].id = 2 }",
      "{ $.SomeObject IS NULL }",
      "{ $.SomeOtherObject NOT EXISTS }",
      "{ $.['cluster.name'] = \"c\" }",
      '{ $.eventType = "*" && $.sourceIPAddress != 123.123.* }',
    ])("%s matches the sample event", (pattern) => {
      expect(compileFilterPattern(pattern).matches(trailEvent)).toBe(true);
    });

    test.each([
      ['{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', true],
      ['{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch" && $.actions[2] = "nonmatch" }', true],
      ['{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch") && $.actions[2] = "nonmatch" }', false],
      ['{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', false],
    ] as const)("compound %s → %s (&& binds tighter than ||)", (pattern, expected) => {
      expect(compileFilterPattern(pattern).matches(usersEvent)).toBe(expected);
    });

    test("the numeric operators of the docs, on an event that satisfies each and on one that does not", () => {
      const patterns = [
        "{ $.bandwidth > 75 }",
        "{ $.latency < 50 }",
        "{ $.refreshRate >= 60 }",
        "{ $.responseTime <= 5 }",
        "{ $.errorCode = 400}",
        "{ $.errorCode != 500 }",
        "{ $.number[0] = 1e-3 }",
        "{ $.number[0] != 1e+3 }",
      ];
      const satisfies = json({ bandwidth: 76, latency: 49, refreshRate: 60, responseTime: 5, errorCode: 400, number: [0.001] });
      const violates = json({ bandwidth: 75, latency: 50, refreshRate: 59, responseTime: 6, errorCode: 500, number: [1000] });
      expect(patterns.filter((p) => !compileFilterPattern(p).matches(satisfies))).toEqual([]);
      expect(patterns.filter((p) => compileFilterPattern(p).matches(violates))).toEqual([]);
    });

    test("{ $.latency = * } matches an event holding the field (AWS's metric-value example) and not one without it", () => {
      const p = compileFilterPattern("{ $.latency = * }");
      expect(p.matches(json({ latency: 50, requestType: "GET" }))).toBe(true);
      expect(p.matches(json({ requestType: "GET" }))).toBe(false);
    });

    test("IS TRUE / IS FALSE test the JSON boolean, not a string", () => {
      expect(compileFilterPattern("{ $.ThisFlag IS TRUE }").matches(json({ ThisFlag: true }))).toBe(true);
      expect(compileFilterPattern("{ $.ThisFlag IS TRUE }").matches(json({ ThisFlag: false }))).toBe(false);
      expect(compileFilterPattern("{ $.ThisFlag IS TRUE }").matches(json({ ThisFlag: "true" }))).toBe(false);
      expect(compileFilterPattern("{ $.ThisFlag IS FALSE }").matches(json({ ThisFlag: false }))).toBe(true);
    });

    test("IS NULL needs the field present and null; a missing field is NOT EXISTS", () => {
      expect(compileFilterPattern("{ $.SomeObject IS NULL }").matches(json({}))).toBe(false);
      expect(compileFilterPattern("{ $.SomeObject NOT EXISTS }").matches(json({ SomeObject: null }))).toBe(false);
    });

    test("strings compare whole and case-sensitively; * is a wildcard", () => {
      const event = json({ level: "error", message: "Request processed successfully" });
      expect(compileFilterPattern('{ $.level = "error" }').matches(event)).toBe(true);
      expect(compileFilterPattern('{ $.level = "ERROR" }').matches(event)).toBe(false);
      expect(compileFilterPattern('{ $.level = "err" }').matches(event)).toBe(false);
      expect(compileFilterPattern('{ $.message = "Request*" }').matches(event)).toBe(true);
      expect(compileFilterPattern('{ $.message = "*processed*" }').matches(event)).toBe(true);
    });

    test("a JSON pattern never matches a line that is not JSON", () => {
      expect(compileFilterPattern('{ $.level = "error" }').matches(text('level = "error"'))).toBe(false);
    });

    test("a selector pointing at an object or an array does not match, even with != (AWS: the filter won't match)", () => {
      expect(compileFilterPattern('{ $.user != "x" }').matches(usersEvent)).toBe(false);
      expect(compileFilterPattern('{ $.actions != "x" }').matches(usersEvent)).toBe(false);
    });
  });

  describe("the stack's own patterns on AxonFlow's log lines", () => {
    const line = json({
      timestamp: "2026-03-10T10:00:00Z",
      level: "info",
      service: "orchestrator",
      request_id: "req-abc",
      organization_id: "org-xyz",
      message: "Request processed successfully",
      latency_ms: 245,
      model: "claude-sonnet-4",
      tokens_used: 1250,
      policy_evaluations: 3,
      blocked: false,
    });
    test("an info line is no error, no policy block, and a token-usage line", () => {
      expect(compileFilterPattern('{ $.level = "error" }').matches(line)).toBe(false);
      expect(compileFilterPattern("{ $.blocked IS TRUE }").matches(line)).toBe(false);
      expect(compileFilterPattern("{ ($.tokens_used = *) && ($.model = *) }").matches(line)).toBe(true);
    });
    test("a line without a model is no token-usage line", () => {
      expect(compileFilterPattern("{ ($.tokens_used = *) && ($.model = *) }").matches(json({ level: "error", tokens_used: 3 }))).toBe(false);
    });
  });

  describe("terms in unstructured text: AWS's documented examples", () => {
    const lines = {
      e400: "[ERROR 400] BAD REQUEST",
      e401: "[ERROR 401] UNAUTHORIZED REQUEST",
      e419: "[ERROR 419] MISSING ARGUMENTS",
      e420: "[ERROR 420] INVALID ARGUMENTS",
      e500: "[ERROR 500] INTERNAL SERVER ERROR",
      ok: "[INFO 200] SUCCESSFUL REQUEST",
      warn: "[WARN] UNAUTHORIZED REQUEST",
    };
    const matching = (pattern: string) =>
      Object.entries(lines)
        .filter(([, m]) => compileFilterPattern(pattern).matches(text(m)))
        .map(([k]) => k);

    test.each([
      ["ERROR", ["e400", "e401", "e419", "e420", "e500"]],
      ["ERROR ARGUMENTS", ["e419", "e420"]],
      ["?ERROR ?ARGUMENTS", ["e400", "e401", "e419", "e420", "e500"]],
      ['"INTERNAL SERVER ERROR"', ["e500"]],
      ["ERROR -ARGUMENTS", ["e400", "e401", "e500"]],
      // "?" mixed with a plain term is ignored: only REQUEST counts.
      ["?ERROR ?ARGUMENTS REQUEST", ["e400", "e401", "ok", "warn"]],
      ['" "', Object.keys(lines)],
    ])("%s", (pattern, expected) => {
      expect(matching(pattern)).toEqual(expected);
    });

    test("the empty pattern matches every event, JSON or not", () => {
      expect(compileFilterPattern("").matches(text("anything"))).toBe(true);
      expect(compileFilterPattern("  ").matches(json({ a: 1 }))).toBe(true);
    });
  });

  describe("syntax the replay does not model, or AWS rejects: an Error naming the pattern", () => {
    test.each([
      "%AUTHORIZED%",
      "[ip, user, username, timestamp, request, status_code, bytes > 1000]",
      "{ $.eventType = %Trail% }",
      "{ $.arrayKey[*] = %val.{2}% }",
      "{ $.* = 1 }",
      "{ $.SomeObject IS NOT NULL }",
      "{ $.SomeObject EXISTS }",
      "{ $.level = }",
      '{ $.level = "error" ',
      "{ $.latency > fast }",
      "{ level = 1 }",
    ])("%s", (pattern) => {
      expect(() => compileFilterPattern(pattern)).toThrow(`filter pattern ${JSON.stringify(pattern)}`);
    });
  });
});

describe("topology", () => {

  describe("topology from the stack's monitored_resources output", () => {
    test("services, their resources, topics and subscriptions as written in the stack", () => {
      const t = topologyFromStack(stackOf(stackObject()));
      expect({ file: t.file, region: t.region, loadBalancer: t.loadBalancer, cluster: t.cluster }).toEqual({
        file: FIXTURE_FILE,
        region: "us-east-1",
        loadBalancer: LB,
        cluster: CLUSTER,
      });
      expect(t.services).toEqual([
        { name: "agent", role: "public", logGroup: "/axonflow/production/agent", ecsService: "axonflow-agent", targetGroup: AGENT_TG, writesHeartbeats: false, logsEachRequest: true, logFormat: "guide-json" },
        {
          name: "orchestrator",
          role: "internal",
          calledBy: "agent",
          logGroup: "/axonflow/production/orchestrator",
          ecsService: "axonflow-orchestrator",
          writesHeartbeats: false,
          logsEachRequest: true,
          logFormat: "guide-json",
        },
        { name: "customer-portal", role: "public", logGroup: "/axonflow/production/customer-portal", targetGroup: PORTAL_TG, writesHeartbeats: false, logsEachRequest: false, logFormat: "guide-json" },
      ]);
      expect(t.topics).toEqual({ alerts: "axonflow-production-alerts", pages: "axonflow-production-pages" });
      expect(t.subscriptionsPerTopic).toEqual({ "axonflow-production-alerts": 1, "axonflow-production-pages": 2 });
    });

    test("a stack without the output: the error names the file and the output, and says what it must hold", () => {
      expect(() => topologyFromStack(stackWith((j) => delete j.output))).toThrow(`${FIXTURE_FILE}: ${OUT}: missing`);
    });

    test.each([
      ["a malformed ALB suffix", (j: Record<string, unknown>) => (at(j, OUT).load_balancer = "my-alb"), `${OUT}.load_balancer`],
      ["a missing cluster", (j: Record<string, unknown>) => delete at(j, OUT).cluster, `${OUT}.cluster`],
      ["writes_heartbeats missing", (j: Record<string, unknown>) => delete at(j, `${OUT}.services.agent`).writes_heartbeats, `${OUT}.services.agent.writes_heartbeats`],
      ["an unknown role", (j: Record<string, unknown>) => (at(j, `${OUT}.services.agent`).role = "agent"), `${OUT}.services.agent.role`],
      ["a target group that is an ARN, not a suffix", (j: Record<string, unknown>) => (at(j, `${OUT}.services.agent`).target_group = "arn:aws:elasticloadbalancing:x"), `${OUT}.services.agent.target_group`],
      ["a misspelt key", (j: Record<string, unknown>) => (at(j, `${OUT}.services.agent`).ecs_servce = "x"), `${OUT}.services.agent`],
      ["the alerts topic missing", (j: Record<string, unknown>) => delete at(j, `${OUT}.topics`).alerts, `${OUT}.topics.alerts`],
      ["no services", (j: Record<string, unknown>) => (at(j, OUT).services = {}), `${OUT}.services`],
    ])("rejects %s, naming the file and the field", (_, edit, field) => {
      expect(() => topologyFromStack(stackWith(edit))).toThrow(`${FIXTURE_FILE}: ${field}:`);
    });

    test("no pages topic: an environment without a paging route", () => {
      expect(topologyFromStack(stackWith((j) => delete at(j, `${OUT}.topics`).pages)).topics).toEqual({ alerts: expect.any(String) });
    });

    test("a file that is not JSON is named", () => {
      expect(() => stackJsonFromText("x/cdk.tf.json", "{ not json")).toThrow("x/cdk.tf.json: not JSON");
    });
  });

  describe("the stack's metric filters", () => {
    test("log groups are resolved through cdktf's references; values, defaults and dimensions are read", () => {
      const filters = metricFiltersFromStack(stackOf(stackObject()));
      expect(filters).toHaveLength(6);
      const errors = filters.find((f) => f.name === "errors-agent");
      expect(errors).toMatchObject({
        logGroupName: "/axonflow/production/agent",
        namespace: "AxonFlow/production",
        metricName: "ErrorCount-agent",
        value: { literal: 1 },
        defaultValue: 0,
        dimensions: {},
      });
      expect(errors?.pattern.text).toBe('{ $.level = "error" }');
      const tokens = filters.find((f) => f.name === "tokens-orchestrator");
      expect(tokens?.logGroupName).toBe("/axonflow/production/orchestrator");
      expect(tokens?.defaultValue).toBeUndefined();
      expect(tokens?.value).toEqual({ selector: { text: "$.tokens_used", steps: [{ key: "tokens_used" }] } });
      expect(tokens?.dimensions).toEqual({ Model: { selector: { text: "$.model", steps: [{ key: "model" }] } } });
    });

    const FILTER = "resource.aws_cloudwatch_log_metric_filter.errors_lg_agent_1";
    const filter = (j: Record<string, unknown>) => at(j, FILTER);
    test.each([
      ["a reference to a log group the stack lacks", (j: Record<string, unknown>) => (filter(j).log_group_name = "${aws_cloudwatch_log_group.gone.name}"), `${FILTER}.log_group_name`],
      ["a pattern the replay cannot evaluate", (j: Record<string, unknown>) => (filter(j).pattern = "%ERROR%"), `${FILTER}.pattern: filter pattern "%ERROR%"`],
      ["default_value together with dimensions (CloudWatch refuses it)", (j: Record<string, unknown>) => (at(j, `${FILTER}.metric_transformation`).dimensions = { Model: "$.model" }), `${FILTER}.metric_transformation`],
      ["a space-delimited value", (j: Record<string, unknown>) => (at(j, `${FILTER}.metric_transformation`).value = "$bytes"), `${FILTER}.metric_transformation.value`],
      ["a default value that is no number", (j: Record<string, unknown>) => (at(j, `${FILTER}.metric_transformation`).default_value = "zero"), `${FILTER}.metric_transformation.default_value`],
    ])("rejects %s, naming the file and the field", (_, edit, field) => {
      expect(() => metricFiltersFromStack(stackWith(edit))).toThrow(`${FIXTURE_FILE}: ${field}`);
    });
  });
});

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
      expect({ startMinuteOfDay: s.startMinuteOfDay, durationMinutes: s.durationMinutes, traffic: s.traffic, seed: s.seed }).toEqual({ startMinuteOfDay: 600, durationMinutes: 240, traffic: "normal", seed: 1 });
      expect(s.incident).toEqual({ atMinute: 60, changes: [{ service: "agent", fromMinute: 0, untilMinute: 60, effect: { kind: "crashLoop", runMinutes: [1, 2] } }] });
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
      ).toThrow("test/inline.yaml: incident.changes.0.service: upstreamErrors applies to internal services, which call the LLM provider; not to agent");
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
    const sink = new RecordingSink(true);
    simulate(byName(name), topology, filters, sink, { environment, ...(seed === undefined ? {} : { seed }) });
    return sink.order;
  }

  describe("no clock, no Math.random", () => {
    // The first run of the file: every later run of the same scenario and seed must give it again.
    let first: string[];
    beforeAll(() => {
      first = published("crash-loop-agent", "production");
    });

    test("the same scenario and seed publish the same datapoints in the same order", () => {
      expect(first.length).toBeGreaterThan(1000);
      expect(published("crash-loop-agent", "production")).toEqual(first);
    });

    test("another seed gives another run", () => {
      expect(published("crash-loop-agent", "production", 8)).not.toEqual(first);
    });

    test("a run does not depend on the runs before it (another scenario, another seed)", () => {
      published("public-targets-down", "production");
      expect(published("crash-loop-agent", "production")).toEqual(first);
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

  describe("the LLM provider hangs past the load balancer's idle timeout", () => {
    const { sink, run } = replay(`environments: [production]
start: "14:00"
duration: 2h
incident:
  at: 1h
  changes:
    - { services: internal, for: 30m, upstreamSlowdown: { factor: 40 } }
expect: { production: { page: within 10m } }
`);
    const lb = { LoadBalancer: LB };
    const before = minutes(run.startTime, 0, 60);
    const hang = minutes(run.incidentStart ?? 0, 0, 30);
    const count = (metric: string, at: number[], dims: Record<string, string> = lb) => sumOver(sink.points(ELB, metric, dims), at);

    test("the load balancer answers 504 for the calls slower than 60 s: in RequestCount and the ELB 5xx, not the targets' 5xx", () => {
      expect(count("HTTPCode_ELB_504_Count", before)).toBe(0);
      const timedOut = count("HTTPCode_ELB_504_Count", hang);
      // A third or more of all requests: most are LLM calls, and four in ten of those run past 60 s.
      expect(timedOut).toBeGreaterThan(0.25 * count("RequestCount", hang));
      expect(count("HTTPCode_ELB_5XX_Count", hang)).toBe(timedOut + count("HTTPCode_ELB_502_Count", hang) + count("HTTPCode_ELB_503_Count", hang));
      expect(count("HTTPCode_Target_5XX_Count", hang)).toBeLessThan(0.01 * count("RequestCount", hang));
    });

    test("a timed-out request has no TargetResponseTime: the agent's samples are its requests minus the 504s", () => {
      const samples = sumOver(new Map([...sink.points(ELB, "TargetResponseTime", agentTg)].map(([t, d]) => [t, { sum: d.sampleCount }])), hang);
      expect(samples).toBe(count("RequestCount", hang, agentTg) - count("HTTPCode_ELB_504_Count", hang) - count("HTTPCode_ELB_502_Count", hang));
    });
  });

  describe("one public service answers slowly (slowResponses)", () => {
    const { sink, run } = replay(`environments: [production]
start: "10:00"
duration: 2h
incident:
  at: 1h
  changes:
    - { service: customer-portal, for: 30m, slowResponses: { factor: 30 } }
expect: { production: { ticket: within 20m } }
`);
    const portalTg = { LoadBalancer: LB, TargetGroup: PORTAL_TG };
    /** The minute's mean response time of a series. */
    const mean = (dims: Record<string, string>, ts: number) => {
      const d = sink.points(ELB, "TargetResponseTime", dims).get(ts);
      return d === undefined ? undefined : d.sum / d.sampleCount;
    };
    const busy = (at: number[]) => at.filter((ts) => (sink.points(ELB, "RequestCount", portalTg).get(ts)?.sum ?? 0) > 0);

    test("its own responses take about 30 times longer; the agent's do not change", () => {
      const ratio = (dims: Record<string, string>) => {
        const avg = (at: number[]) => at.reduce((s, ts) => s + (mean(dims, ts) ?? 0), 0) / at.length;
        return avg(busy(minutes(run.incidentStart ?? 0, 0, 30))) / avg(busy(minutes(run.startTime, 0, 60)));
      };
      expect(ratio(portalTg)).toBeGreaterThan(15);
      expect(ratio(portalTg)).toBeLessThan(60);
      expect(ratio(agentTg)).toBeGreaterThan(0.7);
      expect(ratio(agentTg)).toBeLessThan(1.4);
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

  describe("failed deploy: new tasks never pass the health check", () => {
    const { sink, run } = replay(`environments: [production]
start: "10:00"
duration: 2h
incident:
  at: 1h
  changes:
    - { service: agent, for: 30m, failedDeploy: true }
expect: { production: quiet }
`);
    const deploy = minutes(run.incidentStart ?? 0, 0, 30);
    const after = minutes(run.incidentStart ?? 0, 32, 60);
    const healthy = sink.points(ELB, "HealthyHostCount", agentTg);
    const unhealthy = sink.points(ELB, "UnHealthyHostCount", agentTg);
    const running = sink.points("ECS/ContainerInsights", "RunningTaskCount", { ClusterName: CLUSTER, ServiceName: "axonflow-agent" });

    test("the old tasks stay healthy; one new task at a time runs unhealthy, is stopped and tried again", () => {
      expect(deploy.every((ts) => healthy.get(ts)?.sum === 3)).toBe(true);
      const unhealthyMinutes = deploy.filter((ts) => unhealthy.get(ts)?.sum === 1).length;
      // Each try: 1 min pending, 1 min initial, then unhealthy until stopped at 3 min: about half the deploy.
      expect(unhealthyMinutes).toBeGreaterThanOrEqual(10);
      expect(unhealthyMinutes).toBeLessThan(deploy.length);
      expect(Math.max(...deploy.map((ts) => running.get(ts)?.max ?? 0))).toBe(4);
    });

    test("it ends with the deploy: no unhealthy target and three running tasks after", () => {
      expect(after.every((ts) => (unhealthy.get(ts)?.sum ?? 0) === 0 && running.get(ts)?.max === 3)).toBe(true);
    });

    test("no request fails: the load balancer never routes to the unhealthy task", () => {
      const lb = { LoadBalancer: LB };
      expect(sumOver(sink.points(ELB, "HTTPCode_ELB_5XX_Count", lb), deploy) + sumOver(sink.points(ELB, "HTTPCode_Target_5XX_Count", lb), deploy)).toBe(0);
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
