/**
 * One metric alarm replayed minute by minute.
 * - When: every minute from `start` to `end` inclusive ("Alarm evaluation window": standard-resolution alarms are
 *   evaluated every minute), starting in INSUFFICIENT_DATA (PutMetricAlarm: "the alarm state is immediately set to
 *   INSUFFICIENT_DATA. The alarm is then evaluated").
 * - What: a sliding window ("the evaluation window moves forward each time the alarm is evaluated", e.g. 13:07–14:07
 *   then 13:08–14:08): at time t the newest period is [t − d − P, t − d), d the publishing delay. `d` models data
 *   that reaches CloudWatch late: every datapoint becomes visible d seconds after its minute ends, so the alarm
 *   judges the window ending d seconds ago (partly arrived periods are not modeled). Default 0.
 * - The evaluation range: N + 2 periods (the page's only example reads 5 for 3 evaluation periods; AWS gives no
 *   rule), configurable. missing-data-rule.ts decides from it.
 */
import type { AlarmState, MetricAlarmDefinition } from "./alarm-definitions";
import { isBandOperator } from "../../lib/alarms/alarm-enums";
import type { AlarmSeries } from "./alarm-series";
import { decide, type Decision } from "./missing-data-rule";
import type { PeriodGrid } from "./period-series";

export interface EvaluationSettings {
  readonly start: number;
  readonly end: number;
  readonly publishingDelaySeconds: number;
  readonly evaluationRangeExtraPeriods: number;
}

export interface StateChange {
  readonly time: number;
  readonly state: AlarmState;
  readonly reason: string;
}

/** One period as an evaluation saw it. */
export interface PeriodSeen {
  readonly start: number;
  readonly end: number;
  /** Undefined: a missing period (no datapoint, a dropped expression point, or no band there). */
  readonly value?: number;
  readonly lower?: number;
  readonly upper?: number;
  readonly breaching?: boolean;
  readonly lowSample: boolean;
}

const MISSING = 2;

/** The grid of period starts a replay reads: every minute from the oldest period of the first range to the newest. */
export function evaluationGrid(alarm: MetricAlarmDefinition, settings: EvaluationSettings): PeriodGrid {
  const range = alarm.evaluationPeriods + settings.evaluationRangeExtraPeriods;
  const firstStart = settings.start - settings.publishingDelaySeconds - range * alarm.periodSeconds;
  const lastStart = settings.end - settings.publishingDelaySeconds - alarm.periodSeconds;
  return { firstStart, count: (lastStart - firstStart) / 60 + 1, stepSeconds: 60 };
}

export class MetricAlarmRun {
  readonly grid: PeriodGrid;
  readonly changes: StateChange[] = [];
  /** Per grid period: 1 breaching, 0 not, MISSING. */
  private readonly breach: Uint8Array;
  private readonly lowSample: Uint8Array;
  private readonly rangeLength: number;

  constructor(
    readonly alarm: MetricAlarmDefinition,
    readonly series: AlarmSeries,
    readonly settings: EvaluationSettings,
  ) {
    this.grid = evaluationGrid(alarm, settings);
    this.rangeLength = alarm.evaluationPeriods + settings.evaluationRangeExtraPeriods;
    this.breach = new Uint8Array(this.grid.count);
    this.lowSample = new Uint8Array(this.grid.count);
    for (let i = 0; i < this.grid.count; i++) {
      const b = breaches(alarm, series, i);
      this.breach[i] = b === undefined ? MISSING : b ? 1 : 0;
      const samples = series.sampleCounts?.[i];
      this.lowSample[i] = samples !== undefined && series.lowSampleBelow !== undefined && samples < series.lowSampleBelow ? 1 : 0;
    }
    this.run();
  }

  /** The period starts of the evaluation range at `time`, newest first, as grid indexes. */
  private rangeIndexes(time: number): number[] {
    const newest = this.newestIndex(time);
    return Array.from({ length: this.rangeLength }, (_, k) => newest - (k * this.alarm.periodSeconds) / 60);
  }

  /** The grid index of the newest period judged at `time`. */
  private newestIndex(time: number): number {
    return (time - this.settings.publishingDelaySeconds - this.alarm.periodSeconds - this.grid.firstStart) / 60;
  }

  private run(): void {
    const { alarm, settings } = this;
    let state: AlarmState = "INSUFFICIENT_DATA";
    this.changes.push({ time: settings.start, state, reason: "Unchecked: Initial alarm creation" });
    // One range, refilled each minute: a replay evaluates ~3000 times per alarm.
    const range = Array.from({ length: this.rangeLength }, (): { breaching: boolean | undefined; lowSample: boolean } => ({
      breaching: undefined,
      lowSample: false,
    }));
    const stride = alarm.periodSeconds / 60;
    const ignoreLowSample = alarm.evaluateLowSampleCountPercentiles === "ignore";
    for (let time = settings.start; time <= settings.end; time += 60) {
      const newest = this.newestIndex(time);
      for (let k = 0; k < range.length; k++) {
        const b = this.breach[newest - k * stride]!;
        range[k]!.breaching = b === MISSING ? undefined : b === 1;
        range[k]!.lowSample = this.lowSample[newest - k * stride] === 1;
      }
      const decision = decide(range, alarm.evaluationPeriods, alarm.datapointsToAlarm, alarm.treatMissingData, ignoreLowSample);
      if (decision.state !== "keep" && decision.state !== state) {
        state = decision.state;
        this.changes.push({ time, state, reason: this.reason(decision, this.rangeIndexes(time)) });
      }
    }
  }

