import type { EnvironmentConfig } from "../../../lib/config/schema";
import type { Datapoint, MetricId } from "../../../replay/metric-data";
import { metricFiltersFromStack } from "../../../replay/world/metric-filter-definitions";
import { scenarioNotApplicable, simulate } from "../../../replay/world/simulate";
import { type StackJson, stackJsonFromText } from "../../../replay/world/stack-json";
import { topologyFromStack } from "../../../replay/world/topology";
import { fixtureEnvironment } from "../../support/environments";
import { synthesized } from "../../support/synth";
import { minutes, RecordingSink, scenarioOf } from "./recording-sink";

/**
 * The mirrored series as the CloudWatch agent sidecar publishes them, on the synthesized production fixture (the
 * bridge on, its default signals): what its SSM parameters declare, deltas per scrape summed over the tasks, a
 * series' first scrape only its baseline, nothing while no task runs.
 */
const NS = "AxonFlow/production";
const LLM = "axonflow_orchestrator_llm_calls_total";
const ORCH = { Service: "orchestrator" };
const AGENT = { Service: "agent" };
const ok = (provider: string) => ({ ...ORCH, provider, status: "success" });
const FAILED = { ...ORCH, provider: "unknown", status: "error" };

function stackFor(config: EnvironmentConfig) {
  return stackJsonFromText("fixture/production/cdk.tf.json", JSON.stringify(synthesized(config).tf));
}
const production = fixtureEnvironment("production");
/** The world on a synthesized stack, recording the bridge's series and the task counts (the log filters' series
 * of several groups share a name, which the recording sink would take for a second datapoint). */
function replayOn(stack: StackJson, body: string) {
  const sink = new RecordingSink();
  const keep = (id: MetricId) => id.metricName.startsWith("axonflow_") || id.namespace === "ECS/ContainerInsights";
  const scenario = scenarioOf(`name: inline\ndescription: a scenario written inline for one test\n${body}`);
  const run = simulate(
    scenario,
    topologyFromStack(stack),
    metricFiltersFromStack(stack),
    { put: (id, dp) => keep(id) && sink.put(id, dp) },
    { environment: "production" },
  );
  return { sink, run };
}
const sumAt = (points: Map<number, Datapoint>, ts: number) => points.get(ts)?.sum;

describe("the mirrored Prometheus series", () => {
  const stack = stackFor(production);
  const { sink, run } = replayOn(
    stack,
    `environments: [production]
start: "14:00"
duration: 2h
incident:
  at: 1h
  changes:
    - { services: internal, for: 20m, allTasksDown: true }
expect: { production: { page: within 10m } }
`,
  );
  const before = minutes(run.startTime, 5, 55);
  const down = minutes(run.incidentStart as number, 1, 20);

  test("only the declared series, in the environment's namespace, with Service and their labels as dimensions", () => {
    const names = new Set(
      sink
        .ids()
        .filter((id) => id.namespace === NS && id.metricName.startsWith("axonflow_"))
        .map((id) => `${id.metricName} ${Object.keys(id.dimensions).sort().join(",")}`),
    );
    expect([...names].sort()).toEqual([
      "axonflow_agent_blocked_requests_total Service",
      "axonflow_agent_requests_total Service,status",
      "axonflow_orchestrator_blocked_requests_total Service",
      `${LLM} Service,provider,status`,
      "axonflow_orchestrator_requests_total Service,status",
    ]);
  });

  test("every minute a task runs: each provider's answers, which add up to the orchestrator's successes", () => {
    const success = sink.points(NS, "axonflow_orchestrator_requests_total", { ...ORCH, status: "success" });
    for (const ts of before) {
      const openai = sumAt(sink.points(NS, LLM, ok("openai")), ts) as number;
      const anthropic = sumAt(sink.points(NS, LLM, ok("anthropic")), ts) as number;
      expect(openai).toBeGreaterThan(0);
      expect(anthropic).toBeGreaterThan(0);
      expect(openai + anthropic).toBe(sumAt(success, ts));
    }
  });

  test("the agent's blocks in both of its series; a plain counter is published at 0 too (the orchestrator blocks nothing here)", () => {
    for (const ts of before) {
      expect(sumAt(sink.points(NS, "axonflow_agent_blocked_requests_total", AGENT), ts)).toBe(
        sumAt(sink.points(NS, "axonflow_agent_requests_total", { ...AGENT, status: "blocked" }), ts),
      );
      expect(sumAt(sink.points(NS, "axonflow_orchestrator_blocked_requests_total", ORCH), ts)).toBe(0);
    }
  });

  test("nothing from a service while none of its tasks runs, and a restarted task's first scrape is only its baseline", () => {
    const series = [...sink.series.values()].filter((s) => s.id.namespace === NS && s.id.dimensions.Service === "orchestrator");
    expect(series.length).toBeGreaterThan(0);
    for (const s of series)
      for (const ts of down) expect({ series: s.id, ts, published: s.points.has(ts) }).toEqual({ series: s.id, ts, published: false });
    // The first minute a task runs again publishes nothing; the next, deltas.
    const orchestratorMinutes = (ts: number) => series.some((s) => s.points.has(ts));
    const back = minutes(run.incidentStart as number, 20, 40).filter(orchestratorMinutes);
    expect(back.length).toBeGreaterThan(0);
    const firstRunning = sink.points("ECS/ContainerInsights", "RunningTaskCount", {
      ClusterName: production.ecs.clusterName,
      ServiceName: production.services.orchestrator.ecsServiceName as string,
    });
    const restart = minutes(run.incidentStart as number, 20, 40).find((ts) => (firstRunning.get(ts)?.sum ?? 0) > 0) as number;
    expect(orchestratorMinutes(restart)).toBe(false);
    expect(back[0]).toBe(restart + 60);
  });

  test("no failure series until a call fails on every provider: a CounterVec child exists from its first increment", () => {
    expect(sink.points(NS, LLM, FAILED).size).toBe(0);
  });

  test("with a 15-second scrape, four EMF events a minute per task: the same sums, four times the samples", () => {
    const fast = replayOn(
      stackFor({
        ...production,
        prometheus: { ...(production.prometheus as NonNullable<EnvironmentConfig["prometheus"]>), scrapeIntervalSeconds: 15 },
      }),
      `environments: [production]
start: "14:00"
duration: 1h
expect: { production: quiet }
`,
    ).sink;
    const tasks = sink.points("ECS/ContainerInsights", "RunningTaskCount", {
      ClusterName: production.ecs.clusterName,
      ServiceName: "axonflow-orchestrator",
    });
    const ts = before[10];
    const point = fast.points(NS, LLM, ok("openai")).get(ts) as Datapoint;
    expect(point.sampleCount).toBe(4 * (tasks.get(ts)?.sum as number));
    expect(point.sum).toBe(sumAt(sink.points(NS, LLM, ok("openai")), ts));
  });
});

