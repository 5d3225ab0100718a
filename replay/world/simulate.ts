import type { MetricSink } from "../metric-data";
import { expectationFor, runsOn, type Expectation, type Scenario, type ServiceKind } from "../scenarios/scenario";
import { environmentProfile, serviceKindOf, type ServiceSizing } from "./environment-profile";
import { Fleet, type FleetMinute } from "./fleet";
import { IncidentTimeline, notApplicableReason, type ServiceConditions } from "./incident-timeline";
import { lineKindsFor, type LineKind } from "./log-line-kinds";
import type { LogMetricFilter } from "./metric-filter-definitions";
import { AlbPublisher } from "./publish-alb";
import { EcsPublisher } from "./publish-ecs";
import { LogGroupPublisher } from "./publish-logs";
import { PrometheusPublisher } from "./publish-prometheus";
import type { DeliveryFailureWindow } from "./publish-sns";
import { BUCKETS } from "./latency-histogram";
import { entryMinute, lifecycleLines, newLoad, publicMinute, resetLoad, type ServiceLoad, type TargetGroupMinute } from "./request-flow";
import { SeededRandom } from "./seeded-random";
import type { ServiceResources, Topology } from "./topology";
import { requestRates } from "./traffic-profile";

/** The replay day: a Tuesday, so staging's working-day bursts happen. Runs may go on into the next days. */
export const REPLAY_DAY_UTC = Date.UTC(2026, 2, 10) / 1000;

/** Unix seconds of a scenario's start on the replay day. */
export const scenarioStartTime = (scenario: Pick<Scenario, "startMinuteOfDay">): number => REPLAY_DAY_UTC + scenario.startMinuteOfDay * 60;

export interface SimulationOptions {
  /** The stack's environment (`production`, `staging`): picks the traffic profile and the expectation. */
  readonly environment: string;
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** Sees every service's log lines of every minute (read-only; the dashboard preview runs its log queries on them). */
  readonly logLines?: LogLinesObserver;
  /**
   * Minutes of the scenario's healthy background published before its start: the history a deployed alarm has had
   * (a 6 h burn-rate window judged on 30 minutes of data would be noise). `startTime` stays the scenario's start.
   */
  readonly historyMinutes?: number;
}

/**
 * One service's log lines of one minute, counted per kind in LINE_KINDS order (each kind is one JSON body,
 * log-line-kinds.ts). `counts` is reused for the next minute: copy what you keep. `shipped` is false while the
 * service's log shipping is broken (the lines never reach CloudWatch Logs).
 */
export interface LogLinesMinute {
  readonly service: string;
  readonly logGroup: string;
  readonly timestamp: number;
  readonly counts: Float64Array;
  /** The kinds `counts` counts, in order: the lines as the service writes them. */
  readonly kinds: readonly LineKind[];
  readonly shipped: boolean;
}
export type LogLinesObserver = (minute: LogLinesMinute) => void;

/** What the runner needs to judge a run. Times are Unix seconds; minutes are published at [startTime, endTime). */
export interface SimulationRun {
  readonly scenario: string;
  readonly environment: string;
  readonly startTime: number;
  readonly endTime: number;
  /** Expectations count from here; undefined for scenarios without an incident. */
  readonly incidentStart?: number;
  readonly expectation: Expectation;
  /** For publishSnsDeliveryFailures, once the runner knows which notifications were sent. */
  readonly deliveryFailures: readonly DeliveryFailureWindow[];
}

interface ServiceModel {
  readonly resources: ServiceResources;
  readonly kind: ServiceKind;
  /** For an entry service: the internal services it calls, in file order. */
  readonly callees: readonly string[];
  readonly sizing: ServiceSizing;
  readonly fleet: Fleet;
  readonly kinds: readonly LineKind[];
  readonly logs: LogGroupPublisher;
  readonly ecs: EcsPublisher | undefined;
  /** Its CloudWatch agent sidecar, where the stack mirrors its Prometheus series. */
  readonly prometheus: PrometheusPublisher | undefined;
  readonly random: SeededRandom;
  readonly load: ServiceLoad;
  readonly latency: Float64Array;
}

