import type { Effect, Scenario, ScenarioChange, ServiceKind } from "../scenarios/scenario";

/** What a scenario has changed for one service in one minute; the defaults describe a healthy service. */
export interface ServiceConditions {
  crashLoopRunMinutes: readonly [number, number] | undefined;
  allTasksDown: boolean;
  upstreamErrorShare: number;
  upstreamSlowdown: number;
  /** The service's own answers take this many times longer. */
  ownSlowdown: number;
  internalErrorShare: number;
  strayErrorsPerHour: number;
  logShippingBroken: boolean;
  /** Run minute a rolling deploy started, and its pace; undefined when none is under way. */
  rollingDeploy: { readonly startMinute: number; readonly minutesPerTask: number } | undefined;
  /** A deploy whose new tasks never turn healthy is under way. */
  failedDeploy: boolean;
  /** Leak rate and the run minute it started (tasks leak from max(their start, that minute)). */
  memoryLeak: { readonly startMinute: number; readonly percentPerHour: number } | undefined;
  /** Tasks that cannot be placed: the service runs at most desired − this many. */
  tasksLost: number;
  /** Share of requests blocked by policy on top of the normal (an entry service's policy change or attack wave). */
  extraBlockShare: number;
  /** LLM providers that fail every call (an internal service's router falls back to the others). */
  llmProvidersDown: readonly string[];
}

export interface WorldConditions {
  readonly trafficCut: boolean;
  readonly services: ReadonlyMap<string, ServiceConditions>;
}

interface TimedChange {
  /** The services it changes; empty for environment-wide effects. */
  readonly services: readonly string[];
  readonly from: number;
  readonly until: number;
  readonly effect: Effect;
}

/** Effects that only make sense on one kind: the LLM provider is called by internal services (the orchestrator). */
const KIND_ONLY: Partial<Record<Effect["kind"], ServiceKind>> = {
  upstreamErrors: "internal",
  upstreamSlowdown: "internal",
  llmProviderDown: "internal",
  policyBlocks: "entry",
};
/** Why a kind-only effect needs its kind. */
const KIND_REASON: Partial<Record<ServiceKind, string>> = {
  internal: "which call the LLM provider",
  entry: "which apply AxonFlow's request policies",
};

/** Whether the scenario's incident happens in this environment: not when every service it names by kind is absent. */
export function notApplicableReason(scenario: Scenario, kinds: ReadonlyMap<string, ServiceKind>): string | undefined {
  const changes = scenario.incident?.changes ?? [];
  if (changes.length === 0 || changes.some((c) => c.services === undefined)) return undefined;
  // Overlapping incidents (an eachChange expectation) need every change to break something; one incident, any.
  const each = Object.values(scenario.expectations).some((e) => e.kind === "notified" && e.eachChangeMinutes !== undefined);
  const missing = changes.filter((c) => servicesOf(c, kinds).length === 0);
  if (each ? missing.length === 0 : missing.length < changes.length) return undefined;
  return `no ${[...new Set(missing.map((c) => c.services))].join(" or ")} service`;
}

/** The services a change names: its one service, every service of its kind, or none (environment-wide). */
function servicesOf(c: ScenarioChange, kinds: ReadonlyMap<string, ServiceKind>): string[] {
  if (c.service !== undefined) return [c.service];
  if (c.services === undefined) return [];
  return [...kinds].filter(([, k]) => k === c.services).map(([name]) => name);
}

/** The scenario's changes on the run's clock (minutes after the run starts), checked against the topology's services. */
export class IncidentTimeline {
  private readonly changes: readonly TimedChange[];

  constructor(
    scenario: Scenario,
    private readonly kinds: ReadonlyMap<string, ServiceKind>,
    topologyFile: string,
  ) {
    const timed = [
      ...scenario.background.map((change, i) => ({ change, offset: 0, field: `background.${i}` })),
      ...(scenario.incident?.changes ?? []).map((change, i) => ({
        change,
        offset: scenario.incident?.atMinute ?? 0,
        field: `incident.changes.${i}`,
      })),
    ];
    this.changes = timed.map(({ change: c, offset, field: where }) => {
      const field = `${scenario.file}: ${where}.service`;
      const only = KIND_ONLY[c.effect.kind];
      if (c.services !== undefined && only !== undefined && c.services !== only) {
        throw new Error(
          `${scenario.file}: ${where}.services: ${c.effect.kind} applies to ${only} services, ${KIND_REASON[only]}; not to ${c.services}`,
        );
      }
      if (c.service !== undefined) {
        const kind = kinds.get(c.service);
        if (kind === undefined)
          throw new Error(`${field}: ${c.service} is not a service of ${topologyFile} (${[...kinds.keys()].join(", ")})`);
        if (only !== undefined && only !== kind)
          throw new Error(`${field}: ${c.effect.kind} applies to ${only} services, ${KIND_REASON[only]}; not to ${c.service}`);
      }
      // Background noise from the run's start is the healthy normal: it goes on through any history before it.
      const from = where.startsWith("background") && c.fromMinute === 0 ? Number.NEGATIVE_INFINITY : offset + c.fromMinute;
      const until = c.untilMinute === undefined ? Number.POSITIVE_INFINITY : offset + c.untilMinute;
      return { services: servicesOf(c, kinds), from, until, effect: c.effect };
    });
  }

