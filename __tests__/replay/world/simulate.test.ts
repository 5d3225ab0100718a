import { join } from "node:path";
import { loadScenarios } from "../../../replay/scenarios/load-scenarios";
import { metricFiltersFromStack } from "../../../replay/world/metric-filter-definitions";
import { simulate, type SimulationRun } from "../../../replay/world/simulate";
import { readStackJson } from "../../../replay/world/stack-json";
import { topologyFromStack } from "../../../replay/world/topology";
import { replayInline, replayInline as replay, replayOn } from "./inline-replay";
import { minutes, RecordingSink } from "./recording-sink";
import { AGENT_TG, at, CLUSTER, LB, PORTAL_TG, stackObject, stackOf, stackWith } from "./stack-fixture";

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
        expect(sink.points(ELB, "HTTPCode_ELB_5XX_Count", lb).get(ts)?.sum).toBe(
          sink.points(ELB, "HTTPCode_ELB_503_Count", lb).get(ts)?.sum,
        );
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
      expect(minutes.every((ts) => (heartbeats.sink.points("AWS/Logs", "IncomingLogEvents", group("agent")).get(ts)?.sum ?? 0) > 0)).toBe(
        true,
      );
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
      expect(
        sink
          .ids()
          .filter(
            (id) =>
              id.dimensions.ServiceName !== undefined && !["axonflow-agent", "axonflow-orchestrator"].includes(id.dimensions.ServiceName),
          ),
      ).toEqual([]);
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
      ).toThrow(
        "test/inline.yaml: incident.changes.0.service: upstreamErrors applies to internal services, which call the LLM provider; not to agent",
      );
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
      expect(() => readStackJson("/nonexistent/stacks/production/cdk.tf.json")).toThrow(
        "/nonexistent/stacks/production/cdk.tf.json: cannot read the synthesized stack",
      );
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