/** Simulates the scenario minute by minute on one environment and publishes what AWS would through `sink`. */
export function simulate(
  scenario: Scenario,
  topology: Topology,
  filters: readonly LogMetricFilter[],
  sink: MetricSink,
  options: SimulationOptions,
): SimulationRun {
  const env = options.environment;
  if (!runsOn(scenario, env)) throw new Error(`${scenario.file}: environments: does not list ${env}`);
  const expectation = expectationFor(scenario, env);
  const profile = environmentProfile(env);
  const random = new SeededRandom(options.seed ?? scenario.seed).stream(`${scenario.name}/${env}`);
  const kinds = serviceKinds(topology);
  const models = topology.services.map((resources): ServiceModel => {
    const kind = kinds.get(resources.name) as ServiceKind;
    const serviceRandom = random.stream(resources.name);
    const lineKinds = lineKindsFor(resources.name, kind, resources.logFormat);
    return {
      resources,
      kind,
      callees: topology.services.filter((s) => s.role === "internal" && s.calledBy === resources.name).map((s) => s.name),
      sizing: profile.sizing[kind],
      fleet: new Fleet(profile.sizing[kind], serviceRandom.stream("fleet"), options.historyMinutes ?? 0),
      kinds: lineKinds,
      logs: new LogGroupPublisher(resources.logGroup, lineKinds, filters),
      ecs: resources.ecsService === undefined ? undefined : new EcsPublisher(topology.cluster, resources.ecsService, profile.sizing[kind]),
      prometheus: sidecarOf(topology, resources.name),
      random: serviceRandom.stream("load"),
      load: newLoad(resources.logsEachRequest),
      latency: new Float64Array(BUCKETS),
    };
  });
  const timeline = new IncidentTimeline(scenario, kinds, topology.file);
  const firstMinuteOfDay = scenario.startMinuteOfDay;
  const startTime = scenarioStartTime(scenario);
  const minutes = scenario.durationMinutes;
  const history = options.historyMinutes ?? 0;
  // The traffic curve from the first history minute (the day before, if need be: the curve repeats daily).
  const rates = requestRates(
    profile,
    scenario.traffic,
    (((firstMinuteOfDay - history) % 1440) + 1440) % 1440,
    minutes + history,
    random.stream("traffic"),
  );
  const arrivals = random.stream("arrivals");
  const jitter = random.stream("latency-jitter");
  const flow = random.stream("flow");
  const router = { providers: routerProviders(scenario, topology), random: random.stream("llm-router") };

  const servedByAlb = models.filter((m) => m.kind === "entry" || m.kind === "public");
  const alb = new AlbPublisher(
    topology.loadBalancer,
    servedByAlb.map((m) => m.resources.targetGroup as string),
  );
  const fleets = new Map<string, FleetMinute>();
  const loads = new Map(models.map((m) => [m.resources.name, m.load] as const));
  for (let t = -history; t < minutes; t++) {
    const timestamp = startTime + 60 * t;
    const conditions = timeline.at(t);
    const r = t + history; // index into the traffic arrays
    for (const m of models) {
      const c = conditions.services.get(m.resources.name) as ServiceConditions;
      const fleet = m.fleet.step(t, c);
      fleets.set(m.resources.name, fleet);
      resetLoad(m.load);
      lifecycleLines(m.load, fleet, m.resources.writesHeartbeats);
    }
    const groups: TargetGroupMinute[] = [];
    for (const m of models) {
      if (m.kind !== "entry" && m.kind !== "public") continue;
      const name = m.resources.name;
      const fleet = fleets.get(name) as FleetMinute;
      const c = conditions.services.get(name) as ServiceConditions;
      const clients = conditions.trafficCut ? 0 : arrivals.poisson((m.kind === "entry" ? rates.agent : rates.portal)[r]);
      const callees = m.callees.map((callee) => ({
        fleet: fleets.get(callee) as FleetMinute,
        conditions: conditions.services.get(callee) as ServiceConditions,
        load: loads.get(callee) as ServiceLoad,
      }));
      groups.push(
        m.kind === "entry"
          ? entryMinute({ clients, fleet, conditions: c, callees, router }, m.load, m.latency, flow)
          : publicMinute(clients, fleet, c, m.load, m.latency, flow),
      );
    }
    alb.publish(sink, timestamp, groups, Math.exp(0.04 * jitter.normal()));
    for (const m of models) {
      const name = m.resources.name;
      const fleet = fleets.get(name) as FleetMinute;
      m.ecs?.publish(sink, timestamp, fleet, cpuPercents(m, fleet, m.load));
      m.prometheus?.publish(sink, timestamp, fleet, m.load.counters);
      const shipped = !(conditions.services.get(name)?.logShippingBroken ?? false);
      m.logs.publish(sink, timestamp, m.load.lines, shipped);
      options.logLines?.({ service: name, logGroup: m.resources.logGroup, timestamp, counts: m.load.lines, kinds: m.kinds, shipped });
    }
  }

  const incidentStart = scenario.incident ? startTime + 60 * scenario.incident.atMinute : undefined;
  const deliveryFailures: DeliveryFailureWindow[] = [];
  for (const kind of ["pages", "alerts"] as const) {
    const topicName = topology.topics[kind];
    if (topicName === undefined) continue; // no paging topic: nothing to fail
    for (const w of timeline.failureWindows(kind, minutes))
      deliveryFailures.push({ topicName, from: startTime + 60 * w.from, until: startTime + 60 * w.until });
  }
  return {
    scenario: scenario.name,
    environment: env,
    startTime,
    endTime: startTime + 60 * minutes,
    ...(incidentStart === undefined ? {} : { incidentStart }),
    expectation,
    deliveryFailures,
  };
}

