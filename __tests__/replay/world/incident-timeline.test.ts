import { publishSnsDeliveryFailures } from "../../../replay/world/publish-sns";
import { topologyFromStack } from "../../../replay/world/topology";
import { replayInline as replay } from "./inline-replay";
import { minutes, RecordingSink } from "./recording-sink";
import { AGENT_TG, CLUSTER, LB, PORTAL_TG, stackObject, stackOf } from "./stack-fixture";

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
      expect(count("HTTPCode_ELB_5XX_Count", hang)).toBe(
        timedOut + count("HTTPCode_ELB_502_Count", hang) + count("HTTPCode_ELB_503_Count", hang),
      );
      expect(count("HTTPCode_Target_5XX_Count", hang)).toBeLessThan(0.01 * count("RequestCount", hang));
    });

    test("a timed-out request has no TargetResponseTime: the agent's samples are its requests minus the 504s", () => {
      const samples = sumOver(
        new Map([...sink.points(ELB, "TargetResponseTime", agentTg)].map(([t, d]) => [t, { sum: d.sampleCount }])),
        hang,
      );
      expect(samples).toBe(
        count("RequestCount", hang, agentTg) - count("HTTPCode_ELB_504_Count", hang) - count("HTTPCode_ELB_502_Count", hang),
      );
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
      const errors =
        sumOver(sink.points(ELB, "HTTPCode_ELB_5XX_Count", lb), deploy) +
        sumOver(sink.points(ELB, "HTTPCode_Target_5XX_Count", lb), deploy);
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
      expect(
        sumOver(sink.points(ELB, "HTTPCode_ELB_5XX_Count", lb), deploy) +
          sumOver(sink.points(ELB, "HTTPCode_Target_5XX_Count", lb), deploy),
      ).toBe(0);
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
      const desired = sink.points("ECS/ContainerInsights", "DesiredTaskCount", {
        ClusterName: CLUSTER,
        ServiceName: "axonflow-orchestrator",
      });
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
