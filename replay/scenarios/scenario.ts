/**
 * The validated form of a scenario file (see scenario-schema.ts for the YAML shape, load-scenarios.ts for loading).
 * Times are minutes: `incident.atMinute` after the run starts; an incident change's `fromMinute`/`untilMinute` after
 * the incident starts; a background change's (the noise of a healthy day, such as stray errors) after the run starts.
 */
export type Route = "page" | "ticket";

/**
 * What on-call needs, per environment. `quiet`: no ALARM notification to the page or the ticket route during the run.
 * `notified`: the first ALARM notification to each listed route (`any`: either) comes within `minutes` of the
 * incident's start; routes in `never` get no ALARM notification during the run.
 * The page route is the topology's `topics.pages`, the ticket route `topics.alerts`.
 */
export type Expectation =
  | { readonly kind: "quiet" }
  | {
      readonly kind: "notified";
      readonly within: readonly { readonly route: Route | "any"; readonly minutes: number }[];
      readonly never: readonly Route[];
      /**
       * Overlapping incidents: after each incident change starts, an alarm that had not notified before it sends
       * an ALARM notification (either route) within this many minutes, so the later incident is not hidden by the
       * earlier one's open page.
       */
      readonly eachChangeMinutes?: number;
    };

/**
 * How busy the run is, against the environment's daily curve: `none` no client request at all; `sparse` a twentieth
 * (a small production: tens of requests a minute by day); `low` 0.4×, `high` 1.6×, `surge` 10× (a launch day);
 * `bursty` the normal curve times a factor drawn afresh each minute between a third and three times (tenfold).
 */
export const TRAFFIC_LEVELS = ["normal", "none", "sparse", "low", "high", "surge", "bursty"] as const;
export type TrafficLevel = (typeof TRAFFIC_LEVELS)[number];

export type Effect =
  /** Each new task runs `runMinutes` (a range) and exits; ECS keeps replacing it. */
  | { readonly kind: "crashLoop"; readonly runMinutes: readonly [number, number] }
  /** Running tasks stop and replacements fail to start (bad image, missing secret): no task runs. */
  | { readonly kind: "allTasksDown" }
  /** The LLM provider answers this share of calls with 5xx. */
  | { readonly kind: "upstreamErrors"; readonly share: number }
  /** The LLM provider answers `factor` times slower. */
  | { readonly kind: "upstreamSlowdown"; readonly factor: number }
  /** The service itself answers `factor` times slower (its database, a lock, GC): every request it serves. */
  | { readonly kind: "slowResponses"; readonly factor: number }
  /** This share of the service's requests fail with a 5xx of its own (a bug, a bad dependency). */
  | { readonly kind: "internalErrors"; readonly share: number }
  /** Isolated failed requests, `perHour` on average: the noise of a healthy system. */
  | { readonly kind: "strayErrors"; readonly perHour: number }
  /** The service runs, but its log lines never reach CloudWatch Logs. */
  | { readonly kind: "logShippingBroken" }
  /** ECS replaces the service's tasks one at a time, `minutesPerTask` apart. */
  | { readonly kind: "rollingDeploy"; readonly minutesPerTask: number }
  /**
   * A deploy whose new tasks start but never pass the target group's health check: ECS keeps one replacement at a
   * time, stops it after 3 min unhealthy and tries again, while the old tasks serve on (the deployment circuit
   * breaker's rollback ends it).
   */
  | { readonly kind: "failedDeploy" }
  /** Memory grows by `percentPerHour` of the task's limit from each task's start until the kernel kills it. */
  | { readonly kind: "memoryLeak"; readonly percentPerHour: number }
  /** Tasks stop and cannot be placed again (the capacity they ran on is gone); the rest run on. */
  | { readonly kind: "tasksLost"; readonly count: number }
  /** A further share of requests is blocked by policy (a policy change, an attack wave): answered 403, not 5xx. */
  | { readonly kind: "policyBlocks"; readonly share: number }
  /**
   * One LLM provider fails every call; the orchestrator's router falls back to the others. `primary` is the first
   * of the stack's providers (the router's).
   */
  | { readonly kind: "llmProviderDown"; readonly provider: string }
  /** No client request reaches the load balancer (DNS or CDN sends traffic elsewhere); services stay up. */
  | { readonly kind: "trafficCut" }
  /** Every delivery from the topic(s) fails (endpoint gone, key policy broken). */
  | { readonly kind: "snsDeliveryFailures"; readonly topic: "pages" | "alerts" | "both" };

/**
 * Services a change can name by kind rather than name, so a scenario holds for any environment file:
 * - entry: public services that call an internal one (AxonFlow's agent);
 * - public: the other services behind the load balancer, which call none (the customer portal);
 * - internal: services called by another (the orchestrator);
 * - worker: services that take no requests.
 */
export const SERVICE_KINDS = ["entry", "public", "internal", "worker"] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export interface ScenarioChange {
  /** One service by name; absent for environment-wide effects (trafficCut, snsDeliveryFailures) and with `services`. */
  readonly service?: string;
  /** Every service of this kind in the replayed environment (none: the change does not apply there). */
  readonly services?: ServiceKind;
  readonly fromMinute: number;
  /** Absent: until the run ends. */
  readonly untilMinute?: number;
  readonly effect: Effect;
}

export interface Scenario {
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly environments: "all" | readonly string[];
  /** The start, as minutes after midnight UTC on the replay day (`start: "22:00"` → 1320). */
  readonly startMinuteOfDay: number;
  readonly durationMinutes: number;
  readonly traffic: TrafficLevel;
  readonly seed: number;
  readonly background: readonly ScenarioChange[];
  readonly incident?: { readonly atMinute: number; readonly changes: readonly ScenarioChange[] };
  readonly expectations: Readonly<Record<string, Expectation>>;
}

export function runsOn(scenario: Scenario, environment: string): boolean {
  return scenario.environments === "all" || scenario.environments.includes(environment);
}

export function expectationFor(scenario: Scenario, environment: string): Expectation {
  const e = scenario.expectations[environment];
  if (e === undefined) {
    throw new Error(
      `${scenario.file}: expect.${environment}: missing; the scenario runs on ${environment} but says nothing of what on-call needs there`,
    );
  }
  return e;
}
