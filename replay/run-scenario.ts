import { DatapointStore } from "./engine/datapoint-store";
import { alarmMetricStats, type StackAlarms } from "./engine/alarm-definitions";
import { metricKey, type MetricId, type MetricSink } from "./metric-data";
import { replayStackAlarms, type Notification, type ReplayResult } from "./engine/replay-alarms";
import type { Expectation, Route, Scenario } from "./scenarios/scenario";
import type { LogMetricFilter } from "./world/metric-filter-definitions";
import { publishSnsDeliveryFailures } from "./world/publish-sns";
import { REPLAY_DAY_UTC, scenarioStartTime, simulate, type LogLinesObserver, type SimulationRun } from "./world/simulate";
import type { StackJson } from "./world/stack-json";
import type { Topology } from "./world/topology";

/**
 * One scenario on one synthesized stack: the world publishes its day into a store, the engine evaluates the stack's
 * alarms over it, and the notifications are judged against what on-call needs (the scenario's expectation).
 */

/** What a stack is, for the scenarios: one that pages is replayed as `production` (busy), else as `staging` (mostly idle). */
export type EnvironmentKind = "production" | "staging";
export const kindOf = (topology: Topology): EnvironmentKind => (topology.topics.pages === undefined ? "staging" : "production");

/**
 * A deployed alarm has history: the world publishes this much of the scenario's healthy background before its start,
 * and alarms are evaluated from the start. The longest window of the catalog is the slow burn's 6 h; judged on half
 * an hour of data it would be a 30-minute ratio, and the missing-data-breaching alarms would fire at once on none.
 */
export const HISTORY_MINUTES = 6 * 60;

/**
 * Long enough for every alarm but the burn rates (windows up to 15 min, read with two extra periods): in the history
 * before it, only the series of longer windows are kept. For real exports, which have no history before their first
 * datapoint, evaluation starts this far into them.
 */
export const WARM_UP_SECONDS = 30 * 60;

export interface StackUnderReplay {
  readonly stack: StackJson;
  /** The stack's alarms, read once: every replay of the stack evaluates these. */
  readonly alarms: StackAlarms;
  readonly topology: Topology;
  readonly filters: readonly LogMetricFilter[];
}

export interface ScenarioOutcome {
  readonly scenario: string;
  readonly environment: string;
  readonly kind: EnvironmentKind;
  readonly expectation: Expectation;
  /** Minutes from the incident's start (or the first evaluation, without one) to the first ALARM notification of each route. */
  readonly firstPage?: number;
  readonly firstTicket?: number;
  /** Each alarm's first ALARM notification from the incident's start on, in minutes, earliest first (names without `axonflow-<env>-`). */
  readonly firstByAlarm: readonly { readonly alarm: string; readonly minutes: number }[];
  readonly holds: boolean;
  /** Set when the incident cannot happen in this environment (no service of the kind it breaks): not replayed. */
  readonly notApplicable?: string;
  /** Why not, in plain words; empty when it holds. */
  readonly problems: readonly string[];
}

export interface ScenarioReplay {
  readonly outcome: ScenarioOutcome;
  readonly run: SimulationRun;
  readonly store: DatapointStore;
  readonly result: ReplayResult;
  readonly evaluationStart: number;
}

/**
 * Three steady days of the kind's traffic: what the anomaly band learns from (it models hour-of-day). Only for stacks
 * with a band alarm, and only the metrics those alarms read are kept: simulating and storing three days of every
 * series was most of a replay's time.
 */
const trainings = new Map<string, Training | undefined>();
type Training = { readonly source: DatapointStore; readonly start: number; readonly end: number };

function training(subject: StackUnderReplay, kind: EnvironmentKind): Training | undefined {
  const key = `${subject.topology.file}|${kind}`;
  if (trainings.has(key)) return trainings.get(key);
  const banded = subject.alarms.metricAlarms.filter((a) => a.thresholdMetricId !== undefined);
  let t: Training | undefined;
  if (banded.length > 0) {
    const wanted = new Set(banded.flatMap((a) => alarmMetricStats(a).map((m) => metricKey(m.metric))));
    const days = 3;
    const steady: Scenario = {
      file: "(training)",
      name: "training",
      description: "steady traffic, no incident",
      environments: [kind],
      startMinuteOfDay: 0,
      durationMinutes: days * 1440,
      traffic: "normal",
      seed: 7,
      background: [],
      expectations: { [kind]: { kind: "quiet" } },
    };
    const store = new DatapointStore();
    simulate(steady, subject.topology, subject.filters, seriesFilter(store, wanted), { environment: kind });
    t = { source: store, start: REPLAY_DAY_UTC, end: REPLAY_DAY_UTC + days * 86400 };
  }
  // One per stack file and kind; a replay command or test process replays a handful of stacks.
  if (trainings.size > 16) trainings.clear();
  trainings.set(key, t);
  return t;
}