  private lastKey = "";
  private last: WorldConditions | undefined;

  /** The conditions of a minute; the same object while the set of active changes stays the same (callers only read it). */
  at(minute: number): WorldConditions {
    let key = "";
    for (let i = 0; i < this.changes.length; i++) if (minute >= this.changes[i].from && minute < this.changes[i].until) key += `${i},`;
    if (this.last && key === this.lastKey) return this.last;
    this.lastKey = key;
    this.last = this.build(minute);
    return this.last;
  }

  private build(minute: number): WorldConditions {
    const services = new Map<string, ServiceConditions>();
    for (const name of this.kinds.keys()) services.set(name, healthy());
    let trafficCut = false;
    for (const c of this.changes) {
      if (minute < c.from || minute >= c.until) continue;
      const e = c.effect;
      if (e.kind === "trafficCut") trafficCut = true;
      // Failing SNS deliveries are read through failureWindows, not per minute.
      else if (e.kind !== "snsDeliveryFailures") for (const name of c.services) apply(services.get(name) as ServiceConditions, e, c.from);
    }
    return { trafficCut, services };
  }

  /** Run minutes in which deliveries from each topic fail, as [from, until) ranges. */
  failureWindows(kind: "pages" | "alerts", runMinutes: number): { from: number; until: number }[] {
    return this.changes
      .filter((c) => c.effect.kind === "snsDeliveryFailures" && c.effect.topic !== (kind === "pages" ? "alerts" : "pages"))
      .map((c) => ({ from: c.from, until: Math.min(c.until, runMinutes) }));
  }
}

function healthy(): ServiceConditions {
  return {
    crashLoopRunMinutes: undefined,
    allTasksDown: false,
    upstreamErrorShare: 0,
    upstreamSlowdown: 1,
    ownSlowdown: 1,
    internalErrorShare: 0,
    strayErrorsPerHour: 0,
    logShippingBroken: false,
    rollingDeploy: undefined,
    failedDeploy: false,
    memoryLeak: undefined,
    tasksLost: 0,
    extraBlockShare: 0,
    llmProvidersDown: [],
  };
}

function apply(s: ServiceConditions, e: Effect, from: number): void {
  switch (e.kind) {
    case "crashLoop":
      s.crashLoopRunMinutes = e.runMinutes;
      return;
    case "allTasksDown":
      s.allTasksDown = true;
      return;
    case "upstreamErrors":
      s.upstreamErrorShare = Math.min(1, s.upstreamErrorShare + e.share);
      return;
    case "upstreamSlowdown":
      s.upstreamSlowdown *= e.factor;
      return;
    case "slowResponses":
      s.ownSlowdown *= e.factor;
      return;
    case "internalErrors":
      s.internalErrorShare = Math.min(1, s.internalErrorShare + e.share);
      return;
    case "strayErrors":
      s.strayErrorsPerHour += e.perHour;
      return;
    case "logShippingBroken":
      s.logShippingBroken = true;
      return;
    case "rollingDeploy":
      s.rollingDeploy = { startMinute: from, minutesPerTask: e.minutesPerTask };
      return;
    case "failedDeploy":
      s.failedDeploy = true;
      return;
    case "memoryLeak":
      s.memoryLeak = { startMinute: from, percentPerHour: e.percentPerHour };
      return;
    case "tasksLost":
      s.tasksLost += e.count;
      return;
    case "policyBlocks":
      s.extraBlockShare = Math.min(1, s.extraBlockShare + e.share);
      return;
    case "llmProviderDown":
      s.llmProvidersDown = [...s.llmProvidersDown, e.provider];
      return;
    case "trafficCut":
    case "snsDeliveryFailures":
      return;
  }
}
