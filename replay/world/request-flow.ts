import { AxonFlowCounters, NO_LABELS, SERIES } from "./axonflow-counters";
import type { FleetMinute } from "./fleet";
import type { ServiceConditions } from "./incident-timeline";
import { addRequests, type LatencyClass, timeoutShare } from "./latency-histogram";
import { KIND_INDEX, LINE_KINDS, type LineKindName } from "./log-line-kinds";
import type { SeededRandom } from "./seeded-random";

/**
 * Where one minute's client requests go. The ALB routes to healthy targets; with none registered it answers 503
 * itself (not a RequestCount, no TargetResponseTime). A task that dies while serving loses its in-flight requests:
 * the ALB answers those 502 and counts a target connection error for part of them. The agent answers policy-blocked
 * requests itself, calls the orchestrator for the rest (LLM work), and returns a 5xx (target 5xx) when the
 * orchestrator is gone or the provider fails; a provider that is down has its calls sent to the others by the
 * orchestrator's router, where a few fail too. A request its target has not answered within the ALB's idle timeout
 * is the load balancer's 504: in RequestCount, without a TargetResponseTime. Shares below are the replay's assumptions about AxonFlow's traffic.
 */
const POLICY_BLOCK_SHARE = 0.03;
const NON_LLM_SHARE = 0.12;
const CLAUDE_SHARE = 0.6;
/** Share of a dying task's minute of traffic in flight or routed to it before deregistration. */
const LOST_WHEN_KILLED = 0.05;
const LOST_WHEN_REPLACED = 0.01;
/**
 * Of the calls first routed to a provider that is down, the share the router's fallback fails too (the retry times
 * out, or the other provider refuses a burst): AxonFlow then counts (unknown, error) and the customer gets a 5xx.
 */
const FALLBACK_FAILURE_SHARE = 0.01;

const FAST: LatencyClass = { medianSeconds: 0.035, sigma: 0.5 };
const REFUSED: LatencyClass = { medianSeconds: 0.004, sigma: 0.5 };
const INTERNAL_ERROR: LatencyClass = { medianSeconds: 0.05, sigma: 0.6 };
const PAGE: LatencyClass = { medianSeconds: 0.09, sigma: 0.6 };
const completion = (slowdown: number): LatencyClass => ({ medianSeconds: 1.3 * slowdown, sigma: 0.55 });
const providerError = (slowdown: number): LatencyClass => ({ medianSeconds: 0.8 * slowdown, sigma: 0.4 });
const slower = (c: LatencyClass, factor: number): LatencyClass =>
  factor === 1 ? c : { medianSeconds: c.medianSeconds * factor, sigma: c.sigma };

/** What the ALB saw for one target group in one minute. */
export interface TargetGroupMinute {
  readonly healthy: number;
  readonly unhealthy: number;
  /** Requests for which a target was chosen (RequestCount). */
  readonly routed: number;
  readonly target5xx: number;
  readonly connectionErrors: number;
  readonly elb502: number;
  readonly elb503: number;
  readonly elb504: number;
  /** Response times of requests that got a response from a target, per bucket (latency-histogram.ts); valid for the minute only. */
  readonly latency: Float64Array;
}

export interface ServiceLoad {
  /** Requests the service's tasks handled (for CPU). */
  handled: number;
  /** Writes a line for each request it serves (else only failures, blocks and lifecycle). */
  readonly logsEachRequest: boolean;
  /** Lines written this minute, per kind (LINE_KINDS order). */
  readonly lines: Float64Array;
  /** AxonFlow's own Prometheus counters, this minute's increments (the agent's or the orchestrator's). */
  readonly counters: AxonFlowCounters;
}

export function newLoad(logsEachRequest: boolean): ServiceLoad {
  return { handled: 0, logsEachRequest, lines: new Float64Array(LINE_KINDS.length), counters: new AxonFlowCounters() };
}

/** Empties a load for the next minute (loads and latency arrays are reused: no allocation per minute). */
export function resetLoad(load: ServiceLoad): void {
  load.handled = 0;
  load.lines.fill(0);
  load.counters.reset();
}

/** Adds `count` requests of class `c` to the minute's response times; returns those the ALB timed out (504). */
function answer(latency: Float64Array, c: LatencyClass, count: number, random: SeededRandom): number {
  const share = count > 0 ? timeoutShare(c) : 0;
  const late = share === 0 ? 0 : random.binomial(count, share);
  addRequests(latency, c, count - late);
  return late;
}

function addLines(load: ServiceLoad, kind: LineKindName, count: number): void {
  if (count > 0) load.lines[KIND_INDEX[kind]] += count;
}

/** The line of a request served well: written only by a service that logs each request. */
function addServedLines(load: ServiceLoad, kind: LineKindName, count: number): void {
  if (load.logsEachRequest) addLines(load, kind, count);
}

