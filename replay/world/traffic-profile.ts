import type { TrafficLevel } from "../scenarios/scenario";
import type { EnvironmentProfile } from "./environment-profile";
import type { SeededRandom } from "./seeded-random";

/**
 * Expected client requests per minute reaching the load balancer, per public service, for every minute of a run.
 * Busy environments follow a daily curve (quietest 04:00 UTC, busiest 16:00) with a slow random wobble; at night
 * the customer portal has idle stretches of 25–40 min between short visits. Idle environments see a trickle of
 * requests by day, bursts (CI runs, demos) a few times per working day, and next to nothing at night.
 * The actual count of a minute is drawn from these means (Poisson) by the caller.
 */
export interface RequestRates {
  readonly agent: Float64Array;
  readonly portal: Float64Array;
}

const LEVEL: Readonly<Record<TrafficLevel, number>> = { none: 0, sparse: 0.05, low: 0.4, normal: 1, high: 1.6, surge: 10, bursty: 1 };
/** `bursty`: each minute's mean times a factor log-uniform in [1/3, 3], so neighbouring minutes differ up to tenfold. */
const BURST_RANGE = 3;
const MINUTES_PER_DAY = 1440;

/** 0 at 04:00, 1 at 16:00, smooth in between. */
export function dailyShape(minuteOfDay: number): number {
  const hours = minuteOfDay / 60;
  const s = (1 - Math.cos((2 * Math.PI * (hours - 4)) / 24)) / 2;
  return s * s;
}

/** `firstMinuteOfDay`: the run's start as minutes after 00:00 UTC of the replay day (may exceed a day for later days). */
export function requestRates(
  profile: EnvironmentProfile,
  level: TrafficLevel,
  firstMinuteOfDay: number,
  minutes: number,
  random: SeededRandom,
): RequestRates {
  const agent = new Float64Array(minutes);
  const portal = new Float64Array(minutes);
  const scale = LEVEL[level];
  if (profile.busy) busyRates(profile, scale, firstMinuteOfDay, agent, portal, random);
  else idleRates(profile, scale, firstMinuteOfDay, agent, portal, random);
  if (level === "bursty") {
    const bursts = random.stream("bursty");
    for (let t = 0; t < minutes; t++) {
      const factor = Math.exp(bursts.between(-1, 1) * Math.log(BURST_RANGE));
      agent[t] *= factor;
      portal[t] *= factor;
    }
  }
  return { agent, portal };
}

function busyRates(
  p: EnvironmentProfile,
  scale: number,
  first: number,
  agent: Float64Array,
  portal: Float64Array,
  random: SeededRandom,
): void {
  const wobble = random.stream("wobble");
  const stretches = random.stream("portal-stretches");
  let w = 0;
  let portalActiveUntil = -1;
  let portalIdleUntil = -1;
  let portalVisitRate = 0;
  for (let t = 0; t < agent.length; t++) {
    const shape = dailyShape((first + t) % MINUTES_PER_DAY);
    // AR(1) wobble: traffic drifts around the curve by a few percent, minute to minute.
    w = 0.97 * w + 0.03 * wobble.normal();
    const drift = Math.exp(0.25 * w);
    const a = p.agentRequestsPerMinute;
    agent[t] = scale * drift * (a.trough + (a.peak - a.trough) * shape);
    const q = p.portalRequestsPerMinute;
    if (shape >= 0.08) {
      portal[t] = scale * drift * (q.trough + (q.peak - q.trough) * shape);
      continue;
    }
    // Night: a few customers at a time, with idle stretches of 25–40 min in between.
    if (t >= portalActiveUntil && t >= portalIdleUntil) {
      portalIdleUntil = t + stretches.intBetween(25, 40);
      portalActiveUntil = portalIdleUntil + stretches.intBetween(6, 15);
      portalVisitRate = stretches.between(1.5, 4);
    }
    portal[t] = t < portalIdleUntil ? 0 : scale * portalVisitRate;
  }
}

function idleRates(
  p: EnvironmentProfile,
  scale: number,
  first: number,
  agent: Float64Array,
  portal: Float64Array,
  random: SeededRandom,
): void {
  const bursts = burstSchedule(first, agent.length, random.stream("bursts"));
  for (let t = 0; t < agent.length; t++) {
    const minuteOfDay = (first + t) % MINUTES_PER_DAY;
    const workingHours = minuteOfDay >= 8 * 60 && minuteOfDay < 19 * 60;
    const a = p.agentRequestsPerMinute;
    agent[t] = scale * ((workingHours ? a.peak : a.trough) + bursts[t]);
    const q = p.portalRequestsPerMinute;
    portal[t] = scale * (workingHours ? q.peak : q.trough);
  }
}

/** Extra agent requests per minute from bursts: 3–5 per working day between 09:00 and 18:00, 6–15 min each. */
function burstSchedule(first: number, minutes: number, random: SeededRandom): Float64Array {
  const extra = new Float64Array(minutes);
  const firstDay = Math.floor(first / MINUTES_PER_DAY);
  const lastDay = Math.floor((first + minutes - 1) / MINUTES_PER_DAY);
  for (let day = firstDay; day <= lastDay; day++) {
    const dayRandom = random.stream(`day-${day}`);
    const count = dayRandom.intBetween(3, 5);
    for (let b = 0; b < count; b++) {
      const start = day * MINUTES_PER_DAY + dayRandom.intBetween(9 * 60, 18 * 60);
      const length = dayRandom.intBetween(6, 15);
      const rate = dayRandom.between(20, 60);
      for (let m = start; m < start + length; m++) {
        const t = m - first;
        if (t >= 0 && t < minutes) extra[t] += rate;
      }
    }
  }
  return extra;
}