/** The sidecar scraping this service, if the stack has one (a service runs one AxonFlow component). */
function sidecarOf(topology: Topology, service: string): PrometheusPublisher | undefined {
  const scrapes = topology.mirrored.filter((s) => s.service === service);
  if (scrapes.length > 1)
    throw new Error(`${topology.file}: ${scrapes.length} CloudWatch agent sidecars scrape ${service}; the bridge runs one per task`);
  return scrapes.length === 0 ? undefined : new PrometheusPublisher(scrapes[0]);
}

/**
 * The router's providers: the stack's, or two stand-ins where it names none (no bridge: nothing publishes per
 * provider, yet a provider can still fail behind the fallback). A scenario's provider must be one of them or `primary`.
 */
function routerProviders(scenario: Scenario, topology: Topology): readonly string[] {
  const providers = topology.llmProviders ?? ["primary", "secondary"];
  const changes = [
    ...scenario.background.map((c, i) => [`background.${i}`, c] as const),
    ...(scenario.incident?.changes ?? []).map((c, i) => [`incident.changes.${i}`, c] as const),
  ];
  for (const [field, c] of changes) {
    if (c.effect.kind !== "llmProviderDown" || c.effect.provider === "primary" || providers.includes(c.effect.provider)) continue;
    throw new Error(
      `${scenario.file}: ${field}.llmProviderDown.provider: ${c.effect.provider} is not a ` +
        `provider of ${topology.file}; allowed: primary, ${providers.join(", ")}`,
    );
  }
  return providers;
}

/** How the world models each service, by name (environment-profile.ts). */
export function serviceKinds(topology: Topology): Map<string, ServiceKind> {
  return new Map(topology.services.map((s) => [s.name, serviceKindOf(s, topology)] as const));
}

/** Why a scenario's incident cannot happen in this topology (no service of the kind it breaks), if it cannot. */
export function scenarioNotApplicable(scenario: Scenario, topology: Topology): string | undefined {
  const reason = notApplicableReason(scenario, serviceKinds(topology));
  if (reason !== undefined || topology.mirrored.length > 0) return reason;
  // Only AxonFlow's own counters show these (the load balancer sees a 403 or a fallen-back call as success).
  const heardOnlyMirrored = (scenario.incident?.changes ?? []).some(
    (c) => c.effect.kind === "llmProviderDown" || c.effect.kind === "policyBlocks",
  );
  return heardOnlyMirrored ? "no mirrored Prometheus series (no prometheus section), which alone show it" : undefined;
}

/** Each running task's CPU %: idle cost plus its share of the minute's requests, with a little noise. */
function cpuPercents(m: ServiceModel, fleet: FleetMinute, load: ServiceLoad): number[] {
  const perTask = fleet.running > 0 ? load.handled / fleet.running : 0;
  const out: number[] = [];
  for (let i = 0; i < fleet.running; i++) {
    const cpu = m.sizing.idleCpuPercent + m.sizing.cpuPercentPerRequest * perTask + 1.2 * m.random.normal();
    out.push(Math.min(100, Math.max(0.5, cpu)));
  }
  return out;
}
