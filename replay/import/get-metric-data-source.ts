/**
 * A MetricSource over what `aws cloudwatch get-metric-data` wrote for the queries of metric-data-queries.ts:
 * `{ "MetricDataResults": [{ "Id", "Label", "Timestamps", "Values", "StatusCode" }], "Messages": [] }`, or several
 * such responses (pages, in order) in a JSON array, in one or more files.
 *
 * Approximation: an export holds one value per period aligned to the period (12:00, 12:05 for 300 s), while the
 * engine's sliding window asks for every minute (12:03–12:08). A period start is answered with the aligned period
 * that contains it (12:00–12:05 for 12:03), i.e. the alarm sees the newest whole exported period: as if it were
 * evaluated on period boundaries, up to a period minus a minute late.
 * The sample count comes from the SampleCount query of the same metric and period where one was fetched (percentile
 * alarms), else it is NaN (unknown, never low-sample).
 */
import { metricKey, type MetricId, type MetricSource, type PeriodValue } from "../metric-data";
import { metricStatKey, type MetricDataQuery } from "./metric-data-queries";

export interface ExportFile {
  /** For error messages: the file's name. */
  readonly name: string;
  /** The parsed JSON the CLI wrote. */
  readonly content: unknown;
}

export class GetMetricDataSource implements MetricSource {
  /** Query key (metric|stat|period) → timestamp → value. */
  private readonly values = new Map<string, Map<number, number>>();
  private readonly keys = new Map<string, string>();

  constructor(queries: readonly MetricDataQuery[], files: readonly ExportFile[]) {
    for (const q of queries) {
      const metric: MetricId = {
        namespace: q.MetricStat.Metric.Namespace,
        metricName: q.MetricStat.Metric.MetricName,
        dimensions: Object.fromEntries(q.MetricStat.Metric.Dimensions.map((d) => [d.Name, d.Value])),
      };
      const key = metricStatKey(metric, q.MetricStat.Stat, q.MetricStat.Period);
      this.keys.set(q.Id, key);
      this.values.set(key, new Map());
    }
    const lastStatus = new Map<string, { status: string; file: string }>();
    for (const file of files) {
      const pages = Array.isArray(file.content) ? file.content : [file.content];
      pages.forEach((page, index) => {
        this.readPage(file.name, pages.length > 1 ? `[${index}]` : "", page, lastStatus);
      });
    }
    // A result continued on a later page is PartialData until its last page says Complete.
    for (const [id, { status, file }] of lastStatus) {
      if (status !== "Complete") {
        throw new Error(
          `${file}: MetricDataResults ${id}: StatusCode ${status}: the export is incomplete (fetch the pages of NextToken and pass them all, in order)`,
        );
      }
    }
  }

  private readPage(file: string, at: string, page: unknown, lastStatus: Map<string, { status: string; file: string }>): void {
    const invalid = (field: string, problem: string) => new Error(`${file}: ${at}${field}: ${problem}`);
    if (typeof page !== "object" || page === null || !Array.isArray((page as { MetricDataResults?: unknown }).MetricDataResults)) {
      throw invalid("MetricDataResults", "missing or not a list (expected the JSON that aws cloudwatch get-metric-data writes)");
    }
    for (const [i, result] of (page as { MetricDataResults: unknown[] }).MetricDataResults.entries()) {
      const field = `MetricDataResults[${i}]`;
      if (typeof result !== "object" || result === null) throw invalid(field, "not an object");
      const { Id, Timestamps, Values, StatusCode } = result as Record<string, unknown>;
      if (typeof Id !== "string") throw invalid(`${field}.Id`, "missing");
      const key = this.keys.get(Id);
      if (key === undefined) throw invalid(`${field}.Id`, `unknown id ${Id} (not one of the queries given)`);
      if (StatusCode === "InternalError" || StatusCode === "Forbidden") throw invalid(`${field}.StatusCode`, `${StatusCode} for ${Id}`);
      if (StatusCode !== "Complete" && StatusCode !== "PartialData")
        throw invalid(`${field}.StatusCode`, `unexpected ${JSON.stringify(StatusCode)}`);
      lastStatus.set(Id, { status: StatusCode, file });
      if (!Array.isArray(Timestamps) || !Array.isArray(Values) || Timestamps.length !== Values.length) {
        throw invalid(`${field}.Timestamps/Values`, "not two lists of the same length");
      }
      const series = this.values.get(key)!;
      Timestamps.forEach((text, j) => {
        const time = typeof text === "string" ? Date.parse(text) / 1000 : Number.NaN;
        if (!Number.isInteger(time) || time % 60 !== 0)
          throw invalid(`${field}.Timestamps[${j}]`, `${JSON.stringify(text)} is not an ISO time on a minute`);
        const value = Values[j];
        if (typeof value !== "number" || !Number.isFinite(value))
          throw invalid(`${field}.Values[${j}]`, `${JSON.stringify(value)} is not a number`);
        series.set(time, value as number);
      });
    }
  }

  /** The first and last timestamp of any exported value: what a replay of this export covers. */
  timeRange(): { start: number; end: number } {
    let start = Infinity;
    let end = -Infinity;
    for (const series of this.values.values()) {
      for (const t of series.keys()) {
        start = Math.min(start, t);
        end = Math.max(end, t);
      }
    }
    if (start === Infinity) throw new Error("GetMetricDataSource: the exports hold no values at all");
    return { start, end };
  }

  periodValue(metric: MetricId, stat: string, periodSeconds: number, periodStart: number): PeriodValue | undefined {
    const key = metricStatKey(metric, stat, periodSeconds);
    const series = this.values.get(key);
    if (!series) throw new Error(`GetMetricDataSource: nothing was fetched for ${stat} of ${metricKey(metric)} over ${periodSeconds} s`);
    const aligned = Math.floor(periodStart / periodSeconds) * periodSeconds;
    const value = series.get(aligned);
    if (value === undefined) return undefined;
    const samples = this.values.get(metricStatKey(metric, "SampleCount", periodSeconds))?.get(aligned);
    return { value, sampleCount: samples ?? Number.NaN };
  }
}