/** Lines every running task writes whatever the traffic: start-up, crash, shutdown, and heartbeats where it writes them. */
export function lifecycleLines(load: ServiceLoad, fleet: FleetMinute, writesHeartbeats: boolean): void {
  addLines(load, "startup", 3 * fleet.started);
  addLines(load, "crash", 2 * fleet.crashes);
  addLines(load, "shutdown", fleet.replaced + fleet.stoppedUnserved);
  if (writesHeartbeats) addLines(load, "heartbeat", 2 * fleet.running);
}

interface Routing {
  readonly routed: number;
  readonly reached: number;
  readonly elb502: number;
  readonly elb503: number;
  readonly connectionErrors: number;
}

function route(clients: number, fleet: FleetMinute, random: SeededRandom): Routing {
  if (fleet.healthy === 0) return { routed: 0, reached: 0, elb502: 0, elb503: clients, connectionErrors: 0 };
  const perTask = clients / (fleet.healthy + fleet.abruptStops + fleet.replaced);
  const lost = Math.min(clients, random.poisson(perTask * (LOST_WHEN_KILLED * fleet.abruptStops + LOST_WHEN_REPLACED * fleet.replaced)));
  const connectionErrors = random.binomial(lost, 0.5);
  return { routed: clients, reached: clients - lost, elb502: lost, elb503: 0, connectionErrors };
}

/** Requests failing with the service's own 5xx: a share (a bug) plus isolated strays. */
function ownErrors(pool: number, c: ServiceConditions, random: SeededRandom): number {
  return Math.min(pool, random.binomial(pool, c.internalErrorShare) + (pool > 0 ? random.poisson(c.strayErrorsPerHour / 60) : 0));
}

/** An internal service an entry service calls, this minute. */
export interface Callee {
  readonly fleet: FleetMinute;
  readonly conditions: ServiceConditions;
  readonly load: ServiceLoad;
}

export interface EntryMinuteInput {
  readonly clients: number;
  readonly fleet: FleetMinute;
  readonly conditions: ServiceConditions;
  /** The internal services it calls for LLM work, in file order; a call goes through each in turn. */
  readonly callees: readonly Callee[];
  /** The orchestrator's LLM router: its providers (weighted evenly) and its own random stream. */
  readonly router: { readonly providers: readonly string[]; readonly random: SeededRandom };
}

/**
 * An entry service's target group (AxonFlow's agent), and the load it puts on itself and on the internal services
 * it calls (the orchestrator). A call fails where any callee has no running task, loses it to a dying task, or fails it.
 */
export function entryMinute(input: EntryMinuteInput, load: ServiceLoad, latency: Float64Array, random: SeededRandom): TargetGroupMinute {
  const r = route(input.clients, input.fleet, random);
  latency.fill(0);
  const blocked = random.binomial(r.reached, Math.min(1, POLICY_BLOCK_SHARE + input.conditions.extraBlockShare));
  const nonLlm = random.binomial(r.reached - blocked, NON_LLM_SHARE);
  const llm = r.reached - blocked - nonLlm;
  const internal = ownErrors(nonLlm + llm, input.conditions, random);
  const internalFromLlm = random.binomial(internal, llm / Math.max(1, nonLlm + llm));
  let calls = llm - internalFromLlm;
  let unavailable = input.callees.length === 0 ? calls : 0;
  let providerFailures = 0;
  let calleeFailures = 0;
  let slowdown = 1;
  let served = input.callees.length > 0;
  let down: readonly string[] = [];
  for (const callee of input.callees) {
    const { fleet, conditions: c } = callee;
    if (fleet.running === 0) {
      unavailable += calls;
      calls = 0;
      served = false;
      break;
    }
    const lost = Math.min(calls, random.poisson((LOST_WHEN_KILLED * fleet.abruptStops * calls) / (fleet.running + fleet.abruptStops)));
    calls -= lost;
    unavailable += lost;
    const failedUpstream = random.binomial(calls, c.upstreamErrorShare);
    const failedOwn = ownErrors(calls - failedUpstream, c, random);
    callee.load.handled += calls;
    addLines(callee.load, "provider-error", failedUpstream);
    addLines(callee.load, "internal-error", failedOwn);
    providerFailures += failedUpstream;
    calleeFailures += failedOwn;
    calls -= failedUpstream + failedOwn;
    slowdown *= c.upstreamSlowdown * c.ownSlowdown;
    down = down.concat(c.llmProvidersDown);
  }
  // A provider that is down: its calls fall back to the others, and a few fail there too.
  const { providers, random: routed } = input.router;
  const up = providers.filter((p, i) => !down.includes(p) && !(i === 0 && down.includes("primary")));
  if (served && up.length < providers.length) {
    const failedFallback =
      up.length === 0
        ? calls
        : routed.binomial(routed.binomial(calls, (providers.length - up.length) / providers.length), FALLBACK_FAILURE_SHARE);
    for (const callee of input.callees) addLines(callee.load, "provider-error", failedFallback);
    providerFailures += failedFallback;
    calls -= failedFallback;
  }
  const claude = served ? random.binomial(calls, CLAUDE_SHARE) : 0;
  const gpt = served ? calls - claude : 0;
  if (served) {
    for (const callee of input.callees) {
      addServedLines(callee.load, "completion-claude", claude);
      addServedLines(callee.load, "completion-gpt", gpt);
    }
  }
  const fastOk = blocked + nonLlm - (internal - internalFromLlm);
  countEntry(load.counters, {
    blocked,
    answeredOk: fastOk - blocked + claude + gpt,
    orchestratorErrors: providerFailures + calleeFailures,
  });
  if (served) {
    const answered = splitAmong(up, claude + gpt, routed);
    for (const callee of input.callees) countOrchestrator(callee.load.counters, answered, providerFailures, calleeFailures);
  }
  // The agent's own work slows with it (ownSlowdown); the provider's time only with the provider.
  const own = input.conditions.ownSlowdown;
  const lateOk = answer(latency, slower(FAST, own), fastOk, random) + answer(latency, completion(slowdown * own), claude + gpt, random);
  const lateFailed =
    answer(latency, providerError(slowdown * own), providerFailures, random) +
    answer(latency, slower(REFUSED, own), unavailable, random) +
    answer(latency, slower(INTERNAL_ERROR, own), internal + calleeFailures, random);
  load.handled += r.reached;
  addServedLines(load, "request-ok", fastOk - blocked + claude + gpt);
  addLines(load, "policy-block", blocked);
  addLines(load, "orchestrator-unavailable", unavailable);
  addLines(load, "provider-error", providerFailures);
  addLines(load, "internal-error", internal + calleeFailures);
  const target5xx = internal + unavailable + providerFailures + calleeFailures - lateFailed;
  const elb504 = lateOk + lateFailed;
  return {
    healthy: input.fleet.healthy,
    unhealthy: input.fleet.unhealthy,
    routed: r.routed,
    target5xx,
    connectionErrors: r.connectionErrors,
    elb502: r.elb502,
    elb503: r.elb503,
    elb504,
    latency,
  };
}

