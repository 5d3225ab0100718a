import type { ServiceSizing } from "./environment-profile";
import type { ServiceConditions } from "./incident-timeline";
import type { SeededRandom } from "./seeded-random";

/**
 * One ECS service's tasks, minute by minute. A launched task is PENDING for its first minute, then RUNNING; behind
 * a target group it is `initial` (registered, first health check pending: neither healthy nor unhealthy, not routed
 * to) for its first running minute and healthy after. A stopped task is deregistered at once (ECS does it on stop),
 * so in this world targets are never left unhealthy and the ALB's fail-open case does not arise.
 * Repeated quick failures slow the scheduler down (ECS "service throttle logic"): 0, 1, 3, 7, then 15 min between launches.
 */
interface Task {
  readonly launchedAt: number;
  runningFrom: number | undefined;
  /** Crash loop: the minute the container exits (not running from then on). */
  exitAt: number | undefined;
  /** Launched while every task fails to start (bad image, missing secret): stops instead of running. */
  readonly failsToStart: boolean;
  /** A failed deploy's task: runs, never passes a health check, and is stopped after UNHEALTHY_MINUTES. */
  readonly neverHealthy?: boolean;
  /** Memory % the task settles at before any leak. */
  readonly memoryBase: number;
}

export interface FleetMinute {
  readonly desired: number;
  readonly running: number;
  readonly pending: number;
  /** Running tasks past their first health check: healthy targets, for a service behind a target group. */
  readonly healthy: number;
  /** Running tasks past their first health check that fail it (a failed deploy's): unhealthy targets, not routed to. */
  readonly unhealthy: number;
  /** Tasks that died this minute while serving (crash, OOM kill, killed): their in-flight requests fail. */
  readonly abruptStops: number;
  /** Of those, containers that exited on an error and logged it first (crash loop). */
  readonly crashes: number;
  /** Tasks stopped gracefully by a rolling deploy this minute. */
  readonly replaced: number;
  /** A failed deploy's tasks stopped this minute: they log their shutdown, but served nothing. */
  readonly stoppedUnserved: number;
  /** Tasks that reached RUNNING this minute (they log their start-up). */
  readonly started: number;
  /** Memory % of each running task; CPU is added by the caller, which knows the load. */
  readonly memoryPercents: readonly number[];
}

/** ELB marks a target unhealthy after its failed checks, and ECS replaces it: about 3 min from its start. */
const UNHEALTHY_MINUTES = 3;

export class Fleet {
  private tasks: Task[] = [];
  private quickFailures = 0;
  private throttleUntil = 0;
  private crashLoopSeen = false;
  private deployStart: number | undefined;
  private deployDone = 0;
  /** The replacement a rolling deploy launched and is waiting on, until it is healthy and an old task is stopped. */
  private surgeLaunchedAt: number | undefined;

  constructor(
    private readonly sizing: ServiceSizing,
    private readonly random: SeededRandom,
    /** Minutes simulated before minute 0 (history): the tasks were already running then. */
    historyMinutes = 0,
  ) {
    // Tasks already running when the run (or its history) starts, started 1–20 hours earlier.
    for (let i = 0; i < sizing.desiredTasks; i++) {
      const runningFrom = -random.intBetween(60, 1200) - historyMinutes;
      this.tasks.push({ launchedAt: runningFrom - 1, runningFrom, exitAt: undefined, failsToStart: false, memoryBase: this.memoryBase() });
    }
  }