/**
 * A sink into `store` that keeps only the series in `keys`, until `allFrom`, and every series from then on. The world
 * hands the same MetricId object for a series every minute: the choice is made once per object.
 */
function seriesFilter(store: DatapointStore, keys: ReadonlySet<string>, allFrom = Number.POSITIVE_INFINITY): MetricSink {
  const decided = new WeakMap<MetricId, boolean>();
  return {
    put(metric, datapoint) {
      if (datapoint.timestamp < allFrom) {
        let keep = decided.get(metric);
        if (keep === undefined) decided.set(metric, (keep = keys.has(metricKey(metric))));
        if (!keep) return;
      }
      store.put(metric, datapoint);
    },
  };
}

/** Read-only views into a replay for tools built on it (the dashboard preview): nothing here changes the outcome. */
export interface ReplayTaps {
  /** Every datapoint the world publishes, as the store receives it. */
  readonly metrics?: MetricSink;
  readonly logLines?: LogLinesObserver;
}

/** The series read by alarms whose window (period × evaluation periods) is longer than the warm-up. */
const longWindows = new WeakMap<StackUnderReplay, Set<string>>();
function longWindowSeries(subject: StackUnderReplay): Set<string> {
  let keys = longWindows.get(subject);
  if (keys === undefined) {
    keys = new Set();
    for (const a of subject.alarms.metricAlarms) {
      if (a.periodSeconds * a.evaluationPeriods <= WARM_UP_SECONDS) continue;
      for (const m of alarmMetricStats(a)) keys.add(metricKey(m.metric));
    }
    longWindows.set(subject, keys);
  }
  return keys;
}

export function replayScenario(subject: StackUnderReplay, scenario: Scenario, environment: string, taps: ReplayTaps = {}): ScenarioReplay {
  const kind = kindOf(subject.topology);
  const store = new DatapointStore();
  const tap = taps.metrics;
  // The history only matters to the alarms that look back further than the warm-up: before that, keep only their series.
  const recentFrom = scenarioStartTime(scenario) - WARM_UP_SECONDS;
  const kept = seriesFilter(store, longWindowSeries(subject), recentFrom);
  const sink: MetricSink =
    tap === undefined
      ? kept
      : {
          put: (metric, datapoint) => {
            kept.put(metric, datapoint);
            tap.put(metric, datapoint);
          },
        };
  const run = simulate(scenario, subject.topology, subject.filters, sink, {
    environment: kind,
    historyMinutes: HISTORY_MINUTES,
    ...(taps.logLines && { logLines: taps.logLines }),
  });
  const evaluationStart = run.startTime;
  const band = training(subject, kind);
  const options = { start: evaluationStart, end: run.endTime - 60, ...(band && { training: band }) };
  let result = replayStackAlarms(subject.alarms, store, options);
  if (run.deliveryFailures.length > 0) {
    // A topic fails only what it is sent: publish the failures of what the alarms sent, then evaluate again.
    const sent = result.notifications.flatMap((n) => n.topics.map((topicName) => ({ topicName, timestamp: n.time })));
    publishSnsDeliveryFailures(store, subject.topology, run.deliveryFailures, sent);
    result = replayStackAlarms(subject.alarms, store, options);
  }
  return {
    outcome: judge(subject.topology, scenario, environment, kind, run, evaluationStart, result.notifications),
    run,
    store,
    result,
    evaluationStart,
  };
}

