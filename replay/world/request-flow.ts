import type { FleetMinute } from "./fleet";
import type { ServiceConditions } from "./incident-timeline";
import { addRequests, type LatencyClass } from "./latency-histogram";
import { KIND_INDEX, LINE_KINDS, type LineKindName } from "./log-line-kinds";
import type { SeededRandom } from "./seeded-random";

/**
 * Where one minute's client requests go. The ALB routes to healthy targets; with none registered it answers 503
 * itself (not a RequestCount, no TargetResponseTime). A task that dies while serving loses its in-flight requests:
 * the ALB answers those 502 and counts a target connection error for part of them. The agent answers policy-blocked
 * requests itself, calls the orchestrator for the rest (LLM work), and returns a 5xx (target 5xx) when the
 * orchestrator is gone or the provider fails. Shares below are the replay's assumptions about AxonFlow's traffic.
 */
const POLICY_BLOCK_SHARE = 0.03;
const NON_LLM_SHARE = 0.12;
const CLAUDE_SHARE = 0.6;
/** Share of a dying task's minute of traffic in flight or routed to it before deregistration. */
const LOST_WHEN_KILLED = 0.05;
const LOST_WHEN_REPLACED = 0.01;

const FAST: LatencyClass = { medianSeconds: 0.035, sigma: 0.5 };
const REFUSED: LatencyClass = { medianSeconds: 0.004, sigma: 0.5 };
const INTERNAL_ERROR: LatencyClass = { medianSeconds: 0.05, sigma: 0.6 };
const PAGE: LatencyClass = { medianSeconds: 0.09, sigma: 0.6 };
const completion = (slowdown: number): LatencyClass => ({ medianSeconds: 1.3 * slowdown, sigma: 0.55 });
const providerError = (slowdown: number): LatencyClass => ({ medianSeconds: 0.8 * slowdown, sigma: 0.4 });

/** What the ALB saw for one target group in one minute. */
export interface TargetGroupMinute {
  readonly healthy: number;
  /** Requests for which a target was chosen (RequestCount). */
  readonly routed: number;
  readonly target5xx: number;
  readonly connectionErrors: number;
  readonly elb502: number;
  readonly elb503: number;
  /** Response times of requests that got a response from a target, per bucket (latency-histogram.ts); valid for the minute only. */
  readonly latency: Float64Array;
}

export interface ServiceLoad {
  /** Requests the service's tasks handled (for CPU). */
  handled: number;
  /** Lines written this minute, per kind (LINE_KINDS order). */
  readonly lines: Float64Array;
}

export function newLoad(): ServiceLoad {
  return { handled: 0, lines: new Float64Array(LINE_KINDS.length) };
}

/** Empties a load for the next minute (loads and latency arrays are reused: no allocation per minute). */
export function resetLoad(load: ServiceLoad): void {
  load.handled = 0;
  load.lines.fill(0);
}

function addLines(load: ServiceLoad, kind: LineKindName, count: number): void {
  if (count > 0) load.lines[KIND_INDEX[kind]] += count;
}

/** Lines every running task writes whatever the traffic: start-up, crash, shutdown, heartbeats. */
export function lifecycleLines(load: ServiceLoad, fleet: FleetMinute, logsContinuously: boolean): void {
  addLines(load, "startup", 3 * fleet.started);
  addLines(load, "crash", 2 * fleet.crashes);
  addLines(load, "shutdown", fleet.replaced);
  if (logsContinuously) addLines(load, "heartbeat", 2 * fleet.running);
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

export interface AgentMinuteInput {
  readonly clients: number;
  readonly agent: FleetMinute;
  readonly agentConditions: ServiceConditions;
  readonly orchestrator: FleetMinute | undefined;
  readonly orchestratorConditions: ServiceConditions | undefined;
}

/** The agent's target group, and the load it puts on the agent and the orchestrator. */
export function agentMinute(
  input: AgentMinuteInput,
  agentLoad: ServiceLoad,
  orchestratorLoad: ServiceLoad | undefined,
  latency: Float64Array,
  random: SeededRandom,
): TargetGroupMinute {
  const r = route(input.clients, input.agent, random);
  latency.fill(0);
  const blocked = random.binomial(r.reached, POLICY_BLOCK_SHARE);
  const nonLlm = random.binomial(r.reached - blocked, NON_LLM_SHARE);
  const llm = r.reached - blocked - nonLlm;
  const internal = ownErrors(nonLlm + llm, input.agentConditions, random);
  const internalFromLlm = random.binomial(internal, llm / Math.max(1, nonLlm + llm));
  const llmCalls = llm - internalFromLlm;
  const orch = input.orchestrator;
  const oc = input.orchestratorConditions;
  let unavailable = llmCalls;
  let providerFailures = 0;
  let orchestratorFailures = 0;
  let claude = 0;
  let gpt = 0;
  if (orch && oc && orch.running > 0) {
    const lost = Math.min(llmCalls, random.poisson((LOST_WHEN_KILLED * orch.abruptStops * llmCalls) / (orch.running + orch.abruptStops)));
    const calls = llmCalls - lost;
    unavailable = lost;
    providerFailures = random.binomial(calls, oc.upstreamErrorShare);
    orchestratorFailures = ownErrors(calls - providerFailures, oc, random);
    const completions = calls - providerFailures - orchestratorFailures;
    claude = random.binomial(completions, CLAUDE_SHARE);
    gpt = completions - claude;
    if (orchestratorLoad) {
      orchestratorLoad.handled += calls;
      addLines(orchestratorLoad, "completion-claude", claude);
      addLines(orchestratorLoad, "completion-gpt", gpt);
      addLines(orchestratorLoad, "provider-error", providerFailures);
      addLines(orchestratorLoad, "internal-error", orchestratorFailures);
    }
  }
  const slowdown = oc?.upstreamSlowdown ?? 1;
  const fastOk = blocked + nonLlm - (internal - internalFromLlm);
  addRequests(latency, FAST, fastOk);
  addRequests(latency, completion(slowdown), claude + gpt);
  addRequests(latency, providerError(slowdown), providerFailures);
  addRequests(latency, REFUSED, unavailable);
  addRequests(latency, INTERNAL_ERROR, internal + orchestratorFailures);
  agentLoad.handled += r.reached;
  addLines(agentLoad, "request-ok", fastOk - blocked + claude + gpt);
  addLines(agentLoad, "policy-block", blocked);
  addLines(agentLoad, "orchestrator-unavailable", unavailable);
  addLines(agentLoad, "provider-error", providerFailures);
  addLines(agentLoad, "internal-error", internal + orchestratorFailures);
  const target5xx = internal + unavailable + providerFailures + orchestratorFailures;
  return { healthy: input.agent.healthy, routed: r.routed, target5xx, connectionErrors: r.connectionErrors, elb502: r.elb502, elb503: r.elb503, latency };
}

/** The customer portal's target group: pages, no LLM calls. */
export function portalMinute(
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
  addRequests(latency, PAGE, r.reached - errors);
  addRequests(latency, INTERNAL_ERROR, errors);
  load.handled += r.reached;
  addLines(load, "request-ok", r.reached - errors);
  addLines(load, "internal-error", errors);
  return { healthy: fleet.healthy, routed: r.routed, target5xx: errors, connectionErrors: r.connectionErrors, elb502: r.elb502, elb503: r.elb503, latency };
}