  step(m: number, c: ServiceConditions): FleetMinute {
    let abruptStops = 0;
    let crashes = 0;
    let replaced = 0;
    let stoppedUnserved = 0;
    let started = 0;
    const keep: Task[] = [];
    if (c.crashLoopRunMinutes && !this.crashLoopSeen) {
      // What makes new tasks crash (a poisoned config, an expired credential) takes down the running ones within 0–2 min.
      for (const t of this.tasks) if (t.runningFrom !== undefined && t.exitAt === undefined) t.exitAt = m + this.random.intBetween(0, 2);
    }
    this.crashLoopSeen = c.crashLoopRunMinutes !== undefined;
    // ECS's default rolling update (minimumHealthyPercent 100, maximumPercent 200): the replacement starts first,
    // and an old task is stopped (drained) once the new one is healthy, so capacity never drops below desired.
    const surgeNow = this.deployDue(m, c);
    const surge =
      this.surgeLaunchedAt === undefined
        ? undefined
        : this.tasks.find((t) => t.launchedAt === this.surgeLaunchedAt && t.runningFrom !== undefined);
    let retire = surge !== undefined && surge.runningFrom !== undefined && surge.runningFrom < m;
    // Lost capacity: tasks beyond it stop, and launched ones stay pending (ECS cannot place them).
    const capacity = Math.max(0, this.sizing.desiredTasks - c.tasksLost);
    let runningKept = 0;
    for (const t of this.tasks) {
      if (t.runningFrom === undefined && c.tasksLost > 0 && runningKept >= capacity) {
        keep.push(t);
        continue;
      }
      if (t.runningFrom !== undefined && c.tasksLost > 0 && runningKept >= capacity) {
        if (t.runningFrom < m) abruptStops++;
        continue;
      }
      if (t.runningFrom === undefined) {
        // Pending since last minute: it starts now, or fails to.
        if (t.failsToStart || c.allTasksDown) {
          this.quickFailure(m);
          continue;
        }
        t.runningFrom = m;
        started++;
        if (c.crashLoopRunMinutes) t.exitAt = m + this.random.intBetween(c.crashLoopRunMinutes[0], c.crashLoopRunMinutes[1]);
        keep.push(t);
        runningKept++;
        continue;
      }
      const serving = t.runningFrom < m;
      if (c.allTasksDown || (t.exitAt !== undefined && t.exitAt <= m) || this.memoryPercent(t, m, c) >= 100) {
        if (serving) abruptStops++;
        if (!c.allTasksDown && t.exitAt !== undefined && t.exitAt <= m) {
          crashes++;
          if (m - t.runningFrom <= 3) this.quickFailure(m);
        }
        continue;
      }
      if (t.neverHealthy && (m - t.runningFrom >= UNHEALTHY_MINUTES || !c.failedDeploy)) {
        // Stopped by ECS (SIGTERM): it served nothing, so nothing fails with it.
        stoppedUnserved++;
        continue;
      }
      if (retire && t.launchedAt < (this.deployStart ?? 0)) {
        retire = false;
        this.surgeLaunchedAt = undefined;
        replaced++;
        continue;
      }
      if (m - t.runningFrom >= 10 && t.exitAt === undefined) this.quickFailures = 0;
      keep.push(t);
      runningKept++;
    }
    this.tasks = keep;
    if (surgeNow) {
      this.deployDone++;
      this.surgeLaunchedAt = m;
      this.launch(m, { failsToStart: c.allTasksDown });
    }
    // A failed deploy keeps one new task at a time beside the old ones (maximumPercent 200).
    if (c.failedDeploy && !this.tasks.some((t) => t.neverHealthy)) {
      this.launch(m, { failsToStart: false, neverHealthy: true });
    }
    this.launchMissing(m, c);
    let running = 0;
    let healthy = 0;
    let unhealthy = 0;
    const memoryPercents: number[] = [];
    for (const t of this.tasks) {
      if (t.runningFrom === undefined) continue;
      running++;
      if (t.runningFrom < m && t.neverHealthy) unhealthy++;
      else if (t.runningFrom < m) healthy++;
      memoryPercents.push(Math.min(100, this.memoryPercent(t, m, c) + 0.4 * this.random.normal()));
    }
    return {
      desired: this.sizing.desiredTasks,
      running,
      pending: this.tasks.length - running,
      healthy,
      unhealthy,
      abruptStops,
      crashes,
      replaced,
      stoppedUnserved,
      started,
      memoryPercents,
    };
  }

  /** Rolling deploy: one replacement every `minutesPerTask`, until every task launched before the deploy is replaced. */
  private deployDue(m: number, c: ServiceConditions): boolean {
    if (!c.rollingDeploy) {
      this.deployStart = undefined;
      return false;
    }
    if (this.deployStart !== c.rollingDeploy.startMinute) {
      this.deployStart = c.rollingDeploy.startMinute;
      this.deployDone = 0;
    }
    const due = (m - this.deployStart) % c.rollingDeploy.minutesPerTask === 0;
    return due && this.surgeLaunchedAt === undefined && this.deployDone < this.sizing.desiredTasks;
  }

  private launchMissing(m: number, c: ServiceConditions): void {
    if (m < this.throttleUntil) return;
    // A failed deploy's extra task is beside the desired count, not part of it.
    for (let n = this.tasks.filter((t) => !t.neverHealthy).length; n < this.sizing.desiredTasks; n++) {
      this.launch(m, { failsToStart: c.allTasksDown });
    }
  }

  private quickFailure(m: number): void {
    this.quickFailures++;
    const delay = Math.min(15, 2 ** (this.quickFailures - 1) - 1);
    this.throttleUntil = Math.max(this.throttleUntil, m + 1 + delay);
  }

  private memoryPercent(t: Task, m: number, c: ServiceConditions): number {
    if (t.runningFrom === undefined) return 0;
    if (!c.memoryLeak) return t.memoryBase;
    const since = Math.max(t.runningFrom, c.memoryLeak.startMinute);
    return t.memoryBase + (c.memoryLeak.percentPerHour * Math.max(0, m - since)) / 60;
  }

  /** A task ECS starts at minute `m`: not running until it passes its health checks. */
  private launch(m: number, how: Pick<Task, "failsToStart" | "neverHealthy">): void {
    this.tasks.push({ launchedAt: m, runningFrom: undefined, exitAt: undefined, ...how, memoryBase: this.memoryBase() });
  }

  private memoryBase(): number {
    return this.sizing.baseMemoryPercent + this.random.between(-3, 3);
  }
}