/** A public service that calls none (the customer portal): it serves pages itself, no LLM calls. */
export function publicMinute(
  clients: number,
  fleet: FleetMinute,
  c: ServiceConditions,
  load: ServiceLoad,
  latency: Float64Array,
  random: SeededRandom,
): TargetGroupMinute {
  const r = route(clients, fleet, random);
  latency.fill(0);
  const errors = ownErrors(r.reached, c, random);
  const lateOk = answer(latency, slower(PAGE, c.ownSlowdown), r.reached - errors, random);
  const lateFailed = answer(latency, slower(INTERNAL_ERROR, c.ownSlowdown), errors, random);
  load.handled += r.reached;
  addServedLines(load, "request-ok", r.reached - errors);
  addLines(load, "internal-error", errors);
  const target5xx = errors - lateFailed;
  return {
    healthy: fleet.healthy,
    unhealthy: fleet.unhealthy,
    routed: r.routed,
    target5xx,
    connectionErrors: r.connectionErrors,
    elb502: r.elb502,
    elb503: r.elb503,
    elb504: lateOk + lateFailed,
    latency,
  };
}

/**
 * What the agent counts (platform/agent/run.go): each answered request by outcome, blocks also in their own counter.
 * A request it could not forward (no orchestrator, a dying task) and its own 5xx are counted in none.
 */
function countEntry(
  c: AxonFlowCounters,
  n: { readonly blocked: number; readonly answeredOk: number; readonly orchestratorErrors: number },
): void {
  c.add(SERIES.agentRequests, { status: "success" }, n.answeredOk);
  c.add(SERIES.agentRequests, { status: "orchestrator_error" }, n.orchestratorErrors);
  c.add(SERIES.agentRequests, { status: "blocked" }, n.blocked);
  c.add(SERIES.agentBlocked, NO_LABELS, n.blocked);
}

/**
 * What the orchestrator counts (platform/orchestrator/run.go): a success per answered call, naming the provider;
 * a call no provider answered as (unknown, error), after the router tried them all; its own failures as errors
 * with no LLM call. The world's orchestrator blocks nothing itself: its blocked counter stays at 0.
 */
function countOrchestrator(
  c: AxonFlowCounters,
  answered: ReadonlyMap<string, number>,
  providerFailures: number,
  ownFailures: number,
): void {
  let ok = 0;
  for (const [provider, n] of answered) {
    c.add(SERIES.llmCalls, { provider, status: "success" }, n);
    ok += n;
  }
  c.add(SERIES.llmCalls, { provider: "unknown", status: "error" }, providerFailures);
  c.add(SERIES.orchestratorRequests, { status: "success" }, ok);
  c.add(SERIES.orchestratorRequests, { status: "error" }, providerFailures + ownFailures);
  c.add(SERIES.orchestratorBlocked, NO_LABELS, 0);
}

/** `n` calls spread evenly over the providers: a multinomial draw, one provider after the other. */
function splitAmong(providers: readonly string[], n: number, random: SeededRandom): Map<string, number> {
  const out = new Map<string, number>();
  let left = n;
  providers.forEach((p, i) => {
    const k = i === providers.length - 1 ? left : random.binomial(left, 1 / (providers.length - i));
    out.set(p, k);
    left -= k;
  });
  return out;
}