  /** The periods of the evaluation range at `time` (a minute of the replay), newest first. */
  periodsSeenAt(time: number): PeriodSeen[] {
    if (time < this.settings.start || time > this.settings.end || (time - this.settings.start) % 60 !== 0) {
      throw new Error(`alarm ${this.alarm.name}: ${time} is not an evaluation time of the replay`);
    }
    return this.rangeIndexes(time).map((i) => this.periodAt(i));
  }

  /** Every period of the grid (one per minute of period start), oldest first: what a graph of the alarm draws. */
  periods(): PeriodSeen[] {
    return Array.from({ length: this.grid.count }, (_, i) => this.periodAt(i));
  }

  private periodAt(i: number): PeriodSeen {
    const start = this.grid.firstStart + i * 60;
    const value = this.series.values[i]!;
    const lower = this.series.lower?.[i];
    const upper = this.series.upper?.[i];
    const b = this.breach[i]!;
    return {
      start,
      end: start + this.alarm.periodSeconds,
      ...(Number.isNaN(value) ? {} : { value }),
      ...(lower !== undefined && !Number.isNaN(lower) ? { lower, upper: upper! } : {}),
      ...(b === MISSING ? {} : { breaching: b === 1 }),
      lowSample: this.lowSample[i] === 1,
    };
  }

  private reason(decision: Decision, indexes: readonly number[]): string {
    const { alarm } = this;
    const shown = indexes
      .slice(0, Math.max(alarm.evaluationPeriods, decision.judged))
      .map((i) => (Number.isNaN(this.series.values[i]!) ? "-" : formatNumber(this.series.values[i]!)))
      .join(", ");
    const comparison = describeComparison(alarm);
    if (decision.rule === "all missing") return `Insufficient Data: no datapoint in the last ${indexes.length} periods [${shown}]`;
    const filled = decision.filled > 0 ? ` (${decision.filled} missing treated as ${alarm.treatMissingData})` : "";
    const premature = decision.rule === "premature alarm" ? " (premature-alarm rule: every datapoint present breaches)" : "";
    const verb = decision.state === "ALARM" ? "Threshold Crossed" : "Threshold Not Crossed";
    return (
      `${verb}: ${decision.breaching} of ${decision.judged} datapoints ` +
      `${comparison}${filled}${premature}, ${alarm.datapointsToAlarm} needed; newest first [${shown}]`
    );
  }
}

/** Whether the period at grid index i breaches; undefined when it is missing. */
function breaches(alarm: MetricAlarmDefinition, series: AlarmSeries, i: number): boolean | undefined {
  const value = series.values[i]!;
  if (Number.isNaN(value)) return undefined;
  if (isBandOperator(alarm.comparisonOperator)) {
    const lower = series.lower?.[i] ?? Number.NaN;
    const upper = series.upper?.[i] ?? Number.NaN;
    // No band (an untrained model) at this period: the point cannot be judged, so it counts as missing.
    if (Number.isNaN(lower) || Number.isNaN(upper)) return undefined;
    switch (alarm.comparisonOperator) {
      case "LessThanLowerOrGreaterThanUpperThreshold":
        return value < lower || value > upper;
      case "GreaterThanUpperThreshold":
        return value > upper;
      case "LessThanLowerThreshold":
        return value < lower;
    }
  }
  const threshold = alarm.threshold!;
  switch (alarm.comparisonOperator) {
    case "GreaterThanThreshold":
      return value > threshold;
    case "GreaterThanOrEqualToThreshold":
      return value >= threshold;
    case "LessThanThreshold":
      return value < threshold;
    case "LessThanOrEqualToThreshold":
      return value <= threshold;
  }
}

function describeComparison(alarm: MetricAlarmDefinition): string {
  switch (alarm.comparisonOperator) {
    case "GreaterThanThreshold":
      return `> ${alarm.threshold}`;
    case "GreaterThanOrEqualToThreshold":
      return `>= ${alarm.threshold}`;
    case "LessThanThreshold":
      return `< ${alarm.threshold}`;
    case "LessThanOrEqualToThreshold":
      return `<= ${alarm.threshold}`;
    case "LessThanLowerOrGreaterThanUpperThreshold":
      return "outside the band";
    case "GreaterThanUpperThreshold":
      return "above the band";
    case "LessThanLowerThreshold":
      return "below the band";
  }
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, "");
}

/** The state after the last change at or before `time` (INSUFFICIENT_DATA before the first). */
export function stateAtTime(changes: readonly StateChange[], time: number): AlarmState {
  let low = 0;
  let high = changes.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (changes[middle]!.time <= time) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found < 0 ? "INSUFFICIENT_DATA" : changes[found]!.state;
}