function judge(
  topology: Topology,
  scenario: Scenario,
  environment: string,
  kind: EnvironmentKind,
  run: SimulationRun,
  evaluationStart: number,
  notifications: readonly Notification[],
): ScenarioOutcome {
  const alarms = notifications.filter((n) => n.state === "ALARM");
  const on = (route: Route) =>
    alarms.filter((n) => n.topics.includes(route === "page" ? (topology.topics.pages ?? "") : topology.topics.alerts));
  const origin = run.incidentStart ?? evaluationStart;
  const minutesAfter = (n: Notification | undefined) => (n === undefined ? undefined : (n.time - origin) / 60);
  const firstPage = minutesAfter(on("page")[0]);
  const firstTicket = minutesAfter(on("ticket")[0]);
  const expectation = run.expectation;
  const problems: string[] = [];
  const describe = (n: Notification) => `${n.alarmName} at ${clock(n.time)}`;

  // What on-call needs of every scenario: one incident, one page; a flapping alarm pages again at every flip.
  const pages = on("page");
  if (pages.length > MAX_PAGES_PER_RUN)
    problems.push(
      `paged ${pages.length} times (${pages.map((n) => clock(n.time)).join(", ")}); an incident pages once, at most ${MAX_PAGES_PER_RUN} times`,
    );
  if (expectation.kind === "quiet") {
    for (const n of alarms) problems.push(`expected quiet, but ${describe(n)} notified ${n.topics.join(", ")}`);
  } else {
    for (const route of expectation.never) for (const n of on(route)) problems.push(`a ${route} must never come, but ${describe(n)} did`);
    for (const { route, minutes } of expectation.within) {
      const candidates = route === "any" ? alarms : on(route);
      const early = candidates.filter((n) => n.time < origin);
      for (const n of early) problems.push(`${describe(n)} notified before the incident began`);
      const first = candidates.find((n) => n.time >= origin);
      if (first === undefined) problems.push(`expected a ${route === "any" ? "notification" : route} within ${minutes} min; none came`);
      else if (first.time - origin > minutes * 60)
        problems.push(
          `expected a ${route === "any" ? "notification" : route} within ${minutes} min; the ` +
            `first (${describe(first)}) came after ${(first.time - origin) / 60} min`,
        );
    }
    if (expectation.eachChangeMinutes !== undefined)
      problems.push(...eachChangeProblems(scenario, origin, alarms, expectation.eachChangeMinutes, describe));
  }
  const firstByAlarm: { alarm: string; minutes: number }[] = [];
  for (const n of alarms) {
    const alarm = n.alarmName.replace(`axonflow-${environment}-`, "");
    if (n.time >= origin && !firstByAlarm.some((f) => f.alarm === alarm)) firstByAlarm.push({ alarm, minutes: (n.time - origin) / 60 });
  }
  return {
    scenario: scenario.name,
    environment,
    kind,
    expectation,
    firstPage,
    firstTicket,
    firstByAlarm,
    holds: problems.length === 0,
    problems,
  };
}

/** Each incident change's start must bring a notification from an alarm new since that start. */
function eachChangeProblems(
  scenario: Scenario,
  origin: number,
  alarms: readonly Notification[],
  minutes: number,
  describe: (n: Notification) => string,
): string[] {
  const starts = [...new Set((scenario.incident?.changes ?? []).map((c) => origin + c.fromMinute * 60))].sort((a, b) => a - b);
  return starts.flatMap((start) => {
    const before = new Set(alarms.filter((n) => n.time < start).map((n) => n.alarmName));
    const fresh = alarms.find((n) => n.time >= start && !before.has(n.alarmName));
    const at = `the change from minute ${(start - origin) / 60}`;
    if (fresh === undefined) return [`${at}: no alarm that had not already notified sent word of it`];
    return fresh.time - start > minutes * 60
      ? [`${at}: the first new alarm (${describe(fresh)}) came after ${(fresh.time - start) / 60} min, not within ${minutes}`]
      : [];
  });
}

/** An incident may re-page once (an alarm clearing and firing again as it worsens); more is flapping. */
export const MAX_PAGES_PER_RUN = 2;

const clock = (t: number) => new Date(t * 1000).toISOString().slice(11, 16);

/** The expectation in a few words, for the table: `page ≤ 10 min, never a ticket`. */
export function expectationText(e: Expectation): string {
  if (e.kind === "quiet") return "quiet";
  const within = e.within.map((w) => `${w.route === "any" ? "notification" : w.route} ≤ ${w.minutes} min`);
  const never = e.never.map((r) => `never a ${r}`);
  const each = e.eachChangeMinutes === undefined ? [] : [`each change ≤ ${e.eachChangeMinutes} min`];
  return [...within, ...each, ...never].join(", ");
}
