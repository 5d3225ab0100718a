/**
 * What a metric alarm compares, over a grid of period starts: the evaluated series, its anomaly band where the alarm
 * has one, and the sample counts where the low-sample rule applies. Plain alarms read one metric; metric_query alarms
 * evaluate their expressions (lib/metrics/metric-math.ts, replayable-math.ts, evaluate-metric-math.ts).
 */
import type { MetricSource } from "../metric-data";
import type { MetricAlarmDefinition, MetricQueryDefinition, MetricStat } from "./alarm-definitions";
import { HourOfDayModel, trainingGrid, type AnomalyModelOptions } from "./anomaly-band";
import { evaluateMath, type MathValue } from "./evaluate-metric-math";
import { MetricMathError, referencedIds, type MathNode } from "../../lib/metrics/metric-math";
import { readPeriodSeries, type PeriodGrid } from "./period-series";
import { parseReplayableMath } from "./replayable-math";
import { engineStatistic, lowSampleThreshold } from "./statistics";

export interface AlarmSeries {
  readonly values: Float64Array;
  readonly lower?: Float64Array;
  readonly upper?: Float64Array;
  /** Set where the low-sample rule applies (a percentile alarm). */
  readonly sampleCounts?: Float64Array;
  readonly lowSampleBelow?: number;
}

export interface Training {
  readonly source: MetricSource;
  readonly start: number;
  readonly end: number;
  readonly options?: AnomalyModelOptions;
}

interface CompiledQuery {
  readonly definition: MetricQueryDefinition;
  readonly node?: MathNode;
}

/** An alarm's queries, parsed and checked once; evaluated on any grid and source. */
export class CompiledAlarm {
  private readonly queries = new Map<string, CompiledQuery>();
  /** The query the alarm compares (a plain alarm's metric is the pseudo-query "metric"). */
  readonly evaluatedId: string;
  readonly bandId?: string;

  constructor(readonly alarm: MetricAlarmDefinition) {
    const where = (id: string) => `alarm ${alarm.name}, metric_query ${id}`;
    if (alarm.input.kind === "metric") {
      this.queries.set("metric", { definition: { id: "metric", returnData: true, metricStat: alarm.input.metricStat } });
      this.evaluatedId = "metric";
      return;
    }
    for (const definition of alarm.input.queries) {
      const node = definition.expression !== undefined ? parseReplayableMath(definition.expression, where(definition.id)) : undefined;
      this.queries.set(definition.id, { definition, ...(node ? { node } : {}) });
    }
    for (const [id, query] of this.queries) {
      for (const ref of query.node ? referencedIds(query.node) : []) {
        if (!this.queries.has(ref))
          throw new MetricMathError(`${where(id)}: expression ${JSON.stringify(query.definition.expression)}: unknown id ${ref}`);
      }
    }
    const returned = alarm.input.queries.filter((q) => q.returnData && q.id !== alarm.thresholdMetricId).map((q) => q.id);
    if (returned.length !== 1) {
      throw new Error(
        `alarm ${alarm.name}: metric_query: exactly one query (besides threshold_metric_id) must have return_data true, found ${returned.length}`,
      );
    }
    this.evaluatedId = returned[0]!;
    if (alarm.thresholdMetricId !== undefined) {
      const node = this.queries.get(alarm.thresholdMetricId)?.node;
      if (node?.kind !== "call" || node.name !== "ANOMALY_DETECTION_BAND") {
        throw new Error(`alarm ${alarm.name}: threshold_metric_id ${alarm.thresholdMetricId} must be an ANOMALY_DETECTION_BAND expression`);
      }
      this.bandId = alarm.thresholdMetricId;
    }
  }

  /** The metrics (with statistic and period) the alarm reads. */
  metricStats(): MetricStat[] {
    return [...this.queries.values()].flatMap((q) => (q.definition.metricStat ? [q.definition.metricStat] : []));
  }

  series(source: MetricSource, grid: PeriodGrid, training: Training): AlarmSeries {
    const evaluate = this.evaluator(source, grid, (id, k) => this.band(id, k, grid, training));
    const evaluated = evaluate(this.evaluatedId);
    if (evaluated.kind !== "series") {
      throw new MetricMathError(
        `alarm ${this.alarm.name}, metric_query ${this.evaluatedId}: the alarm's result must be a time series, not a ${evaluated.kind}`,
      );
    }
    const band = this.bandId !== undefined ? evaluate(this.bandId) : undefined;
    const lowSample = this.lowSample(source, grid);
    return {
      values: evaluated.values,
      ...(band?.kind === "band" ? { lower: band.lower, upper: band.upper } : {}),
      ...lowSample,
    };
  }

  private lowSample(source: MetricSource, grid: PeriodGrid): Pick<AlarmSeries, "sampleCounts" | "lowSampleBelow"> {
    const metricStat = this.queries.get(this.evaluatedId)!.definition.metricStat;
    const statistic = metricStat && engineStatistic(metricStat.stat);
    const below = statistic?.kind === "percentile" ? lowSampleThreshold(statistic.percent) : undefined;
    if (!metricStat || below === undefined) return {};
    return {
      sampleCounts: readPeriodSeries(source, metricStat.metric, metricStat.stat, metricStat.periodSeconds, grid).sampleCounts,
      lowSampleBelow: below,
    };
  }

  private band(id: string, k: number, grid: PeriodGrid, training: Training): MathValue {
    const trainOn = trainingGrid(training.start, training.end, this.alarm.periodSeconds);
    const history = this.evaluator(training.source, trainOn, () => {
      throw new MetricMathError(`alarm ${this.alarm.name}: ANOMALY_DETECTION_BAND of a band`);
    })(id);
    if (history.kind !== "series")
      throw new MetricMathError(`alarm ${this.alarm.name}: ANOMALY_DETECTION_BAND(${id}): ${id} is not a time series`);
    const model = HourOfDayModel.train(history.values, trainOn, training.options);
    const lower = new Float64Array(grid.count).fill(Number.NaN);
    const upper = new Float64Array(grid.count).fill(Number.NaN);
    for (let i = 0; i < grid.count; i++) {
      const band = model.band(grid.firstStart + i * grid.stepSeconds, k);
      if (band) [lower[i], upper[i]] = band;
    }
    return { kind: "band", lower, upper };
  }

  private evaluator(source: MetricSource, grid: PeriodGrid, band: (id: string, k: number) => MathValue): (id: string) => MathValue {
    const values = new Map<string, MathValue>();
    const inProgress = new Set<string>();
    const resolve = (id: string): MathValue => {
      const done = values.get(id);
      if (done) return done;
      if (inProgress.has(id))
        throw new MetricMathError(`alarm ${this.alarm.name}, metric_query ${id}: the expressions refer to each other in a cycle`);
      inProgress.add(id);
      const query = this.queries.get(id)!;
      const metricStat = query.definition.metricStat;
      const value: MathValue = metricStat
        ? { kind: "series", values: readPeriodSeries(source, metricStat.metric, metricStat.stat, metricStat.periodSeconds, grid).values }
        : evaluateMath(query.node!, {
            length: grid.count,
            timeOf: (i) => grid.firstStart + i * grid.stepSeconds,
            where: `alarm ${this.alarm.name}, metric_query ${id}`,
            resolve,
            band,
          });
      inProgress.delete(id);
      values.set(id, value);
      return value;
    };
    return resolve;
  }
}