describe("an LLM provider down behind the router's fallback", () => {
  const stack = stackFor(production);
  const scenario = (provider: string) => `environments: [production]
start: "14:00"
duration: 2h
incident:
  at: 1h
  changes:
    - { services: internal, for: 30m, llmProviderDown: { provider: ${provider} } }
expect: { production: { ticket: within 30m } }
`;

  test("the primary's answers stop, the other provider answers them, and a few calls fail on both", () => {
    const { sink, run } = replayOn(stack, scenario("primary"));
    const incident = minutes(run.incidentStart as number, 0, 30);
    for (const ts of incident) expect(sumAt(sink.points(NS, LLM, ok("openai")), ts)).toBe(0);
    const before = minutes(run.startTime, 20, 50);
    const total = (r: RecordingSink, t: number) =>
      (sumAt(r.points(NS, LLM, ok("openai")), t) ?? 0) + (sumAt(r.points(NS, LLM, ok("anthropic")), t) ?? 0);
    const mean = (ts: number[]) => ts.reduce((n, t) => n + total(sink, t), 0) / ts.length;
    expect(mean(incident) / mean(before)).toBeGreaterThan(0.8);
    const failed = [...sink.points(NS, LLM, FAILED).values()].reduce((n, p) => n + p.sum, 0);
    expect(failed).toBeGreaterThan(0);
    expect(failed / incident.reduce((n, t) => n + total(sink, t), 0)).toBeLessThan(0.02);
  });

  test("a provider the stack does not route to is refused, naming the field and the providers", () => {
    expect(() => replayOn(stack, scenario("mistral"))).toThrow(
      "test/inline.yaml: incident.changes.0.llmProviderDown.provider: mistral is not a " +
        "provider of fixture/production/cdk.tf.json; allowed: primary, openai, anthropic",
    );
  });
});

describe("where the stack mirrors nothing", () => {
  test("a provider down or a block wave is not applicable: only AxonFlow's own counters show them", () => {
    const staging = fixtureEnvironment("staging");
    const topology = topologyFromStack(stackFor({ ...staging, paging: { emails: ["pager@example.com"], endpointVariable: false } }));
    expect(topology.mirrored).toEqual([]);
    for (const effect of ["llmProviderDown: { provider: primary }", "policyBlocks: { share: 0.2 }"]) {
      const kind = effect.startsWith("llm") ? "internal" : "entry";
      const scenario = scenarioOf(
        `name: inline\ndescription: a scenario written inline for one test\nenvironments: ` +
          `[production]\nstart: "14:00"\nduration: 2h\nincident:\n  at: 1h\n  changes:\n    - { ` +
          `services: ${kind}, ${effect} }\nexpect: { production: { ticket: within 30m } }\n`,
      );
      expect(scenarioNotApplicable(scenario, topology)).toBe("no mirrored Prometheus series (no prometheus section), which alone show it");
      expect(scenarioNotApplicable(scenario, topologyFromStack(stackFor(production)))).toBeUndefined();
    }
  });
});
